"""Plain-text dumps (innerText copied from a browser, print versions, newsletters)."""
from __future__ import annotations

from ..decode import decode
from ..document import Document, InputError
from ..options import Options


def read_txt(data: bytes, source: str | None, options: Options) -> Document:
    decoded = decode(data, forced=options.encoding)
    if not decoded.text.strip():
        raise InputError("empty input: no text")
    document = Document(decoded.text, source=source, kind="txt")
    document.note_decoding(decoded)
    return document
