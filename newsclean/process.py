"""One input, from its path to its cleaned records: the one path every run takes.

The command line's single run and batches (local workers or Dask), batch learning and
newsclean.dask all call process_input. It reads the input (its size checked first), decompresses
it, chooses the reader -- which tells whether the input holds records (JSON Lines, WARC) --
and cleans every document, each within the time allowed. It prints nothing and raises nothing
for a bad input: a whole-input failure is Processed.error, a bad record an InputError among the
records.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from .article import Article
from .batch.discover import STDIN, display, has_scheme, stdin_bytes
from .document import InputError
from .options import Options
from .pipeline import clean_documents
from .readers import open_input


@dataclass
class Processed:
    """What became of one input."""

    source: str  # how the input is named in articles and messages ("<stdin>" for stdin)
    records: list[Article | InputError] = field(default_factory=list)
    multi: bool = False  # an input of records (JSON Lines, WARC): an output per record
    size: int = 0  # bytes read
    error: str | None = None  # why the whole input could not be cleaned
    several: bool = False  # one_document was asked, and the input holds several records: none was cleaned


class Timeout(Exception):
    pass


def process_input(path: str, options: Options, *, data: bytes | None = None,
                  timeout: float | None = None, one_document: bool = False) -> Processed:
    """Read (unless `data` holds the bytes already, as for stdin), decompress and clean one input;
    `timeout`: seconds allowed for each document; `one_document`: an input of several records is
    only read up to its second record, and nothing is cleaned (Processed.several)."""
    processed = Processed("<stdin>" if path == STDIN else display(path))
    try:
        if data is None:
            data = read_input(path, options.max_bytes)
        processed.size = len(data)
        with deadline(timeout):
            opened = open_input(data, processed.source, options)
        processed.multi = opened.multi
        documents = opened.documents()
        if one_document and opened.multi:
            head = list(islice(documents, 2))
            if len(head) > 1:
                processed.several = True
                return processed
            documents = iter(head)
        processed.records = list(with_deadline(clean_documents(documents, options), timeout))
    except InputError as error:
        processed.error = error.args[0]
    except Timeout:
        processed.error = f"timed out after {timeout:g}s"
    except Exception as error:  # a bug in the pipeline must not stop a batch: report it
        processed.error = "out of memory" if isinstance(error, MemoryError) else \
            f"internal error: {type(error).__name__}: {error}"
    else:
        if not processed.records:
            processed.error = "empty input: no records"
    return processed


def read_input(path: str, max_bytes: int) -> bytes:
    """The bytes of a file, an fsspec URL or stdin ("-"); OSError becomes a one-line InputError.

    A file over max_bytes is refused by its size, before anything is read; stdin stops reading
    just past the limit.
    """
    try:
        if path == STDIN:
            return _read_stdin(max_bytes)
        with _opened(path) as (stream, size):
            if size > max_bytes:
                raise InputError(f"{_size(size)} is larger than the {_size(max_bytes)} limit")
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:  # a pipe (or a file that grew): its size was not known
            raise InputError(f"input is larger than the {_size(max_bytes)} limit")
        return data
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def _read_stdin(max_bytes: int) -> bytes:
    data = stdin_bytes().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input is larger than the {_size(max_bytes)} limit")
    return data


@contextmanager
def _opened(path: str):
    """(stream, size) of a local file or of an fsspec URL (s3://bucket/a.txt)."""
    if has_scheme(path):
        from .batch.urls import open_url

        with open_url(path) as opened:
            yield opened
        return
    with open(path, "rb") as stream:
        yield stream, os.fstat(stream.fileno()).st_size


def _size(size: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def with_deadline(items: Iterator, seconds: float | None) -> Iterator:
    """The items of an iterator, each one given at most `seconds` to be produced."""
    while True:
        with deadline(seconds):
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


@contextmanager
def deadline(seconds: float | None):
    """Raise Timeout in this block after `seconds` (SIGALRM: main thread of a Unix process).

    Pure-Python code is interrupted at once; a long call inside a C extension when it returns.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

