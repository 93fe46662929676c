"""Hostile inputs, one row each: the exit status, the message, and that nothing was lost or modified.

Every row runs in a fresh directory `in/` (the working directory) with outputs in `../out/`;
after the run the inputs' bytes and mtimes are unchanged, no temporary or partial file is left
in the output directory, and the expected outputs are there.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os

import pytest
from click.testing import CliRunner

from newsclean.cli import main

from test_batch_dumps import make_dump

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0  # chmod 000 does not stop root
DUMP = make_dump(1)[0].encode()
HTML_RECORDS = "".join(json.dumps({"html": f"<html><head><title>Заголовок {n}</title></head><body><article><h1>Заголовок "
                                           f"{n}</h1><p>{make_dump(n)[1][0]}</p><p>{make_dump(n)[1][1]}</p>"
                                           "</article></body></html>", "url": f"https://example.com/{n}"},
                                          ensure_ascii=False) + "\n" for n in (1, 2, 3)).encode()
JSONL = "".join(json.dumps({"text": make_dump(n)[0]}, ensure_ascii=False) + "\n" for n in (1, 2, 3)).encode()


def put(name: str | bytes, data: bytes = DUMP) -> str:
    name = os.fsdecode(name)
    if os.path.dirname(name):
        os.makedirs(os.path.dirname(name), exist_ok=True)
    with open(name, "wb") as stream:
        stream.write(data)
    return name


def empty():
    return [put("empty.txt", b""), "-o", "../out/"]


def garbage():
    return [put("noise.bin", bytes(range(256)) * 40), "-o", "../out/"]


def truncated_gzip():
    return [put("dump.txt.gz", gzip.compress(DUMP)[:-30]), "-o", "../out/"]


def malformed_json_lines():
    return [put("feed.jsonl", JSONL.splitlines(keepends=True)[0] + b"{broken\n[1, 2\n"), "-o", "../out/"]


def symlink_loop():
    put("tree/a/1.txt")
    os.symlink("..", "tree/a/up")
    return ["tree", "-o", "../out/"]


def newline_in_name():
    return [put("a\nb.txt"), "-o", "../out/"]


def non_utf8_name():
    return [put(b"\xff\xfe.txt"), "-o", "../out/"]


def leading_dash():
    return ["-o", "../out/", "--", put("-dash.txt")]


def unreadable():
    put("good.txt")
    os.chmod(put("locked.txt"), 0)
    return ["good.txt", "locked.txt", "-o", "../out/"]


def compressed_multi_record():
    put("feed.jsonl.gz", gzip.compress(JSONL))
    put("plain.txt")
    return ["feed.jsonl.gz", "plain.txt", "-o", "../out/"]


def output_is_the_input():
    return [put("a.txt"), "-o", "a.txt"]


def output_is_a_link_to_the_input():
    os.symlink(put("a.txt"), "link.json")
    return ["a.txt", "-o", "link.json"]


def output_is_a_hard_link_to_the_input():
    os.link(put("a.txt"), "same.json")
    return ["a.txt", "-o", "same.json"]


def batch_output_on_an_input():
    put("x.md")  # a dump in Markdown: -f md writes ./x.md for it
    return ["x.md", put("y.txt"), "-o", ".", "-f", "md"]


def record_folder_on_an_input():
    put("x.json", JSONL.splitlines(keepends=True)[0])  # one record: its folder is ./x/ (./x/0001.json)
    put("x/0001.json", JSONL.splitlines(keepends=True)[1])  # an input where the folder would replace it
    return ["x.json", "x/0001.json", "-o", "."]


def files_from_output_on_itself():
    put("x.md")
    put("list.txt", b"x.md\n")
    return ["--files-from", "list.txt", "-o", ".", "-f", "md"]


ROWS = [  # (build the inputs -> argv, stdin, exit status, message on stderr, outputs expected in ../out)
    pytest.param(empty, None, 1, "empty input: no text", [], id="empty file"),
    pytest.param(garbage, None, 1, "binary", [], id="binary garbage"),
    pytest.param(truncated_gzip, None, 1, "truncated or corrupt gzip", [], id="truncated gzip"),
    pytest.param(malformed_json_lines, None, 1, "line 2: malformed JSON", ["feed/0001.json"],
                 id="malformed JSON lines"),
    pytest.param(symlink_loop, None, 1, "directory link loop", ["a/1.json"], id="symlink loop in a tree"),
    pytest.param(newline_in_name, None, 0, "", ["a\nb.json"], id="newline in a file name"),
    pytest.param(non_utf8_name, None, 0, "", [os.fsdecode(b"\xff\xfe.json")], id="non-UTF-8 file name"),
    pytest.param(leading_dash, None, 0, "", ["-dash.json"], id="leading dash"),
    pytest.param(unreadable, None, 1, "locked.txt: Permission denied", ["good.json"], id="unreadable file",
                 marks=pytest.mark.skipif(IS_ROOT, reason="chmod 000 does not stop root")),
    pytest.param(compressed_multi_record, None, 0, "",
                 ["feed/0001.json", "feed/0002.json", "feed/0003.json", "plain.json"], id="compressed multi-record"),
    pytest.param(lambda: ["-"], HTML_RECORDS, 0, "", [], id="jsonl on stdin"),
    pytest.param(output_is_the_input, None, 2, "-o a.txt is the input", [], id="-o is the input"),
    pytest.param(output_is_a_link_to_the_input, None, 2, "-o link.json is the input", [], id="-o links to the input"),
    pytest.param(output_is_a_hard_link_to_the_input, None, 2, "-o same.json is the input", [],
                 id="-o is a hard link to the input"),
    pytest.param(batch_output_on_an_input, None, 2, "x.md would be written over an input", [],
                 id="a batch output on an input"),
    pytest.param(record_folder_on_an_input, None, 2, "-o . is where ./x/ would be written over an input", [],
                 id="a record folder on an input"),
    pytest.param(files_from_output_on_itself, None, 1, "x.md: its output ./x.md would be written over it", [],
                 id="a --files-from input whose output is itself"),
]


def snapshot(root: str) -> dict:
    """Every file's bytes (hash) and mtime, without following links."""
    prints = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            info = os.lstat(path)
            digest = None
            if not os.path.islink(path) and os.access(path, os.R_OK):
                with open(path, "rb") as stream:
                    digest = hashlib.sha256(stream.read()).hexdigest()
            prints[path] = (info.st_mtime_ns, info.st_size, digest)
    return prints


@pytest.mark.parametrize("build, stdin, status, message, expected", ROWS)
def test_hostile_input(tmp_path, monkeypatch, build, stdin, status, message, expected):
    (tmp_path / "in").mkdir()
    monkeypatch.chdir(tmp_path / "in")
    argv = build()
    before = snapshot(".")
    result = CliRunner().invoke(main, ["--no-learn"] + argv, input=stdin)
    assert result.exit_code == status, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and (result.exception is None or isinstance(result.exception, SystemExit))
    if status == 0:
        assert "error" not in result.stderr
    assert snapshot(".") == before  # inputs untouched (no output landed among them either)
    out = tmp_path / "out"
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() else []
    assert sorted(expected) == written  # what is expected, and no temporary or partial file
    if stdin is not None:
        articles = [json.loads(line) for line in result.stdout.splitlines()]
        assert [a["title"] for a in articles] == ["Заголовок 1", "Заголовок 2", "Заголовок 3"]
