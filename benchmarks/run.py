"""The benchmark suite: one command, one table of ratios measured in the same run.

    python benchmarks/run.py [--quick] [--parallel] [--results benchmarks/RESULTS.md]

Builds a corpus in a temporary folder (innerText dumps from tests/test_batch_dumps.py, HTML
pages from benchmarks/html_cost.py), runs every command in a fresh process (imports and
start-up included, as a user pays them), takes the best of a few rounds, runs the two sides
of a ratio alternately (so a busy machine slows both), and prints a Markdown table:

  txt               newsclean -j1 on the dumps vs a naive read+decode+NFC+write of the same
                    files (benchmarks/normalize.py's naive); throughput, floor >= 0.25x
  txt --no-extract  the same, repairing and normalizing only (information)
  html              newsclean -j1 on the pages vs bare trafilatura.extract, jusText and
                    readability-lxml (those installed) on the same files, same process model
  -j2 vs -j1        throughput with the default options (learning on), floor 1.8x
  dask vs -j2       --engine dask (a local cluster of 2 workers, its start included) vs -j2;
                    throughput, floor >= 0.9x; on the corpus and, once, on the 10x corpus
  real pages        when ../shared/corpus/real is there: its page.txt dumps and page.html pages
                    (real outlets), docs/s on one core for newsclean txt, newsclean HTML and bare
                    trafilatura.extract on the same pages' HTML, and the naive loop on the
                    dumps as the limit; floors: txt >= 10x trafilatura, HTML >= 0.95x of it
  start-up          `newsclean --version` and one small txt file vs `python -c pass`;
                    floors <= 2x and <= 5x
  peak memory       the largest process RSS for the 10x corpus vs the 1x corpus, -j2 and
                    --engine dask, default options (ceiling 1.1x, as in benchmarks/batch.py)

The table (with the date and the machine) is also written to --results.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE.parent.parent / "shared" / "corpus" / "real"  # beside the clone, when present
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from batch import max_rss_kb, newsclean  # noqa: E402  (benchmarks/batch.py)
from html_cost import make_page  # noqa: E402
from test_batch_dumps import write_tree  # noqa: E402

PYTHON = sys.executable
NAIVE = (f"import pathlib, sys\nsys.path.insert(0, {str(HERE)!r})\nfrom normalize import naive\n"
         "out = pathlib.Path(sys.argv[2])\n"
         "for source in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt')):\n"
         "    naive(source, out / source.name)\n")
# The other extractors, as bare as they come, each over the same files in one process.
EXTRACTORS = {
    "trafilatura.extract": ("trafilatura", "import trafilatura\nextract = lambda html: trafilatura.extract(html) or ''"),
    "jusText": ("justext", "import justext\nstop = justext.get_stoplist('Russian')\n"
                           "extract = lambda html: '\\n'.join(p.text for p in justext.justext(html, stop) "
                           "if not p.is_boilerplate)"),
    "readability-lxml": ("readability", "from readability import Document\n"
                                        "extract = lambda html: Document(html).summary()"),
}
EXTRACT_LOOP = ("\nimport pathlib, sys\nout = pathlib.Path(sys.argv[2])\n"
                "for page in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
                "    (out / page.name).write_text(extract(page.read_bytes()), 'utf-8')\n")


@dataclass
class Row:
    measure: str
    ours: str  # what newsclean did
    theirs: str  # what it is measured against
    ratio: float
    floor: str = ""  # ">= 0.25", "<= 3", or "" (information)

    @property
    def verdict(self) -> str:
        if not self.floor:
            return ""
        bound = float(self.floor.split()[1])
        return "ok" if (self.ratio >= bound if self.floor.startswith(">=") else self.ratio <= bound) else "MISSED"


def timed(command: list[str]) -> float:
    """Wall time of a command that must succeed (a failing one would look fast)."""
    started = time.perf_counter()
    result = subprocess.run([str(part) for part in command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"failed ({result.returncode}): {' '.join(map(str, command))}\n{result.stderr}")
    return elapsed


def best_pair(first: list[str], second: list[str], rounds: int) -> tuple[float, float]:
    """Best wall time of each command, run alternately."""
    times = [(timed(first), timed(second)) for _ in range(rounds)]
    return min(t[0] for t in times), min(t[1] for t in times)


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def txt_rows(tree: Path, work: Path, files: int, rounds: int) -> list[Row]:
    out = work / "naive"
    out.mkdir()
    naive = [PYTHON, "-c", NAIVE, str(tree), str(out)]
    rows = []
    for flag, measure, floor in (((), "txt: newsclean -j1 vs naive read+decode+NFC+write", ">= 0.25"),
                                 (("--no-extract",), "txt: newsclean -j1 --no-extract vs naive", "")):
        ours, theirs = best_pair(newsclean(tree, "-o", work / f"txt{len(flag)}", "-j1", "-q", "--no-learn", *flag),
                                 naive, rounds)
        rows.append(Row(measure, f"{files / ours:.0f} files/s", f"{files / theirs:.0f} files/s", theirs / ours, floor))
    return rows


def html_rows(pages: Path, work: Path, count: int, rounds: int) -> list[Row]:
    rows = []
    command = newsclean(pages, "-o", work / "html", "-j1", "-q", "--no-learn")
    for name, (module, code) in EXTRACTORS.items():
        if not _installed(module):
            rows.append(Row(f"html: newsclean -j1 vs {name}", "", "not installed", float("nan")))
            continue
        out = work / f"html-{module}"
        out.mkdir()
        ours, theirs = best_pair(command, [PYTHON, "-c", code + EXTRACT_LOOP, str(pages), str(out)], rounds)
        rows.append(Row(f"html: newsclean -j1 vs bare {name}", f"{count / ours:.1f} pages/s",
                        f"{count / theirs:.1f} pages/s", theirs / ours))
    return rows


def real_rows(work: Path, rounds: int) -> list[Row]:
    """newsclean and bare trafilatura.extract on the same real pages, one core each."""
    pages = sorted(REAL.glob("*/page.html"))
    if not pages or not _installed("trafilatura"):
        return [Row("real pages: newsclean txt vs bare trafilatura.extract", "", "../shared/corpus/real absent",
                    float("nan"))]
    dumps, html = work / "real-txt", work / "real-html"
    dumps.mkdir()
    html.mkdir()
    for page in pages:
        (dumps / f"{page.parent.name}.txt").write_bytes(page.with_name("page.txt").read_bytes())
        (html / f"{page.parent.name}.html").write_bytes(page.read_bytes())
    count = len(pages)
    module, code = EXTRACTORS["trafilatura.extract"]
    (work / "real-trafilatura").mkdir()
    (work / "real-naive").mkdir()
    trafilatura = [PYTHON, "-c", code + EXTRACT_LOOP, str(html), str(work / "real-trafilatura")]
    ours_txt, theirs = best_pair(newsclean(dumps, "-o", work / "real-out-txt", "-j1", "-q", "--no-learn"),
                                 trafilatura, rounds)
    ours_html, theirs_again = best_pair(newsclean(html, "-o", work / "real-out-html", "-j1", "-q", "--no-learn"),
                                        trafilatura, rounds)
    theirs = min(theirs, theirs_again)
    naive = timed([PYTHON, "-c", NAIVE, str(dumps), str(work / "real-naive")])
    return [Row(f"real pages ({count}): newsclean txt vs bare trafilatura.extract on their HTML",
                f"{count / ours_txt:.1f} docs/s", f"{count / theirs:.1f} docs/s", theirs / ours_txt, ">= 10"),
            Row(f"real pages ({count}): newsclean HTML vs bare trafilatura.extract",
                f"{count / ours_html:.1f} docs/s", f"{count / theirs:.1f} docs/s", theirs / ours_html, ">= 0.95"),
            Row(f"real pages ({count}): newsclean txt vs the naive loop (the limit)",
                f"{count / ours_txt:.1f} docs/s", f"{count / naive:.1f} docs/s", naive / ours_txt)]


def parallel_rows(tree: Path, big: Path, work: Path, files: int, rounds: int) -> list[Row]:
    def run(name: str, *flags, inputs: Path = tree) -> list[str]:
        return newsclean(inputs, "-o", work / name, "-q", *flags)

    j1, j2 = best_pair(run("j1", "-j1"), run("j2", "-j2"), rounds)
    dask, j2_again = best_pair(run("dask", "--engine", "dask", "-j2"), run("j2b", "-j2"), rounds)
    j2 = min(j2, j2_again)
    # the cluster's start-up weighs less on a longer run: the 10x corpus, once
    dask_big, j2_big = best_pair(run("dask-10x", "--engine", "dask", "-j2", inputs=big),
                                 run("j2-10x", "-j2", inputs=big), 1)
    return [Row("-j2 vs -j1", f"{files / j2:.0f} files/s", f"{files / j1:.0f} files/s", j1 / j2, ">= 1.8"),
            Row(f"--engine dask (local cluster, 2 workers) vs -j2, {files} files", f"{files / dask:.0f} files/s",
                f"{files / j2:.0f} files/s", j2 / dask, ">= 0.9"),
            Row(f"--engine dask vs -j2, {files * 10} files (one round)", f"{files * 10 / dask_big:.0f} files/s",
                f"{files * 10 / j2_big:.0f} files/s", j2_big / dask_big, ">= 0.9")]


def startup_rows(sample: Path, rounds: int) -> list[Row]:
    # as installed: pip writes the bytecode of a package it installs, an editable install (or a
    # PYTHONDONTWRITEBYTECODE=1 environment) would compile newsclean's sources at every start
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(__file__).resolve().parents[1] / "newsclean")],
                   check=True)
    nothing = [PYTHON, "-c", "pass"]
    rows = []
    for command, measure, floor in ((newsclean("--version"), "start-up: newsclean --version vs python -c pass", "<= 2"),
                                    (newsclean(sample, "-f", "json"), "one small txt file vs python -c pass", "<= 5")):
        ours, theirs = best_pair(command, nothing, rounds)
        rows.append(Row(measure, seconds(ours), seconds(theirs), ours / theirs, floor))
    return rows


def memory_rows(small: Path, big: Path, work: Path, files: int) -> list[Row]:
    rows = []
    for engine in ("local", "dask"):
        flags = ("-j2", "-q", "--engine", engine)
        small_kb = max_rss_kb(newsclean(small, "-o", work / f"mem-{engine}-1x", *flags))
        big_kb = max_rss_kb(newsclean(big, "-o", work / f"mem-{engine}-10x", *flags))
        rows.append(Row(f"peak memory, {engine} engine -j2: {files * 10} files vs {files}",
                        f"{big_kb / 1024:.0f} MB", f"{small_kb / 1024:.0f} MB", big_kb / small_kb, "<= 1.1"))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| measure | newsclean | against | ratio | floor | |", "| --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        ratio = "n/a" if row.ratio != row.ratio else f"{row.ratio:.2f}x"
        lines.append(f"| {row.measure} | {row.ours} | {row.theirs} | {ratio} | {row.floor} | {row.verdict} |")
    return "\n".join(lines)


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    versions = ", ".join(f"{name} {_version(name)}" for name in ("newsclean", "trafilatura", "dask", "distributed"))
    return (f"{len(os.sched_getaffinity(0))} cores ({model}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; {versions}")


def load(before: tuple[float, ...], after: tuple[float, ...]) -> str:
    """The load averages (1, 5, 15 minutes) as the run began and ended: other work skews the times."""
    return f"load average {' '.join(f'{v:.2f}' for v in before)} before, {' '.join(f'{v:.2f}' for v in after)} after"


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus and fewer rounds (about a minute)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="write the table here")
    parser.add_argument("--parallel", action="store_true",
                        help="only the -j2 and --engine dask rows, printed (--results is left as it is)")
    args = parser.parse_args()
    files, pages, rounds = (400, 40, 2) if args.quick else (3000, 200, 3)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as temporary:
        work = Path(temporary)
        small, big, html = work / "dumps", work / "dumps-10x", work / "pages"
        write_tree(small, files)
        write_tree(big, files * 10)
        if args.parallel:
            rows = parallel_rows(small, big, work, files, rounds)
            print(f"{machine()}; {load(load_before, os.getloadavg())}.\n\n{table(rows)}")
            return
        html.mkdir()
        for number in range(pages):
            (html / f"{number:04d}.html").write_text(make_page(number)[0], "utf-8")
        sample = next(small.rglob("*.txt"))
        rows = (txt_rows(small, work, files, rounds) + html_rows(html, work, pages, rounds)
                + real_rows(work, rounds) + parallel_rows(small, big, work, files, rounds) + startup_rows(sample, rounds * 3)
                + memory_rows(small, big, work, files))
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    report = (f"# Benchmarks\n\nMeasured {datetime.date.today().isoformat()} with `{command}`: {files} innerText "
              f"dumps, {pages} HTML pages, best of {rounds} rounds (start-up: {rounds * 3}), each command a fresh "
              f"process.\n\nMachine: {machine()}; {load(load_before, os.getloadavg())}.\n\n{table(rows)}\n")
    print(report)
    args.results.write_text(report, "utf-8")


if __name__ == "__main__":
    main()
