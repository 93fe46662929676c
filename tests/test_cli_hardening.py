"""Bad option values, config files, closed or full streams and unwritable outputs: one clear
line on stderr and the promised exit status (2 usage, 1 an input failed), never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsclean.cli import main

# the same dump, runner and fixture as the usability tests
from test_cli_usability import DUMP, TITLE, dump, run  # noqa: E402, F401


def last_line(result) -> str:
    return result.stderr.strip().splitlines()[-1]


@pytest.fixture
def folder(tmp_path):
    directory = tmp_path / "two"
    directory.mkdir()
    for name in ("a.txt", "b.txt"):
        (directory / name).write_text(DUMP, encoding="utf-8")
    return directory


def assert_usage_error(result, option: str, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line = last_line(result)
    assert line.startswith(f"Error: Invalid value for {option}") and message in line, line


# Option values: refused when parsed (exit 2, naming the option), not per input

@pytest.mark.parametrize("args, option, message", [
    (["--max-size", ""], "'--max-size'", "'' is not a size like 500K"),
    (["--max-size", "inf"], "'--max-size'", "'inf' is not a size from 1 byte to 16G"),
    (["--max-size", "1e400"], "'--max-size'", "'1e400' is not a size from 1 byte to 16G"),
    (["--max-size", "nan"], "'--max-size'", "'nan' is not a size from 1 byte to 16G"),
    (["--max-size", "99999999999999999999G"], "'--max-size'", "is not a size from 1 byte to 16G"),
    (["--max-size", "17G"], "'--max-size'", "'17G' is not a size from 1 byte to 16G"),
    (["--max-size", "0.5"], "'--max-size'", "'0.5' is not a size from 1 byte to 16G"),
    (["--encoding", ""], "'--encoding'", "unknown encoding ''"),
    (["--encoding", "nope"], "'--encoding'", "unknown encoding 'nope'"),
    *[(["--encoding", name], "'--encoding'", f"{name!r} is not a text encoding")
      for name in ("rot13", "base64", "hex", "zlib", "uu_codec", "undefined", "idna", "punycode")],
    *[(["--timeout", value], "'--timeout'", "is not in the range 0<x<=86400")
      for value in ("inf", "1e300", "99999999999", "0", "-1")],
    (["--timeout", "nan"], "'--timeout'", "'nan' is not a number"),
    (["-o", ""], "'-o' / '--output'", "an empty name"),
    (["--report", ""], "'--report'", "an empty name"),
    (["--explain-dir", ""], "'--explain-dir'", "an empty name"),
    (["--text-field", ""], "'--text-field'", "an empty name: give a field name"),
    (["--include", ""], "'--include'", "an empty name: give a pattern"),
    (["--exclude", "drafts", "--exclude", ""], "'--exclude'", "an empty name: give a pattern"),
    (["--engine", "dask", "--scheduler", ""], "'--scheduler'", "an empty name: give an address"),
    (["--engine", "dask", "--scheduler", "nonsense://x"], "'--scheduler'", "unknown address scheme 'nonsense'"),
    (["-j", "100000"], "'-j' / '--jobs'", "100000 is more than"),
])
def test_a_bad_option_value_is_a_usage_error_naming_the_option(folder, args, option, message):
    assert_usage_error(run(folder, *args), option, message)


@pytest.mark.parametrize("args", [["--max-size", "16G"], ["--max-size", "8m"], ["--encoding", "utf-8"],
                                  ["--encoding", "cp1251"], ["--timeout", "86400"], ["--timeout", "0.5"]])
def test_values_at_the_bounds_are_accepted(dump, args):
    result = run(dump, "-f", "jsonl", *args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == TITLE


# The config file: a bad one is a usage error naming the file (and the key)

@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe", "cannot read newsclean.toml: 'utf-8' codec can't decode byte 0xff"),
    (b'learn = "maybe"\n', "newsclean.toml: learn = 'maybe': must be true or false"),
    (b"quiet = 1\n", "newsclean.toml: quiet = 1: must be true or false"),
    (b"jobs = 2.5\n", "newsclean.toml: jobs = 2.5: must be a whole number"),
    (b"jobs = true\n", "newsclean.toml: jobs = True: must be a whole number"),
    (b'timeout = "10"\n', "newsclean.toml: timeout = '10': must be a number"),
    (b"format = 3\n", "newsclean.toml: format = 3: must be a string"),
    (b'exclude = "drafts"\n', "newsclean.toml: exclude = 'drafts': must be a list: [a string, ...]"),
    (b'exclude = ["drafts", 3]\n', "must be a list: [a string, ...]"),
    (b'max-size = "99999G"\n', "newsclean.toml: max-size = '99999G': '99999G' is not a size from 1 byte to 16G"),
])
def test_a_bad_config_file_is_a_usage_error(dump, tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsclean.toml").write_bytes(content)
    assert_usage_error(run(dump), "--config", message)


@pytest.mark.parametrize("content", ["jobs = 1\n", "learn = false\n", 'exclude = ["drafts"]\n', 'max-size = "16M"\n',
                                     "no-extract = false\n", 'typography = "keep"\n'])
def test_config_values_of_the_right_type_are_taken(dump, tmp_path, monkeypatch, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsclean.toml").write_text(content, encoding="utf-8")
    result = run(dump, "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == TITLE


# Dates without a year against the ends of the calendar

@pytest.mark.parametrize("reference, expected", [("2024-10-20", "2024-10-19"), ("0001-01-01", None)])
def test_a_relative_date_before_the_first_day_is_no_date(tmp_path, reference, expected):
    path = tmp_path / "dated.txt"
    path.write_text(DUMP.replace(f"{TITLE}\n\n", f"{TITLE}\n\nВчера, 14:20\n\n"), encoding="utf-8")
    result = run(path, "--reference-date", reference, "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["date"] == expected


# Closed and full standard streams (a real process: a test runner's streams are never closed)

def newsclean(*args, cwd, closed: int | None = None, stdout=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """newsclean in a process started with the file descriptor `closed` (0 or 1) closed, as `<&-` or `>&-` do."""
    return subprocess.run([sys.executable, "-m", "newsclean", *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=(lambda: os.close(closed)) if closed is not None else None)


@pytest.mark.parametrize("args, closed, code, message", [
    (["-"], 0, 1, "newsclean: error: <stdin>: stdin is closed"),
    (["--files-from", "-"], 0, 2, "Error: Invalid value for --files-from: stdin (-) is closed"),
    (["dump.txt"], 1, 1, "newsclean: error: dump.txt: cannot write stdout: stdout is closed"),
    (["dump.txt", "--explain"], 1, 1, "newsclean: error: dump.txt: cannot write stdout: stdout is closed"),
    (["two"], 1, 1, "newsclean: error: two/b.txt: cannot write stdout: stdout is closed"),
])
def test_a_closed_standard_stream_is_one_clear_line(dump, folder, args, closed, code, message):
    result = newsclean(*args, "--no-learn", cwd=dump.parent, closed=closed)
    assert result.returncode == code and "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr.splitlines()


def test_a_closed_stdout_does_not_matter_with_an_output_file(dump):
    result = newsclean(dump.name, "-o", "a.json", cwd=dump.parent, closed=1)
    assert result.returncode == 0, result.stderr
    assert json.loads((dump.parent / "a.json").read_text("utf-8"))["title"] == TITLE


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args, failed", [(["dump.txt"], ["dump.txt"]), (["dump.txt", "--explain"], ["dump.txt"]),
                                          (["two"], ["two/a.txt", "two/b.txt"])])
def test_stdout_on_a_full_disk_fails_each_input_with_one_line(dump, folder, args, failed):
    with open("/dev/full", "w") as full:
        result = newsclean(*args, "--no-learn", "-q", cwd=dump.parent, stdout=full)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == [f"newsclean: error: {name}: cannot write stdout: No space left on device"
                                          for name in failed]


# --files-from names with a NUL, without -0

def test_a_nul_in_a_files_from_name_suggests_0(dump, tmp_path):
    names = tmp_path / "names"
    names.write_bytes(str(dump).encode() + b"\0")
    result = run("--files-from", names)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"newsclean: error: {dump}\\x00: a NUL character in the name (for NUL-separated --files-from names, " \
           "add -0)" in result.stderr.splitlines()
    assert run("--files-from", names, "-0", "-f", "jsonl").exit_code == 0


# A write error names the output that cannot be written, never the temporary file beside it

LONG = "a" * 251  # a.txt's 255 bytes are a name; a.json's 256 are not


@pytest.mark.parametrize("setup, args, target, reason", [
    (lambda d: (d / f"{LONG}.txt").write_text(DUMP, "utf-8"), [f"{LONG}.txt", "-o", "out/"], f"out/{LONG}.json",
     "File name too long"),
    (lambda d: None, ["dump.txt", "-o", f"{LONG}x.json"], f"{LONG}x.json", "File name too long"),
    (lambda d: (d / "out" / "dump.json").mkdir(parents=True), ["dump.txt", "-o", "out/"], "out/dump.json",
     "Is a directory"),
    (lambda d: (d / "out" / "a.json").mkdir(parents=True), ["two", "-o", "out/"], "out/a.json",
     "Is a directory"),
    (lambda d: None, ["dump.txt", "-o", "dump.txt/x.json"], "dump.txt/x.json", "Not a directory"),
    (lambda d: (d / "pages" / "a.html").mkdir(parents=True), ["two", "-o", "out/", "--explain-dir", "pages/"],
     "pages/a.html", "Is a directory"),
], ids=["input-name-too-long", "output-name-too-long", "directory-at-the-output", "directory-at-a-walked-output",
        "a-file-as-folder", "directory-at-the-page"])
def test_a_write_error_names_the_output(dump, folder, monkeypatch, setup, args, target, reason):
    monkeypatch.chdir(dump.parent)
    setup(dump.parent)
    result = run(*args, "--no-learn")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsclean: error: ")]
    assert len(errors) == 1 and errors[0].endswith(f": cannot write {target}: {reason}"), errors
    assert not list(dump.parent.rglob(".newsclean-*")), "a temporary file is left"


# -o onto a link writes the file it points to; onto a pipe or a device writes into it (a special
# file is never replaced by a regular one)

def test_an_output_through_a_symbolic_link_writes_its_target(dump, tmp_path):
    target, link = tmp_path / "target.json", tmp_path / "link.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link.symlink_to(target)
    assert run(dump, "-o", link).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["title"] == TITLE
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("args", [[], ["--report", "{fifo}"]], ids=["output", "report"])
def test_an_output_into_a_named_pipe_is_read_from_it(dump, tmp_path, args):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    out = ["-o", tmp_path / "out.json"] if args else ["-o", fifo]
    result = run(dump, *out, *[a.replace("{fifo}", str(fifo)) for a in args])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the pipe was replaced by a file"
    assert received and (b'"summary"' in received[0] if args else json.loads(received[0])["title"] == TITLE)
    assert not list(tmp_path.rglob(".newsclean-*"))


def test_a_link_in_a_batch_output_folder_is_replaced_not_written_through(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside.json"
    outside.write_text("keep", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "dump.json").symlink_to(outside)
    assert run("dump.txt", "-o", "out/").exit_code == 0
    assert outside.read_text(encoding="utf-8") == "keep"
    written = tmp_path / "out" / "dump.json"
    assert not written.is_symlink() and json.loads(written.read_text(encoding="utf-8"))["title"] == TITLE


def test_a_walked_file_whose_output_is_a_named_input_fails_and_the_input_stays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "out").mkdir()
    precious = tmp_path / "out" / "a.json"
    precious.write_text('{"text": "the user\'s own record"}', encoding="utf-8")
    result = run("news", "out/a.json", "-o", "out", "--no-learn")
    assert result.exit_code == 1
    assert ("news/a.txt: its output out/a.json would be written over an input named on the command line or in "
            "--files-from") in result.stderr
    assert precious.read_text(encoding="utf-8") == '{"text": "the user\'s own record"}'


@pytest.mark.parametrize("listed", [["out/a.json", "a.txt"], ["a.txt", "out/a.json"]])
def test_an_input_from_files_from_is_never_written_over(tmp_path, monkeypatch, listed):
    """Its names are named inputs: whichever comes first, the other's output does not replace it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "out").mkdir()
    precious = tmp_path / "out" / "a.json"
    precious.write_text('{"text": "the user\'s own record"}', encoding="utf-8")
    (tmp_path / "list.txt").write_text("\n".join(listed) + "\n", encoding="utf-8")
    result = run("--files-from", "list.txt", "-o", "out/", "--no-learn")
    assert result.exit_code == 1
    assert "a.txt: its output out/a.json would be written over an input named on the command line" in result.stderr
    assert precious.read_text(encoding="utf-8") == '{"text": "the user\'s own record"}'


