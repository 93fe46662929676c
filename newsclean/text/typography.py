"""Typography profiles: quotes, dashes, apostrophes per language.

"standard" applies the house style of the corpus to ru, uk and be only: quotes «…»
(nested „…“), a dash between words " — ", the Ukrainian and Belarusian apostrophe ’.
Other languages are kept as written: English typography is not ours to change, and
Bulgarian keeps its „…“. "keep" changes nothing.

Hyphens inside words and numbers ("2023-2024", "-5", "COVID-19"), URLs and e-mails are
never touched: a dash is only ever a hyphen or en/em dash with a space on each side
(or at the start of a dialogue line), and apostrophes only change between two letters.
"""
from __future__ import annotations

import re

_STANDARD_LANGS = frozenset({"ru", "uk", "be"})
_APOSTROPHE_LANGS = frozenset({"uk", "be"})

_CYRILLIC_LETTER = "[\u0400-\u04ff]"
_DIALOGUE_DASH = re.compile(r"^(?:--?|–|—)[ ]", re.MULTILINE)
_SPACED_DASH = re.compile(r"(?<=\S) (?:--?|–|—) (?=\S)")
_GLUED_EM_DASH = re.compile(r"(?<=[^\W\d_])—(?=[^\W\d_])")
_APOSTROPHE = re.compile(f"(?<={_CYRILLIC_LETTER})['`ʼ′ʹ‘](?={_CYRILLIC_LETTER})")
_QUOTE = re.compile("[\"«»„“”]")
_OPENING_CONTEXT = frozenset(" \n([{«„/—–-")


def apply_typography(text: str, lang: str | None, profile: str = "standard") -> str:
    """Typeset one paragraph (or title) in the profile's style for its language."""
    if profile != "standard" or lang not in _STANDARD_LANGS or not text:
        return text
    if lang in _APOSTROPHE_LANGS:
        text = _APOSTROPHE.sub("’", text)
    text = _normalize_dashes(text)
    if _QUOTE.search(text):
        text = _normalize_quotes(text)
    return text


def _normalize_dashes(text: str) -> str:
    text = _DIALOGUE_DASH.sub("— ", text)
    text = _GLUED_EM_DASH.sub(" — ", text)
    return _SPACED_DASH.sub(_spaced_dash, text)


def _spaced_dash(match: re.Match[str]) -> str:
    text = match.string
    if text[match.start() - 1].isdigit() and text[match.end()].isdigit():
        return match.group()  # "10 - 15": a range between numbers keeps its dash
    return " — "


def _normalize_quotes(text: str) -> str:
    """«outer „inner“ outer»: each quote mark's role from its own kind or its neighbours."""
    chars = list(text)
    depth = 0
    for i, char in enumerate(chars):
        if not _QUOTE.match(char):
            continue
        if _opens(text, i, depth):
            chars[i] = "«" if depth == 0 else "„"
            depth += 1
        else:
            depth = max(depth - 1, 0)
            chars[i] = "»" if depth == 0 else "“"
    return "".join(chars)


def _opens(text: str, i: int, depth: int) -> bool:
    char = text[i]
    if char in "«„":
        return True
    if char in "»”" or (char == "“" and depth >= 2):
        return False  # inside a nested quote “ is the closing mark of „…“
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENING_CONTEXT and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return False
    return depth == 0  # glued on both sides or spaced on both: open only when nothing is open
