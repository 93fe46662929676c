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
from collections.abc import Callable
from functools import partial

from .homoglyphs import URL_ONLY
from .joiner import Joiner

_STANDARD_LANGS = frozenset({"ru", "uk", "be"})
_APOSTROPHE_LANGS = frozenset({"uk", "be"})

# Patterns start with the mark itself (not a lookbehind or a class) so that re can skip
# ahead to it: a literal is found many times faster than a member of a class.
_CYRILLIC_LETTER = "[\u0400-\u04ff]"
_DASHES = ("-", "–", "—")
_LINE_START_DASH = re.compile(r"\n(?:--?|–|—) ")  # searched in "\n" + text: a dialogue line
_GLUED_EM_DASH = re.compile(r"—(?<=[^\W\d_]—)(?=[^\W\d_])")
# A dash with a space after it, hyphens and en dashes apart (an em dash stays what it is);
# the space before it is checked by _spaced_dash.
_SPACED_HYPHEN = re.compile(r"--? (?=\S)")
# The common case of it, after a letter and a space, which _spaced_dash always turns into
# an em dash: replaced without a Python call per match
_SPACED_HYPHEN_AFTER_LETTER = re.compile(r"-(?<=[A-Za-z\u0400-\u052f] -)-? (?=\S)")
_SPACED_EN_DASH = re.compile(r"– (?=\S)")
_APOSTROPHE = re.compile(f"['`ʼ′ʹ‘](?<={_CYRILLIC_LETTER}.)(?={_CYRILLIC_LETTER})")
_QUOTE = re.compile("[\"«»„“”]")
# The common case, one level of straight quotes, in a single C-speed pass; whatever it
# leaves (nesting, glued or odd quotes) goes through the general walk below. Paragraphs
# joined by line breaks take the second pattern, whose pairs end on their line.
_STRAIGHT_PAIR = re.compile(r'"(?<![^\s(\[/—–-]")([^"\s](?:[^"]*[^"\s])?)"(?=[\s.,:;!?…)\]]|$)')
_STRAIGHT_PAIR_IN_LINE = re.compile(_STRAIGHT_PAIR.pattern.replace('[^"]', r'[^"\n]'))
_CURLY_QUOTES = tuple("«»„“”")
_APOSTROPHES = tuple("'`ʼ′ʹ‘")
_OPENING_CONTEXT = frozenset(" \n([{«„/—–-")


def apply_typography(text: str, lang: str | None, profile: str = "standard") -> str:
    """Typeset one paragraph (or title) in the profile's style for its language."""
    if profile != "standard" or lang not in _STANDARD_LANGS or not text:
        return text
    return _typeset_quotes(_typeset_marks(text, lang))


def typeset_paragraphs(paragraphs: list[str], lang: str | None, profile: str = "standard") -> list[str]:
    """apply_typography on each paragraph, with the same result, in one pass over them all:
    apostrophes, dashes and straight quote pairs stay within a line, so they run once on the
    paragraphs joined by line breaks; the quote walk, where needed, runs on each paragraph."""
    joined = "\n".join(paragraphs)
    if profile != "standard" or lang not in _STANDARD_LANGS or joined.count("\n") != len(paragraphs) - 1:
        return [apply_typography(p, lang, profile) for p in paragraphs]  # a paragraph holds a line break
    typeset = _typeset_marks(joined, lang)
    if _contains_any(typeset, _CURLY_QUOTES):
        return list(map(_typeset_quotes, typeset.split("\n")))
    if '"' in typeset:
        typeset = _guillemet_pairs(_STRAIGHT_PAIR_IN_LINE, typeset)
        if '"' in typeset:  # odd or nested quotes somewhere
            return [_normalize_quotes(line) if '"' in line else line for line in typeset.split("\n")]
    return typeset.split("\n")


def _typeset_marks(text: str, lang: str) -> str:
    """Apostrophes and dashes: each step runs only when its characters occur."""
    if lang in _APOSTROPHE_LANGS and _contains_any(text, _APOSTROPHES):
        text = _APOSTROPHE.sub("’", text)
    if _contains_any(text, _DASHES):
        text = _normalize_dashes(text)
    return text


def _typeset_quotes(text: str) -> str:
    if _contains_any(text, _CURLY_QUOTES):
        return _normalize_quotes(text)
    return _straight_quotes(text) if '"' in text else text


def _straight_quotes(text: str) -> str:
    text = _guillemet_pairs(_STRAIGHT_PAIR, text)
    return _normalize_quotes(text) if '"' in text else text


def _guillemet_pairs(pair: re.Pattern[str], text: str) -> str:
    """pair.sub() putting its group between « and »: split and join spare a Python call per pair."""
    parts = pair.split(text)
    parts[1::2] = [f"«{inner}»" for inner in parts[1::2]]
    return "".join(parts)


def _contains_any(text: str, chars: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, chars))


def _normalize_dashes(text: str) -> str:
    if text.startswith(_DASHES) or _LINE_START_DASH.search(text):  # spares two copies of the text
        text = _LINE_START_DASH.sub("\n— ", "\n" + text)[1:]
    if "—" in text:
        text = _outside_urls(text, partial(_GLUED_EM_DASH.sub, " — "))
    text = _SPACED_HYPHEN.sub(_spaced_dash, _SPACED_HYPHEN_AFTER_LETTER.sub("— ", text))
    if "–" in text:
        text = _SPACED_EN_DASH.sub(_spaced_dash, text)
    return text


def _outside_urls(text: str, change: Callable[[str], str]) -> str:
    """change() on the text but its URLs (as the look-alike repair leaves them: spaced, a URL's
    end would move, and that repair would then reach what it had spared)."""
    if not URL_ONLY.search(text):
        return change(text)
    done, last = Joiner(), 0
    for url in URL_ONLY.finditer(text):
        done.add(change(text[last:url.start()]))
        done.add(url.group())
        last = url.end()
    done.add(change(text[last:]))
    return done.text()


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
    typeset, last, depth = Joiner(), 0, 0  # the text up to `last`, typeset
    for match in _QUOTE.finditer(text):
        i = match.start()
        if _opens(text, i, depth):
            mark = "«" if depth == 0 else "„"
            depth += 1
        else:
            depth = max(depth - 1, 0)
            mark = "»" if depth == 0 else "“"
        if mark != match.group():
            typeset.add(text[last:i])
            typeset.add(mark)
            last = i + 1
    typeset.add(text[last:])
    return typeset.text()


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
