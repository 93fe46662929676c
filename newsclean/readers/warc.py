"""Web archives (.warc, .warc.gz): every HTML response record is one article (needs newsclean[warc]).

The fetch date (WARC-Date) is not used as the publication date: a page is often archived long after
it was published, and a wrong date is worse than none. The page's own metadata and text give the date;
the fetch date only resolves relative dates written in the page ("вчера, 14:20").
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import redirect_stderr

from ..document import Document, Hints, InputError
from ..options import Options

_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def read_warc(data: bytes, source: str | None, options: Options) -> Iterator[Document | InputError]:
    from .html import read_html

    try:
        for number, url, fetched, content_type, payload, misplaced in _html_responses(data, options.max_bytes):
            charset = _HTTP_CHARSET.search(content_type)
            try:
                document = read_html(payload, f"{source or '<stdin>'}:{number}", options,
                                     Hints(url=url, fetched=fetched[:10] if fetched else None),
                                     http_charset=charset and charset[1])
            except InputError as error:
                yield error
                continue
            if misplaced:
                document.warnings.append(_MISPLACED)
            yield document
    except InputError as error:
        error.source = error.source or source
        yield error


# warcio finds a record's end misplaced when it reads the next record's first line
_MISPLACED = "the record before it in the archive does not end where its Content-Length says"


def _html_responses(data: bytes, limit: int) -> Iterator[tuple[int, str, str | None, str, bytes, bool]]:
    """(record number, target URL, WARC-Date, Content-Type, payload, whether warcio found the end of
    the record before it misplaced) of each successful HTML response; a record that the archive ends inside is an
    InputError (the records before it are kept). warcio's own messages to stderr are kept from it."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError("install newsclean[warc] to read WARC files") from None
    archive = ArchiveIterator(io.BytesIO(data))
    records = enumerate(archive, 1)
    number, record = 0, None
    responses = 0
    while True:
        misplaced = archive.err_count
        try:
            with redirect_stderr(io.StringIO()):  # ("WARNING: Record not followed by newline...")
                number, record = next(records)
                content_type = _html_response_type(record)
                payload = b"" if content_type is None else record.content_stream().read(limit + 1)
        except StopIteration:
            break
        except Exception as error:  # warcio fails on a malformed archive with errors of any type
            raise InputError(f"not a valid WARC file after record {number} ({type(error).__name__})") from None
        if content_type is None:
            continue
        if len(payload) > limit:
            raise InputError(f"record {number}: larger than the {limit // 2**20} MB limit")
        if _cut_short(record):
            raise _truncated(number)
        headers = record.rec_headers
        responses += 1
        yield (number, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"), content_type, payload,
               archive.err_count > misplaced)
    if record is not None and _cut_short(record):  # (a record that is not HTML, read past by warcio)
        raise _truncated(number)
    if data[archive.offset:].strip():  # headers cut off: warcio takes them for the end of the archive
        raise _truncated(number + 1)
    if number and not responses:  # (not an empty archive: what it holds is no page)
        raise InputError(f"no HTML response among its {number} record{'s' * (number > 1)}")


def _cut_short(record) -> bool:
    """Whether the archive ended before the record's Content-Length did (once its content is read)."""
    return getattr(record.raw_stream, "limit", 0) > 0


def _truncated(number: int) -> InputError:
    return InputError(f"record {number}: truncated (the archive ends inside it)")


def _html_response_type(record) -> str | None:
    """The Content-Type of a successful HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if not record.http_headers.get_statuscode().startswith("2"):
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type if "html" in content_type.lower() else None
