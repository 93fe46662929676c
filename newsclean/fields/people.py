"""Authors: 'Автор: Ольга Петренко', 'By Daniel Hartley', 'Марина Ткачук, редакторка', a bare name."""
from __future__ import annotations

import re
from functools import cache

from ..lexicons import read_text
from .vocabulary import LeadingPhrases, Shape, lexicon

_NAME_WORD = re.compile(r"^[A-ZА-ЯЁІЇЄҐЎ][\w’'ʼ.-]*$")


def author_name(text: str) -> str | None:
    """'Автор: Ольга Петренко', 'By Daniel Hartley', 'Марина Ткачук, редакторка' -> the name;
    also as one part of a '10.02.2025 | Культура | Текст: Name' line."""
    if " | " in text:
        return next(filter(None, map(_one_author_name, text.split(" | "))), None)
    return _one_author_name(text)


def _one_author_name(text: str) -> str | None:
    label = lexicon()["author_labels"].match(text)
    if label:
        name, comma, role = LeadingPhrases.rest(text, label[1]).strip(" :").partition(",")
        if comma and role.strip().lower() not in lexicon()["author_roles"]:
            name = f"{name},{role}"  # 'Автор: Name, кореспондентка' loses its role only
        return name.strip() if _is_name(name) else None
    name, comma, role = text.partition(",")
    if comma and role.strip().lower() in lexicon()["author_roles"] and _is_name(name):
        return name.strip()
    return None


@cache
def _first_names() -> frozenset[str]:
    text = read_text("first_names.txt")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def is_personal_name(s: Shape) -> bool:
    """'Ірина Бойко', 'Бойко Ірина', 'Daniel Hartley': two or three capitalised words, one a given name."""
    return (2 <= s.n_words <= 3 and len(s.words) == len(s.text.split()) and not s.ends_sentence
            and all(_NAME_WORD.match(w) for w in s.words)
            and (s.words[0] in _first_names() or s.words[-1] in _first_names()))


def _is_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    return 1 <= len(words) <= 8 and sum(bool(_NAME_WORD.match(w)) for w in words) >= max(1, len(words) - 2)
