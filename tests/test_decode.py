"""decode() and repair_mojibake(): data-driven cases (tests/data/decode/) and property tests."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.decode import codec_name, decode, repair_mojibake
from newsclean.document import InputError
from newsclean.text.normalize import normalize_chars

DATA = Path(__file__).parent / "data" / "decode"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


CLEAN = _lines("must_not_change.txt")
GARBLED = [tuple(line.split("\t")) for line in _lines("must_change.tsv")]
SENTENCES = _lines("sentences.txt")
LEGACY_CODE_PAGES = ("windows-1251", "koi8-r", "koi8-u", "cp866", "mac-cyrillic", "iso-8859-5", "kz1048", "cp1125",
                     "cp855")


def _garble(text: str, code_page: str) -> str:
    """UTF-8 bytes read with a code page the way browsers do (undefined bytes -> C1 controls)."""
    return "".join(bytes([b]).decode(code_page, errors="ignore") or chr(b) if b > 0x7F else chr(b)
                   for b in text.encode("utf-8"))


# ------------------------------------------------------------------ repair_mojibake

@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_not_changed(text):
    assert repair_mojibake(text) == text


@pytest.mark.parametrize("garbled, clean", GARBLED)
def test_garbled_text_is_repaired(garbled, clean):
    assert repair_mojibake(garbled) == clean


@pytest.mark.parametrize("code_page", ["windows-1251", "windows-1252", "koi8-r", "mac-cyrillic", "cp866"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_sentence_garbled_with_every_code_page_is_repaired(sentence, code_page):
    assert repair_mojibake(_garble(sentence, code_page)) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_doubly_garbled_sentence_is_repaired(sentence):
    assert repair_mojibake(_garble(_garble(sentence, "windows-1251"), "windows-1251")) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_garbled_sentence_survives_space_folding(sentence):
    """normalize_chars folds the NBSP that garbled "Р" ends in; the repair puts it back."""
    folded = normalize_chars(_garble(sentence, "windows-1251"))
    assert repair_mojibake(folded) == sentence


def test_partial_mojibake_keeps_clean_lines_and_words():
    clean_line, broken = SENTENCES[0], SENTENCES[1]
    text = f"{clean_line}\n{_garble(broken, 'windows-1251')}\n\n{clean_line} {_garble(broken, 'windows-1251')}"
    assert repair_mojibake(text) == f"{clean_line}\n{broken}\n\n{clean_line} {broken}"


def test_clean_prose_takes_the_fast_path():
    text = "\n".join(SENTENCES) * 20
    assert repair_mojibake(text) is text


_MOJIBAKE_PIECES = ["Р", "С", "Ð", "Ñ", "п", "я", "–", "—", "╨", "╤", "вЂ", " ", "\n",
                    _garble("Привет, мир", "windows-1251"), _garble("Київ", "koi8-r")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(_MOJIBAKE_PIECES), st.sampled_from(CLEAN)), max_size=12))
def test_repair_never_raises_and_is_idempotent(pieces):
    text = "".join(pieces)
    once = repair_mojibake(text)
    assert repair_mojibake(once) == once
    assert once.count("\n") == text.count("\n")


_LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.characters(min_codepoint=0xC0, max_codepoint=0xFF)


@settings(max_examples=300, deadline=None)
@given(st.text(_LATIN | st.sampled_from(" \n")))
def test_latin_text_is_never_changed(text):
    assert repair_mojibake(text) == text


# ------------------------------------------------------------------ decode

@pytest.mark.parametrize("code_page", LEGACY_CODE_PAGES)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_code_pages_decode_to_the_right_text(sentence, code_page):
    """The text must be right; the name may differ when two code pages give the very same text."""
    try:
        data = sentence.encode(code_page)
    except UnicodeEncodeError:
        pytest.skip(f"{code_page} cannot encode this sentence")
    decoded = decode(data)
    assert decoded.text == sentence
    assert data.decode(decoded.encoding) == sentence
    assert decoded.how == "detected"


@pytest.mark.parametrize("codec, expected", [
    ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-be", "utf-16"), ("utf-32", "utf-32"),
    ("utf-32-be", "utf-32")])
def test_byte_order_marks(codec, expected):
    text = SENTENCES[0]
    data = text.encode(codec) if codec in ("utf-8-sig", "utf-16", "utf-32") else codecs.BOM_UTF16_BE + text.encode(
        "utf-16-be") if codec == "utf-16-be" else codecs.BOM_UTF32_BE + text.encode("utf-32-be")
    assert decode(data) == decode(data)  # frozen and deterministic
    assert (decode(data).text, decode(data).encoding, decode(data).how) == (text, expected, "bom")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_found_by_their_nul_pattern(codec):
    text = "Новини 2024: " + SENTENCES[2]
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.how) == (text, codec, "detected")


def test_truncated_utf16_is_refused():
    data = codecs.BOM_UTF16_LE + SENTENCES[0].encode("utf-16-le") + b"\x04"
    with pytest.raises(InputError, match="truncated utf-16"):
        decode(data)


def test_random_high_bytes_are_undecodable():
    rng = random.Random(1)
    noise = bytes(rng.randrange(128, 256) for _ in range(3000))
    with pytest.raises(InputError, match="undecodable"):
        decode(noise)


def test_truncated_utf8_tail_is_still_utf8():
    data = ("Фраза без точки " * 5 + "в конце").encode("utf-8")[:-1]
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.warning


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\nendstream",
    bytes(range(256)) * 4,
    b"\x01\x02\x03\x04\x05\x06" * 100,
])
def test_binary_data_is_an_input_error(data):
    with pytest.raises(InputError, match="binary data"):
        decode(data)


def test_declared_code_page_is_honoured_when_consistent():
    data = SENTENCES[0].encode("koi8-r")
    assert (decode(data, declared="KOI8-R").encoding, decode(data, declared="KOI8-R").how) == ("koi8-r", "declared")


def test_declared_code_page_loses_to_valid_utf8():
    decoded = decode(SENTENCES[0].encode("utf-8"), declared="windows-1251")
    assert (decoded.text, decoded.encoding, decoded.how) == (SENTENCES[0], "utf-8", "detected")


def test_wrong_declared_latin1_loses_to_plausible_cyrillic():
    decoded = decode(SENTENCES[3].encode("cp1251"), declared="iso-8859-1")
    assert (decoded.text, decoded.encoding, decoded.how) == (SENTENCES[3], "windows-1251", "detected")


def test_forced_wins_and_unknown_forced_is_an_input_error():
    data = SENTENCES[0].encode("utf-8")
    decoded = decode(data, declared="utf-8", forced="cp1251")
    assert (decoded.encoding, decoded.how) == ("windows-1251", "forced")
    with pytest.raises(InputError):
        decode(data, forced="no-such-codec")


@pytest.mark.parametrize("name, reported", [("cp1251", "windows-1251"), ("WINDOWS-1251", "windows-1251"),
                                            ("koi8_r", "koi8-r"), ("IBM866", "cp866"), ("utf8", "utf-8"),
                                            ("x-mac-cyrillic", "mac-cyrillic"), ("IBM855", "cp855"),
                                            ("KZ-1048", "kz1048"), ("RK1048", "kz1048"), ("cp866u", "cp1125"),
                                            ("koi8-ru", "koi8-u"), ("nonsense", None)])
def test_codec_names_are_reported_as_the_corpus_spells_them(name, reported):
    assert codec_name(name) == reported


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "windows-1251", "utf-8", "koi8-r", "bogus", "utf-16"]))
def test_decode_raises_nothing_but_input_error(data, declared):
    try:
        decoded = decode(data, declared=declared)
    except InputError:
        return
    assert isinstance(decoded.text, str)


@pytest.mark.parametrize("records", [False, True])
def test_a_stray_nul_is_dropped_with_a_warning_or_kept_for_its_record(records):
    text = " ".join(SENTENCES)
    data = text[:40].encode() + b"\x00" + text[40:].encode()
    decoded = decode(data, records=records)
    assert decoded.encoding == "utf-8" and decoded.text.replace("\x00", "") == text
    assert (decoded.text == text, decoded.warning) == ((True, "stray NUL bytes removed (1)") if not records
                                                       else (False, None))


@pytest.mark.parametrize("data", [" ".join(SENTENCES).encode() * 3 + b"\x00" * 200,
                                  b"\x00".join(s.encode() for s in " ".join(SENTENCES).split())])
def test_many_nul_bytes_are_binary_data(data):
    with pytest.raises(InputError, match="binary data"):
        decode(data)
