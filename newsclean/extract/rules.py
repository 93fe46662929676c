"""What a line is on its own, wherever it stands: a UI label, a prompt, a credit, a date line, a
counter, a breadcrumb... from the shape of the line and the web vocabulary of whole languages
(lexicons/boilerplate.json), never from one outlet's phrases.

A rule is a strong feature of the scorer, not a verdict; only the metadata rules (date, author,
credit) give a role of their own."""
from __future__ import annotations

import re

from ..fields.credits import LABEL_VALUE, credit_text
from ..fields.dates import RELATIVE_DAYS, month_number
from ..fields.people import author_name, is_personal_name
from ..fields.vocabulary import LeadingPhrases, Shape, lexicon
from .roles import Rule

_DIGIT = re.compile(r"\d")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b")  # not 55-31-08
BREADCRUMB_SEPARATORS = re.compile(r"\s(?:/|»|›|>|→|\\)\s")
_READ_TIME = re.compile(r"^\d+\s*(?:min|minutes?|мин|минут\w*|хв|хвилин\w*|хвілін\w*|мин\.)\.?"
                        r"\s*(?:read|чтения|читання|чытання|четене)?$", re.I)
_RELATIVE_DAY_WORDS = "|".join(RELATIVE_DAYS)
RELATIVE_TIME = re.compile(rf"^(?:\d+\s+\w+\s+(?:ago|назад|тому)|{_RELATIVE_DAY_WORDS})$", re.I)
_SCRIPT_NAME = re.compile(r"^[a-z_$][a-z0-9_$.-]*$")
_UI_PARTS = re.compile(r"\s{2,}|\s*[|·•]\s*")
_TWO_SPACES = re.compile(r"\s\s")
# prompts after which nothing belongs to the article
_END_PROMPTS = frozenset({"copyright notice", "cookie banner", "newsletter chrome"})

Verdict = tuple[Rule, str]  # the rule and a detail for people ('share', 'cookie banner', a label)


def rule_of(verdict: Verdict | None) -> Rule | None:
    """The rule of a verdict; None for a line no rule holds for."""
    return None if verdict is None else verdict[0]


def local_rule(s: Shape, lang: str | None) -> Verdict | None:
    """The first rule that holds for the line, else None (most prose).

    Each check applies only to blocks up to its length in words, so a paragraph of prose
    costs a few comparisons."""
    for longest, check in _CHECKS:
        if s.n_words <= longest:
            verdict = check(s, lang)
            if verdict:
                return verdict
    return None


def is_date_line(s: Shape) -> bool:
    """A line that is a date, maybe with a time (and at most a couple of label words)."""
    if s.n_words > 8 or not _DIGIT.search(s.text):
        return False
    has_date = bool(_NUMERIC_DATE.search(s.text))  # a time alone is a timestamp or a player, not a date
    other_words = 0
    for word in s.words:
        if month_number(word) and len(word) >= 3:
            has_date = True
        elif word.lower() not in ("г", "р", "года", "року", "am", "pm", "в", "у", "о", "at"):
            other_words += 1
    return has_date and other_words <= 2


def _date_line(s: Shape, lang) -> Verdict | None:
    return (Rule.DATE_LINE, "") if is_date_line(s) else None


def _no_words(s: Shape, lang) -> Verdict | None:
    return None if s.words else (Rule.NO_WORDS, "")


def _prompt(s: Shape, lang) -> Verdict | None:
    kind = _prompt_kind(s)
    if not kind:
        return None
    return (Rule.END_PROMPT if kind in _END_PROMPTS else Rule.PROMPT), kind


def _prompt_kind(s: Shape) -> str | None:
    leading = lexicon()["prompt_phrases"].match_words(s.leading)
    if leading:
        return leading[0]
    text = s.lower
    if not lexicon()["prompt_needs"].search(text):  # most lines: one search, not one per kind
        return None
    return next((kind for kind, needs, pattern in lexicon()["prompt_patterns"]
                 if any(map(text.__contains__, needs)) and pattern.search(text)), None)


def _credit(s: Shape, lang) -> Verdict | None:
    return (Rule.CREDIT, "") if credit_text(s.text) else None


