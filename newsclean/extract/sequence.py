"""One decision over the whole block sequence (Web2Text's smoothing): a Viterbi pass over the
states before / article / box / after, so that a related box, an ad or a caption inside the
article is a short excursion and the article resumes after it, and the article ends where
prose stops rather than where a marker appears."""
from __future__ import annotations

import math
from enum import IntEnum
from operator import itemgetter


class State(IntEnum):
    BEFORE = 0
    ARTICLE = 1
    BOX = 2
    AFTER = 3


_FLOOR = 1e-6
_score = itemgetter(0)


def evidence(scores: list[float], metadata: list[bool], html: bool, costs: dict[str, float]) -> list[float | None]:
    """What decode() weighs per block: the block scores, none for metadata lines, and for an HTML
    page's blocks (which trafilatura already chose) its choice as a prior in their favour."""
    keep = math.exp(costs["html_keep"]) if html else 1.0
    return [None if meta else keep * p / (keep * p + 1 - p) for p, meta in zip(scores, metadata)]


def decode(probabilities: list[float | None], costs: dict[str, float]) -> list[State]:
    """The most likely state per block. A probability of None (a metadata line) is evidence for
    no state: it neither breaks nor extends the article."""
    if not probabilities:
        return []
    box_enter, box_stay, end = costs["box_enter"], costs["box_stay"], costs["end"]
    # the best score of a path ending in each state, and per block where each state came from
    before, article, box, after = 0.0, 0.0, -math.inf, -math.inf  # it may start inside the article
    back: list[tuple[State, State, State, State]] = []
    log = math.log
    for p in probabilities:
        kept, dropped = (0.0, 0.0) if p is None else (log(max(p, _FLOOR)), log(max(1 - p, _FLOOR)))
        # to article: from before, article or box (a box is an excursion: coming back is free);
        # ties go to the source listed first: staying where one is (plain comparisons: max()
        # with a key costs more than the rest of the pass)
        to_article, from_article = article, State.ARTICLE
        if before > to_article:
            to_article, from_article = before, State.BEFORE
        if box > to_article:
            to_article, from_article = box, State.BOX
        to_box, from_box = box - box_stay, State.BOX
        if article - box_enter > to_box:
            to_box, from_box = article - box_enter, State.ARTICLE
        to_after, from_after = after, State.AFTER
        if article - end > to_after:
            to_after, from_after = article - end, State.ARTICLE
        if box - end > to_after:
            to_after, from_after = box - end, State.BOX
        if before > to_after:
            to_after, from_after = before, State.BEFORE
        back.append((State.BEFORE, from_article, from_box, from_after))
        before, article, box, after = before + dropped, to_article + kept, to_box + dropped, to_after + dropped
    # a dump cannot end inside a box: the article ended there
    state = max((before, State.BEFORE), (article, State.ARTICLE), (after, State.AFTER), key=_score)[1]
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return path[::-1]
