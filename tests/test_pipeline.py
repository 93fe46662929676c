"""clean() and clean_many(): the library's entry points."""
import pytest

from newsclean import InputError, Options, clean, clean_many

DUMP = ("Главная\nНовости\n\nВ Харькове открыли новую станцию метро\n\n"
        "В Харькове после ремонта открыли станцию метро. По ней уже проехали первые пассажиры.\n\n"
        "Станция будет работать с шести утра до полуночи, сообщили в метрополитене.\n\nПоделиться\n")


def test_bytes_and_str_give_the_same_article():
    from_text, from_bytes = clean(DUMP).to_dict(), clean(DUMP.encode("utf-8")).to_dict()
    for key in ("title", "author", "date", "lang", "paragraphs", "subheadings", "image_credits"):
        assert from_text[key] == from_bytes[key]


def test_source_is_kept():
    assert clean(DUMP, source="dumps/a.txt").source == "dumps/a.txt"


def test_no_extract_keeps_every_line():
    article = clean(DUMP, options=Options(extract=False))
    assert "Главная" in article.paragraphs and "Поделиться" in article.paragraphs


@pytest.mark.parametrize("data, source", [(b"   \n", None), (b"", "page.html")])
def test_empty_input_is_an_input_error(data, source):
    with pytest.raises(InputError, match="empty input: no text"):
        clean(data, source=source)


def test_binary_input_is_an_input_error():
    with pytest.raises(InputError):
        clean(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_clean_refuses_several_records_and_clean_many_yields_them():
    jsonl = '{"text": "%s"}\n{"text": "%s"}\n' % (DUMP.replace("\n", "\\n"), DUMP.replace("\n", "\\n"))
    with pytest.raises(InputError, match="clean_many"):
        clean(jsonl, source="x.jsonl")
    results = list(clean_many(jsonl.encode(), source="x.jsonl"))
    assert len(results) == 2 and all(r.paragraphs for r in results)


def test_cleaning_clean_output_changes_nothing():
    first = clean(DUMP)
    second = clean(first.to_text())
    assert (second.title, second.paragraphs) == (first.title, first.paragraphs)