def _byline(s: Shape, lang) -> Verdict | None:
    if (s.n_words <= 6 or not s.ends_sentence) and author_name(s.text):
        return Rule.AUTHOR_LINE, ""
    if is_personal_name(s):
        return Rule.PERSON_NAME, ""
    return None


def _timing(s: Shape, lang) -> Verdict | None:
    return (Rule.TIMING, "") if _READ_TIME.match(s.text) or RELATIVE_TIME.match(s.text) else None


def _metadata_field(s: Shape, lang) -> Verdict | None:
    label = LABEL_VALUE.match(s.text)
    if label and label[1].lower().strip() in lexicon()["meta_labels"]:
        return Rule.META_FIELD, label[1].strip()
    return None


def _ad_label(s: Shape, lang) -> Verdict | None:
    return (Rule.AD_LABEL, "") if s.key in lexicon()["ad_labels"] else None


def _section(s: Shape, lang) -> Verdict | None:
    """The header of a related / share / tags / comments section."""
    if s.key in lexicon()["section_headers"]:
        return Rule.SECTION_END, "related"
    labelled_list = ":" in s.text[:25]  # 'Теги: выборы, парламент, бюджет'
    if s.ends_sentence or s.n_words > (25 if labelled_list else 5):
        return None
    match = lexicon()["end_prefixes"].match_words(s.key_leading)
    if not match:
        return None
    return (Rule.SECTION_SHARE if match[0] == "share" else Rule.SECTION_END), match[0]


def _read_also(s: Shape, lang) -> Verdict | None:
    match = lexicon()["read_also_prefixes"].match_words(s.key_leading)
    if not match:
        return None
    return (Rule.READ_ALSO_HEADER if not LeadingPhrases.rest(s.key, match[1]) else Rule.READ_ALSO_LINK), ""


def _signature(s: Shape, lang) -> Verdict | None:
    if not s.ends_sentence and lexicon()["signature_prefixes"].match_words(s.leading):
        return Rule.SIGNATURE, ""
    return None


def _widget(s: Shape, lang) -> Verdict | None:
    """Menus, buttons, counters, breadcrumbs, card chrome, script names, caption labels."""
    if _all_ui_labels(s):
        return Rule.UI_LABEL, ""
    if is_counter(s):
        return Rule.COUNTER, ""
    if _is_breadcrumb(s):
        return Rule.BREADCRUMB, ""
    if " | " in s.text and not s.ends_sentence:
        return Rule.CHROME, ""
    if s.n_words == 1 and lang != "en" and _SCRIPT_NAME.match(s.text):
        return Rule.SCRIPT_NAME, ""
    if s.n_words <= 4 and not s.ends_sentence and any(w.lower() in lexicon()["credit_labels"] for w in s.words):
        return Rule.CAPTION_LABEL, ""
    return None


def is_counter(s: Shape) -> bool:
    """Counters, timestamps, tickers, pagination: few words, mostly digits and symbols."""
    chars = len(s.text) - s.text.count(" ")
    return chars > 0 and s.n_letters / chars < 0.5 and s.n_words <= 4


def _is_breadcrumb(s: Shape) -> bool:
    parts = BREADCRUMB_SEPARATORS.split(s.text)
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and not s.ends_sentence


def _all_ui_labels(s: Shape) -> bool:
    """'Facebook  Telegram  X' or 'Поделиться': every part is a UI label."""
    labels = lexicon()["ui_labels"]
    if s.key in labels:
        return True
    if not (any(map(s.lower.__contains__, "|·•")) or _TWO_SPACES.search(s.lower)):
        return False  # nothing _UI_PARTS splits at: one part
    parts = [p for p in _UI_PARTS.split(s.lower) if p]
    return len(parts) > 1 and all(p.strip(" .:") in labels for p in parts)


# (longest block in words the check applies to, check), in order of precedence
_CHECKS = (
    (8, _date_line),
    (0, _no_words),
    (45, _prompt),  # prompts are a sentence or two; a long paragraph merely mentions cookies
    (30, _credit),  # also a caption ending in its credit
    (12, _byline),
    (6, _timing),
    (8, _metadata_field),
    (4, _ad_label),
    (25, _section),  # also a labelled tag list
    (25, _read_also),
    (10, _signature),
    (10, _widget),
)
