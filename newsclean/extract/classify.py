"""[Block] -> the same blocks, each with a role and the reason for it (shown by --explain).

Roles: body, subheading, title, author, date, credit, drop. The decision has two layers:

1. What a block *is* on its own (`local_verdict`): a UI label, a prompt, a credit, a date line,
   a counter, a breadcrumb... from the shape of the line and the web vocabulary of whole
   languages (lexicons/boilerplate.json) -- never from one outlet's phrases.
2. Where the article *is* (`classify`): the title (a headline repeated near the top, else the
   headline before the longest run of prose), the end (share/tags/related/comments markers
   after the first paragraph), and inside that span prose, subheadings and list items.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from ..document import Block
from ..lexicons import load_json, read_text
from .dates import RELATIVE_DAYS, month_number

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-’'ʼ][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…](?:[»\"”“’')\]]*)$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b")  # not 55-31-08
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_DIALOGUE = re.compile(r"^[—–-]\s+\S")
_BREADCRUMB_SEPARATORS = re.compile(r"\s(?:/|»|›|>|→|\\)\s")
_READ_TIME = re.compile(r"^\d+\s*(?:min|minutes?|мин|минут\w*|хв|хвилин\w*|хвілін\w*|мин\.)\.?\s*(?:read|чтения|читання|чытання|четене)?$", re.I)
_RELATIVE_TIME = re.compile(r"^(?:\d+\s+\w+\s+(?:ago|назад|тому)|%s)$" % "|".join(RELATIVE_DAYS), re.I)
_SCRIPT_NAME = re.compile(r"^[a-z_$][a-z0-9_$.-]*$")
# "© Reuters", "Photo by Jane Doe", "Фото © РИА Новости": a credit without a colon
_CREDIT_BY = re.compile(r"^(?:(?:photo|image|video|photograph|фото|фота|снимка)\s*(?:by|courtesy of|©)|©)\s*(\S.*)$", re.I)
_LABEL_VALUE = re.compile(r"^([^\W\d_][^:：]{0,30}?)\s*[:：]\s*(.+)$")
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁІЇЄҐЎ][\w’'ʼ.-]*$")
_KEY_JUNK = re.compile(r"[\s\W_]+", re.UNICODE)
_COUNTER_TAIL = re.compile(r"[\s:(\[]*\d[\d\s.,kKкК]*[)\]]?$")



@cache
def lexicon() -> dict:
    raw = load_json("boilerplate.json")
    data = {name: frozenset(values) for name, values in raw.items() if isinstance(values, list)}
    for name in ("author_labels", "read_also_prefixes", "signature_prefixes"):
        data[name] = LeadingPhrases({phrase: phrase for phrase in raw[name]})
    data["end_prefixes"] = LeadingPhrases({p: kind for kind, phrases in raw["end_prefixes"].items() for p in phrases})
    data["prompt_phrases"] = LeadingPhrases({p: kind for kind, phrases in raw["prompt_phrases"].items()
                                             for p in phrases})
    # (kind, substrings one of which the line must hold, regex): the substring tests are cheap, so
    # the regex runs on few lines; lowercase patterns in lowercased text (faster than re.I)
    data["prompt_patterns"] = tuple(
        (kind, tuple(spec["needs"]), re.compile("|".join(f"(?:{p})" for p in spec["patterns"])))
        for kind, spec in raw["prompt_patterns"].items())
    return data


class LeadingPhrases:
    """Which phrase of a lexicon a text starts with, in whole words: set lookups, where a regex
    alternation of hundreds of phrases would cost more to compile than all the lookups of a run."""

    _TRAILING_PUNCTUATION = ".,:;!?…—–-»\")’'"

    def __init__(self, values: dict[str, str]):
        self.values = {phrase.lower(): value for phrase, value in values.items()}  # phrase -> its kind
        self.longest = max((len(phrase.split()) for phrase in self.values), default=0)

    def match(self, text: str) -> tuple[str, int] | None:
        """(value, number of words) of the longest phrase the text starts with, else None."""
        words = _spaced(text.lower()).split(None, self.longest)[: self.longest]
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            value = self.values.get(candidate) or self.values.get(candidate.rstrip(self._TRAILING_PUNCTUATION))
            if value:
                return value, n
        return None

    @staticmethod
    def rest(text: str, words: int) -> str:
        """The text after its first `words` words (as counted by match)."""
        parts = _spaced(text).split(None, words)
        return parts[words] if len(parts) > words else ""


def _spaced(text: str) -> str:
    return text.replace(":", ": ")  # "Фото:Reuters" has a label word too


@dataclass
class Shape:
    """Cheap features of one block's text."""

    text: str
    words: list[str]
    key: str  # lowercase, trailing counters and punctuation removed: for lexicon lookups

    @cached_property
    def title_key(self) -> str:
        return title_key(self.text)

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @cached_property
    def is_prose(self) -> bool:
        """Reads like running text: a sentence of several words, or a long line, or a dialogue line."""
        if _DIALOGUE.match(self.text):
            return self.n_words >= 3
        if self.text.endswith(":"):  # the lead-in of a list or a quote
            return self.n_words >= 2
        return (self.n_words >= 5 and self.ends_sentence) or self.n_words >= 22

    @cached_property
    def is_headline(self) -> bool:
        """Shaped like a title or subheading: a few words, capitalised, not a finished sentence."""
        first = self.text[:1]
        return (2 <= self.n_words <= 30 and not self.text.endswith((".", ":", ";", ","))
                and (first.isupper() or first.isdigit() or first in "«\"„“'")
                and " | " not in self.text)


