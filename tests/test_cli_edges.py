"""Edges of the command line a blind tester found: output names that only seem to collide, stdin of
records, output names that promise a format, empty inputs, links in a walk, -j, --dry-run on a
full disk. Nothing lost, nothing stuck: exact refusals, one line each, outputs never overwritten."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from test_cli_usability import ARTICLE, DUMP, TITLE, run  # noqa: F401

RECORD = json.dumps({"title": TITLE, "text": f"{TITLE}\n\n{ARTICLE}"}, ensure_ascii=False) + "\n"


def put(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# 1. A records input writes a folder (feed/), a text dump a file (feed.json): they do not collide

@pytest.mark.parametrize("records", [1, 3])
@pytest.mark.parametrize("walked", [False, True], ids=["named", "walked"])
def test_a_records_input_and_a_dump_of_the_same_name_both_write(tmp_path, monkeypatch, records, walked):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "feed.jsonl", RECORD * records)
    put(tmp_path / "in" / "feed.txt", DUMP)
    inputs = ["in"] if walked else ["in/feed.jsonl", "in/feed.txt"]
    result = run(*inputs, "-o", "out/", "-q", "--no-learn")
    assert result.exit_code == 0, result.output
    prefix = "" if walked else "in/"
    assert files(tmp_path / "out") == [f"{prefix}feed.json"] + [f"{prefix}feed/{n:04d}.json"
                                                               for n in range(1, records + 1)]


def test_names_that_really_collide_fail_naming_both_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "feed.txt", DUMP)
    put(tmp_path / "feed.html", f"<html><body><p>{ARTICLE}</p></body></html>")
    put(tmp_path / "feed.jsonl", RECORD)
    put(tmp_path / "feed.json", RECORD)
    result = run("feed.txt", "feed.html", "-o", "out/")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: -o out/ is where feed.txt and feed.html would both be "
                                              "written to out/feed.json: choose another")
    result = run("feed.jsonl", "feed.json", "-o", "out/")
    assert result.exit_code == 2 and "feed.jsonl and feed.json would both be written to out/feed/" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_walked_collision_fails_the_second_naming_the_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "a.txt", DUMP)
    put(tmp_path / "in" / "a.html", f"<html><body><p>{ARTICLE}</p></body></html>")
    result = run("in", "-o", "out/", "-q", "--no-learn")
    assert result.exit_code == 1
    assert result.stderr == "newsclean: error: in/a.txt: its output out/a.json is also the output of in/a.html\n"
    assert files(tmp_path / "out") == ["a.json"]


@pytest.mark.parametrize("order", ["walked first", "named first"])
def test_a_named_file_and_a_walked_one_with_one_output_do_not_overwrite_each_other(tmp_path, monkeypatch, order):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "a.txt", DUMP)
    put(tmp_path / "a.txt", DUMP.replace("Поделиться", "Комментарии"))  # another file: in/a.txt -> out/a.json too
    inputs = ["in", "a.txt"] if order == "walked first" else ["a.txt", "in"]
    result = run(*inputs, "-o", "out/", "-q", "--no-learn")
    assert result.exit_code == 1
    first, second = ("in/a.txt", "a.txt") if order == "walked first" else ("a.txt", "in/a.txt")
    assert result.stderr == f"newsclean: error: {second}: its output out/a.json is also the output of {first}\n"
    assert files(tmp_path / "out") == ["a.json"]
    assert json.loads((tmp_path / "out" / "a.json").read_text("utf-8"))["source"] == first


def test_two_walked_trees_with_one_path_do_not_overwrite_each_other(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "one" / "x" / "a.txt", DUMP)
    put(tmp_path / "two" / "x" / "a.txt", DUMP.replace("Поделиться", "Комментарии"))
    put(tmp_path / "two" / "x" / "b.txt", DUMP)
    result = run("one", "two", "-o", "out/", "-q", "--no-learn")
    assert result.exit_code == 1
    assert result.stderr == "newsclean: error: two/x/a.txt: its output out/x/a.json is also the output of one/x/a.txt\n"
    assert files(tmp_path / "out") == ["x/a.json", "x/b.json"]
    assert json.loads((tmp_path / "out" / "x" / "a.json").read_text("utf-8"))["source"] == "one/x/a.txt"


def test_explain_pages_that_would_collide_are_refused_as_outputs_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "feed.jsonl", RECORD)
    put(tmp_path / "feed.txt", DUMP)
    result = run("feed.jsonl", "feed.txt", "--explain-dir", "pages/", "-q")  # one page each: pages/feed.html
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == (
        "Error: --explain-dir pages/ is where feed.jsonl and feed.txt would both be written to pages/feed.html: "
        "choose another")
    put(tmp_path / "in" / "a.txt", DUMP)
    put(tmp_path / "in" / "a.html", f"<html><body><p>{ARTICLE}</p></body></html>")
    result = run("in", "--explain-dir", "pages/", "-q", "--no-learn")  # articles on stdout: only the pages collide
    assert result.exit_code == 1
    assert result.stderr == "newsclean: error: in/a.txt: its output pages/a.html is also the output of in/a.html\n"
    assert files(tmp_path / "pages") == ["a.html"] and len(result.stdout.splitlines()) == 1


def test_a_name_whose_content_decides_claims_both_outputs(tmp_path, monkeypatch):
    import gzip

    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.gz").write_bytes(gzip.compress(RECORD.encode()))  # JSON Lines, or a dump: its content tells
    put(tmp_path / "feed.txt", DUMP)
    result = run("feed.gz", "feed.txt", "-o", "out/")
    assert result.exit_code == 2 and "feed.gz and feed.txt would both be written to out/feed.json" in result.stderr
    result = run("feed.gz", "feed.txt", "-o", "out/", "--input-format", "txt", "-q")  # both dumps: one name
    assert result.exit_code == 2


# 2. Stdin of several records: JSON Lines as a file of records gives; md or txt refused before cleaning

MENU_RECORD = json.dumps({"text": "Главная\nНовости\n"}, ensure_ascii=False) + "\n"  # no article: a note if cleaned


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("source", ["stdin", "file"])
def test_several_records_in_one_article_format_are_refused_before_cleaning(tmp_path, source, fmt):
    feed = put(tmp_path / "feed.jsonl", RECORD + MENU_RECORD + "{broken\n")
    result = run("-", "-f", fmt, input=feed.read_text("utf-8")) if source == "stdin" else run(feed, "-f", fmt)
    name = "<stdin>" if source == "stdin" else str(feed)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"newsclean: error: {name} holds several records, and --format {fmt} writes one "
                             "article: use -f jsonl (a line each), or -o DIR (a file each)\n")  # nothing cleaned


def test_stdin_of_records_gives_json_lines_as_a_file_of_records_does(tmp_path):
    feed = put(tmp_path / "feed.jsonl", RECORD * 3)
    from_stdin, from_file = run("-", input=feed.read_text("utf-8")), run(feed)
    assert from_stdin.exit_code == from_file.exit_code == 0
    assert [json.loads(line)["source"] for line in from_stdin.stdout.splitlines()] == [f"<stdin>:{n}" for n in (1, 2, 3)]
    assert len(from_file.stdout.splitlines()) == 3
    assert run("-", "-f", "md", input=RECORD).stdout.startswith("---\n")  # one record: one article


# 3. An output file's name that promises a compression or a format: kept, or refused

@pytest.mark.parametrize("name, opener, check", [
    ("a.json.gz", "gzip", lambda text: json.loads(text)["title"] == TITLE),
    ("a.md.bz2", "bz2", lambda text: text.startswith("---\n")),
    ("a.jsonl.xz", "lzma", lambda text: text.count("\n") == 1 and json.loads(text)["title"] == TITLE),
    ("a.gz", "gzip", lambda text: json.loads(text)["title"] == TITLE),  # no format in the name: json
])
def test_a_compressed_output_name_is_written_compressed(tmp_path, name, opener, check):
    dump = put(tmp_path / "dump.txt", DUMP)
    result = run(dump, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    module = __import__(opener)
    assert check(module.decompress((tmp_path / name).read_bytes()).decode("utf-8"))
    if opener == "gzip":  # no time or name in the header: the same article, the same bytes
        assert run(dump, "-o", tmp_path / "again.gz").exit_code == 0
        assert (tmp_path / "again.gz").read_bytes() == (tmp_path / name).read_bytes()


@pytest.mark.parametrize("name", ["a.parquet", "a.json.zst", "a.zip"])
def test_an_output_name_of_a_format_not_written_is_a_usage_error(tmp_path, name):
    dump = put(tmp_path / "dump.txt", DUMP)
    result = run(dump, "-o", tmp_path / name)
    assert result.exit_code == 2 and not (tmp_path / name).exists()
    assert result.stderr.splitlines()[-1] == (f"Error: -o {tmp_path / name} is no format of one output file (.json, "
                                              ".jsonl, .md, .txt, .html with --explain; each also .gz, .bz2, .xz; "
                                              "Parquet: -f parquet -o DIR): choose another")


# 4. An empty input is an input that cannot be cleaned: one line, exit 1, the batch goes on

@pytest.mark.parametrize("name, data", [("e.txt", b""), ("blank.txt", b" \r\n\t\n"), ("e.html", b""),
                                        ("bom.txt", b"\xef\xbb\xbf"), ("e.jsonl", b"\n\n"),
                                        ("invisible.txt", "\u00a0\u200b\n\u2060".encode())])
def test_an_empty_input_fails_with_one_line(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    result = run(tmp_path / name, "-f", "jsonl")
    assert result.exit_code == 1 and result.stdout == "", result.output
    reason = "empty input: no records" if name.endswith(".jsonl") else "empty input: no text"
    assert result.stderr.splitlines() == [f"newsclean: error: {tmp_path / name}: {reason}"]


def test_empty_inputs_fail_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "a.jsonl", "\n\n")
    put(tmp_path / "in" / "b.txt", "")
    put(tmp_path / "in" / "c.txt", DUMP)
    result = run("in", "-o", "out/", "--report", "r.json", "--no-learn")
    assert result.exit_code == 1, result.output
    assert files(tmp_path / "out") == ["c.json"]  # no empty record folder, no output of nothing
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert [(e["input"], e["status"]) for e in report["inputs"]] == [
        ("in/a.jsonl", "failed"), ("in/b.txt", "failed"), ("in/c.txt", "ok")]
    assert report["summary"]["failed"] == 2


# 5. A file link in a walk to a file of the same tree: cleaned once, under the file's own path

def test_a_link_to_a_file_of_the_walk_is_cleaned_once_and_said_so(tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "sub" / "a.txt", DUMP)
    put(tmp_path / "in" / ".hidden" / "h.txt", DUMP)
    put(tmp_path / "elsewhere.txt", DUMP)
    os.symlink("sub/a.txt", tmp_path / "in" / "0first.txt")  # walked before its target
    os.symlink("a.txt", tmp_path / "in" / "sub" / "z.txt")  # after it
    os.symlink(".hidden/h.txt", tmp_path / "in" / "h.txt")  # the walk does not read the target: the link is the input
    os.symlink("../elsewhere.txt", tmp_path / "in" / "e.txt")  # outside the tree: the link is the input
    os.symlink("loop2.txt", tmp_path / "in" / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "in" / "loop2.txt")
    result = run("in", "-o", "out/", "-v", "--no-learn", "--report", "r.json")
    assert files(tmp_path / "out") == ["e.json", "h.json", "sub/a.json"]
    lines = result.stderr.splitlines()
    for link in ("in/0first.txt", "in/sub/z.txt"):
        assert f"newsclean: {link}: a link to a file cleaned under its own path" in lines
    assert [line for line in lines if "error" in line] == ["newsclean: error: in/loop1.txt: symbolic link loop",
                                                           "newsclean: error: in/loop2.txt: symbolic link loop"]
    assert result.exit_code == 1  # the loops
    summary = json.loads((tmp_path / "r.json").read_text("utf-8"))["summary"]
    assert summary["skipped"] == 2 and summary["articles"] == 3
    listed = run("in", "-o", "out/", "--dry-run").stdout.splitlines()
    assert "in/0first.txt\t(skipped: a link to a file cleaned under its own path)" in listed
    assert "in/sub/a.txt\tout/sub/a.json" in listed


# 6. -j: at most JOBS_PER_CPU worker processes per CPU, else a usage error before any process starts

def test_too_many_jobs_is_a_usage_error(tmp_path, monkeypatch):
    from newsclean.batch import run as batch_run
    from newsclean.run_config import JOBS_PER_CPU

    monkeypatch.setattr(batch_run, "default_jobs", lambda: 2)
    dump = put(tmp_path / "dump.txt", DUMP)
    result = run(dump, "-j", "100000")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '-j' / '--jobs': 100000 is more than "
                                              f"{2 * JOBS_PER_CPU} worker processes ({JOBS_PER_CPU} per CPU of "
                                              "this machine)")
    assert run(dump, "-j", str(2 * JOBS_PER_CPU), "-f", "jsonl").exit_code == 0  # (one input: no pool at all)


# 7. --dry-run lists on stdout: a stdout that cannot be written is one line and exit 1, as for articles

@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_dry_run_on_a_full_disk_is_one_line(tmp_path):
    from test_cli_hardening import newsclean

    put(tmp_path / "in" / "a.txt", DUMP)
    with open("/dev/full", "w") as full:
        result = newsclean("in", "-o", "out/", "--dry-run", cwd=tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "newsclean: error: cannot write stdout: No space left on device\n"


def test_dry_run_with_stdout_closed_is_one_line(tmp_path):
    from test_cli_hardening import newsclean

    put(tmp_path / "in" / "a.txt", DUMP)
    result = newsclean("in", "-o", "out/", "--dry-run", cwd=tmp_path, closed=1)
    assert result.returncode == 1
    assert result.stderr == "newsclean: error: cannot write stdout: stdout is closed\n"
    assert not (tmp_path / "out").exists()


def test_dry_run_into_a_reader_that_goes_away_stops_quietly(tmp_path):
    import subprocess
    import sys

    for n in range(3000):  # more than a pipe holds
        put(tmp_path / "in" / f"{n:04d}.txt", DUMP)
    listing = subprocess.Popen([sys.executable, "-m", "newsclean", "in", "-o", "out/", "--dry-run"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert listing.stdout.readline().startswith("in/0000.txt\t")
    listing.stdout.close()
    assert listing.wait(timeout=120) == 141 and listing.stderr.read() == ""


# Found on the way: with --dedup, a skipped input was reported as "ok" (its status recomputed from no articles)

def test_skipped_inputs_stay_skipped_with_dedup(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put(tmp_path / "in" / "a.txt", DUMP)
    assert run("in", "-o", "out/", "--dedup", "-q", "--no-learn").exit_code == 0
    result = run("in", "-o", "out/", "--dedup", "--skip-existing", "--no-learn", "--report", "r.json")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert [e["status"] for e in report["inputs"]] == ["skipped"] and report["summary"]["skipped"] == 1


# Found on the way: -o (or --report) naming a device or a pipe replaced it with a file (as root: /dev/full)

def _read_in_background(path):
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(open(path, "rb").read()), daemon=True)  # noqa: SIM115
    reader.start()
    return reader, got


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_pipe_as_output_is_written_into_not_replaced(tmp_path, option):
    import os
    import stat

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    put(tmp_path / "in" / "a.txt", DUMP)
    reader, got = _read_in_background(pipe)
    args = [tmp_path / "in" / "a.txt", "-o", pipe] if option == "-o" else [tmp_path / "in", "--report", pipe, "-q"]
    result = run(*args, "--no-learn")
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # still the pipe
    written = json.loads(got[0])
    assert written["title"] == TITLE if option == "-o" else written["summary"]["files"] == 1
    assert not list(tmp_path.glob(".newsclean-*"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_named_pipe_is_an_input_read_once_like_stdin(tmp_path, jobs):
    import threading

    pipes = [tmp_path / "one", tmp_path / "two"]
    for pipe in pipes:
        os.mkfifo(pipe)
    writers = [threading.Thread(target=pipe.write_text, args=(DUMP,), kwargs={"encoding": "utf-8"}, daemon=True)
               for pipe in pipes]
    for writer in writers:
        writer.start()
    # a process, with a timeout: a learning pass that read a pipe first would leave the main pass waiting
    result = subprocess.run([sys.executable, "-m", "newsclean", *map(str, pipes), "-j", jobs, "--learn"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(p) for p in pipes]
    assert all(json.loads(line)["title"] for line in result.stdout.splitlines())
