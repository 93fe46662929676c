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


@pytest.mark.parametrize("options, message", [
    ({"encoding": "rot13"}, "'rot13' is not a text encoding"),
    ({"encoding": "no-such-codec"}, "unknown encoding 'no-such-codec'"),
    ({"typography": "fancy"}, "typography 'fancy': one of standard, keep"),
    ({"reference_date": "2024-13-01"}, "'2024-13-01' is not a date in the form YYYY-MM-DD"),
    ({"input_format": "pdf"}, "input_format 'pdf': one of txt, html, jsonl, warc"),
    ({"max_bytes": 0}, "max_bytes 0: at least 1"),
])
def test_options_the_pipeline_cannot_use_are_refused_when_made(options, message):
    from newsclean import Options

    with pytest.raises(ValueError, match=message):
        Options(**options)


def test_a_str_with_lone_surrogates_is_cleaned_with_a_warning():
    from newsclean import clean
    from newsclean.readers.jsontext import SURROGATES_REPLACED

    text = ("Депутаты утвердили проект \udc80 реконструкции стадиона. Работы обойдутся бюджету в 96 млн "
            "гривен и продлятся два года. Решение приняли большинством голосов.")
    article = clean(text)
    assert article.paragraphs == [text.replace("\udc80", "\ufffd")] and SURROGATES_REPLACED in article.warnings