def shape(text: str) -> Shape:
    key = _COUNTER_TAIL.sub("", text.lower()).strip(" .:!?()[]-–—|•·")
    return Shape(text, _WORD.findall(text), key)


def title_key(text: str) -> str:
    """Two copies of a title compare equal after case, punctuation and look-alike letters."""
    return _KEY_JUNK.sub("", text.translate(_lookalikes()).casefold())


@cache
def _lookalikes() -> dict[int, str]:
    """Latin letters that look like Cyrillic ones (the homoglyph fixer's table), so that a copy
    it left mixed still matches."""
    table = load_json("homoglyphs.json")
    return str.maketrans({**table["latin_to_cyrillic"], **table["latin_to_cyrillic_i"]})


def credit_text(text: str) -> str | None:
    """'Фото: kremlin.ru' -> 'kremlin.ru', also at the end of a caption ('Кристалл после резки.
    Фото: Дмитрий Захаров'); None when the block is not a labelled credit."""
    value = _labelled_credit(text)
    if value is None and len(text.split()) <= 30:
        caption, boundary, tail = text.rpartition(". ")
        if boundary:
            value = _labelled_credit(tail)
    return value


def caption_credit(caption: str) -> str | None:
    """The credit inside a figure caption, wherever it stands: "Сцена из спектакля. Фото: Алексей
    Дорош", "Актёры (фото: Анна Соловей)", "© Getty Images"; no label, no credit."""
    match = _caption_credit_pattern().search(caption)
    return match and match["credit"].strip(" .,;") or None


@cache
def _caption_credit_pattern() -> re.Pattern:
    labels = sorted(lexicon()["credit_labels"] | lexicon()["caption_source_labels"], key=len, reverse=True)
    return re.compile(r"(?:^|[\s(\[])(?:(?:%s)\s*[:—–]|photo by|©)\s*(?P<credit>[^)\]]+)"
                      % "|".join(map(re.escape, labels)), re.IGNORECASE)


def _labelled_credit(text: str) -> str | None:
    by = _CREDIT_BY.match(text)
    if by:
        return by[1].strip() if len(by[1].split()) <= 8 else None
    match = _LABEL_VALUE.match(text)
    if not match or match[1].lower().strip() not in lexicon()["credit_labels"]:
        return None
    value = match[2].strip()
    return value if 0 < len(value.split()) <= 12 else None


def author_name(text: str) -> str | None:
    """'Автор: Ольга Петренко', 'By Daniel Hartley', 'Марина Ткачук, редакторка' -> the name;
    also as one part of a '10.02.2025 | Культура | Текст: Name' line."""
    if " | " in text:
        return next(filter(None, map(_one_author_name, text.split(" | "))), None)
    return _one_author_name(text)


def _one_author_name(text: str) -> str | None:
    label = lexicon()["author_labels"].match(text)
    if label:
        name, comma, role = LeadingPhrases.rest(text, label[1]).strip(" :").partition(",")
        if comma and role.strip().lower() not in lexicon()["author_roles"]:
            name = f"{name},{role}"  # 'Автор: Name, кореспондентка' loses its role only
        return name.strip() if _is_name(name) else None
    name, comma, role = text.partition(",")
    if comma and role.strip().lower() in lexicon()["author_roles"] and _is_name(name):
        return name.strip()
    return None


