"""bytes -> str: BOMs, UTF-8, UTF-16/32, legacy Cyrillic code pages; and mojibake repair.

Legacy code pages are chosen by how plausible each decoding is as ru/uk/be/bg/sr/mk/kk text
(text/plausibility.py), not by byte patterns alone; a file mixing UTF-8 lines with code-page
lines is decoded line by line. Mojibake repair re-encodes suspicious words with the code page
that garbled them (UTF-8 read as a code page), or re-reads a line with the code page it was
written in (one code page read as another), and keeps the result only when it is clearly
more plausible; clean text leaves through a few C-speed checks of its cp1251 view.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from .document import InputError
from .text.charview import ByteSet, char_view
from .text.plausibility import COMMON_CYRILLIC_LETTERS, CYRILLIC_LETTERS, plausibility, symbol, symbol_log_probs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte candidates, commonest first, with a log prior: how much less likely a text is to
# come in the code page at all. Spread over the text's length it decides only short texts whose
# readings are near ties ("Хорошие" in windows-1251 against "’орошие" in MacCyrillic).
# kz1048 is windows-1251 with Kazakh letters in place of the Serbian/Macedonian ones; cp1125 is
# cp866 with the Ukrainian letters; cp855 is the IBM DOS page. KOI8-RU has no Python codec: its
# label is read as KOI8-U, which differs only in ў/Ў (box drawing in KOI8-U).
_CODE_PAGE_PRIORS = {"windows-1251": 0.0, "koi8-r": -1.0, "koi8-u": -1.5, "cp866": -1.5, "mac-cyrillic": -3.0,
                     "iso-8859-5": -3.0, "kz1048": -3.0, "cp1125": -3.0, "cp855": -3.0, "windows-1252": -1.0}
_SINGLE_BYTE_CODECS = tuple(_CODE_PAGE_PRIORS)
_CYRILLIC_CODECS = tuple(codec for codec in _SINGLE_BYTE_CODECS if codec != "windows-1252")
# the code pages read in full (by bigrams) after a first ranking by single letters
_LETTER_FINALISTS = 3
_LETTER_RANKING_MIN = 200  # bytes beyond ASCII
_ASCII_BYTES = bytes(range(0x80))
_REPORTED = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
             *_SINGLE_BYTE_CODECS)


@lru_cache(maxsize=1)
def _reported_names() -> dict[str, str]:
    """The names we report (the ones the corpus uses), keyed by Python's canonical codec name;
    on first use (each lookup imports a codec module: not for a UTF-8 input without a label)."""
    return {codecs.lookup(name).name: name for name in _REPORTED}
_BINARY_SIGNATURES = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04",
                      b"\x1f\x8b", b"RIFF", b"\x7fELF", b"OggS", b"ID3", b"Rar!", b"7z\xbc\xaf")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HIGH_BYTE_LINES = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
_SAMPLE_BYTES = 8192  # how much of an input the binary and code-page checks look at
# The code pages are first read on this much of the sample: those far less plausible there than
# the best (per transition) are not read on the rest.
_HEAD_BYTES = 1024
_FINALIST_MARGIN = 0.5
_MAX_CONTROL_SHARE = 0.02
_DECLARED_MARGIN = 0.3  # a declared code page may be this much less plausible than the best guess


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name
    how: str  # bom | declared | detected | forced
    warning: str | None = None  # what was lost on the way (a truncated tail, undecodable bytes)


# Labels that HTML pages use and Python does not know.
_WEB_LABELS = {"x-mac-cyrillic": "mac-cyrillic", "x-cp1251": "windows-1251", "koi8-ru": "koi8-u",
               "x-user-defined": "windows-1252"}


def codec_name(name: str) -> str | None:
    """The name we report for a codec (e.g. "cp1251" -> "windows-1251"); None if Python does not know it."""
    try:
        label = name.strip().lower()
        canonical = codecs.lookup(_WEB_LABELS.get(label, label)).name
    except (LookupError, ValueError, AttributeError):
        return None
    return _reported_names().get(canonical, canonical)


def decode(data: bytes, declared: str | None = None, forced: str | None = None, records: bool = False) -> Decoded:
    """Decode an input's bytes. `forced` wins; a BOM next; then `declared` if consistent; then detection.

    A few stray NULs are dropped (with a warning); many NULs or control bytes are binary data.
    With `records` (JSON Lines) they are kept for the record that holds them to fail on (JSON
    allows none), not taken as a sign of a binary input.
    Raises only InputError (unknown forced codec, binary data).
    """
    if forced:
        return _decode_forced(data, forced)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_wide(data, codec, "bom")
    if data.startswith(_BINARY_SIGNATURES):
        raise InputError("binary data (an image, PDF or archive signature), not text")
    wide = _wide_codec_by_nul_pattern(data[:_SAMPLE_BYTES - _SAMPLE_BYTES % 4]) if b"\x00" in data else None
    if wide:
        return _decode_wide(data, wide, "detected")
    if records:
        return _decode_narrow(data, declared)
    nuls = data.count(0)
    _refuse_binary(data, nuls)
    if not nuls:
        return _decode_narrow(data, declared)
    decoded = _decode_narrow(data.replace(b"\x00", b""), declared)
    return replace(decoded, warning="; ".join(filter(None, (decoded.warning, f"stray NUL bytes removed ({nuls})"))))


def _refuse_binary(data: bytes, nuls: int) -> None:
    """Many control bytes in the sample, or many NULs anywhere (`nuls` of them), mean binary data."""
    sample = data[:_SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample) or nuls > _MAX_CONTROL_SHARE * len(data):
        raise InputError("binary data (many control bytes or NULs), not text")


def _decode_narrow(data: bytes, declared: str | None) -> Decoded:
    """UTF-8, else a legacy code page (the declared one if consistent)."""
    declared_name = codec_name(declared) if declared else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data, declared_name)
    if declared_name and data.isascii() and _decoded_or_none(data, declared_name) == text:
        return Decoded(text, declared_name, "declared")
    return Decoded(text, "utf-8", "declared" if declared_name == "utf-8" else "detected")


def _decode_forced(data: bytes, forced: str) -> Decoded:
    name = codec_name(forced)
    if name is None:
        raise InputError(f"unknown encoding {forced!r}")
    try:
        return Decoded(data.decode(name), name, "forced")
    except UnicodeDecodeError as error:
        text = data.decode(name, errors="replace")
        return Decoded(text, name, "forced", f"undecodable bytes as {name} replaced ({error.reason})")


def _decode_wide(data: bytes, codec: str, how: str) -> Decoded:
    """UTF-8/16/32 that may be truncated: drop an incomplete trailing code unit, replace broken ones."""
    unit = 4 if "32" in codec else 2 if "16" in codec else 1
    warnings = []
    if len(data) % unit:
        raise InputError(f"truncated {codec_name(codec) or codec}: the input ends in the middle of a character")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        text = data.decode(codec, errors="replace")
        warnings.append(f"invalid {codec} bytes replaced ({error.reason})")
    if len(_CONTROL_CHARS.findall(text[:_SAMPLE_BYTES])) > _MAX_CONTROL_SHARE * min(len(text), _SAMPLE_BYTES):
        raise InputError(f"binary data (control characters after decoding as {codec}), not text")
    return Decoded(text, codec_name(codec) or codec, how, "; ".join(warnings) or None)


def _wide_codec_by_nul_pattern(sample: bytes) -> str | None:
    """UTF-32 has NULs in two fixed bytes of four; UTF-16 text (ASCII spaces, digits,
    Cyrillic 0x04xx) has NULs only in its high bytes, which take very few distinct values."""
    zero_share = [sample[i::4].count(0) / max(1, len(sample[i::4])) for i in range(4)]
    if zero_share[2] > 0.95 and zero_share[3] > 0.95 and zero_share[0] < 0.5:
        return "utf-32-le"
    if zero_share[0] > 0.95 and zero_share[1] > 0.95 and zero_share[3] < 0.5:
        return "utf-32-be"
    for codec, low, high in (("utf-16-le", sample[0::2], sample[1::2]), ("utf-16-be", sample[1::2], sample[0::2])):
        if high.count(0) and not low.count(0) and _top_values_share(high, 3) > 0.9:
            return codec
    return None


def _top_values_share(data: bytes, top: int) -> float:
    counts = sorted((data.count(value) for value in set(data)), reverse=True)
    return sum(counts[:top]) / max(1, len(data))


# Plausibility of the best code page below which the bytes are not text at all: real text in
# any candidate scores about -1 to -3, random high bytes about -5 to -6.5.
_UNDECODABLE = -4.5


def _decode_legacy(data: bytes, declared: str | None) -> Decoded:
    """Not UTF-8: nearly-UTF-8 (a broken byte or a cut tail), the declared code page if it reads
    about as well as the best guess, or the most plausible candidate."""
    mixed = _mixed_with_utf8(data)
    if mixed is not None:
        return mixed
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    best_score, best = _best_single_byte(data)
    how = "detected"
    if (declared and declared != "utf-8" and _decoded_or_none(data, declared) is not None
            and _codec_plausibility(data, declared) >= best_score - _DECLARED_MARGIN):
        best, how = declared, "declared"
    if how == "detected" and best_score < _UNDECODABLE:
        raise InputError("undecodable: not text in UTF-8 or a known Cyrillic code page (an encoding can be forced)")
    text = data.decode(best, errors="replace")
    warning = f"bytes undecodable as {best} replaced" if "\ufffd" in text else None
    return Decoded(text, best, how, warning)


def _decoded_or_none(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes (a truncated tail, one stray byte) is UTF-8, not a code page."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if not _mostly_utf8(text, replaced):
        return None
    return Decoded(text, "utf-8", "detected", f"{replaced} invalid UTF-8 byte sequence(s) replaced")


def _mostly_utf8(text: str, replaced: int) -> bool:
    """UTF-8 decoding with `replaced` bad sequences: ten good non-ASCII characters to each bad one."""
    return len(text) - len(text.encode("ascii", errors="ignore")) - replaced >= 10 * replaced


_MIN_UTF8_CHARS = 3  # a line valid in UTF-8 by chance seldom holds more


def _mixed_with_utf8(data: bytes) -> Decoded | None:
    """Lines in UTF-8 among lines in a code page (glued dumps, quoted mail, edited files): each
    line in UTF-8 where it is (nearly) valid, the rest in the code page most plausible for all of it."""
    lines = data.split(b"\n")
    legacy = [not _line_in_utf8(line) for line in lines]
    if not any(legacy) or not _utf8_beyond_ascii(lines, legacy):
        return None
    legacy_bytes = b"\n".join(line for line, is_legacy in zip(lines, legacy) if is_legacy)
    score, code_page = _best_single_byte(legacy_bytes)
    if score < _UNDECODABLE:
        return None
    # a short line in the code page can be valid UTF-8 by chance ("ТВ" in ISO-8859-5 is "²")
    legacy = [is_legacy or _reads_better_in(line, code_page) for line, is_legacy in zip(lines, legacy)]
    if not _utf8_beyond_ascii(lines, legacy):
        return None
    text = "\n".join(line.decode(code_page if is_legacy else "utf-8", errors="replace")
                     for line, is_legacy in zip(lines, legacy))
    count = sum(legacy)
    warning = (f"mixed encodings: {count} line(s) decoded as {code_page}, "
               f"{len(lines) - count} as utf-8")
    return Decoded(text, code_page, "detected", warning)


def _utf8_beyond_ascii(lines: list[bytes], legacy: list[bool]) -> bool:
    return not all(is_legacy or line.isascii() for line, is_legacy in zip(lines, legacy))


def _reads_better_in(line: bytes, code_page: str) -> bool:
    """Whether a line that is valid UTF-8 is rather in the code page: too few characters beyond
    ASCII to tell ("ТВ" in ISO-8859-5 is "²"), or more plausible there."""
    text = line.decode("utf-8", errors="replace")
    if len(text) - len(text.encode("ascii", errors="ignore")) < _MIN_UTF8_CHARS:
        return not line.isascii()
    return plausibility(line.decode(code_page, errors="replace")) > plausibility(text)


def _line_in_utf8(line: bytes) -> bool:
    text = line.decode("utf-8", errors="replace")
    return _mostly_utf8(text, text.count("\ufffd"))


def _best_single_byte(data: bytes) -> tuple[float, str]:
    """The most plausible candidate and its score; a tie keeps the order of preference. All are
    read on the head of the sample first, and only those near the best there on all of it."""
    sample = _high_byte_sample(data)
    finalists = _likeliest_by_letters(sample[:_HEAD_BYTES])
    if len(sample) > _HEAD_BYTES:
        rough = {codec: _sample_plausibility(sample[:_HEAD_BYTES], codec) for codec in finalists}
        finalists = [codec for codec in finalists if rough[codec] >= max(rough.values()) - _FINALIST_MARGIN]
    score, _, codec = max((_sample_plausibility(sample, codec), -rank, codec) for rank, codec in enumerate(finalists))
    return score, codec


def _likeliest_by_letters(head: bytes) -> list[str]:
    """The Cyrillic code pages whose reading of the head has the likeliest letters one by one
    (a count per byte value and a sum, where the bigram reading costs a Python step per pair),
    in the order of preference, and windows-1252 (Latin text, which this cannot rank). A head
    of few letters keeps them all: a short Serbian or Ukrainian text ("Ђорђе") has letters a
    count of single letters underrates."""
    high = head.translate(None, _ASCII_BYTES)
    if len(high) < _LETTER_RANKING_MIN:
        return list(_SINGLE_BYTE_CODECS)  # too few letters to rank on (and cheap to read every way)
    counts = Counter(high)
    likelihood = {codec: sum(n * _byte_log_probs(codec)[byte - 0x80] for byte, n in counts.items())
                  for codec in _CYRILLIC_CODECS}
    kept = set(sorted(likelihood, key=likelihood.__getitem__, reverse=True)[:_LETTER_FINALISTS])
    return [codec for codec in _SINGLE_BYTE_CODECS if codec in kept or codec not in _CYRILLIC_CODECS]


@lru_cache(maxsize=len(_SINGLE_BYTE_CODECS))
def _byte_log_probs(codec: str) -> tuple[float, ...]:
    """log P of the symbol each byte 0x80-0xFF reads as in the code page."""
    probs = symbol_log_probs()
    return tuple(probs[symbol(bytes([byte]).decode(codec, errors="replace"))] for byte in range(0x80, 0x100))


def _codec_plausibility(data: bytes, codec: str) -> float:
    return _sample_plausibility(_high_byte_sample(data), codec)


def _high_byte_sample(data: bytes) -> bytes:
    """The lines that hold non-ASCII bytes (the only ones the candidates disagree on)."""
    return b"\n".join(_HIGH_BYTE_LINES.findall(data[:4 * _SAMPLE_BYTES]))[:_SAMPLE_BYTES]


def _sample_plausibility(sample: bytes, codec: str) -> float:
    prior = _CODE_PAGE_PRIORS.get(codec, 0.0)  # a declared codec outside the candidates has none
    return plausibility(sample.decode(codec, errors="replace")) + prior / max(1, len(sample))


# ------------------------------------------------------------------ mojibake repair

class _Garbler(NamedTuple):  # (not a dataclass: making one costs a clean dump's start-up more)
    """A code page that UTF-8 bytes were wrongly decoded with, and how to spot and undo it."""

    telltale: re.Pattern  # could this text hold such mojibake at all?
    word: re.Pattern  # a whitespace-delimited word made only of garbled UTF-8 sequences and ASCII
    to_bytes: dict[int, str]  # str.translate table: character -> latin-1 character of its byte
    nbsp_leads: str  # leads whose continuation reads as a NBSP (which space folding turns into " ")
    lost_shy: re.Pattern  # the place after a lead where normalization deleted a SHY continuation


# How mojibake reads in each code page; cp1252 also takes latin-1 (C1 controls for its undefined bytes).
_GARBLING_CODE_PAGES = ("windows-1251", "windows-1252", "koi8-r", "mac-cyrillic", "cp866", "cp437", "mac-roman")
_TARGET_LETTERS = set(CYRILLIC_LETTERS + CYRILLIC_LETTERS.upper())
# Characters a repaired word may contain besides ASCII and ru/uk/be/bg letters.
_REPAIRED_PUNCTUATION = set("—–«»„“”‘’‚…№•€°×±©®™→²³\u00a0\u2009\u202f")
# A repair is sure when the word gains this much plausibility per transition; short garbled
# words ("РІ" = "в") read almost like letters, so they are repaired only next to a sure one.
_SURE_REPAIR_GAIN = 1.0
_MAX_GARBLING_DEPTH = 3
_CYRILLIC_LEADS = (0xD0, 0xD1)


def _byte_readings(code_page: str) -> dict[int, set[str]]:
    """byte -> the characters it can come out as: its character in the code page, or for an
    undefined byte the C1 control of the same number (as browsers do) or U+FFFD."""
    readings = {byte: {chr(byte), "\ufffd"} if _undefined(byte, code_page) else {bytes([byte]).decode(code_page)}
                for byte in range(0x80, 0x100)}
    if code_page == "windows-1252":  # latin-1 readers leave all of 0x80-0x9F as C1 controls
        for byte in range(0x80, 0xA0):
            readings[byte].add(chr(byte))
    return readings


def _undefined(byte: int, code_page: str) -> bool:
    """Whether the code page leaves this byte undefined."""
    try:
        bytes([byte]).decode(code_page)
    except UnicodeDecodeError:
        return True
    return False


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _build_garbler(code_page: str) -> _Garbler:
    readings = _byte_readings(code_page)
    to_bytes = {ord(char): chr(byte) for byte, chars in readings.items() for char in chars}
    for code in range(0x80, 0x100):  # latin-1 characters this code page has no byte for
        to_bytes.setdefault(code, "\uffff")

    def chars(*byte_ranges: tuple[int, int]) -> list[str]:
        return [char for low, high in byte_ranges for byte in range(low, high) for char in readings[byte]]

    continuation = _char_class(chars((0x80, 0xC0)))
    leads = _char_class(chars(*((b, b + 1) for b in _CYRILLIC_LEADS)))
    sequence = (f"{_char_class(chars((0xC2, 0xE0)))}{continuation}|{_char_class(chars((0xE0, 0xF0)))}"
                f"{continuation}{{2}}|{_char_class(chars((0xF0, 0xF5)))}{continuation}{{3}}")
    letter_after = {filler: byte for byte in range(0x80, 0xC0) for filler in readings[byte]
                    if bytes([_CYRILLIC_LEADS[0], byte]).decode("utf-8") in _TARGET_LETTERS}
    nbsp_leads = "".join(chars((_CYRILLIC_LEADS[0], _CYRILLIC_LEADS[0] + 1))) if "\u00a0" in letter_after else ""
    if nbsp_leads:
        sequence += rf"|{_char_class(nbsp_leads)}(?: (?=\S)|(?=\s|$))"
    # "Э" (D0 AD) reads as "Р"/"Ð" + SHY, and normalization deletes the SHY: a lead is left
    # right before the next lead.
    first_lead = _char_class(chars((_CYRILLIC_LEADS[0], _CYRILLIC_LEADS[0] + 1)))
    shy_lost = "\u00ad" in letter_after
    lost_shy = re.compile(f"(?<={first_lead})(?={leads})" if shy_lost else "(?!)")
    if shy_lost:
        sequence += f"|{first_lead}(?={leads})"
    word = re.compile(rf"(?<!\S)(?:{sequence}|[!-~])+(?!\S)")
    # Telltale: a Cyrillic or punctuation lead and a continuation that clean text hardly ever
    # puts after that letter (cp1251 "Рі"/"Ві" look like Ukrainian, so і is left out there).
    plain_letters = set("іІ") if code_page == "windows-1251" else set()
    unlikely = [char for char in chars((0x80, 0xC0)) if char not in plain_letters and not char.isspace()]
    telltale = f"{_char_class(chars((0xC2, 0xC4), (0xD0, 0xD2), (0xE2, 0xE3)))}{_char_class(unlikely)}"
    if set(chars(*((b, b + 1) for b in _CYRILLIC_LEADS))) <= set("–—"):
        # the Mac pages: their leads are – and —, common in clean text: want two pairs
        telltale = f"[–—]{continuation}[–—]{continuation}"
    return _Garbler(re.compile(telltale), word, to_bytes, nbsp_leads, lost_shy)


@lru_cache(maxsize=1)
def _garblers() -> tuple[_Garbler, ...]:
    return tuple(_build_garbler(code_page) for code_page in _GARBLING_CODE_PAGES)


_COMMON_LETTERS = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё"
# Capitals that clean text hardly ever holds and cp866 read as windows-1251 is full of ("е", "б")
_RARE_CAPITALS = "ҐЎ"


@lru_cache(maxsize=1)
def _garbled_chars() -> frozenset[str]:
    """Characters that garbled ru/uk/be/bg text always holds and clean text almost never:
    what the commonest letters turn into in each garbling code page, minus ordinary characters."""
    common_letters = _COMMON_LETTERS + _COMMON_LETTERS.upper()
    garbled = {char for code_page in _GARBLING_CODE_PAGES
               for char in common_letters.encode("utf-8").decode(code_page, errors="ignore")}
    garbled |= {char for written_in, read_as in _MISREADINGS
                for char in common_letters.encode(written_in).decode(read_as, errors="ignore")}
    # sr/mk/kk letters are not ordinary here: garbled ru text is full of them ("Рѕ" = "о"), and
    # clean text in those languages, rarer in the dumps, only takes the slower way unchanged
    common = set(COMMON_CYRILLIC_LETTERS + COMMON_CYRILLIC_LETTERS.upper()) - set(_RARE_CAPITALS)
    ordinary = common | _REPAIRED_PUNCTUATION | {chr(code) for code in range(0x80)}
    # NBSP and the soft hyphen ("Р" and "Э" garbled) fill clean dumps too; garbled text always
    # holds other characters of this set as well, so they need not send clean text the slow way
    ordinary |= {"\xa0", "\xad"}
    return frozenset(garbled - ordinary)


@lru_cache(maxsize=1)
def _garbled_hint() -> re.Pattern:
    return re.compile(_char_class(_garbled_chars()))


@lru_cache(maxsize=1)
def _garbled_hint_bytes() -> ByteSet:
    return ByteSet(_garbled_chars())


@lru_cache(maxsize=1)
def _code_page_chars() -> frozenset[str]:
    """Every character a garbling code page has a byte for."""
    return frozenset("".join(bytes(range(0x80, 0x100)).decode(code_page, errors="ignore")
                             for code_page in _GARBLING_CODE_PAGES))


def _is_clean_char(char: str) -> bool:
    """What a repaired word may hold: ASCII, letters, common punctuation, and symbols (❤ ▫ ▶)
    that no code page has a byte for, so that no misreading can have made them."""
    return (char.isascii() or char in _TARGET_LETTERS or char in _REPAIRED_PUNCTUATION
            or (unicodedata.category(char) == "So" and char not in _code_page_chars()))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded with a legacy code page (also twice); clean text comes back unchanged.

    Works per word, so a garbled phrase inside a clean paragraph is repaired and its neighbours are not.
    Line structure is kept.
    """
    if not _may_be_garbled(text):  # the fast path every clean document takes
        return text
    while True:
        repaired = _repair_once(text)
        if repaired == text:  # every repair shortens the text, so this ends
            return _undo_misreadings(text)
        text = repaired


