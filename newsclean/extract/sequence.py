"""One decision over the whole block sequence (Web2Text's smoothing): a Viterbi pass over the
states before / article / box / after, so that a related box, an ad or a caption inside the
article is a short excursion and the article resumes after it, and the article ends where
prose stops rather than where a marker appears."""
from __future__ import annotations

import math
from enum import IntEnum


class State(IntEnum):
    BEFORE = 0
    ARTICLE = 1
    BOX = 2
    AFTER = 3


_FLOOR = 1e-6


def decode(probabilities: list[float | None], costs: dict[str, float]) -> list[State]:
    """The most likely state per block. A probability of None (a metadata line) is evidence for
    no state: it neither breaks nor extends the article."""
    if not probabilities:
        return []
    box_enter, box_stay, end = costs["box_enter"], costs["box_stay"], costs["end"]
    minus_inf = -math.inf
    # transitions[to] = ((from, log cost), ...)
    transitions = (
        ((State.BEFORE, 0.0),),
        ((State.BEFORE, 0.0), (State.ARTICLE, 0.0), (State.BOX, 0.0)),
        ((State.ARTICLE, -box_enter), (State.BOX, -box_stay)),
        ((State.ARTICLE, -end), (State.BOX, -end), (State.AFTER, 0.0), (State.BEFORE, 0.0)),
    )
    scores = [0.0, 0.0, minus_inf, 0.0]  # the dump may start inside the article
    back: list[tuple[int, ...]] = []
    for p in probabilities:
        kept, dropped = (0.0, 0.0) if p is None else (math.log(max(p, _FLOOR)), math.log(max(1 - p, _FLOOR)))
        emission = (dropped, kept, dropped, dropped)
        new, pointers = [], []
        for to, sources in enumerate(transitions):
            best, source = max(((scores[s] + cost, s) for s, cost in sources), key=lambda t: t[0])
            new.append(best + emission[to])
            pointers.append(source)
        scores = new
        back.append(tuple(pointers))
    state = max(range(4), key=lambda s: scores[s] if s != State.BOX else minus_inf)
    path = [State(state)]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(State(state))
    return path[::-1]
