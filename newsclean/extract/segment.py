"""str -> [Block]: lines grouped by blank lines; hard-wrapped groups re-joined into one block."""
from __future__ import annotations

import re
from functools import cached_property

from ..document import Block
from ..text.wrap import join_wrapped, looks_wrapped

_WORD = re.compile(r"[^\W\d_]{3,}")
_WORD_AT = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}")


def segment(text: str) -> list[Block]:
    vocabulary = DocumentWords(text)
    blocks: list[Block] = []
    group: list[str] = []  # the stripped non-blank lines since the last blank one
    first = 0  # the line number of group[0]
    for number, line in enumerate(text.split("\n") + [""], 1):
        line = line.strip()
        if line:
            first = first if group else number
            group.append(line)
        elif group:
            blocks += _group_blocks(group, first, vocabulary)
            group = []
    return blocks


def _group_blocks(lines: list[str], first: int, vocabulary: DocumentWords) -> list[Block]:
    """One block for a hard-wrapped group of lines, else one block per line."""
    if len(lines) > 1 and looks_wrapped(lines):
        return [Block(join_wrapped(lines, vocabulary), first, first + len(lines) - 1)]
    return [Block(line, number, number) for number, line in enumerate(lines, first)]


class DocumentWords:
    """The document's words (letter runs of three or more, lowercased) as a set that answers
    `in` by looking for the one word in the text. Only a hyphen at the end of a wrapped line
    asks, a few times per document; listing every word would cost more than all the other
    text stages together."""

    def __init__(self, text: str):
        self.text = text

    def __contains__(self, word: str) -> bool:
        if not _WORD.fullmatch(word):  # only "İ" lowers to more than letters (a dot above)
            return "İ" in self.text and word in self._all_words
        if self._lowered is None:
            return word in self._all_words
        position = self._lowered.find(word)
        while position != -1:
            found = _WORD_AT.match(self.text, position)
            if found and found.end() == position + len(word) and found.group().lower() == word:
                return True
            position = self._lowered.find(word, position + 1)
        return False

    @cached_property
    def _lowered(self) -> str | None:
        """The lowercased text when it lowers letter by letter, so that its positions are the
        text's: not with "İ" (lowers to two characters) or "Σ" (final sigma looks around)."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) and "Σ" not in self.text else None

    @cached_property
    def _all_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in _WORD.findall(self.text))