@cache
def _first_names() -> frozenset[str]:
    text = read_text("first_names.txt")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def is_personal_name(s: "Shape") -> bool:
    """'Ірина Бойко', 'Бойко Ірина', 'Daniel Hartley': two or three capitalised words, one a given name."""
    return (2 <= s.n_words <= 3 and len(s.words) == len(s.text.split()) and not s.ends_sentence
            and all(_NAME_WORD.match(w) for w in s.words)
            and (s.words[0] in _first_names() or s.words[-1] in _first_names()))


def _is_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    return 1 <= len(words) <= 8 and sum(bool(_NAME_WORD.match(w)) for w in words) >= max(1, len(words) - 2)


def is_date_line(s: Shape) -> bool:
    """A line that is a date, maybe with a time (and at most a couple of label words)."""
    if s.n_words > 8 or not any(c.isdigit() for c in s.text):
        return False
    has_date = bool(_NUMERIC_DATE.search(s.text))  # a time alone is a timestamp or a player, not a date
    other_words = 0
    for word in s.words:
        if month_number(word) and len(word) >= 3:
            has_date = True
        elif word.lower() not in ("г", "р", "года", "року", "am", "pm", "в", "у", "о", "at"):
            other_words += 1
    return has_date and other_words <= 2


def _is_counter(s: Shape) -> bool:
    """Counters, timestamps, tickers, pagination: few words, mostly digits and symbols."""
    chars = s.text.replace(" ", "")
    letters = len(_LETTER.findall(chars))
    return bool(chars) and letters / len(chars) < 0.5 and s.n_words <= 4


def _is_breadcrumb(s: Shape) -> bool:
    parts = _BREADCRUMB_SEPARATORS.split(s.text)
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and not s.ends_sentence


def _all_ui_labels(s: Shape) -> bool:
    """'Facebook  Telegram  X' or 'Поделиться': every part is a UI label."""
    labels = lexicon()["ui_labels"]
    if s.key in labels:
        return True
    parts = [p for p in re.split(r"\s{2,}|\s*[|·•]\s*", s.text.lower()) if p]
    return len(parts) > 1 and all(p.strip(" .:") in labels for p in parts)


def local_verdict(s: Shape, lang: str | None) -> tuple[str, str] | None:
    """(role, reason) for a block that is boilerplate or metadata wherever it stands; None for content.

    The checks run in order; each applies only to blocks up to its length in words, so a
    paragraph of prose costs a few comparisons."""
    for longest, check in _CHECKS:
        if s.n_words <= longest:
            verdict = check(s, lang)
            if verdict:
                return verdict
    return None


def _date_line(s: Shape, lang) -> tuple[str, str] | None:
    return ("date", "date/time line") if is_date_line(s) else None


def _no_words(s: Shape, lang) -> tuple[str, str] | None:
    return None if s.words else ("drop", "no words (separator, symbols or numbers only)")


def _prompt(s: Shape, lang) -> tuple[str, str] | None:
    kind = _prompt_kind(s)
    return ("drop", kind) if kind else None


def _credit(s: Shape, lang) -> tuple[str, str] | None:
    return ("credit", "labelled photo/video credit") if credit_text(s.text) else None


def _byline(s: Shape, lang) -> tuple[str, str] | None:
    if (s.n_words <= 6 or not s.ends_sentence) and author_name(s.text):
        return "author", "author line"
    if is_personal_name(s):
        return "author", "a person's name on its own line (byline)"
    return None


def _timing(s: Shape, lang) -> tuple[str, str] | None:
    if _READ_TIME.match(s.text) or _RELATIVE_TIME.match(s.text):
        return "drop", "reading time / relative time"
    return None


def _metadata_field(s: Shape, lang) -> tuple[str, str] | None:
    label = _LABEL_VALUE.match(s.text)
    if label and label[1].lower().strip() in lexicon()["meta_labels"]:
        return "drop", f"metadata field ({label[1].strip()})"
    return None


def _ad_label(s: Shape, lang) -> tuple[str, str] | None:
    return ("drop", "ad label") if s.key in lexicon()["ad_labels"] else None


