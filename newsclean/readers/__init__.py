"""Readers turn an input's bytes into Documents: txt, html, jsonl (one per record), warc (one per page).

A compressed input (.gz, .bz2, .xz) is decompressed first; its inner format comes from the name
without the compression suffix ("dump.jsonl.gz" -> jsonl), else from the content. Whether an
input holds many records is known from that format (Opened.multi), never from the compressed bytes.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document, InputError
from ..options import Options
from .compressed import compression_suffix, decompress

_EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".warc": "warc",
}
MULTI_RECORD_FORMATS = ("jsonl", "warc")  # an article per record, however many records there are


def holds_records(name: str, forced: str | None = None) -> bool | None:
    """Before reading it: whether an input holds records (dump.jsonl, feed.warc.gz: an article per
    record), from --input-format (`forced`), else from its name; None when its content will tell
    (a name without a known extension: feed.gz, page.dat, stdin)."""
    if forced:
        return forced in MULTI_RECORD_FORMATS
    suffix = compression_suffix(b"", name)
    inner = name[:-len(suffix)] if suffix else name
    found = _EXTENSIONS.get(os.path.splitext(inner)[1].lower())
    return None if found is None else found in MULTI_RECORD_FORMATS


def input_format(data: bytes, name: str | None, options: Options) -> str:
    """The reader for an input: forced by options, else from the file name, else sniffed."""
    if options.input_format:
        return options.input_format
    if name:
        fmt = _EXTENSIONS.get(os.path.splitext(name)[1].lower())
        if fmt:
            return fmt
    return sniff_format(data)


def sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{") and b'"' in head:  # before the HTML test: records may hold HTML
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "html"
    return "txt"


@dataclass(frozen=True)
class Opened:
    """An input decompressed, with the reader chosen for it."""

    data: bytes
    source: str | None
    format: str  # txt | html | jsonl | warc
    options: Options
    damage: InputError | None = None  # records cut short by a truncated compressed stream: the last error

    @property
    def multi(self) -> bool:
        """An input of records (JSON Lines, WARC): an article per record, even for one record."""
        return self.format in MULTI_RECORD_FORMATS

    def documents(self) -> Iterator[Document | InputError]:
        """The Documents in the input; a record that cannot be read is yielded as an InputError."""
        if not self.damage:
            yield from self._read()
            return
        last = None  # the record the damage cut: its error is the damage's, said once
        for item in self._read():
            if last is not None:
                yield last
            last = item
        if last is not None and not isinstance(last, InputError):
            yield last
        self.damage.source = self.source
        yield self.damage

    def _read(self) -> Iterator[Document | InputError]:
        data, source, options = self.data, self.source, self.options
        if self.format == "html":
            from .html import read_html

            yield read_html(data, source, options)
        elif self.format == "jsonl":
            from .jsonl import read_jsonl

            yield from read_jsonl(data, source, options)
        elif self.format == "warc":
            from .warc import read_warc

            yield from read_warc(data, source, options)
        else:
            from .txt import read_txt

            yield read_txt(data, source, options)


def open_input(data: bytes, source: str | None, options: Options) -> Opened:
    """Decompress an input (raises InputError) and choose its reader.

    A truncated or corrupt compressed input of records keeps the records before the damage, which
    is its last error; any other such input is an error."""
    if len(data) > options.max_bytes:
        raise InputError(f"input is larger than the {options.max_bytes // 2**20} MB limit")
    name = source
    suffix = compression_suffix(data, name)
    if not suffix:
        return Opened(data, source, input_format(data, name, options), options)
    decompressed = decompress(data, suffix, options.max_bytes)  # one level only (no endless quines)
    name = name[: -len(suffix)] if name and name.lower().endswith(suffix) else None
    opened = Opened(decompressed.data, source, input_format(decompressed.data, name, options), options,
                    decompressed.damage)
    if opened.damage and not opened.multi:
        raise opened.damage
    return opened


def read_documents(data: bytes, source: str | None, options: Options) -> Iterator[Document | InputError]:
    """Yield the Documents in an input; a record that cannot be read is yielded as an InputError."""
    yield from open_input(data, source, options).documents()
