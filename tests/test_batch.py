"""Batch runs through the command line: inputs, outputs, order, workers, report, resume, learning."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.batch import work
from newsclean.batch.discover import Filters, Found, Problem, discover
from newsclean.batch.learn import template_options
from newsclean.batch.rules import RulesError, load_rules
from newsclean.cli import main
from newsclean.options import Options

from test_batch_dumps import TEMPLATE_PROSE, make_dump, write_tree


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def put(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path):
    """news/a/1.txt, news/a/b/2.txt, news/3.txt, news/feed.jsonl (2 records), a hidden file."""
    root = tmp_path / "news"
    put(root / "a" / "1.txt", make_dump(1)[0])
    put(root / "a" / "b" / "2.txt", make_dump(2)[0])
    put(root / "3.txt", make_dump(3)[0])
    records = [json.dumps({"text": make_dump(n)[0], "url": f"https://example.com/{n}"}, ensure_ascii=False)
               for n in (4, 5)]
    put(root / "feed.jsonl", "\n".join(records) + "\n")
    put(root / ".hidden" / "x.txt", make_dump(6)[0])
    return root


def outputs(directory) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_directory_to_output_dir_mirrors_the_tree(tree, tmp_path):
    out = tmp_path / "out"
    result = run(tree, "-o", out, "-q")
    assert result.exit_code == 0, result.stderr
    assert outputs(out) == ["3.json", "a/1.json", "a/b/2.json", "feed/0001.json", "feed/0002.json"]
    article = json.loads((out / "a" / "b" / "2.json").read_text(encoding="utf-8"))
    assert article["paragraphs"][-2] in make_dump(2)[1][-1] or make_dump(2)[1][-1] in article["paragraphs"]
    assert json.loads((out / "feed" / "0002.json").read_text(encoding="utf-8"))["url"] == "https://example.com/5"


@pytest.mark.parametrize("fmt, ext", [("md", ".md"), ("txt", ".txt"), ("jsonl", ".jsonl")])
def test_output_format_sets_the_extension(tree, tmp_path, fmt, ext):
    out = tmp_path / "out"
    assert run(tree / "a", "-o", out, "-f", fmt, "-q").exit_code == 0
    assert outputs(out) == [f"1{ext}", f"b/2{ext}"]


def test_stdout_is_json_lines_in_input_order_with_sources(tree):
    for jobs in ("1", "2"):
        result = run(tree, "-j", jobs, "-q", "--no-learn")
        assert result.exit_code == 0
        sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
        assert sources == [f"{tree}/3.txt", f"{tree}/feed.jsonl:1", f"{tree}/feed.jsonl:2",
                           f"{tree}/a/1.txt", f"{tree}/a/b/2.txt"]  # a directory's files, then subdirectories


def test_summary_on_stderr_and_quiet(tree):
    result = run(tree)
    assert "newsclean: 4 files, 5 articles (0 without an article), 0 failed" in result.stderr
    assert run(tree, "-q").stderr == ""


def test_markdown_to_stdout_for_a_batch_is_a_usage_error_before_work(tree):
    result = run(tree, "-f", "md")
    assert result.exit_code == 2 and "needs -o DIR" in result.stderr and result.stdout == ""


def test_single_file_with_output_directory(tree, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert run(tree / "3.txt", "-o", out, "-q").exit_code == 0
    assert outputs(out) == [str(tree / "3.json").lstrip("/")]  # an absolute path, without its "/"


def test_several_files_and_files_from(tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tree)
    listing = put(tmp_path / "list.txt", "a/1.txt\n\n3.txt\n")
    out = tmp_path / "out"
    assert run("--files-from", listing, "a/b/2.txt", "-o", out, "-q").exit_code == 0
    assert outputs(out) == ["3.json", "a/1.json", "a/b/2.json"]  # relative paths are kept
    result = run("--files-from", "-", "-q", input="3.txt\na/1.txt\n")
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["3.txt", "a/1.txt"]


def test_two_inputs_with_one_output_the_second_fails(tree, tmp_path, monkeypatch):
    put(tree / "a" / "1.html", "<html><body><p>x</p></body></html>")
    out = tmp_path / "out"
    result = run(tree, "-o", out, "-q")
    assert result.exit_code == 1
    assert result.stderr == (f"newsclean: error: {tree}/a/1.txt: its output {out}/a/1.json is also the output "
                             f"of {tree}/a/1.html\n")
    monkeypatch.chdir(tree)
    result = run("3.txt", f"{tree}/3.txt", "./3.txt", "-o", out / "named", "-q")
    assert result.exit_code == 0  # one file named three ways is cleaned once
    assert [p.name for p in (out / "named").rglob("*.json")] == ["3.json"]


def test_include_and_exclude(tree, tmp_path):
    found = lambda **kw: [f.path for f in discover([str(tree)], Filters(**kw))]  # noqa: E731
    assert found(include=("*.txt",)) == [f"{tree}/3.txt", f"{tree}/a/1.txt", f"{tree}/a/b/2.txt"]
    assert found(include=("*.jsonl", "1.txt")) == [f"{tree}/feed.jsonl", f"{tree}/a/1.txt"]
    assert found(exclude=("b", "*.jsonl")) == [f"{tree}/3.txt", f"{tree}/a/1.txt"]
    assert found(include=("a/*",), exclude=("a/b/*",)) == [f"{tree}/a/1.txt"]
    out = tmp_path / "out"
    assert run(tree, "--include", "*.txt", "--exclude", "b", "-o", out, "-q").exit_code == 0
    assert outputs(out) == ["3.json", "a/1.json"]


def test_output_dir_inside_the_input_tree_is_skipped(tree):
    out = tree / "clean"
    assert run(tree, "-o", out, "-q").exit_code == 0
    first = outputs(out)
    assert run(tree, "-o", out, "-q").exit_code == 0  # the second run does not read its own outputs
    assert outputs(out) == first and "clean" not in " ".join(first)


def test_output_dir_that_holds_an_input_dir_is_a_usage_error(tree):
    assert run(tree, "-o", tree.parent).exit_code == 2
    assert run(tree, "-o", tree).exit_code == 2


def test_symlink_loop_and_broken_link_are_reported_once(tree):
    os.symlink("..", tree / "a" / "up")
    os.symlink("nowhere.txt", tree / "broken.txt")
    found = list(discover([str(tree)]))
    problems = [(os.path.basename(p.path), p.reason) for p in found if isinstance(p, Problem)]
    assert problems == [("broken.txt", "broken symbolic link"), ("up", "directory link loop (not followed)")]
    assert sum(isinstance(f, Found) for f in found) == 4


def test_report_file(tree, tmp_path):
    out, report = tmp_path / "out", tmp_path / "report.json"
    put(tree / "fake.txt.gz", "not gzip at all")
    result = run(tree, "-o", out, "--report", report, "-q")
    assert result.exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    entries = {os.path.basename(e["input"]): e for e in data["inputs"]}
    assert entries["fake.txt.gz"]["status"] == "failed" and "gzip" in entries["fake.txt.gz"]["reason"]
    assert entries["1.txt"] == {"input": f"{tree}/a/1.txt", "status": "ok", "reason": None,
                                "outputs": [f"{out}/a/1.json"]}
    assert len(entries["feed.jsonl"]["outputs"]) == 2
    assert data["summary"]["files"] == 5 and data["summary"]["failed"] == 1 and data["summary"]["exit_status"] == 1


@pytest.mark.parametrize("other", ["notes.txt", "0001.json.bak", "sub/0001.json"])
def test_a_folder_of_the_users_in_place_of_a_record_folder_is_never_replaced(tree, tmp_path, other):
    out = tmp_path / "out"
    put(out / "feed" / other, "the user's")
    result = run(tree, "-o", out)
    assert result.exit_code == 1 and "feed.jsonl: cannot write" in result.stderr and "not replaced" in result.stderr
    assert outputs(out) == ["3.json", "a/1.json", "a/b/2.json", f"feed/{other}"]  # and no temporary folder
    assert (out / "feed" / other).read_text(encoding="utf-8") == "the user's"


def test_report_that_cannot_be_written_fails_before_work(tree, tmp_path):
    result = run(tree, "--report", tmp_path / "missing" / "r.json")
    assert result.exit_code == 1 and result.stdout == "" and "cannot write" in result.stderr


def test_existing_outputs_are_replaced_or_skipped(tree, tmp_path):
    out = tmp_path / "out"
    assert run(tree, "-o", out, "-q").exit_code == 0
    put(out / "a" / "1.json", "old")
    put(out / "feed" / "0009.json", "stale")
    assert run(tree, "-o", out, "-q").exit_code == 0
    assert (out / "a" / "1.json").read_text(encoding="utf-8") != "old"
    assert not (out / "feed" / "0009.json").exists()  # a record folder is replaced as a whole
    put(out / "a" / "1.json", "kept")
    (out / "3.json").unlink()
    result = run(tree, "-o", out, "--skip-existing")
    assert "4 files" in result.stderr and "3 skipped" in result.stderr
    assert (out / "a" / "1.json").read_text(encoding="utf-8") == "kept" and (out / "3.json").exists()


def test_fail_fast_stops_at_the_first_failure(tree):
    (tree / "0.txt").write_bytes(b"\xff\xfe\x00")  # truncated UTF-16: fails
    result = run(tree, "--fail-fast", "-j1")
    assert result.exit_code == 1 and result.stdout == ""
    assert "1 file," in result.stderr and "stopped by --fail-fast" in result.stderr


def _slow_on(name, seconds):
    from newsclean import pipeline

    real = pipeline.clean_document

    def clean_document(document, options=pipeline.DEFAULT_OPTIONS):
        if document.source.endswith(name):
            import time

            time.sleep(seconds)
        return real(document, options)

    return clean_document


def test_timeout_per_document(tree, monkeypatch):
    from newsclean import pipeline

    monkeypatch.setattr(pipeline, "clean_document", _slow_on("1.txt", 5))
    result = run(tree, "--timeout", "0.2", "-j1", "-q")
    assert result.exit_code == 1
    assert result.stderr == f"newsclean: error: {tree}/a/1.txt: timed out after 0.2s\n"
    assert len(result.stdout.splitlines()) == 4


def test_a_crashing_worker_fails_only_its_input(tree, monkeypatch, tmp_path):
    real = work.process

    def process(task, job):
        if task.path.endswith("2.txt"):
            os._exit(1)  # like a segfault or the OOM killer
        return real(task, job)

    monkeypatch.setattr(work, "process", process)
    out = tmp_path / "out"
    result = run(tree, "-j2", "-o", out, "-q")
    assert result.exit_code == 1
    assert result.stderr == f"newsclean: error: {tree}/a/b/2.txt: the worker process died (a crash, or out of memory)\n"
    assert outputs(out) == ["3.json", "a/1.json", "feed/0001.json", "feed/0002.json"]


def test_ctrl_c_exits_130_finishes_the_input_it_is_on_and_resume_finishes(tree, tmp_path, monkeypatch):
    import signal

    out = tmp_path / "out"
    real = work.process

    def process(task, job):
        if task.path.endswith("1.txt"):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while cleaning a/1.txt
        return real(task, job)

    monkeypatch.setattr(work, "process", process)
    handler = signal.getsignal(signal.SIGINT)
    try:
        result = run(tree, "-j1", "-o", out)
    finally:
        signal.signal(signal.SIGINT, handler)  # the command ignores Ctrl-C once interrupted
    assert result.exit_code == 130 and "interrupted" in result.stderr and "3 files" in result.stderr
    assert outputs(out) == ["3.json", "a/1.json", "feed/0001.json", "feed/0002.json"]  # no temporary file
    monkeypatch.setattr(work, "process", real)
    before = {p: os.stat(out / p).st_mtime_ns for p in outputs(out)}
    result = run(tree, "-j1", "-o", out, "--skip-existing")
    assert result.exit_code == 0 and "3 skipped" in result.stderr
    assert outputs(out) == ["3.json", "a/1.json", "a/b/2.json", "feed/0001.json", "feed/0002.json"]
    assert all(os.stat(out / p).st_mtime_ns == t for p, t in before.items())


def test_dedup_writes_duplicates_once(tree, tmp_path):
    text = make_dump(1)[0]
    put(tree / "z" / "copy.txt", text.replace("Главная", "Главная страница"))  # same body, other template
    body = make_dump(1)[1]
    put(tree / "z" / "near.txt", text.replace(body[2], body[2] + " Добавим одно предложение."))
    out, report = tmp_path / "out", tmp_path / "r.json"
    result = run(tree, "-o", out, "--dedup", "--report", report, "--no-learn")
    assert result.exit_code == 0, result.stderr
    assert "2 duplicates" in result.stderr
    assert outputs(out) == ["3.json", "a/1.json", "a/b/2.json", "feed/0001.json", "feed/0002.json"]
    entries = {os.path.basename(e["input"]): e for e in json.loads(report.read_text(encoding="utf-8"))["inputs"]}
    assert entries["copy.txt"]["status"] == "duplicate"
    assert entries["copy.txt"]["duplicates"][0]["duplicate_of"] == f"{out}/a/1.json"
    assert entries["near.txt"]["status"] == "duplicate"


def test_rules_file(tmp_path):
    rules = put(tmp_path / "rules.txt", "# site footers\n^Материалы вестника\n\n\\#хэштег\n")
    assert load_rules(str(rules)) == ("^Материалы вестника", "\\#хэштег")
    toml = put(tmp_path / "rules.toml", 'drop = ["^Реклама", "Подпишитесь"]\n')
    assert load_rules(str(toml)) == ("^Реклама", "Подпишитесь")
    bad = put(tmp_path / "bad.txt", "ok\n(unclosed\n")
    with pytest.raises(RulesError, match="line 2"):
        load_rules(str(bad))
    result = run(tmp_path / "x.txt", "--rules", bad)
    assert result.exit_code == 2 and "not a valid regex" in result.stderr
    options = Options(drop_patterns=load_rules(str(rules)))
    assert options.matching_rule(TEMPLATE_PROSE[1]) == "^Материалы вестника"
    assert options.matching_rule("Обычный текст статьи.") is None


def test_learning_finds_the_template_and_not_the_articles(tmp_path):
    write_tree(tmp_path / "site", 40)
    from newsclean.batch.learn import learn_chunk
    from newsclean.batch.work import Task

    tasks = [Task(str(p)) for p in sorted((tmp_path / "site").rglob("*.txt"))]
    documents = [doc for docs in learn_chunk(tasks, Options(), None) for doc in docs]
    options = template_options(Options(), documents)
    assert options.template_docs == 40
    for line in TEMPLATE_PROSE + ["Главная", "Поделиться"]:
        assert options.template_count(line) == 40
    assert not any(options.template_count(p) for n in range(40) for p in make_dump(n)[1])


def test_learning_runs_by_default_for_big_batches_only(tmp_path, tree):
    write_tree(tmp_path / "site", 20)
    assert "learned 1" in run(tmp_path / "site", "-j1").stderr  # "learned 1x template lines"
    assert "learned" not in run(tmp_path / "site", "-j1", "--no-learn").stderr
    assert "learned" not in run(tree, "-j1").stderr
    assert "learned" in run(tree, "-j1", "--learn").stderr


def test_learned_lines_reach_the_workers(tmp_path, monkeypatch):
    write_tree(tmp_path / "site", 20)
    seen = []
    real = work.process

    def process(task, job):
        seen.append(job.options.template_count(TEMPLATE_PROSE[0]))
        return real(task, job)

    monkeypatch.setattr(work, "process", process)
    assert run(tmp_path / "site", "-j1", "-q").exit_code == 0
    assert seen == [20] * 20


def test_learned_template_lines_are_dropped_from_articles(tmp_path):
    write_tree(tmp_path / "site", 20)
    for learn in ("--learn", "--no-learn"):
        articles = [json.loads(line) for line in run(tmp_path / "site", "-j1", "-q", learn).stdout.splitlines()]
        kept = sum(line in a["paragraphs"] for a in articles for line in TEMPLATE_PROSE)
        assert kept == (0 if learn == "--learn" else 40)
        assert all([p for p in a["paragraphs"] if p in make_dump(n)[1]] == make_dump(n)[1]
                   for n, a in enumerate(articles))


def test_rules_drop_matching_blocks(tmp_path):
    dump = put(tmp_path / "1.txt", make_dump(1)[0])
    rules = put(tmp_path / "rules.txt", "^Материалы вестника\n")
    paragraphs = json.loads(run(dump, "--rules", rules).stdout)["paragraphs"]
    assert TEMPLATE_PROSE[1] not in paragraphs and TEMPLATE_PROSE[0] in paragraphs
    explained = run(dump, "--rules", rules, "--explain").stdout
    assert "matches a user rule (pattern '^Материалы вестника')" in explained


def test_compressed_multi_record_inputs_get_a_file_per_record(tmp_path):
    import gzip
    import io

    records = "".join(json.dumps({"text": make_dump(n)[0]}, ensure_ascii=False) + "\n" for n in (1, 2, 3))
    put(tmp_path / "in" / "x.txt", make_dump(9)[0])
    (tmp_path / "in" / "feed.jsonl.gz").write_bytes(gzip.compress(records.encode()))
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb") as stream:  # no suffix: sniffed after decompression
        stream.write(records.encode())
    (tmp_path / "in" / "crawl.gz").write_bytes(raw.getvalue())
    out, report = tmp_path / "out", tmp_path / "r.json"
    result = run(tmp_path / "in", "-o", out, "--report", report, "-q", "-j1")
    assert result.exit_code == 0, result.stderr
    assert outputs(out) == ["crawl/0001.json", "crawl/0002.json", "crawl/0003.json",
                            "feed/0001.json", "feed/0002.json", "feed/0003.json", "x.json"]
    entries = json.loads(report.read_text(encoding="utf-8"))["inputs"]
    assert [len(e["outputs"]) == len(set(e["outputs"])) for e in entries] == [True] * 3
    assert sum(len(e["outputs"]) for e in entries) == 7


ARTICLE_LINES = [
    "Власти города утвердили новую схему движения автобусов", "",
    "Городской совет во вторник утвердил новую схему движения автобусов, которая вступит в силу с первого "
    "числа следующего месяца и затронет все районы.", "",
    "Что изменится для пассажиров", "",
    "Изменения коснутся двенадцати маршрутов, два из них будут закрыты, а ещё три получат новые остановки у "
    "станций метро и вокзала.", "",
    "- маршрут 5 продлят до вокзала;", "- маршрут 12 закроют;", "- маршрут 40 пойдёт через мост.", "",
    "Когда начнут работать новые маршруты", "",
    "Новые маршруты начнут работать с понедельника, а расписание опубликуют на сайте перевозчика за неделю "
    "до запуска, сообщили в мэрии.", "",
]


def test_learning_keeps_an_article_that_appears_several_times(tmp_path):
    from test_batch_dumps import FOOTER, NAV

    write_tree(tmp_path / "site", 20)
    article = "\n".join(NAV + ["", TEMPLATE_PROSE[0], ""] + ARTICLE_LINES + [TEMPLATE_PROSE[1], ""] + FOOTER) + "\n"
    for n in range(3):  # syndicated copies, re-scrapes
        put(tmp_path / "site" / f"copy{n}.txt", article)
    report = tmp_path / "r.json"
    result = run(tmp_path / "site", "-j1", "--learn", "--report", report)
    assert result.exit_code == 0, result.stderr
    articles = {os.path.basename(a["source"]): a for a in map(json.loads, result.stdout.splitlines())}
    without = json.loads(run(tmp_path / "site" / "copy0.txt").stdout)
    headline = ARTICLE_LINES[0]
    own = lambda lines: [line for line in lines if line not in TEMPLATE_PROSE and line != headline]  # noqa: E731
    for n in range(3):
        copy = articles[f"copy{n}.txt"]
        assert headline in (copy["title"], *copy["paragraphs"])
        assert own(copy["paragraphs"]) == own(without["paragraphs"])
        assert all(line.lstrip("- ") in copy["paragraphs"] for line in ARTICLE_LINES if len(line) > 60 or line[:1] == "-")
        assert own(copy["subheadings"]) == own(without["subheadings"]) and own(copy["subheadings"])
    # what learning removed is counted: the same template lines in each of the 23 documents
    data = json.loads(report.read_text(encoding="utf-8"))
    dropped = [e["template_lines_dropped"] for e in data["inputs"]]
    assert len(dropped) == 23 and len(set(dropped)) == 1 and dropped[0] >= len(TEMPLATE_PROSE)
    assert data["summary"]["template_lines_dropped"] == sum(dropped)
    assert f"{sum(dropped)} lines dropped as site template" in result.stderr


@pytest.mark.parametrize("where", ["news/a/1.txt", "news/a/new.json", "out/a/1.json", "out/r.json"])
def test_a_report_in_the_input_tree_or_among_the_outputs_is_a_usage_error(tree, tmp_path, where):
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    result = run(tree, "-o", tmp_path / "out", "--report", tmp_path / where)
    assert result.exit_code == 2 and "--report" in result.stderr and "choose another" in result.stderr
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "out").exists()  # refused before any work


def test_an_explain_dir_inside_the_input_tree_is_a_usage_error_unless_inside_the_output_dir(tree, tmp_path):
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    result = run(tree, "-o", tmp_path / "out", "--explain-dir", tree / "a" / "b")
    assert result.exit_code == 2 and "--explain-dir" in result.stderr and "input directory" in result.stderr
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before
    inside_output = tree / "clean"
    assert run(tree, "-o", inside_output, "--explain-dir", inside_output / "pages", "-q").exit_code == 0
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file() and inside_output not in p.parents} == before


@pytest.mark.parametrize("inner", ["feed/0001.txt", "feed/deeper/x.txt"])
def test_a_records_folder_and_a_directory_of_the_same_name_do_not_share_outputs(tree, tmp_path, inner):
    put(tree / inner, make_dump(7)[0])  # news/feed.jsonl writes out/feed/0001.json...: so would this
    out = tmp_path / "out"
    result = run(tree, "-o", out, "--report", tmp_path / "r.json")
    assert result.exit_code == 1 and f"{inner}: its output would go into" in result.stderr.replace(os.sep, "/")
    sources = {json.loads(p.read_text(encoding="utf-8"))["source"] for p in (out / "feed").rglob("*.json")}
    assert sources == {f"{tree / 'feed.jsonl'}:1", f"{tree / 'feed.jsonl'}:2"}  # the records, whole


def test_skip_existing_takes_an_empty_folder_for_no_record_folder(tree, tmp_path):
    out = tmp_path / "out"
    (out / "feed").mkdir(parents=True)  # made by hand, or left by a tool: not newsclean's records
    assert run(tree, "-o", out, "--skip-existing", "-q").exit_code == 0
    assert sorted(p.name for p in (out / "feed").iterdir()) == ["0001.json", "0002.json"]
    dry = run(tree, "-o", out, "--skip-existing", "--dry-run")
    assert f"(skipped: {out / 'feed'}/ exists)" in dry.stdout


@pytest.mark.parametrize("count", [0, 1, 7, 40, 1000, 3001])
def test_chunks_get_smaller_at_the_end_so_the_workers_end_together(count):
    from newsclean.batch.run import _chunks

    read = []

    def items():
        for n in range(count):
            read.append(n)
            yield n

    sizes = []
    for chunk in _chunks(items(), 256, 2, 16):
        assert chunk == list(range(sum(sizes), sum(sizes) + len(chunk)))  # in order
        sizes.append(len(chunk))
        assert len(read) - sum(sizes) <= 2 * 256  # read ahead: at most a chunk per worker
    assert sum(sizes) == count and all(size <= 256 for size in sizes)
    assert all(size >= 16 for size in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True)  # full chunks first, then smaller ones
    if count > 2 * 256:
        assert sizes[0] == 256 and sizes[-2] <= 32  # the end of a long batch: small chunks



def test_near_duplicates_of_one_changed_word_are_found_and_other_articles_are_not():
    """A sample and its copy with one word changed (Jaccard of 5-shingles 0.92, which an LSH of
    threshold 0.8 missed) are near duplicates; a body that shares half its text is not."""
    pytest.importorskip("datasketch")
    from newsclean import clean
    from newsclean.batch.dedup import Deduplicator, body_key, signature

    sample = (Path(__file__).resolve().parents[1] / "samples" / "ru_innertext_city.txt").read_text("utf-8")
    first = clean(sample).paragraphs
    second = clean(sample.replace("пятеро", "шестеро")).paragraphs
    assert first != second
    half = first[:len(first) // 2] + [f"Совсем другой абзац номер {n} о другом событии." for n in range(4)]
    dedup = Deduplicator(near=True)
    assert dedup.duplicate_of("first", body_key(first), signature(first)) is None
    assert dedup.duplicate_of("second", body_key(second), signature(second)) == "first"
    assert dedup.duplicate_of("third", body_key(half), signature(half)) is None
