"""The web vocabulary of whole languages (lexicons/boilerplate.json) and cheap shapes of a line."""
from __future__ import annotations

import re
from functools import cache

from ..lexicons import load_json

WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-’'ʼ][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…](?:[»\"”“’')\]]*)$")
DIALOGUE = re.compile(r"^[—–-]\s+\S")
BULLET = re.compile(r"^(?:[•●▪■◦‣∙·*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_AT_OR_AFTER_CJK = re.compile("[\u3040-\U0010ffff]")  # no CJK letter comes before U+3040
_KEY_JUNK = re.compile(r"[\s\W_]+", re.UNICODE)
# a counter tail, "[\s:(\[]*\d[\d\s.,kKкК]*[)\]]?$", matched once on the reversed line: sought from
# every position of a long run of digits, the forward pattern backtracks quadratically
_COUNTER_TAIL_REVERSED = re.compile(r"[)\]]?[\d\s.,kKкК]*\d[\s:(\[]*")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@cache
def _cjk() -> re.Pattern:
    """Compiled on first use: a class of 40,000 characters costs 3 ms to compile, more than a
    short dump takes to clean, and most dumps hold none of them."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@cache
def lexicon() -> dict:
    raw = load_json("boilerplate.json")
    # word lists, phrase lookups, the (kind, needs, pattern) prompt patterns and the regex of all their needs
    data: dict[str, frozenset[str] | LeadingPhrases | re.Pattern[str]
               | tuple[tuple[str, tuple[str, ...], LazyPattern], ...]] = {
        name: frozenset(values) for name, values in raw.items() if isinstance(values, list)}
    for name in ("author_labels", "read_also_prefixes", "signature_prefixes"):
        data[name] = LeadingPhrases({phrase: phrase for phrase in raw[name]})
    data["end_prefixes"] = LeadingPhrases({p: kind for kind, phrases in raw["end_prefixes"].items() for p in phrases})
    data["prompt_phrases"] = LeadingPhrases({p: kind for kind, phrases in raw["prompt_phrases"].items()
                                             for p in phrases})
    # (kind, the substrings the line must hold one of, regex): the substring search is cheap, so
    # the regex runs on few lines; lowercase patterns in lowercased text (faster than re.I). A
    # kind's regex is compiled when a line first holds one of its needs: most dumps hold none
    data["prompt_patterns"] = tuple(
        (kind, tuple(spec["needs"]), LazyPattern("|".join(f"(?:{p})" for p in spec["patterns"])))
        for kind, spec in raw["prompt_patterns"].items())
    data["prompt_needs"] = re.compile("|".join(re.escape(need) for spec in raw["prompt_patterns"].values()
                                               for need in spec["needs"]))
    return data


class LazyPattern:
    """A regex compiled on its first search."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.search(text)


class LeadingPhrases:
    """Which phrase of a lexicon a text starts with, in whole words: set lookups, where a regex
    alternation of hundreds of phrases would cost more to compile than all the lookups of a run."""

    _TRAILING_PUNCTUATION = ".,:;!?…—–-»\")’'"

    def __init__(self, values: dict[str, str]):
        self.values = {phrase.lower(): value for phrase, value in values.items()}  # phrase -> its kind
        self.longest = max((len(phrase.split()) for phrase in self.values), default=0)
        if self.longest > _LEADING_WORDS:
            raise ValueError(f"a phrase longer than the {_LEADING_WORDS} words leading_words gives")
        # most lines start with a word no phrase starts with: one set lookup rules them out
        firsts = [words[0] for words in map(str.split, self.values) if words]
        self.first_words = {*firsts, *(word.rstrip(self._TRAILING_PUNCTUATION) for word in firsts)}

    def match(self, text: str) -> tuple[str, int] | None:
        """(value, number of words) of the longest phrase the text starts with, else None."""
        return self.match_words(leading_words(text))

    def match_words(self, leading: list[str]) -> tuple[str, int] | None:
        """match() of a text's leading_words (computed once for all the lexicons)."""
        if not leading or (leading[0] not in self.first_words
                           and leading[0].rstrip(self._TRAILING_PUNCTUATION) not in self.first_words):
            return None
        words = leading[: self.longest]
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


_LEADING_WORDS = 12  # more than the longest phrase of any lexicon


def leading_words(text: str) -> list[str]:
    """The first words of a text, lowercased, as LeadingPhrases compares them."""
    return _spaced_words(text.lower())


def _spaced_words(lowered: str) -> list[str]:
    return _spaced(lowered).split(None, _LEADING_WORDS)[:_LEADING_WORDS]


class Shape:
    """Cheap features of one block's text: the ones every rule reads are computed at once, the
    others on first use (functools.cached_property takes a lock on every read: too slow here)."""

    __slots__ = ("text", "lower", "words", "key", "n_words", "n_letters", "ends_sentence", "is_prose",
                 "is_headline", "is_dialogue", "is_bullet", "_title_key", "_leading", "_key_leading")

    def __init__(self, text: str):
        self.text = text
        self.lower = text.lower()
        self.words = WORD.findall(text)
        # scripts written without spaces: a character is about a word (a one-range scan first: the
        # class of all CJK letters is slower to scan, and to compile)
        if _AT_OR_AFTER_CJK.search(text) and _cjk().search(text):
            self.words = [w for word in self.words for w in (_cjk().findall(word) or [word])]
        self.n_letters = len(text) - sum(map(len, _NOT_LETTERS.findall(text)))  # fewer, shorter matches
        # lowercase, trailing counters and punctuation removed: for lexicon lookups
        self.key = _without_counter_tail(self.lower).strip(" .:!?()[]-–—|•·")
        self.n_words = n = len(self.words)
        self.ends_sentence = bool(SENTENCE_END.search(text))
        # reads like running text: a sentence of several words, a long line, a dialogue line
        self.is_dialogue = bool(DIALOGUE.match(text))
        self.is_bullet = bool(BULLET.match(text))
        if self.is_dialogue:
            self.is_prose = n >= 3
        elif text.endswith(":"):  # the lead-in of a list or a quote
            self.is_prose = n >= 2
        else:
            self.is_prose = (n >= 5 and self.ends_sentence) or n >= 22
        # shaped like a title or subheading: a few words, capitalised, not a finished sentence
        first = text[:1]
        self.is_headline = (2 <= n <= 30 and not text.endswith((".", ":", ";", ","))
                            and (first.isupper() or first.isdigit() or first in "«\"„“'")
                            and " | " not in text)
        self._title_key: str | None = None
        self._leading: list[str] | None = None
        self._key_leading: list[str] | None = None

    @property
    def title_key(self) -> str:
        if self._title_key is None:
            self._title_key = title_key(self.text)
        return self._title_key

    @property
    def leading(self) -> list[str]:
        """leading_words of the text, for the lexicons of leading phrases."""
        if self._leading is None:
            self._leading = _spaced_words(self.lower)
        return self._leading

    @property
    def key_leading(self) -> list[str]:
        if self._key_leading is None:
            self._key_leading = _spaced_words(self.key)
        return self._key_leading

    def forget_leading(self) -> None:
        """Drop the leading words once the lexicons have seen them (a dump's lines all wait for
        the sequence decision: up to a dozen strings each)."""
        self._leading = self._key_leading = None


def _without_counter_tail(lowered: str) -> str:
    """'комментарии (12)' -> 'комментарии ', 'просмотров: 1.2k' -> 'просмотров'. The regex runs
    only where a tail can end (its last character may be a digit, a space, '.', ',' or 'k')."""
    last = lowered[-2:-1] if lowered.endswith((")", "]")) else lowered[-1:]
    if not (last.isdecimal() or last.isspace() or last in ".,kк"):
        return lowered
    # "$" also matches before a final newline: after a ")" or "]" the tail ends there
    end = len(lowered) - 1 if lowered.endswith("\n") and lowered[-2:-1] in (")", "]") else len(lowered)
    match = _COUNTER_TAIL_REVERSED.match(lowered[:end][::-1])
    return lowered if match is None else lowered[:end - match.end()] + lowered[end:]


def title_key(text: str) -> str:
    """Two copies of a title compare equal after case, punctuation and look-alike letters."""
    if _lookalike_letters().search(text):  # translate() looks up every character: most lines hold none
        text = text.translate(_lookalikes())
    return _KEY_JUNK.sub("", text.casefold())


@cache
def _lookalikes() -> dict[int, str]:
    """Latin letters that look like Cyrillic ones (the homoglyph fixer's table), so that a copy
    it left mixed still matches."""
    table = load_json("homoglyphs.json")
    return str.maketrans({**table["latin_to_cyrillic"], **table["latin_to_cyrillic_i"]})


@cache
def _lookalike_letters() -> re.Pattern[str]:
    """Any letter of _lookalikes(): one C-level scan."""
    return re.compile("[" + re.escape("".join(map(chr, _lookalikes()))) + "]")
