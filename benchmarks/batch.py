"""Batch benchmark: ratios measured in one run, each command in a fresh process.

    python benchmarks/batch.py [--files 2000] [--skip-memory]

* speed: -j2 against -j1 on N generated dumps (floor: 1.8x on 2 CPUs)
* memory: the largest RSS of the process tree (RUSAGE_CHILDREN of a fresh wrapper) for a
  10x larger tree against N (ceiling: 1.1x)
* resume: SIGINT to the process group mid-run (as Ctrl-C does), then --skip-existing: the
  rest is written, nothing is rewritten (same inode and mtime), no temporary file is left
* learning: share of the template's prose-like lines left in articles, with and without --learn
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_batch_dumps import TEMPLATE_PROSE, make_dump, write_tree  # noqa: E402

NEWSCLEAN = [sys.executable, "-m", "newsclean"] if not os.environ.get("NEWSCLEAN") else [os.environ["NEWSCLEAN"]]
RSS_WRAPPER = ("import resource, subprocess, sys\n"
               "code = subprocess.run(sys.argv[1:]).returncode\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


def newsclean(*args) -> list[str]:
    return NEWSCLEAN + [str(a) for a in args]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def max_rss_kb(command: list[str]) -> int:
    """The largest resident set of any process of the tree that `command` starts (workers too)."""
    out = subprocess.run([sys.executable, "-c", RSS_WRAPPER, *command], capture_output=True, text=True).stdout
    return int(out.split()[0])


def outputs(directory: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in directory.rglob("*") if p.is_file()}


def speed(tree: Path, work: Path, runs: int = 3) -> dict:
    """The best of `runs` interleaved runs each (other load on the machine skews single runs)."""
    seconds = {1: [], 2: []}
    for run in range(runs):
        for jobs in (1, 2):
            seconds[jobs].append(timed(newsclean(tree, "-o", work / f"speed{jobs}-{run}", "-j", jobs, "-q")))
    best = {jobs: min(times) for jobs, times in seconds.items()}
    return {"j1_seconds": round(best[1], 2), "j2_seconds": round(best[2], 2),
            "speedup": round(best[1] / best[2], 2), "floor": 1.8}


def memory(small: Path, big: Path, work: Path) -> dict:
    small_kb = max_rss_kb(newsclean(small, "-o", work / "mem-small", "-j2", "-q"))  # default options: learning on
    big_kb = max_rss_kb(newsclean(big, "-o", work / "mem-big", "-j2", "-q"))
    return {"files_small": sum(1 for _ in small.rglob("*.txt")), "files_big": sum(1 for _ in big.rglob("*.txt")),
            "max_rss_small_mb": round(small_kb / 1024, 1), "max_rss_big_mb": round(big_kb / 1024, 1),
            "ratio": round(big_kb / small_kb, 3), "ceiling": 1.1}


def resume(tree: Path, work: Path, total: int) -> dict:
    out = work / "resume"
    process = subprocess.Popen(newsclean(tree, "-o", out, "-j2", "-q", "--no-learn"), start_new_session=True,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and len(list(out.rglob("*.json"))) < total // 3:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    exit_status = process.wait()
    before = outputs(out)
    temporary_after_interrupt = [p for p in before if ".newsclean" in p]
    status = subprocess.run(newsclean(tree, "-o", out, "-j2", "--skip-existing", "--no-learn"),
                            capture_output=True, text=True)
    after = outputs(out)
    return {"interrupted_exit_status": exit_status, "written_before_resume": len(before),
            "temporary_files_after_interrupt": len(temporary_after_interrupt),
            "resume_exit_status": status.returncode, "written_after_resume": len(after), "expected": total,
            "rewritten": sum(after.get(p) != v for p, v in before.items()),
            "resume_summary": status.stderr.strip().splitlines()[-1]}


def learning(work: Path, count: int = 200) -> dict:
    tree = work / "learn-site"
    write_tree(tree, count)
    figures = {}
    for flag in ("--no-learn", "--learn"):
        lines = subprocess.run(newsclean(tree, "-j2", "-q", flag), capture_output=True, text=True).stdout.splitlines()
        articles = [json.loads(line) for line in lines]
        template_kept = sum(line in a["paragraphs"] for a in articles for line in TEMPLATE_PROSE)
        body = [make_dump(n)[1] for n in range(count)]
        body_kept = sum(p in a["paragraphs"] for a, paragraphs in zip(articles, body) for p in paragraphs)
        figures[flag.lstrip("-")] = {
            "template_lines_left": f"{template_kept}/{len(TEMPLATE_PROSE) * count}",
            "body_paragraphs_kept": f"{body_kept}/{sum(map(len, body))}"}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--skip-memory", action="store_true", help="skip the 10x tree (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as temporary:
        work = Path(temporary)
        small = work / "small"
        write_tree(small, args.files)
        results = {"cpus": os.cpu_count(), "load_average_before": os.getloadavg()[0], "speed": speed(small, work)}
        results["resume"] = resume(small, work, args.files)
        results["learning"] = learning(work)
        if not args.skip_memory:
            big = work / "big"
            write_tree(big, args.files * 10)
            results["memory"] = memory(small, big, work)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
