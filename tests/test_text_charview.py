import unicodedata

from newsclean.decode import repair_mojibake
from newsclean.text.charview import CP1251_CHARS, ByteSet, char_view
from newsclean.text.normalize import normalize_chars


def test_view_is_exact_only_when_every_character_is_in_cp1251():
    assert char_view("Привіт, світ? «Так» — 100%") == (("Привіт, світ? «Так» — 100%").encode("cp1251"), True)
    view = char_view("об\u02bcєкт?")  # the modifier apostrophe has no cp1251 byte
    assert view.bytes == b"\xee\xe1?\xba\xea\xf2?" and not view.exact


def test_view_of_the_same_text_is_computed_once():
    text = "слово " * 10
    assert char_view(text) is char_view(text)


def test_byte_set_finds_its_characters_only():
    found = ByteSet("&\u00a0ѕ\u02bc")
    assert found.found_in(char_view("a\u00a0b").bytes)
    assert found.found_in(char_view("Рѕ").bytes)
    assert not found.found_in(char_view("обычный текст?").bytes)


def test_cp1251_characters_are_nfc_next_to_each_other():
    # normalize's clean-check skips the NFC test for text made only of cp1251 characters
    assert all(unicodedata.is_normalized("NFC", a + b) for a in CP1251_CHARS for b in CP1251_CHARS)


SLOW = "\u02bc"  # no cp1251 byte: with it the view is not exact and the checks scan the text


def test_checks_on_the_view_agree_with_scans_of_the_text():
    for text in ["чистый текст", "a&amp;b", "нераз\u00adрывный", "два  пробела", "таб\tтут", "Р\u00a0Рѕ",
                 "строка \nвторая", " ведущий", "СЃР»РѕРІРѕ", "e\u0301", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"]:
        assert normalize_chars(text) + SLOW == normalize_chars(text + SLOW)
        assert repair_mojibake(text) + " " + SLOW == repair_mojibake(text + " " + SLOW)
