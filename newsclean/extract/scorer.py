"""A local score per block: the probability that it is article text, from weights kept as data
(lexicons/extractor.json, fitted by scripts/fit_extractor.py on gold cases)."""
from __future__ import annotations

import math
from functools import cache
from operator import mul

from ..lexicons import load_json
from .features import CONTEXT_NAMES, NAMES, OWN_COLUMNS, with_context
from .titles import NAMES as TITLE_NAMES


@cache
def model() -> dict:
    """The fitted weights (checked against the feature names they were fitted for) and the
    sequence and title parameters."""
    data = load_json("extractor.json")
    for part in ("local", "block", "title"):
        if tuple(data[part]["features"]) != _names(part):
            raise RuntimeError(f"lexicons/extractor.json: the {part} weights are for other features; "
                               "run scripts/fit_extractor.py")
    return data


def _names(part: str) -> tuple[str, ...]:
    if part == "local":
        return NAMES
    if part == "block":
        return NAMES + CONTEXT_NAMES
    return TITLE_NAMES


def own_sums(own: tuple[float, ...]) -> tuple[float, float]:
    """The local and block scores summed over a line's own columns (the first OWN_COLUMNS of
    every row), to be kept with the line: a menu item seen again costs only its context."""
    return (sum(map(mul, _weights("local")[:OWN_COLUMNS], own[:OWN_COLUMNS])),
            sum(map(mul, _weights("block")[:OWN_COLUMNS], own[:OWN_COLUMNS])))


def block_rows(rows: list[list[float]], sums: list[tuple[float, float]] | None = None) -> list[list[float]]:
    """The feature rows (extended in place) with the context of the local scores: what the block
    score weighs."""
    local = [own for own, _ in sums] if sums is not None else None
    return with_context(rows, probabilities(rows, "local", local))


def probabilities(rows: list[list[float]], part: str, own: list[float] | None = None) -> list[float]:
    """The score of each row; with `own`, the sums of the rows' own columns (own_sums), only
    the other columns are weighed, in the same order (the same floats)."""
    weights = _weights(part)
    if own is None:
        return [_sigmoid(sum(map(mul, weights, row))) for row in rows]
    rest = weights[OWN_COLUMNS:]
    return [_sigmoid(sum(map(mul, rest, row[OWN_COLUMNS:]), start)) for row, start in zip(rows, own)]


@cache
def _weights(part: str) -> tuple[float, ...]:
    return tuple(model()[part]["weights"])


def contributions(row: list[float], part: str = "block", top: int = 3) -> list[tuple[str, float]]:
    """The features that weighed most in one block's score (for --explain)."""
    weights = _weights(part)
    names = _names(part)
    terms = [(names[i], w * x) for i, (w, x) in enumerate(zip(weights, row)) if x and names[i] != "bias"]
    return sorted(terms, key=lambda t: -abs(t[1]))[:top]


def _sigmoid(z: float) -> float:
    if z < -30:
        return 1e-13
    return 1.0 / (1.0 + math.exp(-z))
