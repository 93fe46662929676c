"""A batch over a tree of bad inputs among good dumps: each bad one is reported, nothing else is lost."""
from __future__ import annotations

import gzip
import hashlib
import json
import os

import pytest
from click.testing import CliRunner

from newsclean.batch import run as batch_run
from newsclean.cli import main
from newsclean.document import MAX_LINES, InputError, refuse_too_long

from test_batch_dumps import make_dump

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0  # chmod 000 does not stop root


def put(path, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data)
    return path


def build_tree(root: str) -> tuple[dict, dict]:
    """(good inputs -> the dump number they hold, bad inputs -> a fragment of their reason)."""
    good = {
        put(f"{root}/good/1.txt", make_dump(1)[0].encode()): 1,
        put(f"{root}/good/cp1251.txt", make_dump(2)[0].encode("cp1251")): 2,
        put(f"{root}/good/Новости дня.txt", make_dump(3)[0].encode()): 3,
        put(os.fsdecode(os.fsencode(f"{root}/good/") + b"\xff\xfe-latin1.txt"), make_dump(4)[0].encode()): 4,
        put(f"{root}/good/5.txt.gz", gzip.compress(make_dump(5)[0].encode())): 5,
    }
    huge = put(f"{root}/bad/huge.txt", b"")
    with open(huge, "r+b") as stream:
        stream.truncate(200 * 2**20)  # sparse: 200 MB that cost nothing; refused by its size
    bad = {
        put(f"{root}/bad/zero.txt", b""): "empty input",
        put(f"{root}/bad/blank.txt", b"  \r\n\n\t\n"): "empty input",
        put(os.fsdecode(os.fsencode(f"{root}/bad/") + b"\xff-empty.txt"), b""): "empty input",
        put(f"{root}/bad/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4): "binary",
        put(f"{root}/bad/paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8): "binary",
        huge: "larger than the 64 MB limit",
        put(f"{root}/bad/fake.txt.gz", b"plain text that only pretends to be gzip\n" * 20): "gzip",
        put(f"{root}/bad/feed.jsonl", (json.dumps({"text": make_dump(6)[0]}) + "\n{broken\n").encode()):
            "line 2: malformed JSON",
        put(f"{root}/bad/vanishes.txt", make_dump(7)[0].encode()): "No such file or directory",
    }
    os.symlink("..", f"{root}/bad/loop")
    bad[f"{root}/bad/loop"] = "directory link loop"
    os.symlink("nowhere.txt", f"{root}/bad/broken.txt")
    bad[f"{root}/bad/broken.txt"] = "broken symbolic link"
    if not IS_ROOT:
        locked = put(f"{root}/bad/locked.txt", make_dump(8)[0].encode())
        os.chmod(locked, 0)
        bad[locked] = "Permission denied"
    return good, bad


def fingerprint(root: str) -> dict:
    """Every input file's size, mtime and (for all but the sparse giant) content hash."""
    prints = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            if os.path.islink(path):
                continue
            info = os.stat(path)
            digest = None
            if info.st_size < 2**20 and os.access(path, os.R_OK):
                with open(path, "rb") as stream:
                    digest = hashlib.sha256(stream.read()).hexdigest()
            prints[path] = (info.st_size, info.st_mtime_ns, digest)
    return prints


def has_body(article: dict, number: int) -> bool:
    """The dump's body paragraphs are all in the article, in order (template lines may be too)."""
    body = make_dump(number)[1]
    return [p for p in article["paragraphs"] if p in body] == body


def shown(path: str) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@pytest.fixture
def vanishing(monkeypatch):
    """Delete bad/vanishes.txt after discovery found it and before a worker reads it."""
    real = batch_run.discover

    def discover(*args, **kwargs):
        for found in real(*args, **kwargs):
            yield found
            if found.path.endswith("vanishes.txt"):
                os.unlink(found.path)

    monkeypatch.setattr(batch_run, "discover", discover)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_inputs_are_reported_and_nothing_else_is_lost(tmp_path, vanishing, jobs):
    root, out = str(tmp_path / "in"), tmp_path / "out"
    good, bad = build_tree(root)
    before = fingerprint(root)
    before.pop(f"{root}/bad/vanishes.txt")
    result = CliRunner().invoke(main, [root, "-o", str(out), "-j", jobs, "-q", "--no-learn"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and isinstance(result.exception, SystemExit)

    errors = dict(line.removeprefix("newsclean: error: ").split(": ", 1) for line in result.stderr.splitlines())
    assert set(errors) == {shown(p) for p in bad}, result.stderr
    for path, fragment in bad.items():
        assert fragment in errors[shown(path)], (path, errors[shown(path)])

    for path, number in good.items():
        rel = os.path.relpath(path, root).removesuffix(".gz").removesuffix(".txt") + ".json"
        article = json.loads((out / rel).read_text(encoding="utf-8"))
        assert has_body(article, number), path
    record = json.loads((out / "bad" / "feed" / "0001.json").read_text(encoding="utf-8"))
    assert has_body(record, 6)  # the good record of a broken feed

    written = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert not [p for p in written if ".newsclean" in p or p.endswith(".tmp")]
    assert len([p for p in written if p.endswith(".json")]) == len(good) + 1
    assert fingerprint(root) == before  # inputs unchanged


def test_output_directory_that_cannot_be_written(tmp_path):
    root = str(tmp_path / "in")
    put(f"{root}/1.txt", make_dump(1)[0].encode())
    put(f"{root}/2.txt", make_dump(2)[0].encode())
    target = tmp_path / "in-a-file"
    target.write_text("not a directory")
    result = CliRunner().invoke(main, [root, "-o", str(target / "out")])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("newsclean: error: cannot write to ") and result.stderr.count("\n") == 1


def test_max_size_option_lowers_the_limit(tmp_path):
    root = str(tmp_path / "in")
    put(f"{root}/small.txt", make_dump(1)[0].encode())
    put(f"{root}/big.txt", make_dump(2, paragraphs=40)[0].encode())
    result = CliRunner().invoke(main, [root, "--max-size", "8K", "-q"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"newsclean: error: {root}/big.txt: ") and "the 8 KB limit" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_a_text_of_too_many_lines_is_refused_before_it_is_cleaned(tmp_path):
    """Its lines' features would take ~4 KB each: refused by its count, nothing written."""
    long = put(str(tmp_path / "long.txt"), "новость\n\n".encode() * (MAX_LINES // 2 + 1))
    result = CliRunner().invoke(main, [long, "-o", str(tmp_path / "long.json")])
    assert result.exit_code == 1
    assert result.stderr == (f"newsclean: error: {long}: too long for one article: {MAX_LINES + 2:,} lines "
                             f"(at most {MAX_LINES:,}); split it\n")
    assert not (tmp_path / "long.json").exists()


def test_a_page_of_too_many_elements_is_refused_before_extraction(tmp_path):
    page = put(str(tmp_path / "many.html"), ("<html><body>" + "<p>абзац</p>" * MAX_LINES + "</body></html>").encode())
    result = CliRunner().invoke(main, [page])
    assert result.exit_code == 1
    assert f"too long for one article: {MAX_LINES + 2:,} elements (at most {MAX_LINES:,})" in result.stderr  # +html, body


@pytest.mark.parametrize("text, refused", [
    ("a\n" * MAX_LINES, False),  # a final line break ends the last line, it starts none
    ("a\n" * (MAX_LINES - 1) + "a", False),
    ("a\n" * MAX_LINES + "a", True),
    ("\n" * MAX_LINES, False),
    ("\n" * (MAX_LINES + 1), True),  # blank lines count: they cost memory too
    ("a\r\n" * MAX_LINES, False),
    ("a\r" * (MAX_LINES + 1), True),  # old Mac line ends: lines too
    ("a\u2028" * MAX_LINES + "a", True),
])
def test_the_line_limit_counts_lines(text, refused):
    if refused:
        with pytest.raises(InputError, match="too long for one article"):
            refuse_too_long(text)
    else:
        refuse_too_long(text)


def test_undecodable_and_truncated_utf16_are_refused(tmp_path):
    import random

    rng = random.Random(1)
    noise = put(str(tmp_path / "noise.txt"), bytes(rng.randrange(128, 256) for _ in range(3000)))
    truncated = put(str(tmp_path / "utf16.txt"), ("\ufeff" + make_dump(1)[0]).encode("utf-16-le")[:-1])
    for path in (noise, truncated):
        result = CliRunner().invoke(main, [path])
        assert result.exit_code == 1 and result.stderr.startswith("newsclean: error: ")


RU = make_dump(9)[0]
GOOD_LINE = json.dumps({"text": RU}) + "\n"


def two_page_warc_cut_in_the_second() -> bytes:
    from test_readers_warc import two_pages

    data, second = two_pages()
    return data[:second + 200]


# (file name, its bytes, records on stdout (JSON Lines), the message on stderr, exit status)
ONE_BAD_RECORD = [
    pytest.param("nul.jsonl", lambda: (GOOD_LINE * 100 + '{"text":"x\x00y"}\n' + GOOD_LINE * 100).encode(), 200,
                 "nul.jsonl: line 101: malformed JSON (Invalid control character at column 11)", 1, id="NUL byte in a line"),
    pytest.param("surrogate.jsonl", lambda: (GOOD_LINE + '{"text": "x\\udc80y"}\n' + GOOD_LINE).encode(), 3,
                 "surrogate.jsonl:2: lone surrogate escapes (\\ud800-\\udfff) replaced with U+FFFD", 0,
                 id="lone surrogate escape"),
    pytest.param("deep.jsonl", lambda: (GOOD_LINE + "[" * 200_000 + "]" * 200_000 + "\n" + GOOD_LINE).encode(), 2,
                 "deep.jsonl: line 2: malformed JSON (nested too deeply)", 1, id="nesting too deep"),
    pytest.param("long.jsonl", lambda: (GOOD_LINE + json.dumps({"text": "слово\n" * (MAX_LINES + 1)}) + "\n"
                                        + GOOD_LINE).encode(), 2,
                 f"long.jsonl: line 2: too long for one article: {MAX_LINES + 1:,} lines (at most {MAX_LINES:,})", 1,
                 id="a record of too many lines"),
    pytest.param("cut.warc", two_page_warc_cut_in_the_second, 1,
                 "cut.warc: record 2: truncated (the archive ends inside it)", 1, id="truncated WARC"),
]


@pytest.mark.parametrize("name, data, written, message, status", ONE_BAD_RECORD)
def test_one_bad_record_fails_alone_and_the_others_are_json_lines_on_stdout(tmp_path, name, data, written, message,
                                                                             status):
    result = CliRunner().invoke(main, [put(str(tmp_path / name), data())])
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(articles) == written and articles[0]["paragraphs"]
    assert message in result.stderr and "internal error" not in result.stderr
    assert result.exit_code == status


def test_a_page_with_a_stray_nul_is_cleaned_with_a_warning(tmp_path):
    page = f"<html><body><h1>Новость</h1><p>{RU.replace(chr(10), '</p><p>', 20)}\x00</p></body></html>"
    result = CliRunner().invoke(main, [put(str(tmp_path / "page.html"), page.encode())])
    assert result.exit_code == 0 and json.loads(result.stdout)["paragraphs"]
    assert "page.html: stray NUL bytes removed (1)" in result.stderr


def test_a_one_line_json_array_is_read_like_a_pretty_printed_one(tmp_path):
    records = [{"text": RU, "url": f"https://e.org/{n}"} for n in (1, 2)]
    for indent in (None, 1):
        feed = put(str(tmp_path / "feed.json"), json.dumps(records, indent=indent).encode())
        result = CliRunner().invoke(main, [feed])
        assert result.exit_code == 0 and [json.loads(line)["url"] for line in result.stdout.splitlines()] == \
            ["https://e.org/1", "https://e.org/2"]
