"""Memory over many newsclean.clean() calls on different inputs: it must stay flat.

    python benchmarks/memory.py [--calls 20000] [--every 2000] [--tracemalloc] [--max-growth 1.2]

Each call cleans a different article-like text (ru/uk words, made-up words and names that no
call repeats, numbers, URLs, a Latin look-alike or two), so that any cache keyed by words,
tokens or texts sees new keys all the time. Prints, every --every calls, the process's
resident memory (from /proc/self/statm, or the peak from resource where there is no /proc)
and with --tracemalloc the memory Python has allocated; exits 1 when that memory at the end
exceeds --max-growth times what it was half-way.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc

from newsclean import Options, clean

WORDS = ("правительство утвердило новый бюджет на следующий год по словам министра финансов дефицит "
         "будет меньше трёх процентов уряд затвердив новий бюджет на наступний рік за словами міністра "
         "фінансів дефіцит буде меншим сообщили в пресс-службе ведомства").split()
LETTERS = "абвгдежзиклмнопрстуфхцчшэюяіїє"


def article(rng: random.Random, number: int) -> str:
    """A text no other call sees: its made-up words and numbers are new."""
    def made_up() -> str:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 12)))

    paragraphs = [f"{made_up().capitalize()} {made_up()} {number}: новости дня"]
    for _ in range(rng.randint(3, 8)):
        words = [rng.choice(WORDS) if rng.random() < 0.6 else made_up() for _ in range(rng.randint(20, 60))]
        words[rng.randrange(len(words))] = f"https://example.com/{made_up()}/{number}"
        words[rng.randrange(len(words))] = f"{rng.randint(1, 10**6)}"
        words[rng.randrange(len(words))] = "пpавительство"  # a Latin look-alike
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs)


def resident_mb() -> float:
    try:
        with open("/proc/self/statm") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # no /proc: the peak is the best there is
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--every", type=int, default=2_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    parser.add_argument("--max-growth", type=float, default=1.2)
    parser.add_argument("--no-extract", action="store_true", help="Options(extract=False)")
    args = parser.parse_args(argv)
    options = Options(extract=not args.no_extract)
    rng = random.Random(0)
    clean(article(rng, -1), options=options)  # lexicons and regexes loaded before the first figure
    if args.tracemalloc:
        tracemalloc.start()
    print(f"{'calls':>8} {'RSS MB':>8}" + (f" {'traced MB':>10}" if args.tracemalloc else "") + f" {'s':>6}")
    figures: dict[int, float] = {}
    start = time.perf_counter()
    for number in range(1, args.calls + 1):
        clean(article(rng, number), options=options)
        if number % args.every == 0 or number == args.calls:
            traced = tracemalloc.get_traced_memory()[0] / 2**20 if args.tracemalloc else None
            figures[number] = traced if traced is not None else resident_mb()
            print(f"{number:8} {resident_mb():8.1f}" + (f" {traced:10.2f}" if traced is not None else "")
                  + f" {time.perf_counter() - start:6.1f}", flush=True)
    half = min(figures, key=lambda n: abs(n - args.calls / 2))
    growth = figures[args.calls] / figures[half]
    what = "traced" if args.tracemalloc else "resident"
    print(f"\n{what} memory after {args.calls} calls / after {half}: {growth:.2f}x (at most {args.max_growth}x)")
    return 0 if growth <= args.max_growth else 1


if __name__ == "__main__":
    sys.exit(main())