def test_a_dry_run_says_which_output_name_would_be_too_long(dump, folder, monkeypatch):
    monkeypatch.chdir(dump.parent)
    (folder / f"{LONG}.txt").write_text(DUMP, "utf-8")
    result = run("two", "-o", "out/", "--dry-run")
    assert result.exit_code == 1
    assert f"two/{LONG}.txt: cannot write out/{LONG}.json: File name too long" in result.stderr
    assert result.stdout.splitlines() == ["two/a.txt\tout/a.json", "two/b.txt\tout/b.json"]


@pytest.mark.parametrize("link_in", ["out", "pages"])
def test_a_folder_link_inside_an_output_folder_into_the_inputs_is_not_written_through(tmp_path, monkeypatch, link_in):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "in" / "sub" / "a.html").write_text("<p>the user's page</p>", encoding="utf-8")
    (tmp_path / link_in).mkdir()
    (tmp_path / link_in / "sub").symlink_to(tmp_path / "in" / "sub")
    before = {p.name: p.read_bytes() for p in (tmp_path / "in" / "sub").iterdir()}
    result = run("in", "-o", "out", "--explain-dir", "pages", "--no-learn")
    assert result.exit_code == 1
    assert "leads through a link into the inputs' folders: not written" in result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "in" / "sub").iterdir()} == before


def test_a_folder_link_inside_an_output_folder_elsewhere_is_written_through(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "disk").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "disk")  # outputs kept on another disk, say
    assert run("in", "-o", "out", "--no-learn").exit_code == 0
    assert json.loads((tmp_path / "disk" / "a.json").read_text(encoding="utf-8"))["title"] == TITLE


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_loop_of_links_named_as_an_output_is_an_error_and_stays(dump, tmp_path, option):
    one, two = tmp_path / "l1.json", tmp_path / "l2.json"
    one.symlink_to(two)
    two.symlink_to(one)
    result = run(dump, option, one)
    assert result.exit_code == 1 and "cannot write" in result.stderr and "symbolic links" in result.stderr
    assert one.is_symlink() and two.is_symlink()
