"""str -> [Block]: lines grouped by blank lines; hard-wrapped groups re-joined into one block."""
from __future__ import annotations

from ..document import Block
from ..text.wrap import DocumentWords, join_wrapped, looks_wrapped


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
        elif len(group) == 1:  # most groups: a paragraph on one line
            blocks.append(Block(group[0], first, first))
            group = []
        elif group:
            blocks += _group_blocks(group, first, vocabulary)
            group = []
    return blocks


def _group_blocks(lines: list[str], first: int, vocabulary: DocumentWords) -> list[Block]:
    """One block for a hard-wrapped group of lines, else one block per line."""
    if looks_wrapped(lines):
        return [Block(join_wrapped(lines, vocabulary), first, first + len(lines) - 1)]
    return [Block(line, number, number) for number, line in enumerate(lines, first)]
