"""Numbers per block and its neighbours, for the scorer (boilerpipe's shallow text features,
jusText's neighbourhood): length, stopword density, punctuation, capitals/digits/symbols,
the local rule, repetition, position, distance to the longest run of prose, tag."""
from __future__ import annotations

import math
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING

from ..document import Block
from ..fields.vocabulary import Shape
from ..lexicons import load_json
from .roles import Rule
from .rules import Verdict, rule_of

if TYPE_CHECKING:
    from .lines import LineFacts

# rule groups that share a weight: one feature per group keeps the model small and fit on data
_RULE_GROUPS = {
    Rule.DATE_LINE: "r_date", Rule.AUTHOR_LINE: "r_author", Rule.PERSON_NAME: "r_author",
    Rule.CREDIT: "r_credit", Rule.CAPTION_LABEL: "r_credit",
    Rule.PROMPT: "r_prompt", Rule.SIGNATURE: "r_prompt", Rule.END_PROMPT: "r_end",
    Rule.SECTION_END: "r_end", Rule.SECTION_SHARE: "r_share",
    Rule.READ_ALSO_HEADER: "r_read_also", Rule.READ_ALSO_LINK: "r_read_also",
    Rule.UI_LABEL: "r_ui", Rule.SCRIPT_NAME: "r_ui", Rule.AD_LABEL: "r_ui",
    Rule.COUNTER: "r_counter", Rule.TIMING: "r_counter", Rule.NO_WORDS: "r_counter",
    Rule.BREADCRUMB: "r_nav", Rule.CHROME: "r_nav", Rule.META_FIELD: "r_nav",
}
_RULE_FEATURES = tuple(sorted(set(_RULE_GROUPS.values())))
_TAGS = {"p": "t_p", "li": "t_li", "h2": "t_h", "h3": "t_h", "h4": "t_h", "blockquote": "t_quote",
         "tr": "t_tr", "pre": "t_pre", "figcaption": "t_caption"}
_TAG_FEATURES = tuple(sorted(set(_TAGS.values())))
_LENGTH_BINS = ((1, "w1"), (4, "w2_4"), (9, "w5_9"), (19, "w10_19"), (49, "w20_49"), (10**9, "w50"))

NAMES: tuple[str, ...] = (
    "bias", "log_words", *(name for _, name in _LENGTH_BINS), "ends_sentence", "prose", "headline",
    "stopwords", "commas", "capitals", "digits", "symbols", "link", "dialogue", "colon_end",
    *_RULE_FEATURES, "repeated", "known_template", "user_rule", "html", *_TAG_FEATURES,
    "position", "in_main", "before_main", "after_main", "log_distance_main",
    "prev_prose", "next_prose", "prev_log_words", "next_log_words", "window_prose", "window_short",
    "window_time", "after_time_line", "prev_end", "next_credit", "prev_credit", "after_read_also",
    "same_group_prev", "same_group_next", "log_end_markers_before",
    "between_prose", "headline_between_prose", "sentence_between_prose", "bullet", "bullet_neighbour",
    "after_colon", "after_ad_label",
)
_INDEX = {name: i for i, name in enumerate(NAMES)}
# own_features fills only the columns before this one: the scorer sums them once per line
OWN_COLUMNS = _INDEX["repeated"]
# the length bin's column of each count of words, up to where the last bin starts
_LAST_BIN_WORDS = _LENGTH_BINS[-2][0] + 1
_LENGTH_COLUMN = tuple(next(_INDEX[name] for limit, name in _LENGTH_BINS if words <= limit)
                       for words in range(_LAST_BIN_WORDS + 1))
