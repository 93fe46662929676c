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

# Patterns start with the mark itself (not a lookbehind) so that re can skip ahead to it.
_CYRILLIC_LETTER = "[\u0400-\u04ff]"
_DASHES = ("-", "–", "—")
_DIALOGUE_DASH = re.compile(r"^(?:--?|–|—)[ ]", re.MULTILINE)
_SPACED_DASH = re.compile(r"(?:--?|[–—]) (?=\S)")  # the space before it is checked by _spaced_dash
_GLUED_EM_DASH = re.compile(r"—(?<=[^\W\d_]—)(?=[^\W\d_])")
_APOSTROPHE = re.compile(f"['`ʼ′ʹ‘](?<={_CYRILLIC_LETTER}.)(?={_CYRILLIC_LETTER})")
_QUOTE = re.compile("[\"«»„“”]")
# The common case, one level of straight quotes, in a single C-speed pass; whatever it
# leaves (nesting, glued or odd quotes) goes through the general walk below.
_STRAIGHT_PAIR = re.compile(r'"(?<![^\s(\[/—–-]")([^"\s](?:[^"]*[^"\s])?)"(?=[\s.,:;!?…)\]]|$)')
_CURLY_QUOTES = tuple("«»„“”")
_APOSTROPHES = tuple("'`ʼ′ʹ‘")
_OPENING_CONTEXT = frozenset(" \n([{«„/—–-")


def apply_typography(text: str, lang: str | None, profile: str = "standard") -> str:
    """Typeset one paragraph (or title) in the profile's style for its language."""
    if profile != "standard" or lang not in _STANDARD_LANGS or not text:
        return text
    # Each step runs only when its characters occur: substring tests cost next to nothing.
    if lang in _APOSTROPHE_LANGS and _contains_any(text, _APOSTROPHES):
        text = _APOSTROPHE.sub("’", text)
    if _contains_any(text, _DASHES):
        text = _normalize_dashes(text)
    if _contains_any(text, _CURLY_QUOTES):
        text = _normalize_quotes(text)
    elif '"' in text:
        text = _STRAIGHT_PAIR.sub(r"«\1»", text)
        if '"' in text:
            text = _normalize_quotes(text)
    return text


def _contains_any(text: str, chars: tuple[str, ...]) -> bool:
    return any(c in text for c in chars)


def _normalize_dashes(text: str) -> str:
    if text.startswith(_DASHES) or "\n" in text:
        text = _DIALOGUE_DASH.sub("— ", text)
    if "—" in text:
        text = _GLUED_EM_DASH.sub(" — ", text)
    if " " in text:
        text = _SPACED_DASH.sub(_spaced_dash, text)
    return text


def _spaced_dash(match: re.Match[str]) -> str:
    """A dash with a space after it becomes " — " when a word (not a number range) precedes."""
    text, start = match.string, match.start()
    if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return match.group()
    if text[start - 2].isdigit() and text[match.end()].isdigit():
        return match.group()  # "10 - 15": a range between numbers keeps its dash
    return "— "


def _normalize_quotes(text: str) -> str:
    """«outer „inner“ outer»: each quote mark's role from its own kind or its neighbours."""
    parts, last, depth = [], 0, 0
    for match in _QUOTE.finditer(text):
        i = match.start()
        if _opens(text, i, depth):
            mark = "«" if depth == 0 else "„"
            depth += 1
        else:
            depth = max(depth - 1, 0)
            mark = "»" if depth == 0 else "“"
        parts += [text[last:i], mark]
        last = i + 1
    parts.append(text[last:])
    return "".join(parts)


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
