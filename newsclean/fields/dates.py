"""Dates written in text: numeric (2024-10-17, 17.10.2024) and with month names (ru/uk/be/bg/en)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..lexicons import load_json

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
# "3 июня 2024", "5. Juni 2025", "13 de enero de 2025"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,})\.?,?(?:\s+(?:de\s+)?(\d{4}))?", re.UNICODE)
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
RELATIVE_DAYS = {"сегодня": 0, "сьогодні": 0, "сёння": 0, "днес": 0, "today": 0,
                  "вчера": 1, "вчора": 1, "учора": 1, "ўчора": 1, "yesterday": 1,
                  "позавчера": 2, "позавчора": 2, "заўчора": 2, "завчора": 2}
# A relative day counts only as a whole date line ("Вчера", "учора о 14:20", "днес, 10:00"), not as a
# word in a sentence ("Вчера президент заявил...").
_RELATIVE_DAY_WORDS = "|".join(RELATIVE_DAYS)
_RELATIVE = re.compile(rf"^\W*({_RELATIVE_DAY_WORDS})"
                       r"\W*(?:(?:в|о|у|at)?\s*\d{1,2}[:.]\d{2}(?:\s*ч)?\W*)?$",  # no f: {1,2} is a quantifier
                       re.IGNORECASE)


@lru_cache(maxsize=1)
def _month_forms() -> dict[str, int]:
    """Every word form of every month, spelled out from the patterns of months.json (a dict
    lookup per word, where twelve regexes cost more to compile than a short dump to clean)."""
    data = load_json("months.json")
    forms: dict[str, int] = {}
    for month, patterns in data.items():
        if not month.startswith("_"):
            for pattern in patterns:
                for form in spelled_out(pattern):
                    forms.setdefault(form, int(month))  # a form of two months: the first one's
    return forms


# the syntax of the patterns: a letter, [letters] or (alternatives|...), each maybe optional
_TIME_ZONE_SLACK = timedelta(days=1)  # a date without a year may be this much after the reference
_PATTERN_PART = re.compile(r"(\[[^\]]+\]|\([^()]+\)|[^\[\]()?|\\*+.])(\?)?")


_SYNTAX = frozenset("[]()?|\\*+.")  # what is not a letter of a pattern (the parts below)


def spelled_out(pattern: str) -> list[str]:
    """All the strings a month pattern matches whole: 'січ(ень|ня)?' -> січ, січень, січня."""
    if _SYNTAX.isdisjoint(pattern):  # letters only (most patterns): the word itself
        return [pattern]
    words = [""]
    position = 0
    for part in _PATTERN_PART.finditer(pattern):
        if part.start() != position:
            raise ValueError(f"months.json: {pattern!r} is not a letter, [letters] or (a|b) pattern")
        piece, optional = part[1], bool(part[2])
        choices = list(piece[1:-1]) if piece[0] == "[" else piece[1:-1].split("|") if piece[0] == "(" else [piece]
        choices += [""] if optional else []
        words = [word + choice for word in words for choice in choices]
        position = part.end()
    if position != len(pattern):
        raise ValueError(f"months.json: {pattern!r} is not a letter, [letters] or (a|b) pattern")
    return words


def month_number(word: str) -> int | None:
    """The month a whole word names ("жовтня", "лістапада", "дек."), else None ("студентов", "листов")."""
    return _month_forms().get(word.lower().rstrip("."))


def parse_date(text: str, reference: str | None = None) -> str | None:
    """The first full date in `text` as ISO YYYY-MM-DD; a date without a year, or a relative
    one ("сегодня", "вчера"), is resolved only against `reference` (ISO), else None."""
    for finder in (_find_iso, _find_numeric, _find_month_day_year, _find_day_month):
        found = finder(text, reference)
        if found:
            return found
    return _find_relative(text, reference)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _find_iso(text, reference):
    return _first_valid((int(m[1]), int(m[2]), int(m[3])) for m in _ISO.finditer(text))


def _find_numeric(text, reference):
    return _first_valid((int(m[3]), int(m[2]), int(m[1])) for m in _NUMERIC.finditer(text))


def _first_valid(candidates) -> str | None:
    """The first (year, month, day) that is a real date: "2024-13-45" is an id, not a date."""
    return next(filter(None, (_valid(*c) for c in candidates)), None)


def _find_month_day_year(text, reference):
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = month_number(match[1])
        if month:
            return _valid(int(match[3]), month, int(match[2]))
    return None


def _find_day_month(text, reference):
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = month_number(match[2])
        if not month:
            continue
        if match[3]:
            return _valid(int(match[3]), month, int(match[1]))
        return _without_year(reference, month, int(match[1])) if reference else None
    return None


def _without_year(reference: str, month: int, day: int) -> str | None:
    """A day and month in the year of the reference date, or the year before when that would be
    later than the reference (an article of 5 January dated "31 декабря" is of last December),
    the last leap year's for 29 February; a day of slack for time zones."""
    today = date.fromisoformat(reference)
    for year in range(today.year, today.year - _LEAP_CYCLE, -1):  # (29 February: the last leap year)
        found = _valid(year, month, day)
        if found and date.fromisoformat(found) <= today + _TIME_ZONE_SLACK:
            return found
    return None


_LEAP_CYCLE = 9  # years: a 29 February is never further back (1896 and 1904 are eight years apart)


def _find_relative(text, reference):
    match = reference and _RELATIVE.match(text.strip())
    if not match:
        return None
    try:
        return (date.fromisoformat(reference) - timedelta(days=RELATIVE_DAYS[match[1].lower()])).isoformat()
    except OverflowError:  # "вчера" against 0001-01-01: before the first day a date can hold
        return None
