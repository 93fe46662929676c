"""Sharded outputs: JSON Lines parts (gzipped or not) and Parquet parts with a stable schema."""
from __future__ import annotations

import gzip
import json
import sys

import pytest
from click.testing import CliRunner

from newsclean import clean
from newsclean.cli import main
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
        "subheadings:list<element: string>", "paragraphs:list<element: string>", "warnings:list<element: string>",
        "list_items:list<element: string>"]
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


# --- the command line


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def tree(tmp_path):
    """news/0.txt ... news/4.txt, news/sub/5.txt"""
    for n in range(6):
        path = tmp_path / "news" / ("sub" if n == 5 else "") / f"{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_dump(n)[0], encoding="utf-8")
    return tmp_path / "news"


def test_cli_shards_hold_the_stdout_stream(tree, tmp_path):
    stream = run(tree, "-q").stdout
    result = run(tree, "-o", tmp_path / "out", "-f", "jsonl", "--shard-size", "4", "--gzip")
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 part files to" in result.stderr
    parts = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in parts] == ["part-00000.jsonl.gz", "part-00001.jsonl.gz"]
    assert b"".join(gzip.decompress(p.read_bytes()) for p in parts).decode("utf-8") == stream


def test_cli_parquet_rows_are_the_articles(tree, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    result = run(tree, "-o", tmp_path / "out", "-f", "parquet", "-q")
    assert result.exit_code == 0, result.stderr
    rows = pq.read_table(tmp_path / "out" / "part-00000.parquet").to_pylist()
    assert [row["source"] for row in rows] == [f"{tree}/{n}.txt" for n in range(5)] + [f"{tree}/sub/5.txt"]
    assert rows[2]["paragraphs"] == json.loads(run(tree / "2.txt").stdout)["paragraphs"]


@pytest.mark.parametrize("args, message", [
    (("-f", "parquet"), "part files (-f parquet, --shard-size, --gzip) need -o DIR"),
    (("-f", "md", "--shard-size", "5", "-o", "out"), "add -f jsonl"),
    (("-f", "parquet", "--gzip", "-o", "out"), "--gzip is for JSON Lines parts"),
    (("-f", "jsonl", "--gzip", "-o", "out", "--skip-existing"), "part files are written anew each run"),
])
def test_cli_part_file_usage_errors_exit_2(tree, args, message):
    result = run(tree, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_cli_parquet_without_pyarrow_exits_2_with_the_install_command(tree, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = run(tree, "-o", tmp_path / "out", "-f", "parquet")
    assert result.exit_code == 2 and "pip install 'newsclean[parquet]'" in result.stderr


def test_cli_reads_fsspec_urls_like_paths(tree, tmp_path):
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    for path in sorted(tree.rglob("*.txt")):
        memory.pipe(f"/news/{path.relative_to(tree)}", path.read_bytes())
    memory.pipe("/news/.hidden.txt", b"skipped")
    try:
        result = run("memory://news", "-o", tmp_path / "out", "-q")
        single = run("memory://news/1.txt")
    finally:
        memory.rm("/news", recursive=True)
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")) == \
        ["0.json", "1.json", "2.json", "3.json", "4.json", "sub", "sub/5.json"]
    article = json.loads((tmp_path / "out" / "1.json").read_text("utf-8"))
    assert article["source"] == "memory://news/1.txt"
    assert json.loads(single.stdout) == article


def test_a_url_whose_file_system_is_not_installed_fails_alone(tree, monkeypatch):
    pytest.importorskip("fsspec")
    import importlib

    registry = importlib.import_module("fsspec.registry")  # (the package's `registry` is another object)
    # a scheme fsspec knows, whose package is missing here (as s3:// without s3fs)
    monkeypatch.setitem(registry.known_implementations, "nopkg",
                        {"class": "no_such_package.FileSystem", "err": "Install no_such_package to access nopkg"})
    result = run("nopkg://bucket/a.txt", "memory://nothing/a.txt", tree / "1.txt", "-q")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsclean: error: ")]
    assert errors == ["newsclean: error: nopkg://bucket/a.txt: reading nopkg:// URLs: Install no_such_package "
                      "to access nopkg",
                      "newsclean: error: memory://nothing/a.txt: No such file or directory"]
    assert json.loads(result.stdout.splitlines()[0])["source"].endswith("1.txt")
