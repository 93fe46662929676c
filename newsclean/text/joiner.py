"""A string built from many pieces, in a fraction of the memory of a list of them all.

Each str object carries a header of 50 to 80 bytes, so a list of short pieces (the text
between two changed words, a quote mark) costs several times their characters: on a large
text changed every few characters it was the largest memory of any stage. The pieces are
joined every _BATCH of them, so only the joined chunks (the text's size) are held.
"""
from __future__ import annotations

_BATCH = 4096


class Joiner:
    __slots__ = ("_chunks", "_pieces")

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pieces: list[str] = []

    def add(self, piece: str) -> None:
        self._pieces.append(piece)
        if len(self._pieces) == _BATCH:
            self._chunks.append("".join(self._pieces))
            self._pieces.clear()

    def text(self) -> str:
        self._chunks.append("".join(self._pieces))
        self._pieces.clear()
        return "".join(self._chunks)
