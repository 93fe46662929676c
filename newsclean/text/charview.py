"""A one-byte-per-character view of a text, shared by the checks every clean document takes.

The mojibake hint, normalization's clean-check and the homoglyph pre-check each ask whether
some rare characters occur. On the text's cp1251 encoding (a C-speed codec that holds every
ru/uk/be/bg letter and the common punctuation) bytes.translate answers that several times
faster than a regex scan of the text, and the encoding is made once for the three:
repair_text hands them the same text object in turn, so the view of the last text is kept.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class CharView(NamedTuple):
    bytes: bytes  # the text in cp1251, b"?" for each character outside it
    exact: bool  # no character was outside cp1251: byte i is character i, one to one


_last: tuple[str, CharView] = ("", CharView(b"", True))  # replaced whole: safe across threads
# A longer text's view is not kept: kept, it would hold the text and half its size again in
# memory through every later stage (and after the document, until the next one). Encoding
# such a text again costs little next to the stages that read it.
_KEPT_LENGTH = 1 << 20


def char_view(text: str) -> CharView:
    """The text's cp1251 view, computed once for the same text object asked about in turn."""
    global _last
    last_text, view = _last
    if last_text is not text:
        encoded = text.encode("cp1251", "replace")
        # each character outside cp1251 became a "?": none did when the "?" are the text's own
        view = CharView(encoded, b"?" not in encoded or encoded.count(b"?") == text.count("?"))
        if len(text) <= _KEPT_LENGTH:
            _last = (text, view)
    return view


class ByteSet:
    """Some cp1251 characters, found in an exact view at C speed (characters outside cp1251
    are left out: an exact view cannot hold them)."""

    def __init__(self, chars: Iterable[str]):
        kept = {char.encode("cp1251") for char in set(chars) if _in_cp1251(char)}
        self._others = bytes(byte for byte in range(256) if bytes([byte]) not in kept)

    def found_in(self, view: bytes) -> bool:
        return bool(view.translate(None, self._others))  # what is left is ours


def _in_cp1251(char: str) -> bool:
    try:
        char.encode("cp1251")
    except UnicodeEncodeError:
        return False
    return True


CP1251_CHARS = "".join(
    char for char in bytes(range(256)).decode("cp1251", "replace") if char != "\ufffd"
)  # every character cp1251 has a byte for (0x98 has none)