_RULE_COLUMNS = {rule: _INDEX[name] for rule, name in _RULE_GROUPS.items()}
_TAG_COLUMNS = {tag: _INDEX[name] for tag, name in _TAGS.items()}
# the column of each feature, as constants: the row is filled for every block of every input
_AFTER_AD_LABEL = _INDEX["after_ad_label"]
_AFTER_COLON = _INDEX["after_colon"]
_AFTER_MAIN = _INDEX["after_main"]
_AFTER_READ_ALSO = _INDEX["after_read_also"]
_AFTER_TIME_LINE = _INDEX["after_time_line"]
_BEFORE_MAIN = _INDEX["before_main"]
_BETWEEN_PROSE = _INDEX["between_prose"]
_BULLET = _INDEX["bullet"]
_BULLET_NEIGHBOUR = _INDEX["bullet_neighbour"]
_CAPITALS = _INDEX["capitals"]
_COLON_END = _INDEX["colon_end"]
_COMMAS = _INDEX["commas"]
_DIALOGUE = _INDEX["dialogue"]
_DIGITS = _INDEX["digits"]
_ENDS_SENTENCE = _INDEX["ends_sentence"]
_HEADLINE = _INDEX["headline"]
_HEADLINE_BETWEEN_PROSE = _INDEX["headline_between_prose"]
_HTML = _INDEX["html"]
_IN_MAIN = _INDEX["in_main"]
_KNOWN_TEMPLATE = _INDEX["known_template"]
_LINK = _INDEX["link"]
_LOG_DISTANCE_MAIN = _INDEX["log_distance_main"]
_LOG_END_MARKERS_BEFORE = _INDEX["log_end_markers_before"]
_LOG_WORDS = _INDEX["log_words"]
_NEXT_CREDIT = _INDEX["next_credit"]
_NEXT_LOG_WORDS = _INDEX["next_log_words"]
_NEXT_PROSE = _INDEX["next_prose"]
_POSITION = _INDEX["position"]
_PREV_CREDIT = _INDEX["prev_credit"]
_PREV_END = _INDEX["prev_end"]
_PREV_LOG_WORDS = _INDEX["prev_log_words"]
_PREV_PROSE = _INDEX["prev_prose"]
_PROSE = _INDEX["prose"]
_REPEATED = _INDEX["repeated"]
_SAME_GROUP_NEXT = _INDEX["same_group_next"]
_SAME_GROUP_PREV = _INDEX["same_group_prev"]
_SENTENCE_BETWEEN_PROSE = _INDEX["sentence_between_prose"]
_STOPWORDS = _INDEX["stopwords"]
_SYMBOLS = _INDEX["symbols"]
_USER_RULE = _INDEX["user_rule"]
_WINDOW_PROSE = _INDEX["window_prose"]
_WINDOW_SHORT = _INDEX["window_short"]
_WINDOW_TIME = _INDEX["window_time"]
_WINDOW = 3
_MAIN_RUN_GAP = 3  # non-prose blocks that end a run of prose
_END_RULES = (Rule.SECTION_END, Rule.END_PROMPT)


@cache
def stopwords() -> frozenset[str]:
    words = {w for ws in load_json("lang.json")["function_words"].values() for w in ws}
    words.update(w for lang, ws in load_json("stopwords.json").items() if not lang.startswith("_") for w in ws)
    return frozenset(words)


def main_run(shapes: list[Shape], rules: list[Verdict | None]) -> tuple[int, int] | None:
    """(first, last) of the run of prose with most words. A run ends after a few lines that are
    neither prose nor recognised chrome (a video player's buttons inside the article do not end
    it), or at the header of a related/tags/comments section."""
    best: tuple[int, int] | None = None
    best_words = 0
    first: int | None = None
    last = 0  # read only while a run is open (first is set), which sets it
    words = gap = 0
    for i, s in enumerate(shapes):
        if s.is_prose and rules[i] is None:
            first = i if first is None else first
            last, words, gap = i, words + s.n_words, 0
        elif first is not None:
            rule = rule_of(rules[i])
            gap += _MAIN_RUN_GAP + 1 if rule in _END_RULES else rule is None
            if gap > _MAIN_RUN_GAP:
                if words > best_words:
                    best, best_words = (first, last), words
                first, words, gap = None, 0, 0
    if first is not None and words > best_words:
        best = (first, last)
    return best


