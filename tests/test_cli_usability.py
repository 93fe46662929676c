"""Issue 11: batches in a terminal, outputs that do what a user means, the explain page, a thin CLI."""
from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner

from newsclean.cli import Option, main
from newsclean.run_config import RunConfig

SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "samples"
ARTICLE = ("Сегодня в Москве открыли новый мост через Москву-реку, сообщили в пресс-службе мэрии. "
           "Строительство заняло три года и обошлось городу в двенадцать миллиардов рублей.\n\n"
           "По словам представителей подрядчика, мост рассчитан на шесть полос движения и пешеходные дорожки.\n")
TITLE = "В Москве открыли новый мост через реку"
DUMP = f"Главная\nНовости\n\n{TITLE}\n\n{ARTICLE}\nПоделиться\n"


def run(*args, input=None, env=None):
    # colour comes from a terminal and these variables only, whatever the environment running the tests says
    return CliRunner().invoke(main, [str(a) for a in args], input=input,
                              env={"FORCE_COLOR": None, "NO_COLOR": None, **(env or {})})


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


@pytest.fixture
def menus(tmp_path):
    """Five inputs without an article and one with."""
    folder = tmp_path / "menus"
    folder.mkdir()
    for n in range(5):
        (folder / f"m{n}.txt").write_text("Главная\nНовости\nПоделиться\n", encoding="utf-8")
    (folder / "z.txt").write_text(DUMP, encoding="utf-8")
    return folder


# Outputs and options that do what a user means

@pytest.mark.parametrize("name, check", [
    ("art.md", lambda text: text.startswith("---\n") and f"# {TITLE}" in text),
    ("art.txt", lambda text: text.startswith(TITLE + "\n\n")),
    ("art.jsonl", lambda text: text.count("\n") == 1 and json.loads(text)["title"] == TITLE),
])
def test_the_output_name_gives_the_format(dump, tmp_path, name, check):
    assert run(dump, "-o", tmp_path / name).exit_code == 0
    assert check((tmp_path / name).read_text("utf-8"))


