"""Re-joining hard-wrapped lines into paragraphs, with typewriter-hyphenation removal.

A hard-wrapped paragraph (a "print version", a plain-text newsletter) is a run of lines
cut near one width, whose breaks fall inside sentences: the next line goes on in small
letters, or the line ends with a hyphen or a comma. A menu, a list of headlines or a
title with its byline is a run of lines too, but its breaks fall between units: short
lines, a capital after a full stop, bullets. Only the first kind is joined.
"""
from __future__ import annotations

import re
from functools import cache, cached_property

from ..lexicons import load_json

_MIN_WIDTH = 30  # narrower "wraps" are menus and button rows
_MAX_WIDTH = 110  # lines longer than a typewriter page are paragraphs already
_FULL_LINE = 0.6  # a non-final line shorter than this share of the width ends a paragraph
_SENTENCE_END_REVERSED = re.compile(r"\W*[.!?…:»”\"]")  # a mark followed by non-words to the end
_CONTINUES = re.compile(r"(?:[^\W\d_]-|[,;(]|\s[–—-])$")  # hyphenation, comma, dash: the sentence goes on
_OPENING_MARKS = "(«„“\"'"
_STARTS_ITEM = re.compile(r"(?:[-–—•·*▪►]|\d+[.)])\s")
_HYPHENATED_END = re.compile(r"(?<![^\W\d_])([^\W\d_]+(?:-[^\W\d_]+)*)-$")
_TAIL = 80  # a word broken at a line end is looked for in the line's last characters only
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]{3,}")
_WORD_AT = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}")
_LETTERS = re.compile(r"[^\W\d_]*")
# first-second at every hyphen between letters (the lookahead lets "а-б-в" give both pairs)
_COMPOUND = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-(?=([^\W\d_]+))")
_MAX_SEARCHES = 8  # DocumentWords lookups that search the text, per document
_MAX_ENDING = 2  # forms of one word differ in at most their last two letters: служба, службе


@cache
def _rules() -> dict:
    return load_json("hyphenation.json")


