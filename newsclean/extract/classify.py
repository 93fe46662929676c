"""[Block] -> the same blocks, each with a role, the id of the rule behind it, a score and a reason.

1. What each block is on its own (rules.local_rule) and numbers about it and its neighbours
   (features.block_features).
2. A local score per block: the probability that it is article text (scorer, fitted weights).
3. One decision over the sequence (sequence.decode): before / article / box / after.
4. The title as a scored choice among candidate lines (titles).
5. Inside the article: prose, subheadings, list items; metadata lines keep their role.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..document import Block
from ..fields.vocabulary import BULLET, Shape, lexicon, title_key
from .features import block_features
from .lines import LineFacts, line_facts
from .roles import KEPT, METADATA_RULES, Role, Rule, described
from .rules import Verdict, rule_of
from .scorer import block_rows, model, probabilities
from .sequence import State, decode, evidence
from .titles import candidate_rows, main_start, title_text

_STATE_RULES = {State.BEFORE: Rule.BEFORE, State.BOX: Rule.BOX, State.AFTER: Rule.AFTER}
_REPEAT_MAX_WORDS = 12  # paragraphs do not repeat; skip the cost of their keys
_SUBHEADING_MAX_WORDS = 15

KnownBoilerplate = Callable[[str], "Verdict | None"]  # text -> (Rule.TEMPLATE or Rule.USER_RULE, detail)


class Prepared(NamedTuple):
    """What the scorer and the fit see of the blocks."""
    shapes: list[Shape]
    rules: list[Verdict | None]
    rows: list[list[float]]  # features.NAMES
    facts: list[LineFacts]  # what each block's text is on its own


def prepare(blocks: list[Block], lang: str | None, known_boilerplate: KnownBoilerplate | None = None,
            html: bool = False) -> Prepared:
    """The shapes, local rules and feature rows of the blocks."""
    facts = [line_facts(b.text, lang) for b in blocks]
    shapes = [f.shape for f in facts]
    rules = [f.rule for f in facts]
    known = [known_boilerplate(b.text) if known_boilerplate else None for b in blocks]
    template = [k is not None and k[0] == Rule.TEMPLATE for k in known]
    user_rule = [k is not None and k[0] == Rule.USER_RULE for k in known]
    rows = block_features(blocks, facts, rules, html, template, user_rule, _repeated(shapes))
    for i, k in enumerate(known):
        if k is not None and rule_of(rules[i]) not in METADATA_RULES:
            rules[i] = k  # a credit or a date stays metadata even if repeated
    return Prepared(shapes, rules, rows, facts)


def classify(blocks: list[Block], lang: str | None, *, title_hint: str | None = None,
             known_boilerplate: KnownBoilerplate | None = None, html: bool = False) -> None:
    """Set role, rule, score and reason on every block (in place)."""
    shapes, rules, rows, facts = prepare(blocks, lang, known_boilerplate, html)
    sums = [f.sums for f in facts]
    rows = block_rows(rows, sums)
    scores = probabilities(rows, "block", [block for _, block in sums])
    metadata = [rule_of(r) in METADATA_RULES for r in rules]
    costs = model()["sequence"]
    states = _whole_lists(shapes, decode(evidence(scores, metadata, html, costs), costs))
    start = next((i for i, state in enumerate(states) if state == State.ARTICLE), len(blocks))
    for i, block in enumerate(blocks):
        block.score = scores[i]
        rule = rules[i]
        if rule is not None and rule[0] in METADATA_RULES:
            _set(block, METADATA_RULES[rule[0]], rule[0], rule[1])
        elif states[i] == State.ARTICLE and rule is not None and rule[0] in (Rule.TEMPLATE, Rule.USER_RULE):
            _set(block, Role.DROP, rule[0], rule[1])  # what the batch or the user know is boilerplate
        elif states[i] == State.ARTICLE:
            _set_kept(blocks, shapes, states, i)
        else:
            _set(block, Role.DROP, rule[0] if rule else _STATE_RULES[states[i]], rule[1] if rule else "")
    _choose_title(blocks, shapes, rules, (start, main_start(states, shapes)), title_hint, html)
    _drop_teaser_feed(blocks, shapes)
    _drop_repeated_paragraphs(blocks, shapes)
    _drop_comments(blocks, shapes, rules)
    for block, row in zip(blocks, rows):
        block.features = row


def _whole_lists(shapes: list[Shape], states: list[State]) -> list[State]:
    """A bulleted list is one unit: an item between two kept items of the same list is kept."""
    bullets = [s.is_bullet for s in shapes]
    for i in range(1, len(shapes) - 1):
        if bullets[i] and bullets[i - 1] and bullets[i + 1] and states[i - 1] == states[i + 1] == State.ARTICLE:
            states[i] = State.ARTICLE
    return states


def _set(block: Block, role: Role, rule: Rule, detail: str = "") -> None:
    """The role, the rule id and, for people, what the rule means with its detail."""
    block.role, block.rule, block.reason = role, rule, described(rule, detail)


def _set_kept(blocks: list[Block], shapes: list[Shape], states: list[State], i: int) -> None:
    block, s = blocks[i], shapes[i]
    inside = 0 < i < len(blocks) - 1 and states[i - 1] == states[i + 1] == State.ARTICLE
    if block.tag in ("h2", "h3", "h4") and s.n_words:
        _set(block, Role.SUBHEADING, Rule.SUBHEADING_TAG, f"<{block.tag}>")
    elif block.tag == "li" or (s.is_bullet and not _is_dialogue(shapes, i)):
        block.text = BULLET.sub("", block.text)
        _set(block, Role.BODY, Rule.LIST_ITEM)
    elif (inside and s.is_headline and not s.is_prose and s.n_words <= _SUBHEADING_MAX_WORDS
          and shapes[i - 1].is_prose and not block.tag):
        _set(block, Role.SUBHEADING, Rule.SUBHEADING_SHAPE)
    else:
        _set(block, Role.BODY, Rule.ARTICLE)


def _is_dialogue(shapes: list[Shape], i: int) -> bool:
    """A line opened by a hyphen that is a reply, not a list item: it holds the author's words
    after a dash ("- Пора, - сказал он."), or no line next to it opens with a hyphen (a list has
    items)."""
    text = shapes[i].text
    if not text.startswith("-"):
        return False
    if _ATTRIBUTION.search(text):
        return True
    return not any(0 <= j < len(shapes) and shapes[j].text.startswith("- ") for j in (i - 1, i + 1))


_ATTRIBUTION = re.compile(r"[,.!?…]\s+[-–—]\s+\w")  # ", - сказал", "! — ответил"


def _choose_title(blocks: list[Block], shapes: list[Shape], rules: list[Verdict | None],
                  starts: tuple[int, int | None], title_hint: str | None, html: bool) -> None:
    """Mark the best candidate as the title and drop its other copies; `starts`: of the article
    and of its main run (see titles.main_start)."""
    found, rows = candidate_rows(blocks, shapes, rules, starts[0], title_hint, html, starts[1])
    if not found:
        return
    scores = probabilities(rows, "title")
    best = max(range(len(found)), key=lambda k: scores[k])
    if scores[best] < model()["title"]["threshold"]:
        return
    chosen = found[best]
    title = blocks[chosen]
    if title_hint and not html and title_key(title_hint) not in (shapes[chosen].title_key,
                                                                title_key(title_text(title.text))):
        return  # the record's own title is the title: this line is not a copy of it (a standfirst)
    title.text = title_text(title.text)
    keys = {shapes[chosen].title_key, title_key(title.text)}  # its copies, whole or trimmed
    _set(title, Role.TITLE, Rule.TITLE)
    title.score = scores[best]
    for block, s in zip(blocks, shapes):
        if block is not title and s.n_words <= 30 and s.title_key in keys and block.role != Role.TITLE:
            _set(block, Role.DROP, Rule.TITLE_COPY, f"line {title.first_line}")


def _repeated(shapes: list[Shape]) -> list[bool]:
    """Short lines seen more than once in the dump (menus, footers, a repeated title)."""
    counts: dict[str, int] = {}
    keys = [s.title_key if s.n_words <= _REPEAT_MAX_WORDS else "" for s in shapes]
    for key in keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    return [bool(key) and counts[key] > 1 for key in keys]


def _drop_teaser_feed(blocks: list[Block], shapes: list[Shape]) -> None:
    """An article has some connected prose; a list of one-sentence teasers under headlines
    (an index or search page, with or without dates) has not: its kept blocks are dropped. A
    run of connected prose before or after such a list is the article, without the list."""
    kept = [i for i, b in enumerate(blocks) if b.role == Role.BODY]
    feed = _feed(blocks, shapes, kept)
    teasers = [i for i in feed if blocks[i].role == Role.BODY and not shapes[i].is_headline]
    if sum(shapes[i].n_words for i in kept) >= 15 and not (len(teasers) >= 3 and len(teasers) >= 0.6 * len(kept)):
        return
    run = _longest_run(kept, feed)
    # connected prose: paragraphs in a row, one of them of several sentences (teasers have one)
    article = len(run) >= 2 and sum(shapes[i].n_words for i in run) >= 15 and any(
        shapes[i].text.count(". ") for i in run)
    for i, block in enumerate(blocks):
        if block.role in KEPT and (not article or i in feed):
            _set(block, Role.DROP, Rule.TEASER if article else Rule.NO_ARTICLE)


# a paragraph this often in one dump is a notice under every comment or teaser, not the article's;
# short lines may repeat in an article (an interview's "— Да.", a story's refrain)
_REPEATS = 3
_REPEATED_MIN_WORDS = 8


def _drop_repeated_paragraphs(blocks: list[Block], shapes: list[Shape]) -> None:
    """Drop the kept blocks of _REPEATED_MIN_WORDS words or more whose text the dump holds _REPEATS
    times or more (the scorer sees repetition of short lines only)."""
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.text] = counts.get(block.text, 0) + 1
    for block, s in zip(blocks, shapes):
        if block.role in KEPT and counts[block.text] >= _REPEATS and s.n_words >= _REPEATED_MIN_WORDS:
            _set(block, Role.DROP, Rule.REPEATED_PARAGRAPH, f"{counts[block.text]} times")


def _drop_comments(blocks: list[Block], shapes: list[Shape], rules: list[Verdict | None]) -> None:
    """What follows the header of a comments section after the article began is readers' comments
    (the sequence may take them for the article resuming after a box). The header is the word
    alone or has a count ("Комментарии (12)", "Комментарии к новости (8)"): "Комментарии
    экспертов" heads a part of the article."""
    started = False
    for i, rule in enumerate(rules):
        if started and rule == (Rule.SECTION_END, "comments") and _is_comments_header(shapes[i]):
            for later in blocks[i + 1:]:
                if later.role in KEPT:
                    _set(later, Role.DROP, Rule.COMMENTS)
            return
        started = started or blocks[i].role in KEPT