def _section(s: Shape, lang) -> tuple[str, str] | None:
    kind = _section_kind(s)
    return ("drop", f"{SECTION} {kind}") if kind else None


def _read_also(s: Shape, lang) -> tuple[str, str] | None:
    match = lexicon()["read_also_prefixes"].match(s.key)
    if not match:
        return None
    return "drop", READ_ALSO_HEADER if not LeadingPhrases.rest(s.key, match[1]) else "read-also link"


def _signature(s: Shape, lang) -> tuple[str, str] | None:
    if not s.ends_sentence and lexicon()["signature_prefixes"].match(s.text):
        return "drop", "press-office signature"
    return None


def _widget(s: Shape, lang) -> tuple[str, str] | None:
    """Menus, buttons, counters, breadcrumbs, card chrome, script names, caption labels."""
    if _all_ui_labels(s):
        return "drop", "UI label (menu, button, social network)"
    if _is_counter(s):
        return "drop", "counter, timestamp, ticker or pagination"
    if _is_breadcrumb(s):
        return "drop", "breadcrumb / navigation path"
    if " | " in s.text and not s.ends_sentence:
        return "drop", "card or site chrome ('name | channel')"
    if s.n_words == 1 and lang != "en" and _SCRIPT_NAME.match(s.text):
        return "drop", "stray script or widget name"
    if s.n_words <= 4 and not s.ends_sentence and any(w.lower() in lexicon()["credit_labels"] for w in s.words):
        return "drop", "photo caption label"
    return None


# (longest block in words the check applies to, check), in order of precedence
_CHECKS = (
    (8, _date_line),
    (0, _no_words),
    (45, _prompt),  # prompts are a sentence or two; a long paragraph merely mentions cookies
    (30, _credit),  # also a caption ending in its credit
    (12, _byline),
    (6, _timing),
    (8, _metadata_field),
    (4, _ad_label),
    (25, _section),  # also a labelled tag list
    (25, _read_also),
    (10, _signature),
    (10, _widget),
)


SECTION = "section header:"
READ_ALSO_HEADER = "read-also header"
# Blocks after which nothing belongs to the article; a share bar is weaker (see _find_end).
_END_PROMPTS = ("copyright notice", "cookie banner", "newsletter chrome")
_WEAK_END = f"{SECTION} share"


def _prompt_kind(s: Shape) -> str | None:
    leading = lexicon()["prompt_phrases"].match(s.text)
    if leading:
        return leading[0]
    text = s.text.lower()
    return next((kind for kind, needs, pattern in lexicon()["prompt_patterns"]
                 if any(need in text for need in needs) and pattern.search(text)), None)


def _section_kind(s: Shape) -> str | None:
    """'related', 'share', 'tags', 'comments' for the header of such a section."""
    if s.key in lexicon()["section_headers"]:
        return "related"
    labelled_list = ":" in s.text[:25]  # 'Теги: выборы, парламент, бюджет'
    if s.ends_sentence or s.n_words > (25 if labelled_list else 5):
        return None
    match = lexicon()["end_prefixes"].match(s.key)
    return match[0] if match else None


def _is_end_marker(block: Block) -> bool:
    return block.role == "drop" and (block.reason.startswith(SECTION) or block.reason in _END_PROMPTS)


def classify(blocks: list[Block], lang: str | None, *, title_hint: str | None = None,
             known_boilerplate: Callable[[str], str | None] | None = None) -> None:
    """Set role and reason on every block (in place). `known_boilerplate` gives the reason when
    a text is already known to be boilerplate (batch template lines, user rules)."""
    shapes = [shape(b.text) for b in blocks]
    for block, s in zip(blocks, shapes):
        verdict = local_verdict(s, lang)
        if verdict is None or verdict[0] == "drop":  # a credit or a date stays metadata even if repeated
            known = known_boilerplate and known_boilerplate(s.text)
            verdict = ("drop", known) if known else verdict
        block.role, block.reason = verdict or ("", "")
    _drop_news_lists(blocks, shapes)
    _drop_read_also_links(blocks)
    _drop_captions(blocks, shapes)
    _drop_repeated_lines(blocks, shapes)
    start = _find_title(blocks, shapes, title_hint)
    end = _find_end(blocks, shapes, start)
    for i, block in enumerate(blocks):
        if i < start and block.role in ("", "body"):
            block.role, block.reason = "drop", "before the article (header, navigation)"
        elif i >= end and block.role != "drop":
            marker = blocks[end]
            block.role, block.reason = "drop", f"after the end of the article (line {marker.first_line}: {marker.text[:30]!r})"
    _classify_span(blocks, shapes, start, end)
    if not _has_article(blocks, shapes):
        for block in blocks:
            if block.kept:
                block.role, block.reason = "drop", "no article: too little connected prose (index or error page)"


