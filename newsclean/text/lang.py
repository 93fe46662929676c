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
from collections import Counter
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
    return {"function_words": function_words, "exclusive": exclusive, "letters": letters}


# Votes and words are kept for the words and tokens seen most lately, and only for short ones
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
    votes: Counter[str] = Counter()
    langs = lexicon["function_words"].get(word)
    if langs:
        for lang in langs:
            votes[lang] += 1 / len(langs)
    exclusive = {lexicon["exclusive"][c] for c in word if c in lexicon["exclusive"]}
    if len(exclusive) == 1:
        votes[exclusive.pop()] += 1
    elif not exclusive:
        fitting: frozenset[str] | None = None
        for c in set(word):
            langs_with_letter = lexicon["letters"].get(c)
            if langs_with_letter is not None:
                fitting = langs_with_letter if fitting is None else fitting & langs_with_letter
        for lang in fitting or ():
            votes[lang] += 1 / len(fitting)
    return tuple(votes.items())


def _sample_words(sample: str) -> Counter[str]:
    """Counter(_WORD.findall(sample)), sooner: no word spans a space, so the words are those
    of each distinct space-separated token (the same few hundred tokens, found once)."""
    words: Counter[str] = Counter()
    for token, count in Counter(sample.split()).items():
        for word in _token_words(token) if len(token) <= _CACHED_LENGTH else _WORD.findall(token):
            words[word] += count
    return words


@lru_cache(maxsize=_CACHED)
def _token_words(token: str) -> list[str]:
    return _WORD.findall(token)


def detect_lang(text: str) -> str | None:
    """ISO 639-1 code of the text's language (ru uk be bg sr kk en), or None when unsure."""
    middle = max(0, (len(text) - _SAMPLE) // 2)
    words = _sample_words(text[middle:middle + _SAMPLE])
    scores: Counter[str] = Counter()
    latin = cyrillic = 0
    for word, count in words.items():
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
