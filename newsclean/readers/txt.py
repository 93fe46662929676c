"""Plain-text dumps (innerText copied from a browser, print versions, newsletters), and Markdown
with front matter (readers.frontmatter)."""
from __future__ import annotations

from ..decode import decode
from ..document import Document, InputError, refuse_too_long
from ..options import Options
from ..text.normalize import holds_nothing
from .frontmatter import markdown_text, split_front_matter


def read_txt(data: bytes, source: str | None, options: Options) -> Document:
    decoded = decode(data, forced=options.encoding)
    text = decoded.text
    front_matter = split_front_matter(text)
    if front_matter is not None:
        from .jsonl import record_hints

        fields, body = front_matter
        text = markdown_text(body, fields.get("title"))
    if front_matter is None and holds_nothing(text):  # (front matter alone: an article without a body)
        raise InputError("empty input: no text")
    refuse_too_long(text)
    document = Document(text, source=source, kind="txt")
    if front_matter is not None:
        document.hints = record_hints(fields, text)
    document.note_decoding(decoded)
    return document
