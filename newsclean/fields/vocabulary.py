"""The web vocabulary of whole languages (lexicons/boilerplate.json) and cheap shapes of a line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from ..lexicons import load_json

WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-’'ʼ][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…](?:[»\"”“’')\]]*)$")
DIALOGUE = re.compile(r"^[—–-]\s+\S")
BULLET = re.compile(r"^(?:[•●▪■◦‣∙·*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
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
    n_words: int  # len(words), read by every rule

    @cached_property
    def title_key(self) -> str:
        return title_key(self.text)

    @cached_property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))

    @cached_property
    def is_prose(self) -> bool:
        """Reads like running text: a sentence of several words, or a long line, or a dialogue line."""
        if DIALOGUE.match(self.text):
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
    words = WORD.findall(text)
    return Shape(text, words, key, len(words))


def title_key(text: str) -> str:
    """Two copies of a title compare equal after case, punctuation and look-alike letters."""
    return _KEY_JUNK.sub("", text.translate(_lookalikes()).casefold())


@cache
def _lookalikes() -> dict[int, str]:
    """Latin letters that look like Cyrillic ones (the homoglyph fixer's table), so that a copy
    it left mixed still matches."""
    table = load_json("homoglyphs.json")
    return str.maketrans({**table["latin_to_cyrillic"], **table["latin_to_cyrillic_i"]})
