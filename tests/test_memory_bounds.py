"""Memory stays bounded over many clean() calls, and one large input costs a small multiple of itself.

Ratios, not absolute figures: caches keyed by words or tokens fill up within the first N calls
(each call brings several hundred new words), so the next N calls must add next to nothing,
where a cache without bound grows as much again (benchmarks/memory.py runs 20,000 calls). And
the peak of one call is measured against the input's size.
"""
import random
import tracemalloc

import pytest

from newsclean import Options, clean

LETTERS = "абвгдежзиклмнопрстуфхцчшэюяіїє"
N = 50  # calls that bring twice as many new words as a cache keeps


def _article(rng: random.Random) -> str:
    """An article-like text of words (and a URL and a number) that no other call repeats."""
    def word() -> str:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 10)))

    paragraphs = [" ".join(word() for _ in range(40)) + f" https://example.com/{word()} {rng.randint(1, 10**9)}."
                  for _ in range(20)]
    return "\n\n".join(paragraphs)


def test_memory_does_not_grow_with_calls():
    options = Options()  # every stage runs (extract=False leaves out only the classifier)
    rng = random.Random(random.random())  # words new to this process too
    clean(_article(rng), options=options)  # lexicons loaded first
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(N):
            clean(_article(rng), options=options)
        after_n = tracemalloc.get_traced_memory()[0] - start
        for _ in range(N):
            clean(_article(rng), options=options)
        after_2n = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    # not 0: a full cache's dict is still resized now and then
    assert after_2n - after_n <= 0.2 * after_n, f"{after_n // 1024} KB after {N} calls, {after_2n // 1024} KB after {2 * N}"


@pytest.mark.parametrize("unit", ["„Новый“ бюджет „утвердили“ ", "пpавительство yтвердило нoвый бюджeт ",
                                  "Правительство утвердило «новый» бюджет — по словам министра, дефицит меньше 3%. "],
                         ids=["quotes to typeset", "homoglyphs to fix", "clean article"])
def test_one_long_line_costs_a_small_multiple_of_itself(unit):
    # one line: no line or paragraph to work by, and a change every few characters where
    # there are changes (a list of the pieces between them cost many times the text)
    data = (unit * (100_000 // len(unit))).strip().encode()
    options = Options(extract=False)  # the classifier's own memory is not the text stages'
    clean(data[:1000], options=options)  # lexicons loaded first
    tracemalloc.start()
    try:
        clean(data, options=options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * len(data), f"{peak / len(data):.1f}x the input"