def _is_comments_header(s: Shape) -> bool:
    """The word alone, or a header with its count ("Комментарии к новости (8)")."""
    return lexicon()["end_prefixes"].values.get(s.key) == "comments" or s.text.rstrip(" )]")[-1:].isdigit()


def _feed(blocks: list[Block], shapes: list[Shape], kept: list[int]) -> set[int]:
    """The kept teasers of a feed (one sentence under a headline, dropped or kept: the sequence
    keeps a few of a feed), and the kept headlines over them. The title is no headline here, nor
    are the dates, authors and credits between a headline and its teaser."""
    items: set[int] = set()
    for i in kept:
        above = _above(blocks, i)
        if (above is not None and shapes[i].text.count(". ") == 0 and shapes[above].is_headline
                and blocks[above].role in (Role.DROP, *KEPT)):
            items.update((i, above) if blocks[above].role in KEPT else (i,))
    return items


def _longest_run(kept: list[int], feed: set[int]) -> list[int]:
    """The longest run of kept blocks, consecutive among the kept ones, none of them in the feed."""
    best = (0, 0)  # (start, end) in kept
    start = 0
    for k, i in enumerate(kept):
        if i in feed:
            start = k + 1
        elif k + 1 - start > best[1] - best[0]:
            best = (start, k + 1)
    return kept[best[0]:best[1]]


def _above(blocks: list[Block], i: int) -> int | None:
    """The block above block i, past up to two date, author and credit lines."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if blocks[j].role not in (Role.DATE, Role.AUTHOR, Role.CREDIT):
            return j
    return None
