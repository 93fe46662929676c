"""Dates in the languages of the pages people collect, and which date line of a dump is the article's."""
import pytest

from newsclean import clean
from newsclean.fields.dates import parse_date


@pytest.mark.parametrize("text, iso", [
    ("5. Juni 2025", "2025-06-05"),
    ("Aktualisiert am 5. Juni 2025 um 10:00", "2025-06-05"),
    ("18 juil. 2024", "2024-07-18"),
    ("13 de enero de 2025", "2025-01-13"),
    ("3 maggio 2024", "2024-05-03"),
    ("12 października 2023", "2023-10-12"),
    ("3 июня 2024", "2024-06-03"),
    ("June 5, 2025", "2025-06-05"),
])
def test_dates_in_other_languages(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["1.5 million", "Platz 5. Rang 2024", "в 3 маршрутах 2024 года"])
def test_not_dates(text):
    assert parse_date(text) is None


def test_the_date_next_to_the_title_beats_a_site_clock():
    paragraph = ("Городская рада утвердила программу ремонта дорог на следующий год, на неё выделят "
                 "сорок миллионов гривен из городского бюджета.")
    dump = "\n\n".join(["1 января 2025", "Главная", "Новости", "В городе отремонтируют сорок улиц",
                        "12 марта 2025, 10:15", paragraph, paragraph.replace("Городская", "Областная")])
    assert clean(dump).date == "2025-03-12"