def _may_be_garbled(text: str) -> bool:
    view = char_view(text)
    if _cases_swapped(view.bytes):
        return True
    # (found in the cp1251 view, shared with the checks after this one, at C speed)
    if view.exact and not _garbled_hint_bytes().found_in(view.bytes):
        return False
    # garbled text holds such characters by the dozen or inside its words ("Р¤", "в•Ё"); one
    # alone between spaces is a sign or a separator of clean text ("12:30 ¤ 9 апреля")
    hints = _garbled_hint().finditer(text)
    first = next(hints, None)
    return first is not None and (next(hints, None) is not None or _inside_a_word(text, first.start()))


def _inside_a_word(text: str, i: int) -> bool:
    return (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())


def _cases_swapped(view: bytes) -> bool:
    """Cyrillic read as Cyrillic (KOI8 <-> windows-1251) swaps the cases, so that such text is
    mostly capitals (or, an all-capitals headline, has none); counted on an even sample of the
    cp1251 view by deleting translates (C speed)."""
    sample = view[::max(1, len(view) // _CAPITALS_SAMPLE)]
    capitals = len(sample.translate(None, _NOT_CAPITAL))
    letters = len(sample.translate(None, _NOT_CYRILLIC))
    return capitals > _CAPITALS_SHARE * letters if capitals else letters >= _MIN_LOWERCASE_RUN


def _repair_once(text: str) -> str:
    for garbler in _garblers():
        if garbler.telltale.search(text):
            text = "\n".join(_repair_line(line, garbler) for line in text.split("\n"))
    return text


def _repair_line(line: str, garbler: _Garbler) -> str:
    """Repair the garbled words of a line once one of them is a sure repair; the others then only
    need to decode to clean characters (clean words practically never do: "Ні" -> "ͳ")."""
    repairs = []  # (start, end, repaired word)
    sure = False
    for match in garbler.word.finditer(line):
        word = match.group()
        repaired = None if word.isascii() else _undo_garbling(word, garbler)
        if repaired is not None:
            repairs.append((match.start(), match.end(), repaired))
            sure = sure or plausibility(repaired) - plausibility(word) >= _SURE_REPAIR_GAIN
    if not sure:
        return line
    pieces, position = [], 0
    for start, end, repaired in repairs:
        pieces += [line[position:start], repaired]
        position = end
    return "".join(pieces) + line[position:]


def _undo_garbling(word: str, garbler: _Garbler) -> str | None:
    """The word re-encoded with the garbling code page and read as UTF-8, as many times as that
    works (at most _MAX_GARBLING_DEPTH); the deepest result made of clean characters, if any."""
    clean = None
    for _ in range(_MAX_GARBLING_DEPTH):
        undone = _decode_garbled(word, garbler)
        if undone is None:
            break
        word = undone
        if all(map(_is_clean_char, word)):
            clean = word
    return clean


def _decode_garbled(word: str, garbler: _Garbler) -> str | None:
    """One level of undoing, with the NBSPs and SHYs that normalization took restored."""
    if garbler.nbsp_leads:
        word = _restore_nbsp(word, garbler.nbsp_leads)
    word = garbler.lost_shy.sub("\u00ad", word)
    try:
        return word.translate(garbler.to_bytes).encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _restore_nbsp(word: str, leads: str) -> str:
    """A lead followed by a space (or ending the word) lost its NBSP continuation to space folding."""
    for lead in leads:
        word = word.replace(lead + " ", lead + "\u00a0")
    return word + "\u00a0" if word.endswith(tuple(leads)) else word


# ------------------------------------------------------------------ one code page read as another

# Text written in one legacy code page and read with another: (written in, read as). KOI8-U read
# back covers KOI8-R too (they differ only where KOI8-R has box drawing).
_MISREADINGS = (("windows-1251", "windows-1252"), ("windows-1251", "koi8-r"), ("koi8-u", "windows-1251"),
                ("cp866", "windows-1251"), ("windows-1251", "cp866"))
# A line is read again only when that gains this much plausibility per transition.
_SURE_REREADING_GAIN = 0.7
# and only when it reads like prose and makes a few new words (clean prose scores about -2.5):
# a word or two of Latin-1 letters may be a name in any language, "│" between words a table
_PLAUSIBLE_TEXT = -3.3
_MIN_REREAD_WORDS = 3
_REREAD_HEAD = 4096  # characters
_WORD = re.compile(r"[^\W\d_]{2,}")
# Cyrillic read as Cyrillic (KOI8 <-> windows-1251) swaps the cases: "оПЧЩЕ" for "Новые".
_CASE_FLIP = "[а-яё][А-ЯЁ]"
# a line with no capital (checked by a lookahead first: "[^A-Z]*[а-я]{2}[^A-Z]*$" backtracks
# quadratically on a long small-letter line that ends in a capital)
_LOWERCASE_LINE = "^(?=[^А-ЯЁA-Z\n]*$)[^\n]*?[а-яё]{2}"
_CAPITALS_SHARE = 0.5
_MIN_LOWERCASE_RUN = 12  # letters without a capital: clean text seldom has so many
_CAPITALS_SAMPLE = 4096  # bytes: plenty to tell a share of half from the few percent of prose
_NOT_CAPITAL = bytes(b for b in range(256) if not 0xC0 <= b <= 0xDF)  # cp1251 А-Я
_NOT_CYRILLIC = bytes(b for b in range(256) if b < 0xC0)  # cp1251 А-я


class _Misreading(NamedTuple):
    telltale: re.Pattern  # could a line hold such a misreading at all?
    reread: dict[int, str]  # str.translate table: character as read -> character as written


def _build_misreading(written_in: str, read_as: str) -> _Misreading:
    reread = {}
    for byte, chars in _byte_readings(read_as).items():
        written = bytes([byte]).decode(written_in, errors="ignore")
        reread.update({ord(char): written for char in chars if written and char != written})
    letters = _COMMON_LETTERS + "іїєґўђјљњћџѓќѕ"
    letters += letters.upper()
    misread = set(letters.encode(written_in, errors="ignore").decode(read_as, errors="ignore"))
    misread -= set(letters) - set(_RARE_CAPITALS)
    # what the common letters become that is no common letter, or (Cyrillic read as Cyrillic)
    # swapped cases: a capital after a small letter, or a line of small letters only
    return _Misreading(re.compile(f"{_char_class(misread)}|{_CASE_FLIP}|{_LOWERCASE_LINE}", re.MULTILINE),
                       reread)


@lru_cache(maxsize=1)
def _misreadings() -> tuple[_Misreading, ...]:
    return tuple(_build_misreading(written_in, read_as) for written_in, read_as in _MISREADINGS)


def _undo_misreadings(text: str) -> str:
    for misreading in _misreadings():
        text = _reread_lines(text, misreading)
    return text


def _reread_lines(text: str, misreading: _Misreading) -> str:
    """_reread_line of each line that holds a telltale, each found by one search from the end
    of the last (no telltale spans a line break): most lines hold none, and a search per line
    costs more."""
    pieces: list[str] = []  # the text up to kept_from, reread
    kept_from = line_end = 0
    decided: dict[str, str] = {}  # a line seen again (a menu, a separator) is decided once
    while match := misreading.telltale.search(text, line_end):  # the next line with a telltale
        start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end < 0 else line_end
        line = text[start:line_end]
        reread = decided.get(line)
        if reread is None:
            reread = decided[line] = _reread_line(line, misreading)
        if reread != line:
            pieces += (text[kept_from:start], reread)
            kept_from = line_end
    if not pieces:
        return text  # no copy of a text that needed none (it may be one long line)
    pieces.append(text[kept_from:])
    return "".join(pieces)


def _reread_line(line: str, misreading: _Misreading) -> str:
    """The line read with the code page it was written in, if that makes clean, far more plausible
    text; decided on the line's head, so that a long line costs no more than a small multiple of it."""
    head = line[:_REREAD_HEAD]
    reread = head.translate(misreading.reread)
    if reread == head or not all(map(_is_clean_char, reread)):
        return line
    if len(set(_WORD.findall(reread)) - set(_WORD.findall(head))) < _MIN_REREAD_WORDS:
        return line  # (asked first: it costs far less than the plausibility)
    score = plausibility(reread)
    if score < _PLAUSIBLE_TEXT or score - plausibility(head) < _SURE_REREADING_GAIN:
        return line
    reread = line.translate(misreading.reread)
    return reread if all(map(_is_clean_char, reread)) else line