def own_features(s: Shape, rule: Verdict | None) -> tuple[float, ...]:
    """The columns of a block's row that depend on its text alone (the others are 0.0)."""
    row = [0.0] * len(NAMES)
    text = s.text
    n_words = s.n_words
    row[0] = 1.0
    row[_LOG_WORDS] = math.log1p(n_words)
    row[_LENGTH_COLUMN[min(n_words, _LAST_BIN_WORDS)]] = 1.0
    row[_ENDS_SENTENCE] = float(s.ends_sentence)
    row[_PROSE] = float(s.is_prose)
    row[_HEADLINE] = float(s.is_headline)
    if n_words:
        row[_STOPWORDS] = sum(map(stopwords().__contains__, map(str.lower, s.words))) / n_words
        row[_COMMAS] = min(1.0, text.count(",") / n_words)
        row[_CAPITALS] = sum(map(str.isupper, map(itemgetter(0), s.words))) / n_words
    chars = max(1, len(text) - text.count(" "))
    digits = sum(map(text.count, "0123456789"))  # ten scans in C beat one in Python
    row[_DIGITS] = digits / chars
    row[_SYMBOLS] = max(0, chars - digits - s.n_letters) / chars
    row[_LINK] = float("http" in text or "www." in text)
    row[_DIALOGUE] = float(s.is_dialogue)
    row[_COLON_END] = float(text.endswith(":"))
    if rule is not None:
        row[_RULE_COLUMNS[rule[0]]] = 1.0
    return tuple(row)


