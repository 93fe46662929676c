"""Sharded outputs: JSON Lines parts (gzipped or not) and Parquet parts with a stable schema."""
from __future__ import annotations

import gzip
import json

import pytest

from newsclean import clean
from newsclean.batch.sinks import Shards
from test_batch_dumps import make_dump


def lines(count: int) -> list[str]:
    return [clean(make_dump(n)[0], source=f"{n}.txt").to_json(indent=None) + "\n" for n in range(count)]


def write(shards: Shards, items: list[str]) -> list[str]:
    writer = shards.open()
    for line in items:
        writer.write(line)
    writer.close()
    return writer.written


def test_jsonl_parts_hold_size_articles_each_in_order(tmp_path):
    items = lines(5)
    written = write(Shards(str(tmp_path), size=2), items)
    assert [p.rsplit("/", 1)[1] for p in written] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert "".join(open(p, encoding="utf-8").read() for p in written) == "".join(items)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]


def test_no_articles_no_parts(tmp_path):
    assert write(Shards(str(tmp_path)), []) == []
    assert list(tmp_path.iterdir()) == []


def test_gzip_parts_are_deterministic(tmp_path):
    items = lines(3)
    first = write(Shards(str(tmp_path / "a"), size=10, compress=True), items)
    second = write(Shards(str(tmp_path / "b"), size=10, compress=True), items)
    assert first[0].endswith("part-00000.jsonl.gz")
    assert gzip.decompress(open(first[0], "rb").read()).decode("utf-8") == "".join(items)
    assert open(first[0], "rb").read() == open(second[0], "rb").read()


def test_parquet_schema_and_rows(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    items = lines(3)
    written = write(Shards(str(tmp_path), "parquet", size=2), items)
    assert [p.rsplit("/", 1)[1] for p in written] == ["part-00000.parquet", "part-00001.parquet"]
    table = pq.read_table(written[0])
    assert [f"{f.name}:{f.type}" for f in table.schema] == [
        "title:string", "author:string", "date:string", "lang:string", "source:string", "url:string",
        "encoding:string", "no_article:bool", "image_credits:list<element: string>",
        "subheadings:list<element: string>", "paragraphs:list<element: string>", "warnings:list<element: string>"]
    rows = table.to_pylist() + pq.read_table(written[1]).to_pylist()
    expected = [json.loads(line) for line in items]
    assert [row["paragraphs"] for row in rows] == [e["paragraphs"] for e in expected]
    assert [(row["title"], row["source"], row["lang"]) for row in rows] == \
        [(e["title"], e["source"], e["lang"]) for e in expected]


def test_parquet_row_groups_bound_memory(tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr("newsclean.batch.sinks.PARQUET_ROW_GROUP", 2)
    written = write(Shards(str(tmp_path), "parquet", size=5), lines(5))
    assert pq.ParquetFile(written[0]).metadata.num_row_groups == 3
