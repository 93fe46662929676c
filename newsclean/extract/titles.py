"""The title as a scored choice among candidate lines: a headline repeated near the top, the
line before the start of the body, a line that matches the page's title metadata or the lead,
by length and shape; a rubric, a menu item or a teaser scores low."""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from operator import and_, itemgetter

from ..document import Block
from ..fields.credits import caption_credit
from ..fields.sitenames import DOMAIN, strip_site_name
from ..fields.vocabulary import WORD, Shape, lexicon, title_key
from .features import stopwords
from .roles import METADATA_RULES, Rule
from .rules import BREADCRUMB_SEPARATORS, Verdict, rule_of
from .sequence import State

_SEPARATORS = (" / ", " » ", " // ", " | ", " :: ", " — ", " - ", " › ")
NAMES: tuple[str, ...] = (
    "bias", "log_words", "w2", "w3_5", "w6_12", "w13", "ends_period", "ends_question", "prose", "headline",
    "capitals", "all_caps", "digits", "local_rule", "log_copies", "copy_near", "copy_far",
    "hint_same", "hint_overlap", "log_blocks_to_start", "inside_article", "meta_near", "lead_overlap",
    "position", "rank", "after_short_lines", "separators", "has_credit", "only_metadata_to_start",
    "stopwords", "repeated_words", "ends_colon", "relative_length",
    "inner_sentence", "inside_prose", "meta_after", "next_longer", "echo_next", "echo_previous", "relative_lead",
    "first_echo", "after_headline", "before_headline", "under_shorter", "over_longer", "many_copies", "glued",
    "credit_tail", "truncated", "completes_truncated", "ui_words", "later_start",
)
_INDEX = {name: i for i, name in enumerate(NAMES)}
_LOOK_BEFORE = 40  # candidate lines before the article start
_LOOK_FAR = 80  # and headline-shaped ones further up (a page header of many menu lines)
_LOOK_INSIDE = 3  # and at its very beginning (a title the scorer took for prose)
_NEAR = 12
_LONG_SENTENCE = 15  # words: headlines are shorter, or they are no sentence
_STEM = 6  # letters: words compared by their start, so that inflected forms meet
_MANY_COPIES = 3  # a line repeated this often is a menu item or a teaser, more than a title
_PAIR_MIN_WORDS = 4  # a headline over its longer standfirst (not a menu item over a line)
_ECHO_MIN_WORDS = 2  # shared with the lead: the first candidate to share as many heads the article
# a sentence end followed by the start of another sentence: the line is running text
_INNER_SENTENCE = re.compile(r"[.!?…][»\"”“’')\]]*\s+[«\"„“'(]?[^\W\d_]")
_DASH = re.compile(r"\s+[-–—]\s+")
_RUBRIC_MAX_WORDS = 4
# a date and time after the headline on its line ("Headline 04.01.12 12:26"; a date or a time
# alone may be the headline's: "Тарифы с 01.01.2025", "Начало в 12:30")
_TRAILING_STAMP = re.compile(r"\s+\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}),?\s+\d{1,2}:\d{2}\s*$")
_RUBRIC_HEADLINE_MIN_WORDS = 5


