"""Dates written in text: numeric (2024-10-17, 17.10.2024) and with month names (ru/uk/be/bg/en)."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([^\W\d_]{3,})\.?,?(?:\s+(\d{4}))?", re.UNICODE)
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_RELATIVE = {"сегодня": 0, "сьогодні": 0, "сёння": 0, "днес": 0, "today": 0,
             "вчера": 1, "вчора": 1, "учора": 1, "ўчора": 1, "yesterday": 1}


@lru_cache(maxsize=1)
def _month_patterns() -> list[tuple[int, re.Pattern]]:
    data = json.loads(resources.files("newsclean.lexicons").joinpath("months.json").read_text("utf-8"))
    return [(int(month), re.compile("(?:%s)" % "|".join(stems)))
            for month, stems in data.items() if not month.startswith("_")]


def month_number(word: str) -> int | None:
    word = word.lower()
    best = None
    for month, pattern in _month_patterns():
        match = pattern.match(word)
        if match and (best is None or match.end() > best[1]):
            best = (month, match.end())
    return best[0] if best else None


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
    match = _ISO.search(text)
    return match and _valid(int(match[1]), int(match[2]), int(match[3]))


def _find_numeric(text, reference):
    match = _NUMERIC.search(text)
    return match and _valid(int(match[3]), int(match[2]), int(match[1]))


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
        if reference:
            return _valid(date.fromisoformat(reference).year, month, int(match[1]))
        return None
    return None


def _find_relative(text, reference):
    if not reference:
        return None
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in _RELATIVE:
            return (date.fromisoformat(reference) - timedelta(days=_RELATIVE[word])).isoformat()
    return None
