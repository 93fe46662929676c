"""Issue 13: legacy code pages, mixed files, short texts, mojibake between code pages, homoglyphs.

Every table is in tests/data/decode_legacy/ and holds rows that must change and rows that must not.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from newsclean.decode import decode, repair_mojibake
from newsclean.text.homoglyphs import fix_homoglyphs

DATA = Path(__file__).parent / "data" / "decode_legacy"
WHOLE_FILE_CODE_PAGES = ("windows-1251", "koi8-r", "koi8-u", "cp866", "mac-cyrillic", "iso-8859-5",
                         "cp855", "kz1048", "cp1125")


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n") if line and not line.startswith("#")]


def _articles() -> dict[str, str]:
    paragraphs = defaultdict(list)
    for lang, paragraph in _rows("texts.tsv"):
        paragraphs[lang].append(paragraph)
    return {lang: "\n\n".join(texts) for lang, texts in paragraphs.items()}


def encodable(text: str, code_page: str) -> bool:
    try:
        text.encode(code_page)
    except UnicodeEncodeError:
        return False
    return True


def _read_as(text: str, written_in: str, read_as: str) -> str:
    """The text's bytes in one code page read as another, undefined bytes kept as C1 controls."""
    return "".join(chr(b) if b < 0x80 else (bytes([b]).decode(read_as, errors="ignore") or chr(b))
                   for b in text.encode(written_in))


def _garble(text: str, chain: str) -> str:
    for layer in chain.split():
        written_in, read_as = layer.split(">")
        text = _read_as(text, written_in, read_as)
    return text


ARTICLES = _articles()
WHOLE_FILES = [(lang, cp) for lang, text in ARTICLES.items() for cp in WHOLE_FILE_CODE_PAGES if encodable(text, cp)]


@pytest.mark.parametrize("lang, code_page", WHOLE_FILES, ids=[f"{lang}-{cp}" for lang, cp in WHOLE_FILES])
def test_whole_article_in_a_code_page_decodes_exactly(lang, code_page):
    text = ARTICLES[lang]
    assert decode(text.encode(code_page)).text == text


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_whole_article_in_utf8_is_not_changed(lang):
    decoded = decode(ARTICLES[lang].encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (ARTICLES[lang], "utf-8")


@pytest.mark.parametrize("code_page, text", _rows("short.tsv"))
def test_short_text_decodes_exactly(code_page, text):
    assert decode(text.encode(code_page)).text == text


MIXED = _rows("mixed.tsv")


@pytest.mark.parametrize("row", MIXED, ids=[f"mixed-{i}" for i in range(len(MIXED))])
def test_file_mixing_code_pages_is_decoded_piece_by_piece(row):
    code_pages, paragraphs = row[0::2], row[1::2]
    data = b"\n\n".join(p.encode(cp) for cp, p in zip(code_pages, paragraphs))
    decoded = decode(data)
    assert decoded.text == "\n\n".join(paragraphs)
    legacy = {cp for cp in code_pages if cp != "utf-8"}
    if "utf-8" in code_pages and legacy:
        assert decoded.warning and all(cp in decoded.warning for cp in legacy)
    else:
        assert "mixed" not in (decoded.warning or "")


MOJIBAKE = _rows("mojibake.tsv")


@pytest.mark.parametrize("chain, clean", MOJIBAKE, ids=[f"{c}-{t[:20]}" for c, t in MOJIBAKE])
def test_mojibake_is_repaired_and_clean_text_is_left_alone(chain, clean):
    garbled = clean if chain == "=" else _garble(clean, chain)
    assert chain == "=" or garbled != clean
    assert repair_mojibake(garbled) == clean


HOMOGLYPHS = _rows("homoglyphs.tsv")


@pytest.mark.parametrize("given, expected", HOMOGLYPHS, ids=[g[:24] for g, _ in HOMOGLYPHS])
def test_homoglyphs_are_fixed_the_right_way(given, expected):
    expected = given if expected == "=" else expected
    assert fix_homoglyphs(given) == expected
    assert fix_homoglyphs(expected) == expected


@pytest.mark.parametrize("lang, code_page", WHOLE_FILES, ids=[f"{lang}-{cp}" for lang, cp in WHOLE_FILES])
def test_the_first_ranking_by_letters_keeps_the_code_page_of_the_text(lang, code_page):
    from newsclean.decode import _likeliest_by_letters

    data = ARTICLES[lang].encode(code_page)
    kept = _likeliest_by_letters(data[:1024])
    assert "windows-1252" in kept  # Latin text: not for a ranking of Cyrillic letters to judge
    assert any(data.decode(other) == data.decode(code_page) for other in kept)


@pytest.mark.parametrize("text", ["Москва, 12:30 ¤ 9 апреля 2013 года. В городе прошёл митинг.", "Цена: 100 ¤ за штуку."])
def test_one_sign_between_spaces_does_not_make_clean_text_look_garbled(text):
    from newsclean.decode import _may_be_garbled

    assert repair_mojibake(text) == text and not _may_be_garbled(text)


def test_one_garbled_character_inside_a_word_still_does():
    from newsclean.decode import _may_be_garbled

    assert _may_be_garbled("Новости Р¤ранции")