def _drop_news_lists(blocks: list[Block], shapes: list[Shape]) -> None:
    """A time line followed by a headline (and maybe a teaser) is an item of a news list."""
    i = 0
    while i < len(blocks) - 1:
        if blocks[i].role in ("date", "drop") and (_TIME.fullmatch(blocks[i].text.strip()) or _RELATIVE_TIME.match(blocks[i].text)) \
                and shapes[i + 1].is_headline and not blocks[i + 1].role:
            item = [i, i + 1]
            teaser = i + 2
            if teaser < len(blocks) and not blocks[teaser].role and _same_group(blocks[i + 1], blocks[teaser]) \
                    and shapes[teaser].is_prose:
                item.append(teaser)
            for j in item:
                blocks[j].role, blocks[j].reason = "drop", "news list item (time + headline)"
            i = item[-1] + 1
        else:
            i += 1


def _drop_read_also_links(blocks: list[Block]) -> None:
    """The headlines printed under a bare 'Читайте также' header, up to the next blank line."""
    for i, block in enumerate(blocks):
        if block.reason != READ_ALSO_HEADER:
            continue
        for previous, link in zip(blocks[i:], blocks[i + 1:]):
            if link.role or not _same_group(previous, link):
                break
            link.role, link.reason = "drop", "read-also link (under a read-also header)"


_CAPTION_MAX_WORDS = 20  # captions are short; a longer line above a credit is a paragraph with its photo


def _drop_captions(blocks: list[Block], shapes: list[Shape]) -> None:
    """A short line printed right below a photo credit (no blank line between), or right above
    one once the article has begun, is that photo's caption. (Before the first paragraph the
    line above a credit is the title.)"""
    begun = False
    for i, (block, s) in enumerate(zip(blocks, shapes)):
        if not block.role and s.n_words <= _CAPTION_MAX_WORDS and (
                i > 0 and _is_credit(blocks[i - 1]) and _same_group(blocks[i - 1], block)
                or begun and i + 1 < len(blocks) and _is_credit(blocks[i + 1]) and _same_group(block, blocks[i + 1])):
            block.role, block.reason = "drop", "photo caption (next to its credit)"
        begun = begun or (not block.role and s.is_prose)


def _is_credit(block: Block) -> bool:
    return block.role == "credit" or block.reason == "photo caption label"


def _same_group(a: Block, b: Block) -> bool:
    """No blank line between two blocks of a text dump (HTML blocks have no line numbers)."""
    return a.first_line > 0 and b.first_line == a.last_line + 1


def _drop_repeated_lines(blocks: list[Block], shapes: list[Shape]) -> None:
    """A short line seen again later in the dump is template (menus, footers); titles are handled apart."""
    seen: dict[str, int] = {}
    for i, (block, s) in enumerate(zip(blocks, shapes)):
        if s.n_words > 12:  # paragraphs do not repeat; skip the cost of their keys
            continue
        key = s.title_key
        if key in seen and not block.role and not s.is_headline:
            block.role, block.reason = "drop", f"repeats line {blocks[seen[key]].first_line}"
        seen.setdefault(key, i)


