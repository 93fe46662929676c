import re

import pytest

from newsclean.fields.dates import month_number, parse_date, spelled_out
from newsclean.lexicons import load_json


@pytest.mark.parametrize("text, expected", [
    ("2024-09-15T18:30:00+03:00", "2024-09-15"),
    ("15.09.2024, 18:30", "2024-09-15"),
    ("ID 2024-13-45, опубликовано 2024-10-01", "2024-10-01"),
    ("October 8, 2024", "2024-10-08"),
    ("17 октября 2024", "2024-10-17"),
    ("3 дек. 2023", "2023-12-03"),
    ("6 июня 2024 года", "2024-06-06"),
    ("17 жовтня 2024 р.", "2024-10-17"),
    ("1 берез. 2024", "2024-03-01"),
    ("28 траўня 2024", "2024-05-28"),
    ("3 лістапада 2023 г.", "2023-11-03"),
    ("20 жніўня 2024", "2024-08-20"),
    ("12 снежня 2024", "2024-12-12"),
    ("17 октомври 2024 г.", "2024-10-17"),
    ("4 февруари 2024", "2024-02-04"),
    # the languages of other pages people collect
    ("5. Juni 2025", "2025-06-05"),
    ("Aktualisiert am 5. Juni 2025 um 10:00", "2025-06-05"),
    ("18 juil. 2024", "2024-07-18"),
    ("13 de enero de 2025", "2025-01-13"),
    ("3 maggio 2024", "2024-05-03"),
    ("12 października 2023", "2023-10-12"),
])
def test_full_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["15 студентов 2024 года", "10 листов", "5 марок", "в 17 лет", "1.5 million",
                                  "Platz 5. Rang 2024"])
def test_words_that_only_start_like_a_month(text):
    assert parse_date(text, "2024-10-20") is None


@pytest.mark.parametrize("text, expected", [
    ("вчера, 14:20", "2024-10-19"),
    ("Учора о 14:20", "2024-10-19"),
    ("вчора", "2024-10-19"),
    ("днес, 10:00 ч.", "2024-10-20"),
    ("Сегодня", "2024-10-20"),
    ("позавчера в 9:15", "2024-10-18"),
    ("20 октября", "2024-10-20"),
    ("21 октября", "2024-10-21"),  # (a day later: the page's time zone may be ahead)
    ("29 ноября", "2023-11-29"),  # later than the reference in its year: the one before
])
def test_relative_dates_need_a_reference(text, expected):
    assert parse_date(text) is None
    assert parse_date(text, "2024-10-20") == expected


@pytest.mark.parametrize("text, reference, expected", [
    ("вчера", "0001-01-01", None),  # the day before the first a date can hold: no date, no crash
    ("позавчера в 9:15", "0001-01-02", None),
    ("сегодня", "0001-01-01", "0001-01-01"),
    ("29 ноября", "0001-01-01", None),  # the November before year 1: none
    ("31 декабря", "2024-01-05", "2023-12-31"),
    ("вчера", "9999-12-31", "9999-12-30"),
    ("29 февраля", "2023-03-01", "2020-02-29"),  # no such day in the reference's year: the last leap year's
    ("29 февраля", "2025-01-01", "2024-02-29"),
    ("29 февраля", "2104-03-01", "2104-02-29"),
    ("29 февраля", "2104-02-01", "2096-02-29"),  # 2100 is no leap year: eight years back
    ("29 февраля", "0003-06-01", None),  # before year 4, none
])
def test_dates_at_the_ends_of_the_calendar(text, reference, expected):
    assert parse_date(text, reference) == expected


def test_a_relative_word_inside_a_sentence_is_not_a_date():
    assert parse_date("Вчера президент подписал указ", "2024-10-20") is None


def test_month_number_matches_whole_words():
    assert month_number("жовтня") == 10
    assert month_number("Дек.") == 12
    assert month_number("студентов") is None


def test_the_date_next_to_the_title_beats_a_site_clock():
    from newsclean import clean

    paragraph = ("Городская рада утвердила программу ремонта дорог на следующий год, на неё выделят "
                 "сорок миллионов гривен из городского бюджета.")
    dump = "\n\n".join(["1 января 2025", "Главная", "Новости", "В городе отремонтируют сорок улиц",
                        "12 марта 2025, 10:15", paragraph, paragraph.replace("Городская", "Областная")])
    assert clean(dump).date == "2025-03-12"


@pytest.mark.parametrize("pattern, forms", [
    ("січ(ень|ня|ні)?", ["січень", "січня", "січні", "січ"]),
    ("январ[ьяюе]", ["январь", "января", "январю", "январе"]),
    ("сент?", ["сент", "сен"]),
    ("märz", ["märz"]),
])
def test_a_month_pattern_is_spelled_out_in_full(pattern, forms):
    assert spelled_out(pattern) == forms


@pytest.mark.parametrize("pattern", ["янв.*", "(a|(b|c))", "d+", "e\\w"])
def test_a_month_pattern_beyond_letters_classes_and_groups_is_refused(pattern):
    with pytest.raises(ValueError):
        spelled_out(pattern)


def test_every_spelled_out_form_is_what_its_pattern_matches():
    for month, patterns in load_json("months.json").items():
        for pattern in patterns if not month.startswith("_") else ():
            assert all(re.fullmatch(pattern, form) for form in spelled_out(pattern)), pattern
