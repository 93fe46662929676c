import json

from newsclean.document import InputError
from newsclean.options import Options
from newsclean.readers.jsonl import read_jsonl

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