def _find_title(blocks, shapes, title_hint) -> int:
    """Mark the title block, if any; the index where the article span starts."""
    if title_hint:
        hint = title_key(title_hint)
        copies = [i for i, (b, s) in enumerate(zip(blocks, shapes))
                  if abs(len(b.text) - len(title_hint)) < 20 and s.title_key == hint]  # length: a cheap first test
        if copies:
            return _mark_title(blocks, copies, "same as the page's title metadata")
    runs = _prose_runs(blocks, shapes)
    main = max(runs, key=lambda r: r[2], default=None)
    limit = main[1] + 1 if main else len(blocks)
    copies: dict[str, list[int]] = {}
    for i in range(limit):
        if not blocks[i].role and shapes[i].is_headline and shapes[i].n_words >= 3:
            copies.setdefault(shapes[i].title_key, []).append(i)
    repeated = [c for c in copies.values() if len(c) > 1]
    if repeated:
        return _mark_title(blocks, repeated[-1], "headline repeated near the top")
    if main is None:
        return len(blocks)
    nearest = _headline_before(blocks, shapes, main[0])
    bylined = _headline_by_byline(blocks, shapes, main)
    # a rubric or department line next to the byline, then the headline itself: the headline
    if bylined is not None and not (nearest is not None and _next_unclassified(blocks, bylined) == nearest):
        _mark_title(blocks, [bylined], "headline next to the date or author line")
        # a lead printed above the title belongs to the article
        return main[0] if main[0] < bylined < main[1] else bylined + 1
    if nearest is not None:
        return _mark_title(blocks, [nearest], "headline just before the main run of prose")
    first = shapes[main[0]]
    if first.is_headline and first.n_words <= 20 and main[0] < main[1]:
        return _mark_title(blocks, [main[0]], "question or exclamation headline opening the prose")
    return main[0]


def _headline_before(blocks, shapes, start: int) -> int | None:
    """The headline right before `start`, skipping metadata and dropped lines."""
    for i in range(start - 1, max(-1, start - 12), -1):
        if blocks[i].role:
            continue
        return i if shapes[i].is_headline and shapes[i].n_words >= 3 else None
    return None


def _next_unclassified(blocks, i: int) -> int | None:
    return next((j for j in range(i + 1, len(blocks)) if not blocks[j].role), None)


def _headline_by_byline(blocks, shapes, main: tuple[int, int, int]) -> int | None:
    """A headline right above or below a date/author line, nearest to the main run of prose."""
    def is_title(j: int) -> bool:
        return not blocks[j].role and shapes[j].is_headline and shapes[j].n_words >= 3 and not shapes[j].is_prose

    candidates = []
    for i in range(max(0, main[0] - 8), main[1]):
        if blocks[i].role not in ("date", "author"):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(blocks) and blocks[j].role in ("date", "author", "credit", "drop") and abs(j - i) < 4:
                j += step
            if 0 <= j < len(blocks) and is_title(j):
                candidates.append(j)
                break
    return min(candidates, key=lambda j: (abs(j - main[0]), j > main[0]), default=None)


def _mark_title(blocks, copies: list[int], reason: str) -> int:
    """Mark the first copy of the title and drop the others; the article starts after the last."""
    blocks[copies[0]].role, blocks[copies[0]].reason = "title", reason
    for i in copies[1:]:
        blocks[i].role, blocks[i].reason = "drop", f"repeats the title (line {blocks[copies[0]].first_line})"
    return copies[-1] + 1


# Prose after a tags/related/comments section or a copyright line is most likely comments or
# teasers: it has to outweigh the prose before it this many times to be taken as the article.
_AFTER_END_WEIGHT = 0.25


def _prose_runs(blocks, shapes) -> list[tuple[int, int, float]]:
    """(first, last, weight) of runs of prose blocks; a run ends at a section marker or a long gap.
    The weight is the run's word count, lowered for runs after the end of earlier prose."""
    runs: list[tuple[int, int, float]] = []
    first = last = None
    words = gap = 0
    after_end = False
    weight = 1.0
    for i, (block, s) in enumerate(zip(blocks, shapes)):
        if _is_end_marker(block) and block.reason != _WEAK_END or gap > 3:
            if first is not None:
                runs.append((first, last, words * weight))
            after_end = after_end or bool(runs) and _is_end_marker(block)
            first, words, gap = None, 0, 0
        if not block.role and s.is_prose:
            if first is None:
                first, weight = i, _AFTER_END_WEIGHT if after_end else 1.0
            last, words, gap = i, words + s.n_words, 0
        elif not block.role and first is not None:
            gap += 1
    if first is not None:
        runs.append((first, last, words * weight))
    return runs


def _find_end(blocks, shapes, start: int) -> int:
    """The first end marker (tags, related, comments, copyright) after the first paragraph.

    A share bar ends the article only when no substantial prose follows it before the next
    marker: some sites put one after the lead.
    """
    seen_prose = False
    for i in range(start, len(blocks)):
        if not blocks[i].role and shapes[i].is_prose:
            seen_prose = True
        elif seen_prose and _is_end_marker(blocks[i]):
            if blocks[i].reason == _WEAK_END and (_prose_follows(blocks, shapes, i) or _recurs(blocks, shapes, i)):
                continue
            return i
    return len(blocks)


