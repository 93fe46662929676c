"""JSON Lines from scrapers: one article per record, in input order."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone

from ..decode import decode
from ..document import Document, Hints, InputError, refuse_too_long
from ..fields.dates import parse_date
from ..fields.sitenames import strip_site_name
from ..options import Options
from .jsontext import SURROGATES_REPLACED, parse_json, replace_lone_surrogates

_BODY_FIELDS = ("text", "html", "content", "body", "paragraphs")  # (paragraphs: newsclean's own output)
# Publication dates only: scraped_at / fetched_at / crawled_at say when the page was saved, not written.
_DATE_FIELDS = ("datePublished", "date_published", "published", "published_at", "publishedAt",
                "publish_date", "pubDate", "pub_date", "date")
_FETCH_FIELDS = ("scraped_at", "fetched_at", "crawled_at", "downloaded_at", "retrieved_at")
_AUTHOR_FIELDS = ("author", "authors", "byline")
_LANG = re.compile(r"[a-z]{2}")
_OPENS_AN_ARRAY = re.compile(r"\s*\[")


def read_jsonl(data: bytes, source: str | None, options: Options) -> Iterator[Document | InputError]:
    decoded = decode(data, forced=options.encoding, records=True)
    for number, where, record in _records(decoded.text):
        if isinstance(record, InputError):
            record.source = source
            yield record
            continue
        if not isinstance(record, dict):
            yield InputError(f"{where}: a JSON object was expected", source)
            continue
        surrogates = replace_lone_surrogates(record)
        try:
            document = record_document(record, f"{source or '<stdin>'}:{number}", options)
        except InputError as error:
            yield InputError(f"{where}: {error.args[0]}", source)
            continue
        document.note_decoding(decoded)
        if surrogates:
            document.warnings.append(SURROGATES_REPLACED)
        yield document


def _records(text: str) -> Iterator[tuple[int, str, object]]:
    """(number, "line N", record) per line of JSON Lines, a malformed line as an InputError naming it.

    A text that opens with "[" is one JSON array of records (on one line or pretty-printed), numbered
    from 1; a file whose first line is not JSON may be one pretty-printed JSON object (or such an
    array); if it is not that either, one error says so instead of one per line."""
    if _OPENS_AN_ARRAY.match(text):
        yield from _whole_document(text)
        return
    first = True
    # lines end at "\n" only: U+2028, U+0085 or a form feed may stand inside a string of a record
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = parse_json(line)
        except ValueError as error:
            malformed = InputError(f"line {number}: malformed JSON ({_reason(error)})")
            if first and not _records_follow(lines[number:]):
                yield from _whole_document(text, f"not JSON Lines: line {number}: {_reason(error)}")
                return
            first = False
            yield number, "", malformed
            continue
        first = False
        yield number, f"line {number}", record


_LOOK_AHEAD = 20  # lines after a first line that is not JSON, to tell JSON Lines from other text


def _records_follow(lines: list[str]) -> bool:
    """Whether one of the next non-blank lines is a JSON object: the file is JSON Lines with a bad
    first line (its records are read), not a pretty-printed document or another format."""
    for line in [line for line in lines[:_LOOK_AHEAD * 4] if line.strip()][:_LOOK_AHEAD]:
        try:
            if isinstance(parse_json(line), dict):
                return True
        except ValueError:
            continue
    return False


def _whole_document(text: str, failure: str | None = None) -> Iterator[tuple[int, str, object]]:
    """The records of a text that is one JSON document; `failure` is the error when it is not one."""
    try:
        document = parse_json(text)
    except ValueError as error:
        yield 1, "", InputError(failure or f"malformed JSON ({_reason(error)})")
        return
    records = document if isinstance(document, list) else [document]
    yield from ((n, f"record {n}", record) for n, record in enumerate(records, 1))


def _reason(error: ValueError) -> str:
    """json's message, with the column it names ("Unterminated string starting at" says where)."""
    message, column = getattr(error, "msg", None), getattr(error, "colno", None)
    if not message:
        return str(error)
    return f"{message} column {column}" if message.endswith(" at") and column else message


def record_document(record: dict, where: str, options: Options) -> Document:
    """One record as a Document: an HTML body goes through the HTML reader, with the record's hints."""
    fields = (options.text_field,) if options.text_field else _BODY_FIELDS
    items = frozenset(_strings(record.get("list_items")))  # newsclean's own: marked as a list again
    name, body = next(((f, text) for f in fields if (text := _body_text(record.get(f), items)) and text.strip()),
                      (None, ""))
    hints = record_hints(record, body)
    if name == "html" or (body and _sniffs_as_html(body)):
        from .html import html_document

        return html_document(body, where, options, hints)
    refuse_too_long(body)
    return Document(body, source=where, kind="record", hints=hints, warnings=_text_field_warnings(record, options))


def _text_field_warnings(record: dict, options: Options) -> list[str]:
    """A --text-field the record lacks, or holds no text in (said once for the batch, with the
    fields seen: see batch.report)."""
    field = options.text_field
    if not field:
        return []
    if field not in record:
        return [f"text field {field!r} missing; fields seen: {', '.join(map(str, record))}"]
    value = record[field]
    if value is not None and _body_text(value) is None:
        return [f"text field {field!r} holds no text (a {type(value).__name__})"]
    return []


def _body_text(value, list_items: frozenset[str] = frozenset()) -> str | None:
    """A field's text: a string, or a list of strings (paragraphs, one after another, those of
    `list_items` as bulleted lines); else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return "\n\n".join(f"- {item}" if item in list_items else item for item in value)
    return None


def record_hints(record: dict, body: str = "") -> Hints:
    lang = record.get("lang") or record.get("language")
    # a title's " — Site" segment that is also a line of the body (the logo of an innerText dump)
    site_names = [_string(record.get("site_name") or record.get("site"))] + body.splitlines()
    return Hints(title=strip_site_name(_string(record.get("title")), site_names),
                 author=_author(next((record[f] for f in _AUTHOR_FIELDS if record.get(f)), None)),
                 date=next(filter(None, (_date(record.get(f)) for f in _DATE_FIELDS)), None),
                 url=_string(record.get("url") or record.get("link")),
                 fetched=next(filter(None, (_date(record.get(f)) for f in _FETCH_FIELDS)), None),
                 lang=lang.lower() if isinstance(lang, str) and _LANG.fullmatch(lang.lower()) else None,
                 image_credits=_strings(record.get("image_credits")))


def _strings(value) -> list[str]:
    """The non-blank strings of a list field (newsclean's own image_credits), stripped."""
    return [item.strip() for item in value if isinstance(item, str) and item.strip()] if isinstance(value, list) else []


def _author(value) -> str | None:
    names = value if isinstance(value, list) else [value]
    names = [n.get("name") if isinstance(n, dict) else n for n in names]
    return ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip()) or None


def _date(value) -> str | None:
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 4e10:
        return datetime.fromtimestamp(value, timezone.utc).date().isoformat()  # Unix seconds
    return None


def _string(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _sniffs_as_html(body: str) -> bool:
    from . import sniff_format

    return sniff_format(body[:2048].encode("utf-8")) == "html"
