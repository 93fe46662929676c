"""JSON Lines from scrapers: one article per record."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..decode import decode
from ..document import Document, Hints, InputError
from ..options import Options

_BODY_FIELDS = ("text", "html", "content", "body")


def read_jsonl(data: bytes, source: str | None, options: Options) -> Iterator[Document | InputError]:
    text = decode(data, forced=options.encoding).text
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source or '<stdin>'}:{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            yield InputError(f"line {number}: malformed JSON ({error.msg})", source)
            continue
        if not isinstance(record, dict):
            yield InputError(f"line {number}: a JSON object was expected", source)
            continue
        fields = (options.text_field,) if options.text_field else _BODY_FIELDS
        body = next((record[f] for f in fields if isinstance(record.get(f), str) and record[f].strip()), "")
        hints = Hints(title=record.get("title"), url=record.get("url"), date=record.get("date"))
        yield Document(body, source=where, kind="record", hints=hints)
