"""Plain-text dumps (innerText copied from a browser, print versions, newsletters)."""
from __future__ import annotations

from ..decode import decode
from ..document import Document, InputError, refuse_too_long
from ..options import Options
from ..text.normalize import holds_nothing


def read_txt(data: bytes, source: str | None, options: Options) -> Document:
    decoded = decode(data, forced=options.encoding)
    if holds_nothing(decoded.text):
        raise InputError("empty input: no text")
    refuse_too_long(decoded.text)
    document = Document(decoded.text, source=source, kind="txt")
    document.note_decoding(decoded)
    return document
