"""The title as a scored choice among candidate lines: a headline repeated near the top, the
line before the start of the body, a line that matches the page's title metadata or the lead,
by length and shape; a rubric, a menu item or a teaser scores low."""
from __future__ import annotations

import math
from collections.abc import Callable

from ..document import Block
from ..fields.credits import caption_credit
from ..fields.vocabulary import WORD, Shape, title_key
from .features import stopwords
from .roles import METADATA_RULES, Rule
from .rules import Verdict, rule_of

_SEPARATORS = (" / ", " » ", " // ", " | ", " :: ", " — ", " - ", " › ")
NAMES: tuple[str, ...] = (
    "bias", "log_words", "w2", "w3_5", "w6_12", "w13", "ends_period", "ends_question", "prose", "headline",
    "capitals", "all_caps", "digits", "local_rule", "log_copies", "copy_near", "copy_far",
    "hint_same", "hint_overlap", "log_blocks_to_start", "inside_article", "meta_near", "lead_overlap",
    "position", "rank", "after_short_lines", "separators", "has_credit", "only_metadata_to_start",
    "stopwords", "repeated_words", "ends_colon", "relative_length",
)
_INDEX = {name: i for i, name in enumerate(NAMES)}
_LOOK_BEFORE = 40  # candidate lines before the article start
_LOOK_INSIDE = 3  # and at its very beginning (a title the scorer took for prose)
_NEAR = 12
_LONG_SENTENCE = 15  # words: headlines are shorter, or they are no sentence


def candidates(shapes: list[Shape], rules: list[Verdict | None], start: int, hint: str | None,
               html: bool) -> list[int]:
    """Lines that could be the title: a few words, not a metadata or UI line. Of an HTML page's
    blocks only a copy of its title metadata: trafilatura leaves the headline out of the text."""
    if html:
        key = title_key(hint) if hint else None
        return [i for i, s in enumerate(shapes) if key and s.n_words <= 30 and s.title_key == key][:1]
    low, high = max(0, start - _LOOK_BEFORE), min(len(shapes), start + _LOOK_INSIDE)
    # a paragraph of the article, or a long sentence, that ends with a full stop is text
    return [i for i in range(low, high)
            if 1 <= shapes[i].n_words <= 30 and len(shapes[i].text) <= 300
            and rule_of(rules[i]) in (None, Rule.CHROME)
            and not ((i >= start or shapes[i].n_words >= _LONG_SENTENCE) and shapes[i].text.endswith("."))]


def title_features(i: int, rank: int, blocks: list[Block], shapes: list[Shape], rules: list[Verdict | None],
                   start: int, keys: dict[str, list[int]], hint: tuple[str, set[str]] | None,
                   leads: Callable[[int], set[str]], words: Callable[[int], set[str]]) -> list[float]:
    """The features of candidate i; `hint`: the title_key and content words of the page's title metadata."""
    s = shapes[i]
    text = s.text
    row = [0.0] * len(NAMES)
    n = s.n_words
    row[0] = 1.0
    row[_INDEX["log_words"]] = math.log1p(n)
    row[_INDEX["w2" if n <= 2 else "w3_5" if n <= 5 else "w6_12" if n <= 12 else "w13"]] = 1.0
    row[_INDEX["ends_period"]] = float(text.endswith("."))
    row[_INDEX["ends_question"]] = float(text.endswith(("?", "!")))
    row[_INDEX["prose"]] = float(s.is_prose)
    row[_INDEX["headline"]] = float(s.is_headline)
    row[_INDEX["capitals"]] = sum(w[0].isupper() for w in s.words) / max(1, n)
    row[_INDEX["all_caps"]] = float(text.isupper())
    row[_INDEX["digits"]] = float(any(c.isdigit() for c in text))
    row[_INDEX["local_rule"]] = float(rules[i] is not None)
    copies = [j for j in keys.get(s.title_key, ()) if j != i]
    row[_INDEX["log_copies"]] = math.log1p(len(copies))
    row[_INDEX["copy_near"]] = float(any(abs(j - i) <= _NEAR for j in copies))
    row[_INDEX["copy_far"]] = float(any(abs(j - i) > _NEAR for j in copies))
    if hint is not None:
        hint_key, hint_words = hint
        row[_INDEX["hint_same"]] = float(hint_key == s.title_key)
        row[_INDEX["hint_overlap"]] = _overlap(words(i), hint_words)
    row[_INDEX["log_blocks_to_start"]] = math.log1p(max(0, start - i))
    row[_INDEX["inside_article"]] = float(i >= start)
    row[_INDEX["meta_near"]] = float(any(rule_of(rules[j]) in METADATA_RULES
                                         for j in range(max(0, i - 3), min(len(blocks), i + 4)) if j != i))
    row[_INDEX["lead_overlap"]] = _overlap(words(i), leads(max(start, i + 1)))
    row[_INDEX["position"]] = i / max(1, len(blocks) - 1)
    row[_INDEX["rank"]] = math.log1p(rank)
    before = [shapes[j].n_words <= 3 for j in range(max(0, i - 4), i)]
    row[_INDEX["after_short_lines"]] = sum(before) / 4
    row[_INDEX["separators"]] = float(sum(text.count(sep) for sep in _SEPARATORS))
    row[_INDEX["has_credit"]] = float(caption_credit(text) is not None)
    row[_INDEX["only_metadata_to_start"]] = float(i < start and all(
        rules[j] is not None or shapes[j].n_words <= 3 for j in range(i + 1, start)))
    if n:
        lowered = [w.lower() for w in s.words]
        row[_INDEX["stopwords"]] = sum(w in stopwords() for w in lowered) / n
        row[_INDEX["repeated_words"]] = float(n >= 4 and len(set(lowered)) < 0.7 * n)
    row[_INDEX["ends_colon"]] = float(text.endswith(":"))
    return row


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) >= 4}


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def candidate_rows(blocks: list[Block], shapes: list[Shape], rules: list[Verdict | None], start: int,
                   title_hint: str | None, html: bool) -> tuple[list[int], list[list[float]]]:
    """The candidates (nearest the article start first) and their feature rows."""
    keys: dict[str, list[int]] = {}
    for j, s in enumerate(shapes):
        if s.n_words <= 30:
            keys.setdefault(s.title_key, []).append(j)
    found = sorted(candidates(shapes, rules, start, title_hint, html), key=lambda i: abs(start - 1 - i))
    computed: dict[int, set[str]] = {}  # candidates before the start share one lead

    words_of: dict[int, set[str]] = {}

    def words(j: int) -> set[str]:
        """The content words of block j (each block's found once: a lead is near many candidates)."""
        if j not in words_of:
            words_of[j] = _content_words(blocks[j].text)
        return words_of[j]

    def leads(first: int) -> set[str]:
        """The content words of the three blocks from `first` on (the lead of the article)."""
        if first not in computed:
            computed[first] = set().union(*map(words, range(first, min(len(blocks), first + 3))))
        return computed[first]

    hint = (title_key(title_hint), _content_words(title_hint)) if title_hint else None
    rows = [title_features(i, rank, blocks, shapes, rules, start, keys, hint, leads, words)
            for rank, i in enumerate(found)]
    longest = max((shapes[i].n_words for i in found), default=1) or 1
    for i, row in zip(found, rows):  # a headline is often the longest of the short lines around it
        row[_INDEX["relative_length"]] = shapes[i].n_words / longest
    return found, rows
