"""Time of newsclean.clean() on pathological inputs as they grow: it must grow linearly.

    python benchmarks/pathological.py [--sizes 10,100,1000] [--only WORD] [--max-ratio 25] [--budget 30]

Each input (one character repeated, mixed scripts without spaces, long URLs, dots, quotes,
digits and colons, entities, mojibake...) is grown to each size in KB of UTF-8, laid out all
on one line and as one run per line (lines of 79 characters), and cleaned with Options()
and with Options(extract=False). Prints the time at each size (best of three) and how many
times it grows per 10x the size, from the first time over 5 ms to the last; exits 1 when
that exceeds --max-ratio (linear time grows 10x, and up to 20x on a busy machine; n^1.5
grows 32x, quadratic 100x), or when a time exceeds --budget seconds (the larger sizes are
then skipped).
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable

from newsclean import InputError, Options, clean

ARTICLE = ("Правительство утвердило новый бюджет на следующий год. По словам министра финансов, "
           "дефицит будет меньше трёх процентов — это «важный шаг» для экономики (см. https://minfin.gov.ru/). ")


def _mixed_letters(seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("аaоoеeрpсcхxкkмтнвыABCEHKMOPTXіi") for _ in range(997))


def _repeated(unit: str) -> Callable[[int], str]:
    """The unit repeated to `size` bytes of UTF-8."""
    return lambda size: unit * max(1, size // len(unit.encode()))


def _escaped_many_times(size: int) -> str:
    return "&" + "amp;" * (size // 4) + "laquo;"


def _long_url(size: int) -> str:
    return "Подробнее: https://example.com/" + _repeated("путь/a-b_c.d?e=1&f=%D0%B0/")(size) + " сегодня"


def _hyphenated_line_ends(size: int) -> str:
    # a hard-wrapped paragraph whose lines end in a different word broken by a hyphen
    lines, i = [], 0
    while sum(map(len, lines)) * 2 < size:
        word = "".join(chr(0x430 + i // 32 ** k % 32) for k in range(3))
        lines += [f"в докладе говорится о том, что новое слово{word}-", f"служба{word} работает с утра до вечера"]
        i += 1
    return "\n".join(lines)


INPUTS: dict[str, Callable[[int], str]] = {
    "article text (the reference)": _repeated(ARTICLE),
    "one Cyrillic letter repeated": _repeated("а"),
    "one Latin letter repeated": _repeated("a"),
    "one capital repeated": _repeated("Ж"),
    "mixed scripts, no spaces": _repeated(_mixed_letters()),
    "alternating scripts, no spaces": _repeated("аa"),
    "mixed scripts, spaced": _repeated(_mixed_letters().replace("x", " ")),
    "lone Latin letters": _repeated("в a с o "),
    "long URL": _long_url,
    "e-mail-like run": _repeated("аa.b+c-"),
    "at signs": _repeated("аa@"),
    "dots": _repeated("."),
    "letters and dots": _repeated("а."),
    "straight quotes": _repeated('"'),
    "quoted letters": _repeated('"а'),
    "guillemets": _repeated("«а»"),
    "digits": _repeated("1"),
    "digits and colons": _repeated("12:30:"),
    "hyphens": _repeated("-"),
    "letters and hyphens": _repeated("а-"),
    "spaced dashes": _repeated("а - "),
    "apostrophes": _repeated("м'я"),
    "spaces and NBSPs": _repeated("а \u00a0 \u2009"),
    "soft hyphens": _repeated("а\u00ad"),
    "combining accents": _repeated("а\u0301"),
    "ampersands": _repeated("&"),
    "entities": _repeated("&laquo;а&raquo;&nbsp;"),
    "entities escaped many times": _escaped_many_times,
    "mojibake words": _repeated("РџСЂРёРІРµС‚ "),
    "mojibake, no spaces": _repeated("РџСЂРёРІРµС‚"),
    "small letters up to a capital": lambda size: "¤ " + "а" * (size // 2) + "А",
    "digits, a bracket, a digit": lambda size: "1" * size + ")1",
    "hyphenated line ends": _hyphenated_line_ends,
    "short lines of small letters": _repeated("слово\n"),  # each may be Cyrillic read with swapped cases
    "a cookie word repeated": _repeated("cookie-"),
    "twin letters, one line": _repeated("Hа "),
    "HTML: <br> run-on lines": lambda size: "<p>" + _repeated("слово слово слово слово<br>и ")(size) + "конец.</p>",
    "HTML: many captions": lambda size: "<article><p>Текст статьи.</p>" + _repeated(
        "<div><figure><div><figcaption>Фото: Иван Петров</figcaption></div></figure></div>")(size) + "</article>",
    "HTML: a tag of many attributes": lambda size: "<p " + _repeated('a="x" ')(size) + ">Текст.</p>",
    "HTML: a paragraph of bold words": lambda size: "<p>" + _repeated("<b>слово</b> ")(size) + "</p>",
    "HTML: alternating emphasis": lambda size: "<p>" + _repeated("<em>а</em><strong>б</strong>")(size) + "</p>",
    "HTML: a <title> of many segments": lambda size: "<title>" + _repeated("ab | ")(size) + "</title><p>Текст.</p>",
}

LAYOUTS: dict[str, Callable[[str], str]] = {
    "one line": lambda text: text,
    "lines": lambda text: "\n".join(text[i:i + 79] for i in range(0, len(text), 79)),
}

# Growth is judged from the first time above this: a few milliseconds are fixed costs and the
# noise of a shared machine more than the input's.
MIN_JUDGED = 0.005

OPTIONS = {"extract": Options(), "no-extract": Options(extract=False)}


def timed(text: str, options: Options) -> float:
    """The best of three runs (of one, when it takes over a second: the machine's noise is
    small next to it then)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            clean(text, options=options)
        except InputError:
            pass  # refused (no text at all, say): as legitimate an end as an article
        best = min(best, time.perf_counter() - start)
        if best > 1:
            break
    return best


