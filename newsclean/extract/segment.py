"""str -> [Block]: lines grouped by blank lines; hard-wrapped groups re-joined into one block."""
from __future__ import annotations

import re

from ..document import Block
from ..text.wrap import join_wrapped, looks_wrapped

_WORD = re.compile(r"[^\W\d_]{3,}")


def segment(text: str) -> list[Block]:
    lines = text.split("\n")
    vocabulary = frozenset(w.lower() for w in _WORD.findall(text))
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            group.append((number, line.strip()))
            continue
        if not group:
            continue
        texts = [t for _, t in group]
        if len(texts) > 1 and looks_wrapped(texts):
            blocks.append(Block(join_wrapped(texts, vocabulary), group[0][0], group[-1][0]))
        else:
            blocks += [Block(t, n, n) for n, t in group]
        group = []
    return blocks
