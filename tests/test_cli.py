"""The single-input command line: every option, through click's CliRunner."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsclean.cli import main

DUMP = """Главная
Новости

Вчера, 29 ноября

В Москве открыли новый мост через реку

Сегодня в Москве открыли новый мост через Москву-реку, сообщили в пресс-службе мэрии. Строительство заняло три года и обошлось городу в "двенадцать" миллиардов рублей - много.

По словам представителей подрядчика, мост рассчитан на шесть полос движения и пешеходные дорожки с обеих сторон.

Читайте также
Поделиться
"""
TITLE = "В Москве открыли новый мост через реку"


def run(*args, input=None):
    # colour comes from a terminal here, whatever the environment running the tests says
    return CliRunner(env={"FORCE_COLOR": None, "NO_COLOR": None}).invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


def test_json_to_stdout_is_plain_when_piped(dump):
    result = run(dump)
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == TITLE
    assert "Главная" not in result.stdout and "Читайте также" not in result.stdout
    assert result.stdout.startswith('{\n  "title"') and "\x1b[" not in result.stdout


@pytest.mark.parametrize("fmt, check", [
    ("jsonl", lambda out: out.count("\n") == 1 and json.loads(out)["title"] == TITLE),
    ("md", lambda out: out.startswith("---\n") and f"# {TITLE}" in out),
    ("txt", lambda out: out.startswith(TITLE + "\n\n") and "Москву-реку" in out),
])
def test_format(dump, fmt, check):
    result = run(dump, "--format", fmt)
    assert result.exit_code == 0 and check(result.stdout)


def test_output_file_is_written_atomically(dump, tmp_path):
    target = tmp_path / "out.md"
    result = run(dump, "-f", "md", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert f"# {TITLE}" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump.txt", "out.md"]  # no temporary file


def test_output_file_that_cannot_be_written(dump, tmp_path):
    result = run(dump, "-o", tmp_path / "dump.txt" / "x.json")
    assert result.exit_code == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_explain_lists_every_line_with_verdict_and_encoding(dump):
    result = run(dump, "--explain")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert "encoding utf-8 (detected)" in header
    verdicts = {row.split("\t")[3]: row.split("\t")[1] for row in rows}
    assert verdicts["Главная"] == "dropped" and verdicts[TITLE] == "meta"
    assert verdicts["Поделиться"] == "dropped"


def test_stdin(dump):
    result = run("-", "--format", "jsonl", input=dump.read_bytes())
    assert result.exit_code == 0 and json.loads(result.stdout)["source"] == "<stdin>"  # as in a batch


def test_encoding_forced(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(DUMP.encode("cp1251"))
    article = json.loads(run(path, "--encoding", "cp1251").stdout)
    assert article["title"] == TITLE and article["encoding_how"] == "forced"


def test_unknown_encoding_is_a_usage_error(dump):
    result = run(dump, "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding" in result.stderr


def test_typography(dump):
    standard = json.loads(run(dump).stdout)["paragraphs"][0]
    kept = json.loads(run(dump, "--typography", "keep").stdout)["paragraphs"][0]
    assert "«двенадцать»" in standard and " — " in standard
    assert '"двенадцать"' in kept and " - " in kept


def test_no_extract_keeps_everything(dump):
    paragraphs = json.loads(run(dump, "--no-extract").stdout)["paragraphs"]
    assert "Главная" in paragraphs and "Поделиться" in paragraphs


def test_reference_date(dump):
    assert json.loads(run(dump, "--reference-date", "2023-12-05").stdout)["date"] == "2023-11-29"
    result = run(dump, "--reference-date", "05.12.2023")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_input_format_forced(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>" + DUMP.replace("\n\n", "</p><p>") + "</p></body></html>", encoding="utf-8")
    as_html = json.loads(run(path, "--input-format", "html").stdout)
    assert not any("<p>" in p for p in as_html["paragraphs"])
    as_text = json.loads(run(path, "--input-format", "txt", "--no-extract").stdout)
    assert any("<p>" in p for p in as_text["paragraphs"])


def test_text_field(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"article": DUMP, "url": "https://example.com/1"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    article = json.loads(run(path, "--text-field", "article").stdout)
    assert article["title"] == TITLE and article["url"] == "https://example.com/1"


def test_max_size_refuses_larger_inputs(dump):
    result = run(dump, "--max-size", "100")
    assert result.exit_code == 1 and "limit" in result.stderr and result.stderr.count("\n") == 1
    assert run(dump, "--max-size", "1x").exit_code == 2


def test_input_that_cannot_be_cleaned_exits_1_with_one_line(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    result = run(path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("newsclean: error: ") and result.stderr.count("\n") == 1


def test_no_article_exits_0_with_a_note(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Главная\nНовости\nПоделиться\n", encoding="utf-8")
    result = run(path)
    assert result.exit_code == 0 and json.loads(result.stdout)["no_article"] is True
    assert "no article" in result.stderr


@pytest.mark.parametrize("args", [[], ["x.txt", "--format", "pdf"], ["--bogus", "x.txt"]])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_version_and_help():
    assert run("--version").stdout.startswith("newsclean, version ")
    help_text = run("--help").stdout
    assert "Examples:" in help_text and "--skip-existing" in help_text


def test_help_and_version_import_no_pipeline():
    code = ("import sys\nfrom newsclean.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('trafilatura', 'rich', 'newsclean.pipeline'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_config_file_sets_defaults_and_the_command_line_wins(dump, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsclean.toml").write_text('format = "txt"\ntypography = "keep"\n', encoding="utf-8")
    assert run(dump).stdout.startswith(TITLE + "\n\n")
    assert json.loads(run(dump, "--format", "json").stdout)["title"] == TITLE
    (tmp_path / "newsclean.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nformat = "md"\n', encoding="utf-8")
    assert run(dump).stdout.startswith("---\n")


def test_config_file_with_an_unknown_key_is_a_usage_error(dump, tmp_path):
    config = tmp_path / "my.toml"
    config.write_text("colour = true\n", encoding="utf-8")
    result = run(dump, "--config", config)
    assert result.exit_code == 2 and "unknown option 'colour'" in result.stderr


class _Terminal:
    """A stdout that says it is a terminal."""

    def __init__(self):
        import io

        self.buffer = io.StringIO()

    def isatty(self):
        return True

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass


def test_explain_is_a_rich_table_on_a_terminal(dump, monkeypatch):
    from newsclean.explain import show_explanation
    from newsclean.pipeline import clean

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    show_explanation(clean(dump.read_bytes(), source="dump.txt"))
    table = terminal.buffer.getvalue()
    assert "verdict" in table and "─" in table and "Поделиться" in table


def test_the_launcher_answers_version_as_click_does(monkeypatch, capsys):
    from newsclean.launcher import run as launch

    monkeypatch.setattr("sys.argv", ["newsclean", "--version"])
    launch()
    assert capsys.readouterr().out == run("--version").stdout


def test_explain_on_a_terminal_shows_markup_in_the_dump_as_text(tmp_path, monkeypatch):
    from newsclean.explain import show_explanation
    from newsclean.pipeline import clean

    dump = DUMP.replace("Поделиться", "Поделиться [/bold]").replace("Читайте также", "[red]Читайте также[/red]")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    show_explanation(clean(dump.encode(), source="[bold]dump[/bold].txt"))
    table = terminal.buffer.getvalue()
    assert "[/bold]" in table and "[red]Читайте также[/red]" in table and "[bold]dump[/bold].txt" in table


def test_jsonl_with_html_records_on_stdin_is_json_lines():
    records = "".join(json.dumps({"html": f"<html><body><h1>Заголовок {n}</h1><p>{DUMP.splitlines()[6]}</p>"
                                          "</body></html>"}, ensure_ascii=False) + "\n" for n in (1, 2, 3))
    result = run("-", input=records.encode())
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("link", [None, "symlink", "hardlink"])
def test_output_naming_the_input_is_a_usage_error(dump, tmp_path, link):
    target = dump
    if link:
        target = tmp_path / "out.json"
        (os.symlink if link == "symlink" else os.link)(dump, target)
    before = dump.read_bytes(), os.stat(dump).st_mtime_ns
    result = run(dump, "-o", target)
    assert result.exit_code == 2 and "is the input" in result.stderr
    assert (dump.read_bytes(), os.stat(dump).st_mtime_ns) == before


def test_outputs_honour_the_umask_and_keep_an_existing_mode(dump, tmp_path):
    previous = os.umask(0o022)
    try:
        assert run(dump, "-o", tmp_path / "a.json").exit_code == 0
        feed = tmp_path / "feed.jsonl"
        feed.write_text(json.dumps({"text": DUMP}, ensure_ascii=False) + "\n", encoding="utf-8")
        assert run(dump, feed, "-o", tmp_path / "out", "-q").exit_code == 0
        os.chmod(tmp_path / "a.json", 0o640)
        assert run(dump, "-o", tmp_path / "a.json").exit_code == 0
    finally:
        os.umask(previous)
    mode = lambda p: oct(os.stat(p).st_mode & 0o777)  # noqa: E731
    assert mode(tmp_path / "a.json") == oct(0o640)
    feed_dir = next((tmp_path / "out").rglob("feed"))
    assert mode(feed_dir) == oct(0o755) and mode(feed_dir / "0001.json") == oct(0o644)
    assert mode(next((tmp_path / "out").rglob("dump.json"))) == oct(0o644)


def test_records_of_one_input_are_json_lines_and_cannot_be_one_markdown_document(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": DUMP, "url": f"https://example.com/{n}"}, ensure_ascii=False) + "\n"
                            for n in (1, 2)), encoding="utf-8")
    result = run(feed)
    assert result.exit_code == 0 and [json.loads(line)["source"] for line in result.stdout.splitlines()] == \
        [f"{feed}:1", f"{feed}:2"]
    result = run(feed, "-f", "md")
    assert result.exit_code == 2 and result.stdout == "" and result.stderr == (
        f"newsclean: error: {feed} holds several records, and --format md writes one article: use -f jsonl "
        "(a line each), or -o DIR (a file each)\n")
    feed.write_text(json.dumps({"text": DUMP}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(feed, "-f", "md").stdout.startswith("---\n")  # one record: one document


def test_a_single_run_is_a_batch_of_one(tmp_path, monkeypatch):
    from newsclean.batch import run as batch_run

    reports = []

    class Report(batch_run.Report):
        def close(self):
            reports.append(self.summary_dict())
            super().close()

    monkeypatch.setattr(batch_run, "Report", Report)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\xff\xfe\x00")  # truncated UTF-16: fails
    single, batch = run(empty), run(empty, "--report", tmp_path / "r.json", "-q")
    assert single.exit_code == batch.exit_code == 1 and single.stderr == batch.stderr  # the same messages
    assert [r["failed"] for r in reports] == [1, 1]
