"""A local score per block: the probability that it is article text, from weights kept as data
(lexicons/extractor.json, fitted by scripts/fit_extractor.py on gold cases)."""
from __future__ import annotations

import math
from functools import cache
from operator import mul

from ..lexicons import load_json
from .features import CONTEXT_NAMES, NAMES, with_context
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


def block_rows(rows: list[list[float]]) -> list[list[float]]:
    """The feature rows with the context of the local scores: what the block score weighs."""
    return with_context(rows, probabilities(rows, "local"))


def probabilities(rows: list[list[float]], part: str) -> list[float]:
    weights = model()[part]["weights"]
    return [_sigmoid(sum(map(mul, weights, row))) for row in rows]


def contributions(row: list[float], part: str = "block", top: int = 3) -> list[tuple[str, float]]:
    """The features that weighed most in one block's score (for --explain)."""
    weights = model()[part]["weights"]
    names = _names(part)
    terms = [(names[i], w * x) for i, (w, x) in enumerate(zip(weights, row)) if x and names[i] != "bias"]
    return sorted(terms, key=lambda t: -abs(t[1]))[:top]


def _sigmoid(z: float) -> float:
    if z < -30:
        return 1e-13
    return 1.0 / (1.0 + math.exp(-z))
