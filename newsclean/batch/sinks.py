"""Sharded outputs for corpus builders: DIR/part-00000.jsonl[.gz] or DIR/part-00000.parquet,
`size` articles a file, in input order (the order of the stdout stream, which they replace).

Each part is written under a hidden temporary name and renamed when it is full (or at the end),
so a part file that exists is complete. Output is deterministic: the same articles make the
same bytes (gzip headers carry no time or name), whichever engine cleaned them.

Parquet schema (one row per article; stable: new fields are only ever appended):

    title, author, date, lang, source, url, encoding   string (date: "YYYY-MM-DD")
    no_article                                         bool
    image_credits, subheadings, paragraphs, warnings   list<string>
    list_items                                         list<string>

Parquet needs pyarrow (pip install 'newsclean[parquet]').
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass

from ..output import temporary_beside

DEFAULT_SHARD_SIZE = 10_000  # articles per part file
PARQUET_ROW_GROUP = 2_000  # rows buffered before a row group is written: bounds memory
STRING_FIELDS = ("title", "author", "date", "lang", "source", "url", "encoding")
LIST_FIELDS = ("image_credits", "subheadings", "paragraphs", "warnings", "list_items")
FORMATS = ("jsonl", "parquet")


def parquet_schema():
    import pyarrow as pa

    return pa.schema([*((name, pa.string()) for name in STRING_FIELDS), ("no_article", pa.bool_()),
                      *((name, pa.list_(pa.string())) for name in LIST_FIELDS)])


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Shards:
    """Where and how a batch's articles are written as part files."""

    directory: str
    output_format: str = "jsonl"  # jsonl | parquet
    size: int = DEFAULT_SHARD_SIZE
    compress: bool = False  # gzip the JSON Lines parts

    @property
    def extension(self) -> str:
        if self.output_format == "parquet":
            return ".parquet"
        return ".jsonl.gz" if self.compress else ".jsonl"

    def part_path(self, number: int) -> str:
        return os.path.join(self.directory, f"part-{number:05d}{self.extension}")

    def open(self) -> ShardWriter:
        return ShardWriter(self)


class ShardWriter:
    """Takes articles as JSON lines, in order; writes them into part files of `size` each."""

    def __init__(self, shards: Shards):
        self.shards = shards
        os.makedirs(shards.directory, exist_ok=True)
        self.written: list[str] = []  # complete part files
        self._part: _Part | None = None  # the part being filled
        self._count = 0  # articles in it

    def write(self, line: str) -> None:
        if self._part is None:
            part_class = _ParquetPart if self.shards.output_format == "parquet" else _JsonLinesPart
            self._part = part_class(self.shards.part_path(len(self.written)), self.shards.compress)
        self._part.add(line)
        self._count += 1
        if self._count == self.shards.size:
            self._finish()

    def close(self) -> None:
        """Finish the last part (articles already taken are complete; none is lost on Ctrl-C)."""
        if self._part is not None:
            self._finish()

    def _finish(self) -> None:
        assert self._part is not None
        self._part.finish()
        self.written.append(self._part.path)
        self._part, self._count = None, 0


class _Part:
    """A part file being written under a temporary name in its directory."""

    def __init__(self, path: str):
        self.path = path
        descriptor, self.temporary = temporary_beside(path)
        os.close(descriptor)

    def add(self, line: str) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        try:
            self._close()
        except BaseException:
            os.unlink(self.temporary)
            raise
        os.replace(self.temporary, self.path)


class _JsonLinesPart(_Part):
    def __init__(self, path: str, compress: bool):
        super().__init__(path)
        raw = open(self.temporary, "wb")  # noqa: SIM115 (open while the part is filled; closed in _close)
        # mtime=0 and no file name in the header: equal content gives equal bytes
        self._stream = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") if compress else raw
        self._raw = raw

    def add(self, line: str) -> None:
        self._stream.write(line.encode("utf-8"))

    def _close(self) -> None:
        self._stream.close()
        self._raw.close()


class _ParquetPart(_Part):
    def __init__(self, path: str, compress: bool):
        import pyarrow.parquet as pq

        super().__init__(path)
        self._schema = parquet_schema()
        self._writer = pq.ParquetWriter(self.temporary, self._schema, compression="zstd")
        self._rows: list[dict] = []

    def add(self, line: str) -> None:
        self._rows.append(json.loads(line))
        if len(self._rows) == PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            columns = {name: [row.get(name) for row in self._rows] for name in self._schema.names}
            self._writer.write_table(pa.Table.from_pydict(columns, schema=self._schema))
            self._rows = []

    def _close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()
