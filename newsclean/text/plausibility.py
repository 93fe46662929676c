"""How plausible a string is as ru/uk/be/bg/sr/mk/kk text: letter-bigram models (one per
language, the best one counts) plus penalties for what wrong decodings produce (rare letters,
symbols, mixed scripts, case flips and punctuation inside words).

plausibility() is a mean log-probability per character transition: higher is more plausible;
clean Cyrillic prose scores about -2.5, mojibake and wrong code pages score far lower.
The language alphabets are in `lexicons/cyrillic_alphabets.json`; the bigram counts (all
languages and each one) in `lexicons/cyrillic_bigrams.json`, built from
`lexicons/cyrillic_sample.txt` (text written for newsclean) by `python -m newsclean.text.plausibility`.
"""
from __future__ import annotations

import json
import math
import operator
import re
from collections import Counter
from functools import cache, lru_cache

from ..lexicons import load_json, path, read_text

_BIGRAMS_FILE = "cyrillic_bigrams.json"
_SAMPLE_FILE = "cyrillic_sample.txt"

COMMON_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"  # ru/uk/be/bg
# and the letters of Serbian and Macedonian (ђ ј љ њ ћ џ ѓ ќ ѕ) and Kazakh (ә ғ қ ң ө ұ ү һ)
CYRILLIC_LETTERS = COMMON_CYRILLIC_LETTERS + "ђјљњћџѓќѕәғқңөұүһ"
# Symbols a text is reduced to before scoring.
BOUNDARY, LATIN, ACCENTED_LATIN, DIGIT, RARE_CYRILLIC, ALIEN = " ", "a", "é", "0", "¿", "#"
# Punctuation that ordinary news text uses; everything else non-alphanumeric is ALIEN.
_COMMON_PUNCTUATION = set(".,;:!?()[]\"'«»„“”‘’‚—–-…/%№*+=&@#_<>|\\$©®™→°\u00a0\u2009\u202f")

# Log-probabilities for transitions the bigram table does not cover (tuned on wrong decodings).
_ALIEN_COST = -8.0
_BACK_OFF = 10.0
_FOREIGN_PAIR_COST = -3.0
_RARE_CYRILLIC_COST = -6.0
_MIXED_SCRIPT_COST = -7.0
_ACCENTED_LATIN_COST = -2.5
_ACCENTED_PAIR_COST = -5.0  # two accented letters in a row: "Ïðèâåò" (cp1251 read as cp1252)
_DIGIT_NEXT_TO_LETTER_COST = -3.0
_NON_CYRILLIC_RUN_COST = -1.0
_FOREIGN_LETTER_COST = -4.0  # a letter no single language of the text has: "ў" with "щ", "ы" with "ї"
_CASE_FLIP_COST = -5.0  # a capital right after a lowercase letter: "тЕКСТ", "РџСЂ"
_GLUED_PUNCTUATION_COST = -6.0  # punctuation inside a word: "С‚Р", "Р…С" (an apostrophe is fine)

_CASE_FLIP = r"[a-z\u0430-\u045f\u0491][A-Z\u0400-\u042f\u0490]"
# (box drawing and the DOS graphics too: "св╕й" is KOI8-U read as KOI8-R); and closing
# punctuation or a sign glued to the start of a word: "™енков", "–ените" (MacCyrillic capitals
# read as windows-1251), where opening quotes and brackets are at home, and so is a dialogue
# dash before a capital ("—Да")
_GLUED_PUNCTUATION = (r"(?<=[^\W\d_])[‚„…“”‘«»•–—№†‡‰‹›©®™\u2500-\u259f■∙√≈≤≥⌠⌡](?=[^\W\d_])"
                      r"|(?<![^\s(\[«„“‘\"'])(?:[…”’»•†‡‰›©®™](?=[^\W\d_])|[–—](?=[a-zß-ÿа-џґәғқңөұүһ]))")


def symbol(char: str) -> str:
    """The model's symbol for one character."""
    lower = char.lower()
    if lower in CYRILLIC_LETTERS:
        return lower
    if char.isspace() or char in _COMMON_PUNCTUATION:
        return BOUNDARY
    if char.isascii():
        if char.isalpha():
            return LATIN
        return DIGIT if char.isdigit() else ALIEN
    if "\u0400" <= char <= "\u04ff":
        return RARE_CYRILLIC
    if char.isalpha() and char < "\u0250":
        return ACCENTED_LATIN
    return DIGIT if char.isdigit() else ALIEN


