"""Language identification for Cyrillic (ru, uk, be, bg, sr, kk) and Latin (en) text.

Every distinct word votes once per occurrence: a word made only of letters that some
languages lack votes for the languages it fits (letters data), a letter that belongs to
one language alone votes for it (exclusive data), and a frequent function word votes for
the languages that use it. A vote shared by k languages is worth 1/k to each, so words
common to all the languages cancel out. Boilerplate in another language only adds its
own (small) share of votes; the bulk of the text decides.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache, lru_cache

from ..lexicons import load_json

_CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "sr", "kk")
# Explicit letter ranges, not [^\W\d_]: a range check is several times faster than a
# Unicode category lookup, and only Cyrillic and English words carry votes anyway.
_WORD = re.compile("[A-Za-z\u0400-\u052f]+(?:['’ʼ][A-Za-z\u0400-\u052f]+)?")
# Characters looked at, from the middle of the text where the article is and the menus
# and footers are not; more text never changes the answer, it only costs time.
_SAMPLE = 10_000
_MIN_LETTERS = 20  # fewer letters than this is not enough to tell a language
_MIN_VOTES = 2.0


@cache
def _lexicon() -> dict:
    data = load_json("lang.json")
    function_words: dict[str, list[str]] = {}
    for lang, words in data["function_words"].items():
        for word in words:
            function_words.setdefault(word, []).append(lang)
    exclusive = {letter: lang for lang, letters in data["exclusive"].items() for letter in letters}
    letters = {letter: frozenset(langs) for letter, langs in data["letters"].items()}
    # the letters of both as sets too: a word's letters are intersected with them (the smaller set is walked)
    return {"function_words": function_words, "exclusive": exclusive, "letters": letters,
            "exclusive_letters": frozenset(exclusive), "telling_letters": frozenset(letters)}


# Votes are kept for the words seen most lately, and only for short ones
# (long ones are URLs and garbage, seldom seen twice): a batch of millions of documents brings
# new words all the time, and keeping them all would grow without bound.
_CACHED = 1 << 14
_CACHED_LENGTH = 40


@lru_cache(maxsize=_CACHED)
def _word_votes(word: str) -> tuple[tuple[str, float], ...]:
    """(language, weight) votes of one word as written."""
    if not word[1:].islower() and not word.isupper() and len(word) > 1:
        return ()  # a capital inside a word ("РџРѕ") is mojibake or a brand name: no evidence
    word = word.lower()
    lexicon = _lexicon()
    votes: dict[str, float] = {}  # a plain dict: a Counter costs more to make than all the votes
    langs = lexicon["function_words"].get(word)
    if langs:
        for lang in langs:
            votes[lang] = votes.get(lang, 0.0) + 1 / len(langs)
    letters = set(word)
    exclusive = {lexicon["exclusive"][c] for c in letters.intersection(lexicon["exclusive_letters"])}
    if len(exclusive) == 1:
        lang = exclusive.pop()
        votes[lang] = votes.get(lang, 0.0) + 1
    elif not exclusive:
        telling = letters.intersection(lexicon["telling_letters"])  # most words have no letter some languages lack
        if telling:
            fitting = frozenset.intersection(*(lexicon["letters"][c] for c in telling))
            for lang in fitting:
                votes[lang] = votes.get(lang, 0.0) + 1 / len(fitting)
    return tuple(votes.items())


def detect_lang(text: str) -> str | None:
    """ISO 639-1 code of the text's language (ru uk be bg sr kk en), or None when unsure."""
    middle = max(0, (len(text) - _SAMPLE) // 2)
    scores: defaultdict[str, float] = defaultdict(float)  # weighted votes: not counts
    latin = cyrillic = 0
    # the words found and counted in C: a Python step per distinct word, not per token
    for word, count in Counter(_WORD.findall(text, middle, middle + _SAMPLE)).items():
        if word[0].isascii():
            latin += len(word) * count
        else:
            cyrillic += len(word) * count
        for lang, weight in _word_votes(word) if len(word) <= _CACHED_LENGTH else _word_votes.__wrapped__(word):
            scores[lang] += weight * count
    if cyrillic + latin < _MIN_LETTERS:
        return None
    if latin > cyrillic:
        return "en" if scores["en"] >= _MIN_VOTES else None
    best = max(_CYRILLIC_LANGS, key=lambda lang: scores[lang])
    return best if scores[best] >= _MIN_VOTES else None
