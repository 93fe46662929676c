import json

import pytest

from newsclean.document import InputError
from newsclean.options import Options
from newsclean.readers.jsonl import read_jsonl
from newsclean.readers.jsontext import SURROGATES_REPLACED, replace_lone_surrogates

BODY = "Городской совет утвердил новый бюджет на следующий год после долгих споров депутатов."


def read(*lines: str, **options):
    return list(read_jsonl("\n".join(lines).encode("utf-8"), "dump.jsonl", Options(**options)))


def record(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_one_document_per_record_in_order_with_hints():
    documents = read(record(url="https://e.org/1", title="Первая | Новости Города", text=BODY,
                            published="2024-10-17T10:00:00Z", scraped_at="2024-10-18T10:00:00Z"),
                     "",
                     record(url="https://e.org/2", title="Вторая", content=BODY, author=["А. Б.", {"name": "В. Г."}]))
    assert [d.source for d in documents] == ["dump.jsonl:1", "dump.jsonl:3"]
    first, second = documents
    assert (first.hints.title, first.hints.url, first.hints.date) == ("Первая", "https://e.org/1", "2024-10-17")
    assert second.hints.author == "А. Б., В. Г."
    assert first.text == BODY and first.encoding == "utf-8"


def test_scraped_at_is_not_a_publication_date():
    (document,) = read(record(text=BODY, scraped_at="2024-10-18T10:00:00Z"))
    assert document.hints.date is None


def test_html_record_goes_through_the_html_reader():
    html = (f"<html><head><title>Бюджет — Новости</title></head><body><article><h1>Бюджет</h1>"
            f"<time datetime='2024-06-28T12:15:00+03:00'>28 июня</time><p>{BODY}</p><p>{BODY} Ещё.</p>"
            f"</article></body></html>")
    (document,) = read(record(url="https://e.org/3", title="Бюджет принят", html=html))
    assert document.kind == "html" and document.source == "dump.jsonl:1"
    assert BODY in [b.text for b in document.blocks]
    assert document.hints.title == "Бюджет принят"  # the record's own field wins
    assert document.hints.date == "2024-06-28"  # the page fills what the record lacks
    assert document.hints.url == "https://e.org/3"


def test_text_that_is_html_is_sniffed():
    (document,) = read(record(text=f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"))
    assert document.kind == "html"


def test_empty_record_gives_an_empty_document():
    (document,) = read(record(title="Фоторепортаж", text=""))
    assert document.text == "" and document.blocks is None


def test_malformed_line_is_an_error_and_the_rest_goes_on():
    documents = read(record(text=BODY), "{not json", "[1, 2]", record(text=BODY))
    assert [type(d).__name__ for d in documents] == ["Document", "InputError", "InputError", "Document"]
    assert "line 2" in str(documents[1]) and "line 3" in str(documents[2])
    assert isinstance(documents[1], InputError)


def test_text_field_option():
    (document,) = read(record(text="не то", article=BODY), text_field="article")
    assert document.text == BODY


def test_unix_timestamp_and_lang():
    (document,) = read(record(text=BODY, date=1729159200, lang="UK"))
    assert document.hints.date == "2024-10-17" and document.hints.lang == "uk"


def test_html_fragment_record():
    (document,) = read(record(html=f"<p>{BODY}</p>"))
    assert [b.text for b in document.blocks] == [BODY]


def test_a_title_suffix_that_is_a_line_of_the_body_is_the_site_name():
    (document,) = read(record(title="В Гродно открыли мост после ремонта — Городские новости",
                              text=f"Городские новости\nГлавная\n\n{BODY}"))
    assert document.hints.title == "В Гродно открыли мост после ремонта"


def test_one_pretty_printed_json_document_is_read_whole():
    pretty = json.dumps([json.loads(record(text=BODY)), json.loads(record(text=BODY))], indent=2)
    documents = read(*pretty.splitlines())
    assert [type(d).__name__ for d in documents] == ["Document", "Document"]


def test_a_file_that_is_not_json_gives_one_error():
    (error,) = read("hello", "world", "again")
    assert isinstance(error, InputError) and "not JSON Lines: line 1" in str(error)


GOOD = record(text=BODY)


@pytest.mark.parametrize("bad_line, reason", [
    ('{"text": "x\x00y"}', "line 2: malformed JSON (Invalid control character at column 12)"),  # a raw NUL byte
    ("[" * 200_000 + "]" * 200_000, "line 2: malformed JSON (nested too deeply)"),
    ('{"text": ' * 200_000, "line 2: malformed JSON (nested too deeply)"),
])
def test_a_bad_line_fails_alone(bad_line, reason):
    first, error, last = read(GOOD, bad_line, GOOD)
    assert isinstance(error, InputError) and error.args[0] == reason and error.source == "dump.jsonl"
    assert [first.source, last.source] == ["dump.jsonl:1", "dump.jsonl:3"] and first.text == last.text == BODY


def test_nul_bytes_in_many_lines_do_not_make_json_lines_binary():
    documents = read(*[GOOD, '{"text": "\x00\x00\x00\x00"}'] * 50)
    assert [type(d).__name__ for d in documents] == ["Document", "InputError"] * 50


def test_lone_surrogate_escapes_become_replacement_characters_with_a_warning():
    lone = '{"text": "x\\udc80y", "title": ["\\ud800"], "\\udfff": {"deep": ["\\udc00"]}}'
    first, second, third = read(GOOD, lone, record(text="пара \U0001F600 суррогатов"))
    assert second.text == "x\ufffdy" and second.warnings == [SURROGATES_REPLACED]
    assert first.warnings == third.warnings == [] and third.text == "пара \U0001F600 суррогатов"


@pytest.mark.parametrize("surrogates, replaced", [
    ({"a": ["\udc80", {"\ud800": "b\udfffc"}]}, {"a": ["\ufffd", {"\ufffd": "b\ufffdc"}]}),
    ({"a": "\U0001F600", "b": [1, None]}, None),
])
def test_replace_lone_surrogates_walks_keys_and_values_in_place(surrogates, replaced):
    expected = replaced or dict(surrogates)
    assert replace_lone_surrogates(surrogates) is (replaced is not None) and surrogates == expected


@pytest.mark.parametrize("indent", [None, 2])
def test_a_json_array_of_records_is_read_on_one_line_or_pretty_printed(indent):
    array = json.dumps([{"text": BODY}, "not a record", {"text": BODY}], ensure_ascii=False, indent=indent)
    first, error, last = read(array)
    assert [first.source, last.source] == ["dump.jsonl:1", "dump.jsonl:3"]
    assert isinstance(error, InputError) and error.args[0] == "record 2: a JSON object was expected"


def test_a_broken_json_array_gives_one_error():
    (error,) = read('[{"text": "a"}, {"text": ')
    assert isinstance(error, InputError) and error.args[0].startswith("malformed JSON (")


def test_a_list_of_paragraphs_is_text_and_other_values_are_said_to_hold_none():
    record = {"title": "Заголовок", "paragraphs": ["Первый абзац.", "Второй абзац."], "image_credits": ["Агентство"]}
    (document,) = read_jsonl(json.dumps(record, ensure_ascii=False).encode(), "own.jsonl", Options())
    assert document.text == "Первый абзац.\n\nВторой абзац." and document.hints.image_credits == ["Агентство"]
    (document,) = read_jsonl(b'{"text": 5}', "odd.jsonl", Options(text_field="text"))
    assert document.text == "" and document.warnings == ["text field 'text' holds no text (a int)"]


# newsclean's JSON is read as a record, its Markdown as front matter and text (readers/frontmatter.py)
OWN_OUTPUT = {"json": ("own.jsonl", lambda article: json.dumps(article.to_dict(), ensure_ascii=False)),
              "md": ("own.md", lambda article: article.to_markdown()),
              "txt": ("own.txt", lambda article: article.to_text())}  # (no metadata: compared without it)


@pytest.mark.parametrize("output", sorted(OWN_OUTPUT))
@pytest.mark.parametrize("sample", [
    "ru_innertext_city.txt", "be_innertext_naroch.txt", "uk_innertext_elevator.txt", "ru_cp1251_hockey.txt",
    "ru_koi8r_print_library.txt", "uk_html_observatory.html"])  # (its list items: list_items, "- item" in md)
def test_newsclean_output_cleaned_again_is_the_same_article(sample, output):
    import pathlib

    from newsclean import clean

    path = pathlib.Path(__file__).resolve().parents[1] / "samples" / sample
    name, render = OWN_OUTPUT[output]
    article = clean(path.read_bytes(), source=sample)
    first = article.to_dict()
    again = clean(render(article).encode(), source=name).to_dict()
    if output == "txt":  # plain text keeps the title and the body only
        first = {key: first[key] for key in ("title", "paragraphs", "subheadings", "list_items", "lang")}
        again = {key: again[key] for key in first}
    for article in (first, again):
        for field in ("source", "encoding", "encoding_how"):
            article.pop(field, None)
    assert again == first


STADIUM = ("Депутаты городского совета на сессии во вторник утвердили проект реконструкции стадиона. "
        "Работы обойдутся бюджету в 96 млн гривен и продлятся два года.")


def test_line_separators_inside_a_string_do_not_split_a_record():
    """JSON Lines ends lines with \\n only; U+2028, U+2029, U+0085 and a form feed are string content."""
    titles = ["Первая", "Вторая\u2028часть", "Третья\u2029x", "Четвёртая\x85y\x0cz"]
    data = "".join(json.dumps({"title": t, "text": STADIUM}, ensure_ascii=False) + "\n" for t in titles).encode()
    records = list(read_jsonl(data, "ls.jsonl", Options()))
    assert [type(r).__name__ for r in records] == ["Document"] * 4
    assert [r.source for r in records] == [f"ls.jsonl:{n}" for n in range(1, 5)]


def test_a_bad_first_line_fails_alone_when_records_follow():
    good = json.dumps({"text": STADIUM}, ensure_ascii=False)
    first, *rest = list(read_jsonl(f"not json\n{good}\n\n{good}\n".encode(), "first.jsonl", Options()))
    assert isinstance(first, InputError) and first.args[0].startswith("line 1: malformed JSON")
    assert [r.source for r in rest] == ["first.jsonl:2", "first.jsonl:4"]
    (error,) = list(read_jsonl(b"just\ntext\nlines\n", "t.jsonl", Options()))  # no record at all: one error
    assert error.args[0].startswith("not JSON Lines: line 1:")


def test_a_records_metadata_is_repaired_like_its_text():
    from newsclean import clean_many

    record = {"title": "Рога &amp; копыта &laquo;выиграли&raquo; тендер", "author": "Иван\u2028Петров",
              "image_credits": ["ТАСС\u00a0&amp; Co"], "text": STADIUM}
    (article,) = clean_many(json.dumps(record).encode(), source="m.jsonl")
    assert (article.title, article.author, article.image_credits) == (
        "Рога & копыта «выиграли» тендер", "Иван Петров", ["ТАСС & Co"])