_SYMBOLS = BOUNDARY + LATIN + ACCENTED_LATIN + DIGIT + RARE_CYRILLIC + ALIEN + CYRILLIC_LETTERS
# Characters up to U+3000 (the last space) are mapped by one str.translate table; the few above
# it are digits or ALIEN, found by one regex scan.
_TABLE_END = 0x3001
_LAST_IN_TABLE = "\u3000"
_BEYOND_TABLE = "[^\x00-\u3000]"
_BOUNDARY_RUN = re.compile(f"{BOUNDARY}{{2,}}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """The regexes of this module, compiled on first use: a clean UTF-8 dump needs none of them
    (and their classes of thousands of characters cost more to compile than it takes to clean)."""
    return re.compile(pattern)


@lru_cache(maxsize=1)
def _symbol_table() -> dict[int, str]:
    return {code: symbol(chr(code)) for code in range(_TABLE_END)}


def symbols(text: str) -> str:
    """The text as model symbols, one per character, with runs of boundaries folded to one
    and none at the start (all at C level: a translate, a max, a regex fold)."""
    mapped = text.translate(_symbol_table())
    if mapped and max(mapped) > _LAST_IN_TABLE:
        mapped = _compiled(_BEYOND_TABLE).sub(lambda match: symbol(match.group()), mapped)
    return _BOUNDARY_RUN.sub(BOUNDARY, mapped).lstrip(BOUNDARY)


@lru_cache(maxsize=1)
def _bigram_log_probs() -> dict[str, float]:
    """log P(b | a) for every pair of Cyrillic letters and the boundary, add-half smoothed."""
    counts: dict[str, int] = load_json(_BIGRAMS_FILE)["bigrams"]
    vocabulary = BOUNDARY + CYRILLIC_LETTERS
    totals = {a: sum(counts.get(a + b, 0) for b in vocabulary) for a in vocabulary}
    return {a + b: math.log((counts.get(a + b, 0) + 0.5) / (totals[a] + 0.5 * len(vocabulary)))
            for a in vocabulary for b in vocabulary}


@lru_cache(maxsize=1)
def symbol_log_probs() -> dict[str, float]:
    """log P(symbol) of single symbols: the letters and the boundary by their share of the
    sample, the others at the cost of a transition to them (for a quick ranking of readings)."""
    counts: dict[str, int] = load_json(_BIGRAMS_FILE)["bigrams"]
    totals: Counter[str] = Counter()
    for pair, n in counts.items():
        totals[pair[0]] += n
    total = sum(totals.values())
    probs = {a: math.log((totals[a] + 0.5) / total) for a in BOUNDARY + CYRILLIC_LETTERS}
    probs.update({RARE_CYRILLIC: _RARE_CYRILLIC_COST, ALIEN: _ALIEN_COST, ACCENTED_LATIN: _ACCENTED_LATIN_COST,
                  LATIN: _MIXED_SCRIPT_COST, DIGIT: _DIGIT_NEXT_TO_LETTER_COST})
    return probs


@lru_cache(maxsize=1)
def _language_log_probs() -> tuple[dict[str, float], ...]:
    """log P(b | a) per language, its counts backed off to the all-language model (a Dirichlet
    prior of _BACK_OFF pseudo-counts). A pair with a letter outside the language's alphabet
    costs _FOREIGN_PAIR_COST more than in all languages: a Ukrainian word in a Russian text
    ("свій") stays far likelier than a pair no language has ("свўй")."""
    merged = _bigram_log_probs()
    vocabulary = BOUNDARY + CYRILLIC_LETTERS
    tables = []
    for alphabet, counts in zip(_alphabets(), load_json(_BIGRAMS_FILE)["languages"].values()):
        totals = {a: sum(counts.get(a + b, 0) for b in vocabulary) for a in vocabulary}
        own = alphabet | {BOUNDARY}
        tables.append({a + b: math.log((counts.get(a + b, 0) + _BACK_OFF * math.exp(merged[a + b]))
                                       / (totals[a] + _BACK_OFF)) if a in own and b in own
                       else merged[a + b] + _FOREIGN_PAIR_COST for a in vocabulary for b in vocabulary})
    return tuple(tables)


@lru_cache(maxsize=1)
def _transition_costs() -> tuple[dict[str, float], ...]:
    """The cost of every pair of model symbols, per language."""
    return tuple({a + b: _transition_cost(a, b, table) for a in _SYMBOLS for b in _SYMBOLS}
                 for table in _language_log_probs())


@lru_cache(maxsize=1)
def _alphabets() -> tuple[frozenset[str], ...]:
    """The alphabet of each language, in the order of the bigram tables."""
    alphabets = load_json("cyrillic_alphabets.json")
    return tuple(frozenset(alphabets[lang]) for lang in load_json(_BIGRAMS_FILE)["languages"])


@lru_cache(maxsize=1)
def _foreign_letter_deletions() -> tuple[dict[int, None], ...]:
    """Per language, a str.translate table deleting the letters outside its alphabet: what a
    wrong code page mixes in. Outside the alphabet of the language that fits best by the
    bigrams, not of the one with the fewest such letters: the Kazakh alphabet holds the Russian
    one and more, and a mixed ru/uk text read as kz1048 would fit it without one."""
    return tuple({ord(letter): None for letter in CYRILLIC_LETTERS if letter not in alphabet}
                 for alphabet in _alphabets())


def _transition_cost(a: str, b: str, table: dict[str, float]) -> float:
    pair = table.get(a + b)
    if pair is not None:
        return pair
    if ALIEN in (a, b):
        return _ALIEN_COST
    if RARE_CYRILLIC in (a, b):
        return _RARE_CYRILLIC_COST
    cyrillic_a, cyrillic_b = a in CYRILLIC_LETTERS, b in CYRILLIC_LETTERS
    if (cyrillic_a and b in (LATIN, ACCENTED_LATIN)) or (cyrillic_b and a in (LATIN, ACCENTED_LATIN)):
        return _MIXED_SCRIPT_COST
    if DIGIT in (a, b) and (cyrillic_a or cyrillic_b or a in (LATIN, ACCENTED_LATIN) or b in (LATIN, ACCENTED_LATIN)):
        return _DIGIT_NEXT_TO_LETTER_COST
    if a == b == ACCENTED_LATIN:
        return _ACCENTED_PAIR_COST
    if ACCENTED_LATIN in (a, b):
        return _ACCENTED_LATIN_COST
    return _NON_CYRILLIC_RUN_COST


def plausibility(text: str) -> float:
    """Mean log-probability per transition of `text` as Cyrillic (or plain Latin) prose; higher is better.

    The text is scored by the bigrams of each language and the best one counts. All at C level:
    the pairs of symbols made by map(), priced by map() over each language's table, summed."""
    sequence = BOUNDARY + symbols(text) + BOUNDARY
    if len(sequence) < 3:
        return 0.0
    pairs, counts = _pairs(sequence)
    totals = [sum(map(operator.mul, map(costs.__getitem__, pairs), counts)) if counts
              else sum(map(costs.__getitem__, pairs)) for costs in _transition_costs()]
    best = max(range(len(totals)), key=totals.__getitem__)
    foreign_letters = len(sequence) - len(sequence.translate(_foreign_letter_deletions()[best]))
    total = totals[best] + _FOREIGN_LETTER_COST * foreign_letters
    total += _CASE_FLIP_COST * len(_compiled(_CASE_FLIP).findall(text))
    total += _GLUED_PUNCTUATION_COST * (len(_compiled(_GLUED_PUNCTUATION).findall(text)) + _unclosed_quotes(text))
    return total / (len(sequence) - 1)


def _unclosed_quotes(text: str) -> int:
    """Opening quotes that nothing closes: "‘уд", "“ченые" (MacCyrillic С and У read as
    windows-1251). „ closes with “, and “ with ”; ’ is an apostrophe too, so it only helps."""
    low, high = text.count("„"), text.count("“")
    return (max(0, text.count("‘") + text.count("‚") - text.count("’"))
            + max(0, low - high) + max(0, high - low - text.count("”")))


_COUNTED_FROM = 256  # pairs: a longer text repeats them, and each distinct one is priced once


def _pairs(sequence: str) -> tuple[list[str], list[int] | None]:
    """The sequence's pairs of symbols, and for a long one each distinct pair with its count
    (counted straight from the iterator: a long text's list of pairs would cost 25x its size)."""
    pairs = map(str.__add__, sequence, sequence[1:])
    if len(sequence) <= _COUNTED_FROM:
        return list(pairs), None
    counted = Counter(pairs)
    return list(counted), list(counted.values())


def build_bigram_tables(sample: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Letter/boundary bigram counts of a sample: all languages, each section weighted equally,
    and each language's own."""
    sections = dict(re.findall(r"^# (\w+)\n(.*?)(?=^# |\Z)", sample, flags=re.MULTILINE | re.DOTALL))
    largest = max(len(s) for s in sections.values())
    merged: dict[str, float] = {}
    languages = {}
    for lang, section in sections.items():
        sequence = "".join(s for s in symbols(section) if s == BOUNDARY or s in CYRILLIC_LETTERS)
        counts = Counter(map(str.__add__, sequence, sequence[1:]))
        languages[lang] = dict(sorted(counts.items()))
        for pair, n in counts.items():
            merged[pair] = merged.get(pair, 0.0) + n * largest / len(section)
    return {pair: round(n) for pair, n in sorted(merged.items()) if round(n) > 0}, languages


if __name__ == "__main__":
    table, languages = build_bigram_tables(read_text(_SAMPLE_FILE))
    payload = {"source": _SAMPLE_FILE, "bigrams": table, "languages": languages}
    with open(path(_BIGRAMS_FILE), "w", encoding="utf-8") as stream:
        stream.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(table)} bigrams -> {_BIGRAMS_FILE}")