def candidates(shapes: list[Shape], rules: list[Verdict | None], start: int, hint: str | None,
               html: bool) -> list[int]:
    """Lines that could be the title: a few words, not a metadata or UI line. Of an HTML page's
    blocks only a copy of its title metadata: trafilatura leaves the headline out of the text."""
    if html:
        key = title_key(hint) if hint else None
        return [i for i, s in enumerate(shapes) if key and s.n_words <= 30 and s.title_key == key][:1]
    low, high = max(0, start - _LOOK_FAR), min(len(shapes), start + _LOOK_INSIDE)
    # a long sentence that ends with a full stop is text (a short one may be a headline with a full stop)
    return [i for i in range(low, high)
            if 1 <= shapes[i].n_words <= 30 and len(shapes[i].text) <= 300
            and (i >= start - _LOOK_BEFORE or shapes[i].is_headline)
            and rule_of(rules[i]) in (None, Rule.CHROME)
            and not (shapes[i].n_words >= _LONG_SENTENCE and shapes[i].text.endswith("."))]


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
    row[_INDEX["capitals"]] = sum(map(str.isupper, map(itemgetter(0), s.words))) / max(1, n)
    row[_INDEX["all_caps"]] = float(text.isupper())
    row[_INDEX["digits"]] = float(any(map(str.isdigit, text)))  # (maps: no Python step per character)
    row[_INDEX["local_rule"]] = float(rules[i] is not None)
    copies, near, far = _copies(keys.get(s.title_key, []), i)
    row[_INDEX["log_copies"]] = math.log1p(copies)
    row[_INDEX["copy_near"]] = float(near)
    row[_INDEX["copy_far"]] = float(far)
    if hint is not None:
        hint_key, hint_words = hint
        row[_INDEX["hint_same"]] = float(hint_key == s.title_key)
        row[_INDEX["hint_overlap"]] = _overlap(words(i), hint_words)
    row[_INDEX["log_blocks_to_start"]] = math.log1p(max(0, start - i))
    row[_INDEX["inside_article"]] = float(i >= start)
    row[_INDEX["meta_near"]] = float(any(rule_of(rules[j]) in METADATA_RULES
                                         for j in range(max(0, i - 3), min(len(blocks), i + 4)) if j != i))
    row[_INDEX["lead_overlap"]] = _overlap(words(i), leads(max(start, i + 1)), prior=1)
    row[_INDEX["position"]] = i / max(1, len(blocks) - 1)
    row[_INDEX["rank"]] = math.log1p(rank)
    before = [shapes[j].n_words <= 3 for j in range(max(0, i - 4), i)]
    row[_INDEX["after_short_lines"]] = sum(before) / 4
    row[_INDEX["separators"]] = float(sum(map(text.count, _SEPARATORS)))
    row[_INDEX["has_credit"]] = float(caption_credit(text) is not None)
    row[_INDEX["only_metadata_to_start"]] = float(i < start and all(
        rules[j] is not None or shapes[j].n_words <= 3 for j in range(i + 1, start)))
    if n:
        lowered = list(map(str.lower, s.words))
        row[_INDEX["stopwords"]] = sum(map(stopwords().__contains__, lowered)) / n
        row[_INDEX["repeated_words"]] = float(n >= 4 and len(set(lowered)) < 0.7 * n)
        row[_INDEX["ui_words"]] = sum(w in lexicon()["ui_words"] for w in lowered) / n
    row[_INDEX["ends_colon"]] = float(text.endswith(":"))
    row[_INDEX["inner_sentence"]] = float(_holds_two_sentences(text))
    row[_INDEX["many_copies"]] = float(copies >= _MANY_COPIES)
    row[_INDEX["glued"]] = float(any(map(and_, map(str.islower, text), map(str.isupper, text[1:]))))
    row[_INDEX["credit_tail"]] = float(_ends_with_source(s))
    row[_INDEX["truncated"]] = float(text.endswith(("…", "...")))
    return row


def _neighbour_features(row: list[float], i: int, shapes: list[Shape], rules: list[Verdict | None],
                        words: Callable[[int], set[str]]) -> None:
    """What the lines right above and below candidate i say of it: a headline stands over a
    longer lead or a byline that echoes it, not between two paragraphs of prose."""
    s = shapes[i]
    above = shapes[i - 1] if i > 0 else None
    below = shapes[i + 1] if i + 1 < len(shapes) else None
    row[_INDEX["inside_prose"]] = float(above is not None and below is not None and above.is_prose and below.is_prose)
    row[_INDEX["meta_after"]] = float(any(rule_of(rules[j]) in METADATA_RULES
                                          for j in range(i + 1, min(len(shapes), i + 3))))
    if below is not None:
        row[_INDEX["next_longer"]] = float(below.is_prose and below.n_words > s.n_words)
        row[_INDEX["echo_next"]] = _overlap(words(i), words(i + 1), prior=1)
        row[_INDEX["before_headline"]] = float(below.is_headline)
        row[_INDEX["over_longer"]] = float(below.n_words > s.n_words >= _PAIR_MIN_WORDS)
    if above is not None:
        row[_INDEX["echo_previous"]] = _overlap(words(i), words(i - 1), prior=1)
        row[_INDEX["after_headline"]] = float(above.is_headline)
        row[_INDEX["under_shorter"]] = float(s.n_words > above.n_words >= _PAIR_MIN_WORDS)


