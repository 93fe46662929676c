"""Photo and video credits: 'Фото: kremlin.ru', '© Reuters', a caption ending in its credit."""
from __future__ import annotations

import re
from functools import cache

from .vocabulary import lexicon

# "© Reuters", "Photo by Jane Doe", "Фото © РИА Новости": a credit without a colon
_CREDIT_BY = re.compile(r"^(?:(?:photo|image|video|photograph|фото|фота|снимка)\s*(?:by|courtesy of|©)|©)"
                        r"\s*(\S.*)$", re.I)
LABEL_VALUE = re.compile(r"^([^\W\d_][^:：]{0,30}?)\s*[:：]\s*(.+)$")


def credit_text(text: str) -> str | None:
    """'Фото: kremlin.ru' -> 'kremlin.ru', also at the end of a caption ('Кристалл после резки.
    Фото: Дмитрий Захаров'); None when the block is not a labelled credit."""
    value = _labelled_credit(text)
    if value is None and len(text.split()) <= 30:
        caption, boundary, tail = text.rpartition(". ")
        if boundary:
            value = _labelled_credit(tail)
    return value


def caption_credit(caption: str) -> str | None:
    """The credit inside a figure caption, wherever it stands: "Сцена из спектакля. Фото: Алексей
    Дорош", "Актёры (фото: Анна Соловей)", "© Getty Images"; no label, no credit."""
    if not (any(map(caption.__contains__, _CREDIT_MARKS)) or "photo by" in caption.lower()):
        return None  # what the pattern needs after a label, or instead of one, is not there
    match = _caption_credit_pattern().search(caption)
    return match and match["credit"].strip(" .,;") or None


_CREDIT_MARKS = (":", "—", "–", "©")


@cache
def _caption_credit_pattern() -> re.Pattern:
    labels = sorted(lexicon()["credit_labels"] | lexicon()["caption_source_labels"], key=len, reverse=True)
    alternatives = "|".join(map(re.escape, labels))
    return re.compile(rf"(?:^|[\s(\[])(?:(?:{alternatives})\s*[:—–]|photo by|©)\s*(?P<credit>[^)\]]+)", re.IGNORECASE)


def _labelled_credit(text: str) -> str | None:
    by = _CREDIT_BY.match(text)
    if by:
        return by[1].strip() if len(by[1].split()) <= 8 else None
    match = LABEL_VALUE.match(text)
    if not match or match[1].lower().strip() not in lexicon()["credit_labels"]:
        return None
    value = match[2].strip()
    return value if 0 < len(value.split()) <= 12 else None
