"""Every text stage takes time linear in its input, on the inputs that once made one quadratic.

Checked by the ratio of the times at two sizes (8x apart), never by an absolute time: linear
is 8x, quadratic 64x; the bound (24x, n^1.5) leaves room for a loaded machine. benchmarks/
pathological.py runs many more inputs up to 1 MB.
"""
import random
import time

import pytest

from newsclean import Options, clean

FACTOR, MAX_RATIO = 8, 24


def _mixed_scripts(n: int) -> str:
    # Latin and Cyrillic letters (twins and not) without a space: one word of n letters
    rng = random.Random(n)
    return "".join(rng.choice("аaоoеeрpсcхxкkмтнвыABCEHKMOPTX") for _ in range(n))


def _lines(text: str, width: int = 80) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _hyphenated_line_ends(n: int) -> str:
    # a hard-wrapped paragraph whose lines end in a different word broken by a hyphen
    lines = []
    for i in range(n // 92):
        word = "".join(chr(0x430 + i // 32 ** k % 32) for k in range(3))
        lines += [f"в докладе говорится о том, что новое слово{word}-", f"служба{word} работает с утра до вечера и говорит"]
    return "\n".join(lines)


def _run_on_lines(n: int) -> str:
    # one HTML paragraph of unfinished lines, each <br> followed by a small letter: one run-on sentence
    return "<html><body><p>" + "слово слово слово слово<br>и " * (n // 30) + "конец.</p></body></html>"


# name: (input of about n characters, the smaller n: where quadratic time shows already)
WORST = {
    "mixed scripts, one line": (_mixed_scripts, 2_000),
    "mixed scripts, wrapped": (lambda n: _lines(_mixed_scripts(n)), 2_000),
    "mixed scripts in a URL": (lambda n: "Читайте https://example.com/" + _mixed_scripts(n) + " далее", 2_000),
    "mixed scripts before an @": (lambda n: _mixed_scripts(n) + "@почта", 2_000),
    "hyphen at every line end": (lambda n: _lines("а-" * (n // 2)), 16_000),
    "hyphenated words at line ends": (_hyphenated_line_ends, 16_000),
    "one letter repeated": (lambda n: "а" * n, 2_000),
    "entities escaped many times": (lambda n: "&" + "amp;" * (n // 4) + "laquo;", 2_000),
    # a garbled-looking character sends the text to the misreading checks, then a line of small letters up to a capital
    "small letters up to a capital": (lambda n: "¤ " + "а" * n + "А", 2_000),
    "digits, a bracket, a digit": (lambda n: "1" * n + ")1", 2_000),  # a counter tail that fails at the end
    # a cookie-prompt word again and again (joined by hyphens: one long word), none of the words after it
    "a cookie word repeated": (lambda n: "cookie-" * (n // 7) + "x", 5_000),
    "a paragraph of <br> run-on lines": (_run_on_lines, 40_000),
    # trafilatura merges adjacent emphasis one pair at a time, copying the merged text each time
    "a paragraph of bold words": (lambda n: "<html><body><p>" + "<b>слово</b> " * (n // 13) + "</p></body></html>",
                                  20_000),
    "a <title> of many segments": (lambda n: "<html><head><title>" + "ab | " * (n // 5) + "</title></head>"
                                   "<body><p>Текст страницы.</p></body></html>", 1_000),
}


def _best_time(text: str, options: Options) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        clean(text, options=options)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("options", [Options(), Options(extract=False)], ids=["extract", "no-extract"])
@pytest.mark.parametrize("name", list(WORST))
def test_time_grows_linearly(name, options):
    make, size = WORST[name]
    small = _best_time(make(size), options)
    large = _best_time(make(size * FACTOR), options)
    assert large / small < MAX_RATIO, f"{name}: {small:.4f}s -> {large:.4f}s for {FACTOR}x the size"


def _menu_and_article(n: int) -> str:
    # thousands of menu links that trafilatura leaves out, before an article it keeps
    links = "".join(f"<li><a href='/{i}'>раздел {i} сайта</a></li>" for i in range(n // 50))
    paragraphs = "".join(f"<p>Абзац {i} статьи о том, что произошло в городе вчера вечером.</p>" for i in range(n // 150))
    return f"<html><body><nav><ul>{links}</ul></nav><article>{paragraphs}</article></body></html>"


def test_explained_page_time_grows_linearly():
    # --explain lists every text of the page left out of the output: looking each one up in the
    # output must not cost the output's size
    options = Options(keep_removed=True)
    small = _best_time(_menu_and_article(50_000), options)
    large = _best_time(_menu_and_article(400_000), options)
    assert large / small < MAX_RATIO, f"{small:.4f}s -> {large:.4f}s for {FACTOR}x the size"