def _ends_with_source(s: Shape) -> bool:
    """A photo caption's tail without a credit's colon: "... Фото example.com", "... / Agency"."""
    tail = s.text.rsplit(" / ", 1)
    return (DOMAIN.search(s.text[-40:]) is not None or (len(tail) == 2 and len(tail[1].split()) <= 2)
            or any(w.lower() in lexicon()["credit_labels"] for w in s.words[-3:]))


def _holds_two_sentences(text: str) -> bool:
    """A sentence end followed by a capitalised word: the line is running text ("Dr. Smith" too,
    but rarely in a headline)."""
    return any(m.group()[-1].isupper() for m in _INNER_SENTENCE.finditer(text))


def title_text(text: str) -> str:
    """The headline of a chosen line: without a breadcrumb or section before it ("News › World ›
    Headline"), a site name after it ("Headline | Site"), a short rubric before a dash
    ("Rubric - Headline") or a date stamp after it."""
    return _after_rubric(_without_site_name(_after_breadcrumb(_without_stamp(text))))


def _without_stamp(text: str) -> str:
    """The line without a numeric date and time at its end, if three words stay."""
    stripped = _TRAILING_STAMP.sub("", text)
    return stripped if stripped != text and len(WORD.findall(stripped)) >= 3 else text


def _without_site_name(text: str) -> str:
    """strip_site_name() when what stays is the longer part ("Football | United win at home" stays)."""
    stripped = strip_site_name(text, capitalised=False) or text
    return stripped if len(WORD.findall(stripped)) > len(WORD.findall(text)) / 2 else text


def _after_breadcrumb(text: str) -> str:
    parts = BREADCRUMB_SEPARATORS.split(text)
    crumbs = [len(WORD.findall(part)) for part in parts[:-1]]
    if crumbs and max(crumbs) <= _RUBRIC_MAX_WORDS and len(WORD.findall(parts[-1])) > max(crumbs):
        return parts[-1]
    return text


def _after_rubric(text: str) -> str:
    """"Rubric - Headline": a few words without punctuation before a dash, a longer capitalised
    headline after it (not "Мэр - о бюджете города", nor "Headline - J. Smith")."""
    parts = _DASH.split(text, maxsplit=1)
    if len(parts) < 2:
        return text
    rubric, headline = parts
    rubric_words, headline_words = len(WORD.findall(rubric)), len(WORD.findall(headline))
    if (rubric_words <= _RUBRIC_MAX_WORDS and not any(c in rubric for c in ".,:;!?")
            and (headline[:1].isupper() or headline[:1] in "«\"„“'")
            and headline_words >= max(_RUBRIC_HEADLINE_MIN_WORDS, 2 * rubric_words)):
        return headline
    return text


def _content_words(text: str) -> set[str]:
    """The stems of the words of four letters or more."""
    return {w.lower()[:_STEM] for w in WORD.findall(text) if len(w) >= 4}


def _overlap(words: set[str], other: set[str], prior: int = 0) -> float:
    """The share of `words` found in `other`, `prior` words added to the count (smoothed: one
    shared word of a one-word line then counts less than four of five)."""
    return len(words & other) / (len(words) + prior) if words else 0.0


def _copies(positions: list[int], i: int) -> tuple[int, bool, bool]:
    """How many other blocks (at `positions`, ascending) share block i's text, whether one is
    within _NEAR blocks of it and whether one is farther (by bisection: a menu item can be on
    every other line of a dump)."""
    low, high = bisect_left(positions, i - _NEAR), bisect_right(positions, i + _NEAR)
    at = bisect_left(positions, i, low, high)
    itself = int(at < high and positions[at] == i)
    return len(positions) - itself, high - low - itself > 0, low > 0 or high < len(positions)