def looks_wrapped(lines: list[str]) -> bool:
    """True when consecutive lines are one paragraph hard-wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    lengths = list(map(len, lines))
    width = max(lengths)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return False
    short = _FULL_LINE * width
    if sum(length < short for length in lengths[:-1]) * 4 > len(lines) - 1:
        return False
    goes_on = stops = 0
    for line, following in zip(lines, lines[1:]):
        if _STARTS_ITEM.match(following):
            stops += 1
        elif following.lstrip(_OPENING_MARKS)[:1].islower() or _continues(line):
            goes_on += 1
        elif _ends_sentence(line):
            stops += 1
    return goes_on > 0 and goes_on >= stops


def _continues(line: str) -> bool:
    # a match is at most two characters before the end (or before a final "\n"): searching
    # only there spares a scan of the whole line
    return _CONTINUES.search(line, max(0, len(line) - 3)) is not None


def _ends_sentence(line: str) -> bool:
    # the reversed line, matched at its start, looks only at the line's last characters
    return _SENTENCE_END_REVERSED.match(line[::-1]) is not None


def join_wrapped(lines: list[str], vocabulary: DocumentWords | None = None) -> str:
    """Join wrapped lines with spaces; a line-final hyphen is kept only in real compounds."""
    vocabulary = _NO_WORDS if vocabulary is None else vocabulary
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts:
            previous = parts[-1]
            hyphenated = _hyphenated_end(previous)
            first = _FIRST_WORD.match(line) if hyphenated else None
            if hyphenated and first:
                left = hyphenated.group(1).rsplit("-", 1)[-1]
                if not _keeps_hyphen(left, first.group(), vocabulary):
                    parts[-1] = previous[:-1]
            elif not (hyphenated and line[0].isdigit()):  # "COVID-" + "19" stays glued
                parts.append(" ")
        parts.append(line)
    return "".join(parts)


def _hyphenated_end(line: str) -> re.Match[str] | None:
    """The word a final hyphen breaks ("пресс-служ-" gives "пресс-служ"), else None."""
    if not line.endswith("-"):
        return None
    return _HYPHENATED_END.search(line, max(0, len(line) - _TAIL))


def _keeps_hyphen(left: str, right: str, vocabulary: DocumentWords) -> bool:
    """Whether left-/right broken at a line end is a hyphenated word, not a split one."""
    if _script(left) != _script(right) or right[0].isupper() or (left.isupper() and len(left) > 1):
        return True  # "Telegram-/каналі", "пол-/Европы", "IT-/компания"
    left, right = left.lower(), right.lower()
    # a word the document also writes hyphenated is kept so; else a split word is one the
    # document writes whole, else the rules decide. The rules are asked first: they cost
    # nothing, a look in the vocabulary may search the whole document
    return (_rules_keep_hyphen(left, right) and left + right not in vocabulary) or any(
        _same_word(second, right) for second in vocabulary.second_parts(left)
    )


def _same_word(a: str, b: str) -> bool:
    """Whether a and b are forms of one word: the same but for the shorter one's last two
    letters (a stem of three letters at least)."""
    stem = max(min(len(a), len(b)) - _MAX_ENDING, 3)
    return a[:stem] == b[:stem]


def _rules_keep_hyphen(left: str, right: str) -> bool:
    rules = _rules()
    return (
        left == right
        or right in rules["suffix_particles"]
        or left in rules["host_particles"].get(right, ())
        or left in rules["prefixes"]
        or right in rules["preposition_pairs"].get(left, ())
        or any(right.endswith(e) for e in rules["adverb_endings"].get(left, ()))
        or any(right.startswith(b) for b in rules["adverb_beginnings"].get(left, ()))
        or _is_compound_adjective(left, right, rules)
    )


def _is_compound_adjective(left: str, right: str, rules: dict) -> bool:
    """северо-/западный, пошуково-/рятувальних: a first part that is an adjective stem."""
    if len(right) < 4 or not right.endswith(tuple(rules["adjective_endings"])):
        return False
    return left in rules["compound_stems"] or (
        len(left) >= 5 and left.endswith(tuple(rules["compound_stem_endings"]))
    )


def _script(word: str) -> str:
    return "latin" if word[:1].isascii() else "other"


class DocumentWords:
    """The document's words (letter runs of three or more, lowercased) as a set that answers
    `in` by looking for the one word in the text. Only a hyphen at the end of a wrapped line
    asks, a few times per document; listing every word would cost more than all the other
    text stages together. A text full of such hyphens asks once per line: after
    _MAX_SEARCHES searches, the lists are made after all, once."""

    def __init__(self, text: str):
        self.text = text
        self._searches = 0

    def __contains__(self, word: str) -> bool:
        if not _WORD.fullmatch(word):  # only "İ" lowers to more than letters (a dot above)
            return self._has_dotted_capital_i and word in self._all_words
        if self._lowered is None or not self._may_search():
            return word in self._all_words
        position = self._lowered.find(word)
        while position != -1:
            found = _WORD_AT.match(self.text, position)  # None inside a run of letters
            if found and found.end() == position + len(word) and found.group().lower() == word:
                return True
            # a letter precedes every later place in this run: go on after it
            run_end = found.end() if found else self._letters_end(position)
            position = self._lowered.find(word, max(run_end, position + 1))
        return False

    def _letters_end(self, position: int) -> int:
        letters = _LETTERS.match(self.text, position)
        assert letters is not None  # a "*" pattern: it matches everywhere, if only the empty string
        return letters.end()

    def second_parts(self, first: str) -> frozenset[str]:
        """The second parts (lowercased) of the document's hyphenated words first-second
        ("служба" for first "пресс" in "Пресс-служба сообщила")."""
        if not self._may_search():
            return self._compounds.get(first, frozenset())
        # the hyphen first: re skips to it fast, then looks behind for the first part
        compound = re.compile(rf"-(?<=(?<![^\W\d_]){re.escape(first)}-)([^\W\d_]+)", re.IGNORECASE)
        return frozenset(second.lower() for second in compound.findall(self.text))

    def _may_search(self) -> bool:
        self._searches += 1
        return self._searches <= _MAX_SEARCHES

    @cached_property
    def _has_dotted_capital_i(self) -> bool:
        return "İ" in self.text

    @cached_property
    def _lowered(self) -> str | None:
        """The lowercased text when it lowers letter by letter, so that its positions are the
        text's: not with "İ" (lowers to two characters) or "Σ" (final sigma looks around)."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) and "Σ" not in self.text else None

    @cached_property
    def _all_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in _WORD.findall(self.text))

    @cached_property
    def _compounds(self) -> dict[str, frozenset[str]]:
        """second_parts of every first part (the first part lowercased as a whole, where the
        search compares letter by letter: they differ only for a few letters no news uses)."""
        seconds: dict[str, set[str]] = {}
        for first, second in _COMPOUND.findall(self.text):
            seconds.setdefault(first.lower(), set()).add(second.lower())
        return {first: frozenset(found) for first, found in seconds.items()}


_NO_WORDS = DocumentWords("")
