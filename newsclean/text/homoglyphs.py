"""Latin look-alike letters inside Cyrillic words (and the reverse).

A word changes script only when the evidence is one-sided: "Гpинько" has letters that
exist only in Cyrillic (г, и, н, ь, к) and a Latin "p" that has a Cyrillic twin, so the
"p" becomes "р"; "Rеuters" gets its Latin "e" back. A word with letters of both scripts
that have no twin is a real mix and stays; a word made only of twins ("HATО", "Hа", "сe")
takes the script of its line, not of its own majority. Pure words (NATO, iPhone, COVID-19,
"Telegram-канал") are never looked at, and neither are URLs and e-mail addresses; a Roman
numeral with a Cyrillic case ending ("XIXв", "XXIм", "XIXе́") keeps both scripts. A lone Latin
a/o/c/y/e between two Cyrillic words is a typing slip for the Cyrillic one-letter word.

The scan is cheap for clean text: only Latin letters are looked at, and only where one
touches a Cyrillic letter, or sits alone between Cyrillic words, is a word examined.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, partial

from ..lexicons import load_json
from .charview import char_view
from .joiner import Joiner

_CYRILLIC = "\u0400-\u04ff\u0500-\u052f"
# Patterns start with the Latin letter so that re skips Cyrillic text quickly: as [A-z], one
# range, which re scans in about half the time of [A-Za-z], then a lookbehind drops the six
# signs between "Z" and "a".
_LATIN = "[A-z](?<=[A-Za-z])"
_ADJACENT = re.compile(f"{_LATIN}(?:(?<=[{_CYRILLIC}][A-Za-z])|(?=[{_CYRILLIC}]))")
# A line break counts as a space: the line may be hard-wrapped, and joined into "поздно a потом"
# later, when this has run already (then a second cleaning would fix what the first did not).
_LONE_LATIN = re.compile(f"[a-z](?<=[{_CYRILLIC}][ \n][a-z])(?=[ \n][{_CYRILLIC}])")
_IS_CYRILLIC = re.compile(f"[{_CYRILLIC}]")
_APOSTROPHES = "'’ʼ`′‘"
# An e-mail's name starts where its run of name characters does: tried at every character of
# a long run without "@", the name would be re-read to the run's end each time (quadratic).
_URL = r"(?:https?://|ftp://|www\.)\S+"
_URL_OR_EMAIL = re.compile(_URL + r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# without an "@" in the text: the e-mail half, tried at every word character, cannot match
URL_ONLY = re.compile(_URL, re.IGNORECASE)


@cache
def _lexicon() -> dict:
    return load_json("homoglyphs.json")


@cache
def _latin_to_cyrillic() -> dict[str, str]:
    lexicon = _lexicon()
    return lexicon["latin_to_cyrillic"] | lexicon["latin_to_cyrillic_i"] | lexicon["latin_to_cyrillic_j"]


def fix_homoglyphs(text: str) -> str:
    """Put look-alike letters back into the script of the word they stand in."""
    if text.isascii() or not _may_hold_suspects(text):
        return text
    if _ADJACENT.search(text):
        text = _fix_mixed_words(text)
    if _LONE_LATIN.search(text):
        text = _LONE_LATIN.sub(_fix_lone_letter, text)
    return text


def _may_hold_suspects(text: str) -> bool:
    """False only when no Latin letter touches a Cyrillic one or stands alone between
    Cyrillic words (what _ADJACENT and _LONE_LATIN look for): the one scan clean text costs.

    It looks at a map of the text with one byte per character (C-speed codecs), where
    re finds the rare Latin letters many times faster than in the text itself."""
    return _SUSPECT_IN_MAP.search(_script_map(text)) is not None


def _script_map(text: str) -> bytes:
    """b"a" for a Latin letter, b"c" for a Cyrillic letter (or a "?", which stands for any
    character outside cp1251 too), b" " for a space or a line break, b"." for anything else."""
    return char_view(text).bytes.translate(_SCRIPT_OF_BYTE)


def _script_of_byte(byte: int) -> bytes:
    char = bytes([byte]).decode("cp1251", "replace")
    if char.isascii() and char.isalpha():
        return b"a"
    if char == "?" or _IS_CYRILLIC.match(char):
        return b"c"
    return b" " if char in " \n" else b"."


_SCRIPT_OF_BYTE = b"".join(map(_script_of_byte, range(256)))
_SUSPECT_IN_MAP = re.compile(rb"a(?:(?<=ca)|(?=c)|(?<=c a)(?= c))")


def _fix_mixed_words(text: str) -> str:
    protected = (_URL_OR_EMAIL if "@" in text else URL_ONLY).finditer(text)  # in text order, like the words
    guard = next(protected, None)
    line_is_cyrillic = _LineScripts(text)
    done, last = Joiner(), 0  # the text up to `last`, fixed
    recompose = False
    for start, end in _word_spans(text):
        while guard is not None and guard.end() <= start:
            guard = next(protected, None)
        if guard is not None and guard.start() <= start:
            continue
        word = text[start:end]
        fixed = _fix_word(word, partial(line_is_cyrillic, start))
        if fixed != word:
            done.add(text[last:start])
            done.add(fixed)
            last = end
            # an accent after the word may compose with its new last letter ("а\u0301" -> "a" + it = "á")
            recompose = recompose or unicodedata.combining(text[end:end + 1] or " ") > 0
    done.add(text[last:])
    return unicodedata.normalize("NFC", done.text()) if recompose else done.text()


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """The whole words (letters and inner apostrophes) around the Latin-Cyrillic contacts, in order."""
    match = _ADJACENT.search(text)
    while match:
        start, end = match.start(), match.end()
        while start > 0 and (text[start - 1].isalpha() or _is_inner_apostrophe(text, start - 1)):
            start -= 1
        while end < len(text) and (text[end].isalpha() or _is_inner_apostrophe(text, end)):
            end += 1
        yield start, end
        # the search goes on after the word: its other contacts would give the same word again
        # (walking it once per contact made a long mixed word cost its length squared)
        match = _ADJACENT.search(text, end)


def _is_inner_apostrophe(text: str, i: int) -> bool:
    return text[i] in _APOSTROPHES and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _fix_lone_letter(match: re.Match[str]) -> str:
    letter = match.group()
    if letter not in _lexicon()["lone_latin_letters"]:
        return letter
    if letter == "i":
        return "і" if _uses_dotted_i(match.string) else letter
    return _lexicon()["latin_to_cyrillic"].get(letter, letter)


def _uses_dotted_i(text: str) -> bool:
    """Whether the text is in a language that writes Cyrillic і (uk, be, kk), not и-only Russian."""
    lexicon = _lexicon()
    with_i, without_i = lexicon["i_context"]
    return sum(map(text.count, with_i)) * lexicon["i_context_weight"] > sum(map(text.count, without_i))


class _LineScripts:
    """Whether the line around a position has more Cyrillic letters than Latin ones, counted
    (by two regex scans) once per line: the words are asked about in order, so the line of the
    last answer is kept (looking its start up again for every word of a long line cost its
    length squared)."""

    def __init__(self, text: str):
        self._text = text
        self._start, self._end, self._cyrillic = 0, -1, False

    def __call__(self, position: int) -> bool:
        if not self._start <= position <= self._end:
            text = self._text
            self._start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            self._end = end if end >= 0 else len(text)
            line = text[self._start:self._end]
            self._cyrillic = len(_CYRILLIC_LETTERS.findall(line)) > len(_LATIN_LETTERS.findall(line))
        return self._cyrillic


_CYRILLIC_LETTERS = re.compile(f"[{_CYRILLIC}]")
_LATIN_LETTERS = re.compile("[A-Za-z]")


# A Roman numeral in Latin letters: two letters or more, or the I, V or X of a century (a lone C or M
# before Cyrillic letters is a look-alike: "Cочи", "Mы")
_ROMAN = re.compile(r"(?=[IVXLCDM]{2}|[IVX][^IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _is_roman_with_ending(word: str) -> bool:
    """A Roman numeral with a Cyrillic case ending or abbreviation ("XIXв", "XXIм", "IIго"): the
    numeral stays Latin, the ending Cyrillic."""
    numeral = _ROMAN.match(word)
    return bool(numeral and numeral.end() and word[numeral.end():] in _roman_numeral_endings())


@cache
def _roman_numeral_endings() -> frozenset[str]:
    return frozenset(_lexicon()["roman_numeral_endings"])


def _fix_word(word: str, line_is_cyrillic) -> str:
    if _is_roman_with_ending(word):
        return word
    to_cyrillic, to_latin = _latin_to_cyrillic(), _lexicon()["cyrillic_to_latin"]
    letters = [c for c in word if c.isalpha() and c not in _APOSTROPHES]  # ʼ is a "letter"
    cyrillic = [c for c in letters if _IS_CYRILLIC.match(c)]
    only_cyrillic = sum(c not in to_latin for c in cyrillic)
    only_latin = sum(c not in to_cyrillic for c in letters if not _IS_CYRILLIC.match(c))
    if only_cyrillic and not only_latin:
        become_cyrillic = True
    elif only_latin and not only_cyrillic:
        become_cyrillic = False
    elif not only_cyrillic and not only_latin:  # twins only: the line tells
        become_cyrillic = line_is_cyrillic()
    else:
        return word  # a real mix of scripts
    table = to_cyrillic if become_cyrillic else to_latin
    return "".join(table.get(c, c) for c in word)
