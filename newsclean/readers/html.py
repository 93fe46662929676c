"""Saved HTML pages: trafilatura finds the main content; newsclean cleans it further."""
from __future__ import annotations

from ..decode import decode
from ..document import Document, Hints, InputError
from ..options import Options


def read_html(data: bytes, source: str | None, options: Options) -> Document:
    import trafilatura  # heavy: imported only when an HTML input is met

    decoded = decode(data, forced=options.encoding)
    extracted = trafilatura.bare_extraction(decoded.text, with_metadata=True, include_comments=False,
                                            favor_precision=True, as_dict=True)
    if not extracted or not extracted.get("text"):
        raise InputError("no text found in the HTML page")
    text = extracted["text"].replace("\n", "\n\n")
    hints = Hints(title=extracted.get("title"), author=extracted.get("author"), date=extracted.get("date"),
                  url=extracted.get("url"))
    return Document(text, source=source, kind="html", encoding=decoded.encoding,
                    encoding_how=decoded.how, hints=hints)
