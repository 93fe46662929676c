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
    # the best score of a path ending in each state, and per block where each state came from
    before, article, box, after = 0.0, 0.0, -math.inf, 0.0  # the dump may start inside the article
    back: list[tuple[State, State, State, State]] = []
    log = math.log
    for p in probabilities:
        kept, dropped = (0.0, 0.0) if p is None else (log(max(p, _FLOOR)), log(max(1 - p, _FLOOR)))
        # to article: from before, article or box (a box is an excursion: coming back is free)
        to_article = max((before, State.BEFORE), (article, State.ARTICLE), (box, State.BOX))
        to_box = max((article - box_enter, State.ARTICLE), (box - box_stay, State.BOX))
        to_after = max((article - end, State.ARTICLE), (box - end, State.BOX), (after, State.AFTER),
                       (before, State.BEFORE))
        back.append((State.BEFORE, to_article[1], to_box[1], to_after[1]))
        before, article, box, after = (before + dropped, to_article[0] + kept, to_box[0] + dropped,
                                       to_after[0] + dropped)
    # a dump cannot end inside a box: the article ended there
    state = max((before, State.BEFORE), (article, State.ARTICLE), (after, State.AFTER))[1]
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return path[::-1]