def block_features(blocks: list[Block], facts: list[LineFacts], rules: list[Verdict | None], html: bool,
                   template: list[bool], user_rule: list[bool], repeated: list[bool]) -> list[list[float]]:
    """One row of floats (in the order of NAMES) per block: its own features (own_features of
    its text and local rule, in `facts`) and those of its place among the others."""
    n = len(blocks)
    shapes = [f.shape for f in facts]
    rows = [list(f.own) for f in facts]
    main = main_run(shapes, rules)
    log_words = [row[_LOG_WORDS] for row in rows]
    prose = [float(s.is_prose and rules[i] is None) for i, s in enumerate(shapes)]
    short = [float(s.n_words <= 4) for s in shapes]
    time_line = [float(f.is_time or rule_of(r) in (Rule.DATE_LINE, Rule.COUNTER, Rule.TIMING))
                 for f, r in zip(facts, rules)]
    credit = [rule_of(r) in (Rule.CREDIT, Rule.CAPTION_LABEL) for r in rules]
    end = [rule_of(r) in (Rule.SECTION_END, Rule.END_PROMPT, Rule.SECTION_SHARE) for r in rules]
    bullet = [s.is_bullet for s in shapes]
    prefix_prose, prefix_short, prefix_time = (list(accumulate(v, initial=0.0)) for v in (prose, short, time_line))
    # block i follows block i - 1 with no blank line between (never asked of the first block)
    grouped = [False, *map(_same_group, blocks, blocks[1:])]
    ad_label = [rule_of(r) == Rule.AD_LABEL for r in rules]
    last_position = max(1, n - 1)
    first, last = main if main is not None else (0, 0)
    read_also_open = False
    end_markers = 0  # since the main run of prose began: what follows them is teasers or comments
    for i, (block, s, rule) in enumerate(zip(blocks, shapes, rules)):
        row = rows[i]
        row[_REPEATED] = float(repeated[i])
        row[_KNOWN_TEMPLATE] = float(template[i])
        row[_USER_RULE] = float(user_rule[i])
        if html:
            row[_HTML] = 1.0
            tag = _TAG_COLUMNS.get(block.tag)
            if tag:
                row[tag] = 1.0
        row[_POSITION] = i / last_position
        if main is not None:
            row[_IN_MAIN] = float(first <= i <= last)
            row[_BEFORE_MAIN] = float(i < first)
            row[_AFTER_MAIN] = float(i > last)
            row[_LOG_DISTANCE_MAIN] = math.log1p(max(first - i, i - last, 0))
            row[_LOG_END_MARKERS_BEFORE] = math.log1p(end_markers)
            end_markers += end[i] and i > first
        if i > 0:
            row[_PREV_PROSE] = prose[i - 1]
            row[_PREV_LOG_WORDS] = log_words[i - 1]
            row[_AFTER_TIME_LINE] = time_line[i - 1]
            row[_PREV_END] = float(end[i - 1])
            row[_PREV_CREDIT] = float(credit[i - 1])
            row[_SAME_GROUP_PREV] = float(not html and grouped[i])
            row[_AFTER_AD_LABEL] = float(ad_label[i - 1] and (html or grouped[i]))
        if i + 1 < n:
            row[_NEXT_PROSE] = prose[i + 1]
            row[_NEXT_LOG_WORDS] = log_words[i + 1]
            row[_NEXT_CREDIT] = float(credit[i + 1])
            row[_SAME_GROUP_NEXT] = float(not html and grouped[i + 1])
        low, high = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        others = max(1, high - low - 1)
        row[_WINDOW_PROSE] = (prefix_prose[high] - prefix_prose[low] - prose[i]) / others
        row[_WINDOW_SHORT] = (prefix_short[high] - prefix_short[low] - short[i]) / others
        row[_WINDOW_TIME] = (prefix_time[high] - prefix_time[low] - time_line[i]) / others
        # interactions a linear score cannot make up: a subheading or a list inside the article
        between = i > 0 and i + 1 < n and bool(prose[i - 1]) and bool(prose[i + 1])
        row[_BETWEEN_PROSE] = float(between)
        row[_HEADLINE_BETWEEN_PROSE] = float(between and s.is_headline)
        row[_SENTENCE_BETWEEN_PROSE] = float(between and s.ends_sentence)
        row[_BULLET] = float(bullet[i])
        row[_BULLET_NEIGHBOUR] = float(i > 0 and bullet[i - 1] or i + 1 < n and bullet[i + 1])
        row[_AFTER_COLON] = float(i > 0 and blocks[i - 1].text.endswith(":"))
        # the headlines under a bare read-also header, up to a blank line or prose
        if rule_of(rule) == Rule.READ_ALSO_HEADER:
            read_also_open = True
        elif read_also_open and (prose[i] or not html and not grouped[i]):
            read_also_open = False
        elif read_also_open:
            row[_AFTER_READ_ALSO] = 1.0
    return rows


CONTEXT_NAMES: tuple[str, ...] = ("context_prev", "context_next", "context_prev2", "context_next2")


def with_context(rows: list[list[float]], local: list[float]) -> list[list[float]]:
    """The rows extended (in place: a dump's rows are not held twice) by the local scores (as
    logits) of the neighbours: jusText's context-sensitive pass, so that a short line between
    article lines can follow them."""
    logits = [math.log(max(p, 1e-6) / max(1 - p, 1e-6)) for p in local]
    n = len(rows)
    edge = 0.0  # beyond the dump: no evidence either way (a dump may be the article alone)
    for i, row in enumerate(rows):
        before = logits[max(0, i - 2):i]
        after = logits[i + 1:i + 3]
        row += (logits[i - 1] if i else edge, logits[i + 1] if i + 1 < n else edge,
                max(before, default=edge), max(after, default=edge))
    return rows


def _same_group(a: Block, b: Block) -> bool:
    """No blank line between two blocks of a text dump (not asked of HTML blocks, whose line
    numbers are where their elements stand in the page source)."""
    return a.first_line > 0 and b.first_line == a.last_line + 1