def main_start(states: list[State], shapes: list[Shape]) -> int | None:
    """Where the run of article blocks holding most words begins, when an earlier, smaller run
    comes first (comments or a teaser the sequence took for the article's beginning)."""
    runs: list[list[int]] = []  # [first block, words]
    for i, (state, s) in enumerate(zip(states, shapes)):
        if state != State.ARTICLE:
            continue
        if runs and states[i - 1] == State.ARTICLE:
            runs[-1][1] += s.n_words
        else:
            runs.append([i, s.n_words])
    if len(runs) < 2:
        return None
    best = max(runs, key=lambda run: run[1])
    return best[0] if best is not runs[0] else None


def candidate_rows(blocks: list[Block], shapes: list[Shape], rules: list[Verdict | None], start: int,
                   title_hint: str | None, html: bool, later: int | None = None
                   ) -> tuple[list[int], list[list[float]]]:
    """The candidates (nearest the article start first, then those near the start of its main run,
    `later`) and their feature rows."""
    keys: dict[str, list[int]] = {}
    for j, s in enumerate(shapes):
        if s.n_words <= 30:
            keys.setdefault(s.title_key, []).append(j)
    words_of: dict[int, set[str]] = {}

    def words(j: int) -> set[str]:
        """The content words of block j (each block's found once: a lead is near many candidates)."""
        if j not in words_of:
            words_of[j] = _content_words(blocks[j].text)
        return words_of[j]

    computed: dict[int, set[str]] = {}  # candidates before the start share one lead

    def leads(first: int) -> set[str]:
        """The content words of the three blocks from `first` on (the lead of the article)."""
        if first not in computed:
            computed[first] = set().union(*map(words, range(first, min(len(blocks), first + 3))))
        return computed[first]

    hint = (title_key(title_hint), _content_words(title_hint)) if title_hint else None
    found: list[int] = []
    rows: list[list[float]] = []
    for anchor in (start,) if later is None or html else (start, later):
        near = [i for i in sorted(candidates(shapes, rules, anchor, title_hint, html),
                                  key=lambda i: abs(anchor - 1 - i)) if i not in found]
        part = [title_features(i, rank, blocks, shapes, rules, anchor, keys, hint, leads, words)
                for rank, i in enumerate(near)]
        for i, row in zip(near, part):
            _neighbour_features(row, i, shapes, rules, words)
            row[_INDEX["later_start"]] = float(anchor != start)
        _relative_features(near, part, shapes, leads, words, anchor)
        found += near
        rows += part
    return found, rows


def _relative_features(found: list[int], rows: list[list[float]], shapes: list[Shape],
                       leads: Callable[[int], set[str]], words: Callable[[int], set[str]], start: int) -> None:
    """What a candidate is among the others: a headline is often the longest of the short lines
    around it, the one sharing most with the lead, the first whose words the article takes up."""
    longest = max((shapes[i].n_words for i in found), default=1) or 1
    best_lead = max((row[_INDEX["lead_overlap"]] for row in rows), default=0.0) or 1.0
    for i, row in zip(found, rows):
        row[_INDEX["relative_length"]] = shapes[i].n_words / longest
        row[_INDEX["relative_lead"]] = row[_INDEX["lead_overlap"]] / best_lead
    # (title_text keeps a part of the line: one without an ellipsis cannot end in one)
    shortened = [title_key(text.rstrip(".… ")) for text in (title_text(shapes[i].text) for i in found
                                                             if "…" in shapes[i].text or "..." in shapes[i].text)
                 if text.endswith(("…", "..."))]
    # a teaser or a breadcrumb cut the headline short: this is the whole of it (candidates x cut ones:
    # both bounded by the window)
    for i, row in zip(found, rows):
        key = shapes[i].title_key
        row[_INDEX["completes_truncated"]] = float(any(len(key) > len(cut) > 0 and key.startswith(cut)
                                                       for cut in shortened))
    echoed = (k for k in sorted(range(len(found)), key=found.__getitem__)
              if len(words(found[k]) & leads(max(start, found[k] + 1))) >= _ECHO_MIN_WORDS)
    first = next(echoed, None)
    if first is not None:
        rows[first][_INDEX["first_echo"]] = 1.0