def _recurs(blocks, shapes, i: int) -> bool:
    """The same share bar comes again after more prose: one under every entry of a live blog."""
    prose = False
    for block, s in zip(blocks[i + 1:], shapes[i + 1:]):
        prose = prose or (not block.role and s.is_prose)
        if prose and s.title_key == shapes[i].title_key:
            return True
    return False


def _prose_follows(blocks, shapes, i: int) -> bool:
    paragraphs = words = 0
    for block, s in zip(blocks[i + 1:], shapes[i + 1:]):
        if _is_end_marker(block) and block.reason != _WEAK_END:  # a share bar under every entry
            break
        if not block.role and s.is_prose:
            paragraphs, words = paragraphs + 1, words + s.n_words
    return paragraphs >= 2 and words >= 40


def _classify_span(blocks, shapes, start: int, end: int) -> None:
    """Inside the article: prose, subheadings, list items; anything else short is dropped."""
    after_ad = False
    for i in range(start, end):
        block, s = blocks[i], shapes[i]
        if block.role:
            after_ad = block.reason == "ad label"
            continue
        previous = _previous_kept(blocks, start, i)
        following = _next_content(blocks, shapes, i, end)
        if after_ad and not s.is_prose and _same_group(blocks[i - 1], block):
            block.role, block.reason = "drop", "ad text after an ad label"
        elif block.tag in ("h2", "h3", "h4") and s.n_words:
            block.role, block.reason = "subheading", f"<{block.tag}> heading"
        elif block.tag == "li" or _is_list_item(blocks, i, previous):
            block.text = _BULLET.sub("", block.text)
            block.role, block.reason = "body", "list item"
        elif s.is_prose or block.tag in ("p", "blockquote") and s.ends_sentence:
            block.role, block.reason = "body", "prose"
        elif previous is not None and blocks[previous].text.endswith(":") and s.n_words >= 1:
            block.role, block.reason = "body", "list item after a colon"
        elif s.is_headline and s.n_words <= 15 and previous is not None and following is not None:
            block.role, block.reason = "subheading", "short headline between paragraphs"
        elif s.ends_sentence and s.n_words >= 2 and previous is not None and following is not None:
            block.role, block.reason = "body", "short sentence between paragraphs"
        else:
            block.role, block.reason = "drop", "short line without sentence shape"
        after_ad = False


def _is_list_item(blocks, i: int, previous: int | None) -> bool:
    """A bulleted line among other bulleted lines, or after a lead-in ending with a colon
    (a lone '● Live' marker is not a list)."""
    if not _BULLET.match(blocks[i].text):
        return False
    if i > 0 and blocks[i - 1].reason == "list item":  # its marker is already gone
        return True
    neighbours = [blocks[j].text for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
    return (any(_BULLET.match(t) for t in neighbours)
            or previous is not None and blocks[previous].text.endswith(":"))


def _previous_kept(blocks, start: int, i: int) -> int | None:
    for j in range(i - 1, start - 1, -1):
        if blocks[j].kept:
            return j
        if not blocks[j].role:
            return None
    return None


def _next_content(blocks, shapes, i: int, end: int) -> int | None:
    """The next block that is prose (skipping dropped and metadata blocks), if any."""
    for j in range(i + 1, end):
        if blocks[j].role:
            continue
        return j if shapes[j].is_prose or blocks[j].tag in ("p", "li") else None
    return None


def _has_article(blocks, shapes) -> bool:
    """An article has some connected prose; a list of one-sentence teasers under headlines
    (an index or search page, with or without dates) has not."""
    kept = [i for i, b in enumerate(blocks) if b.role == "body"]
    if sum(shapes[i].n_words for i in kept) < 15:
        return False
    teasers = sum(1 for i in kept if shapes[i].text.count(". ") == 0 and _under_headline(blocks, shapes, i))
    return not (teasers >= 3 and teasers >= 0.6 * len(kept))


def _under_headline(blocks, shapes, i: int) -> bool:
    """The block follows a headline, maybe with a date/author line between them."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if blocks[j].role in ("date", "author", "credit"):
            continue
        return shapes[j].is_headline and blocks[j].role in ("subheading", "title", "drop")
    return False