def test_format_on_the_command_line_wins_over_the_name_and_the_name_over_the_config(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(dump, "-o", "a.md", "-f", "json").exit_code == 0
    assert json.loads((tmp_path / "a.md").read_text("utf-8"))["title"] == TITLE
    (tmp_path / "newsclean.toml").write_text('format = "txt"\n', encoding="utf-8")
    assert run(dump, "-o", "b.md").exit_code == 0
    assert (tmp_path / "b.md").read_text("utf-8").startswith("---\n")


def test_an_html_output_name_is_the_explain_page(dump, tmp_path):
    page = tmp_path / "page.html"
    result = run(dump, "-o", page)
    assert result.exit_code == 2 and f"-o {page} is the --explain page: add --explain, or give -f json" in result.stderr
    assert not page.exists()
    assert run(dump, "-f", "html").exit_code == 2
    assert run(dump, "-o", page, "--explain").exit_code == 0 and page.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert run(dump, "-o", tmp_path / "data.html", "-f", "json").exit_code == 0  # asked for: JSON
    result = run(dump, "--explain", "-o", f"{tmp_path}/pages/")
    assert result.exit_code == 2 and f"use --explain-dir {tmp_path}/pages/" in result.stderr


def test_dash_as_output_is_stdout_and_an_empty_name_is_a_usage_error(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(dump, "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == TITLE and not (tmp_path / "-").exists()
    result = run("")
    assert result.exit_code == 2 and "an INPUT is an empty name" in result.stderr


def test_stdin_is_named_as_its_articles_source_is(tmp_path):
    result = CliRunner().invoke(main, ["-"], input="")
    assert result.exit_code == 1 and result.stderr == "newsclean: error: <stdin>: empty input: no text\n"


def test_output_folders_are_created(dump, tmp_path):
    result = run(dump, "-o", tmp_path / "new" / "sub" / "a.json")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "new" / "sub" / "a.json").read_text("utf-8"))["title"] == TITLE


def test_outputs_that_cannot_be_written_are_one_usage_error_before_work(dump, tmp_path):
    (tmp_path / "file").write_text("x")
    (tmp_path / "dump.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    cases = [
        ([dump, "-o", dump], f"-o {dump} is the input: choose another"),
        ([dump, tmp_path / "dump.html", "-o", tmp_path / "out"], f"would both be written to {tmp_path}/out/"),
        ([dump, dump.parent / "other.txt", "-o", tmp_path / "file"], "is a file, and a batch writes into a directory"),
        ([tmp_path, "-o", tmp_path], "is an input directory or holds one: choose another"),
        ([dump, "--report", dump], f"--report {dump} is an input: choose another"),
        ([tmp_path, "--explain-dir", tmp_path], f"--explain-dir {tmp_path} is an input directory or holds one"),
        ([dump, dump.parent / "other.txt", "-o", tmp_path / "dangling"],
         f"-o {tmp_path}/dangling is a broken link (to nowhere): choose another"),
        ([dump, "--explain-dir", f"{tmp_path}/dangling/"], "is a broken link (to nowhere): choose another"),
        ([dump, dump.parent / "other.txt", "-o", tmp_path / "r", "--report", tmp_path / "r"],
         f"--report {tmp_path}/r is the output directory: choose another"),
        ([dump, dump.parent / "other.txt", "-o", tmp_path / "r", "--report", tmp_path / "r" / "x.json"],
         f"--report {tmp_path}/r/x.json is inside the output directory {tmp_path}/r: choose another"),
    ]
    (tmp_path / "dangling").symlink_to("nowhere")
    (dump.parent / "other.txt").write_text(DUMP, encoding="utf-8")
    for args, message in cases:
        before = sorted(p.name for p in tmp_path.iterdir())
        result = run(*args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
        assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_one_input_named_twice_is_cleaned_once(dump, monkeypatch):
    monkeypatch.chdir(dump.parent)
    result = run("dump.txt", "./dump.txt", dump, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "1 file, 1 article" in result.stderr
    for args in (["dump.txt", "."], [".", "dump.txt"]):  # named and found in a directory
        assert "1 file, 1 article" in run(*args, "-f", "jsonl").stderr, args


def test_a_config_error_names_the_file_and_the_key(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsclean.toml").write_text('jobs = "four"\n', encoding="utf-8")
    result = run(dump)
    assert result.exit_code == 2 and "newsclean.toml: jobs = 'four'" in result.stderr
    (tmp_path / "newsclean.toml").write_text('max-size = "1x"\n', encoding="utf-8")
    assert "newsclean.toml: max-size = '1x'" in run(dump).stderr


def test_another_projects_broken_pyproject_is_not_an_error(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    result = run(dump)
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == TITLE
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nformat = "md\n', encoding="utf-8")
    result = run(dump)
    assert result.exit_code == 2 and "cannot read pyproject.toml" in result.stderr


def test_include_that_matches_nothing_is_a_message_and_exit_1(menus):
    result = run(menus, "--include", "*.html")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no input file matches --include '*.html'" in result.stderr


def test_a_broken_link_or_a_pipe_that_the_filters_leave_out_is_not_a_failure(menus):
    (menus / "gone.txt").symlink_to(menus / "nowhere.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(menus / "pipe.txt")
    result = run(menus, "--include", "*.html")
    assert result.exit_code == 1 and "no input file matches --include '*.html'" in result.stderr
    assert "gone.txt" not in result.stderr and "pipe.txt" not in result.stderr
    assert "gone.txt: broken symbolic link" in run(menus, "-q").stderr


def test_a_text_field_no_record_has_is_one_warning_with_the_fields_seen(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in
                            ({"url": "u1", "text": DUMP}, {"url": "u2", "body": DUMP, "lang": "ru"})), "utf-8")
    result = run(feed, "--text-field", "article")
    warnings = [line for line in result.stderr.splitlines() if "text field" in line]
    assert warnings == [f"newsclean: text field 'article' missing in 2 inputs: {feed}:1, {feed}:2; "
                        "fields seen: url, text, body, lang"]
    assert "missing" not in run(feed, "--text-field", "url", "-q").stderr  # -q: no notes


def test_the_explain_header_never_says_lang_none(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("12345\n", encoding="utf-8")
    header = run(path, "--explain").stdout.splitlines()[0]
    assert "lang None" not in header and "lang unknown" in header


# Batches in a terminal

def test_notes_are_grouped_with_a_count_and_the_first_names(menus):
    result = run(menus, "-f", "jsonl")
    notes = [line for line in result.stderr.splitlines() if "no article" in line and "without" not in line]
    assert notes == [f"newsclean: no article found in 5 inputs: {menus}/m0.txt, {menus}/m1.txt, {menus}/m2.txt "
                     "and 2 more (-v names them all)"]
    assert result.stderr.splitlines()[-1].startswith("newsclean: 6 files")  # the summary last


def test_verbose_names_every_input_and_quiet_none_but_errors(menus):
    verbose = run(menus, "-f", "jsonl", "-v").stderr
    assert all(f"newsclean: {menus}/m{n}.txt: no article found" in verbose for n in range(5))
    (menus / "broken.txt").write_bytes(b"\xff\xfe\x00")  # not UTF-16: an error
    quiet = run(menus, "-f", "jsonl", "-q")
    assert quiet.stderr.startswith(f"newsclean: error: {menus}/broken.txt: ") and quiet.stderr.count("\n") == 1
    assert run(menus, "-q", "-v").exit_code == 2


def test_the_progress_bar_knows_the_total_of_a_big_batch_and_ends_before_the_summary(menus, monkeypatch, capsys):
    from newsclean.batch import run as batch_run
    from newsclean.batch.work import Job
    from newsclean.options import Options

    monkeypatch.setattr(batch_run, "LOOKAHEAD", 2)  # as if the batch had more than 512 inputs
    (menus / "broken.txt").write_bytes(b"\xff\xfe\x00")  # not UTF-16: an error
    batch = batch_run.Batch((str(menus),), Job(Options(), "jsonl"), jobs=1, progress=True)
    assert batch_run.run_batch(batch) == 1
    err = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", capsys.readouterr().err)
    assert "/7 " in err and "/?" not in err  # a total from the start
    assert "7/7" in err and "1 failed" in err and "ETA" in err
    last = err.rstrip("\n").split("\n")[-1]
    assert last.startswith("newsclean: 7 files") and "━" not in last  # the summary after the bar, unwrapped
    assert err.index("no article found in 5 inputs") > err.rindex("7/7")


def test_no_progress_bar_nor_rich_when_stderr_is_no_terminal(menus):
    import subprocess
    import sys

    code = ("import sys\nfrom newsclean.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('rich')))")
    out = subprocess.run([sys.executable, "-c", code, str(menus), "-f", "jsonl", "-j", "1"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip().endswith("[]") and "\x1b[" not in out.stderr


def test_dry_run_lists_inputs_and_outputs_and_writes_nothing(menus, tmp_path):
    (menus / "feed.jsonl").write_text(json.dumps({"text": DUMP}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(menus, "-o", out, "--dry-run")
    assert result.exit_code == 0 and not out.exists()
    rows = dict(line.split("\t") for line in result.stdout.splitlines())
    assert rows[f"{menus}/m0.txt"] == f"{out}/m0.json"
    assert rows[f"{menus}/feed.jsonl"] == f"{out}/feed/NNNN.json"  # a folder, a file per record
    assert "7 inputs would be cleaned" in result.stderr
    assert run(menus, "--list").stdout.splitlines()[0] == f"{menus}/feed.jsonl\t-"


def test_files_from_with_nul_separated_names(menus, tmp_path):
    odd = menus / "line\nbreak.txt"
    odd.write_text(DUMP, encoding="utf-8")
    names = tmp_path / "names"
    names.write_bytes(f"{odd}\0{menus}/z.txt\0".encode())
    result = run("--files-from", names, "-0", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(odd).replace("\n", "\\n"), f"{menus}/z.txt"]  # (a line break shown escaped)
    assert run(menus, "-0").exit_code == 2  # -0 is for --files-from


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {}, False),  # a pipe
])
def test_color_of_a_single_json_article(dump, args, env, coloured):
    result = run(dump, *args, env=env)
    assert result.exit_code == 0 and ("\x1b[" in result.stdout) == coloured
    assert json.loads(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout))["title"] == TITLE


# --explain that shows everything, and a page to look at

def test_an_error_page_is_explained_as_removed(tmp_path):
    page = tmp_path / "404.html"
    page.write_text("<html><body><h1>404</h1><p>Сторінку не знайдено. Читайте також інші новини.</p></body></html>",
                    encoding="utf-8")
    header, *rows = run(page, "--explain").stdout.splitlines()
    assert "the page is an HTTP error page" in header
    assert {row.split("\t")[2] for row in rows} == {"removed: the page is an HTTP error page"} and len(rows) == 2


def test_html_explain_lists_what_the_reader_removed():
    result = run(SAMPLES / "uk_html_observatory.html", "--explain")
    header, *rows = result.stdout.splitlines()
    assert re.search(r"HTML: \d+ elements removed before the classifier \(\d+ removed by trafilatura", header)
    reasons = [row.split("\t")[2] for row in rows]
    assert any(r.startswith("removed before extraction: class/id") for r in reasons)
    assert any(r.startswith("removed by trafilatura") for r in reasons)
    assert any(row.split("\t")[1] == "kept" for row in rows)
    texts = [row.split("\t")[3] for row in rows]
    assert len(texts) == len(set(texts)) or len(texts) - len(set(texts)) < 3  # no text twice over


def test_explain_page_to_a_file_and_html_without_explain(tmp_path):
    page = tmp_path / "report.html"
    result = run(SAMPLES / "ru_innertext_city.txt", "--explain", "-o", page)
    assert result.exit_code == 0 and result.stdout == ""
    text = page.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "default-src 'none'" in text
    assert not re.search(r"""(src|href)\s*=|url\(|@import|<script""", text)
    assert run(SAMPLES / "ru_innertext_city.txt", "-f", "html").exit_code == 2
    result = run(SAMPLES / "ru_innertext_city.txt", "--explain", "-o", tmp_path / "table.txt")
    assert result.exit_code == 2 and "name it .html" in result.stderr


def test_explain_dir_writes_a_page_per_input_next_to_the_outputs(menus, tmp_path):
    (menus / "feed.jsonl").write_text("".join(json.dumps({"text": DUMP, "url": f"https://e.com/{n}"},
                                                         ensure_ascii=False) + "\n" for n in (1, 2)), "utf-8")
    result = run(menus, "-o", tmp_path / "out", "--explain-dir", tmp_path / "pages", "-q")
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.relative_to(tmp_path / "pages").as_posix() for p in (tmp_path / "pages").rglob("*.html"))
    assert pages == ["feed.html", "m0.html", "m1.html", "m2.html", "m3.html", "m4.html", "z.html"]
    feed = (tmp_path / "pages" / "feed.html").read_text("utf-8")
    assert feed.count("<section>") == 2 and (tmp_path / "out" / "feed" / "0002.json").exists()
    single = run(menus / "z.txt", "--explain-dir", tmp_path / "one")
    assert single.exit_code == 0 and json.loads(single.stdout)["title"] == TITLE
    assert (tmp_path / "one" / "z.html").exists() or list((tmp_path / "one").rglob("z.html"))


# A thin CLI

def test_batch_only_options_are_known_from_their_group_not_a_list():
    batch_only = {p.name for p in main.params if isinstance(p, Option) and p.batch_only}
    assert {"report_path", "dedup", "timeout", "fail_fast", "skip_existing", "engine"} <= batch_only
    assert "output" not in batch_only and "jobs" not in batch_only


def test_main_takes_one_run_config():
    names = {p.name for p in main.params if p.expose_value}
    fields = set(RunConfig.__dataclass_fields__) - {"batch_only_given"}
    assert names == fields


def test_a_batch_only_option_makes_one_input_a_batch(dump, tmp_path):
    result = run(dump, "--report", tmp_path / "r.json")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == TITLE  # one JSON line
    assert "\n" not in result.stdout.rstrip("\n") and "1 file" in result.stderr