def growth_per_10x(sizes: list[int], times: list[float]) -> float | None:
    """How many times the time grows per 10x the size, from the first time long enough to judge
    to the last one (over all the steps: one step alone is at the mercy of a busy machine)."""
    first = next((i for i, t in enumerate(times[:-1]) if t >= MIN_JUDGED), None)
    if first is None:
        return None
    return (times[-1] / times[first]) ** (1 / math.log10(sizes[len(times) - 1] / sizes[first]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="sizes in KB, comma-separated")
    parser.add_argument("--only", default="", help="only the inputs whose name holds this")
    parser.add_argument("--max-ratio", type=float, default=25.0, help="largest time growth per 10x the size")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds after which larger sizes are skipped")
    args = parser.parse_args(argv)
    sizes = [int(kb) * 1000 for kb in args.sizes.split(",")]
    header = f"{'input':32} {'layout':8} {'options':10} " + " ".join(f"{s // 1000:>8}KB" for s in sizes)
    print(header + "   growth per 10x")
    failures = []
    for name, make in INPUTS.items():
        if args.only.lower() not in name.lower():
            continue
        for layout, lay_out in LAYOUTS.items():
            texts = [lay_out(make(size)) for size in sizes]
            for label, options in OPTIONS.items():
                times: list[float] = []
                for text in texts:
                    if times and times[-1] > args.budget:
                        break
                    times.append(timed(text, options))
                cells = [f"{t:9.3f}s" for t in times] + [f"{'skipped':>10}"] * (len(sizes) - len(times))
                growth = growth_per_10x(sizes, times)
                too_slow = len(times) < len(sizes) or (growth is not None and growth > args.max_ratio)
                print(f"{name:32} {layout:8} {label:10} " + " ".join(cells)
                      + (f"   {growth:6.1f}" if growth is not None else "        -")
                      + ("   SUPER-LINEAR" if too_slow else ""), flush=True)
                if too_slow:
                    failures.append(f"{name} / {layout} / {label}")
    if failures:
        print(f"\n{len(failures)} input(s) grow faster than linearly:\n  " + "\n  ".join(failures))
        return 1
    print("\nall inputs grow linearly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
