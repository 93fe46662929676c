import builtins
import gzip
import io

import pytest

from newsclean.document import InputError
from newsclean.options import Options
from newsclean.readers import read_documents

PAGE = """<html><head><meta charset="windows-1251"><title>Совет утвердил бюджет | Новости</title></head><body>
<article><h1>Совет утвердил бюджет</h1>
<p>Городской совет утвердил новый бюджет на следующий год после долгих споров депутатов.</p>
<p>Расходы на транспорт вырастут на треть, а на ремонт школ выделят вдвое больше, чем раньше.</p>
<p>Оппозиция назвала документ нереалистичным и пообещала обжаловать отдельные статьи в суде.</p>
</article></body></html>"""


def warc_bytes(compress: bool) -> bytes:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    stream = io.BytesIO()
    writer = warcio.WARCWriter(stream, gzip=compress)
    for url, content_type, body in [
        ("https://e.org/style.css", "text/css", b"body{}"),
        ("https://e.org/budget", "text/html", PAGE.encode("cp1251")),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return stream.getvalue()


@pytest.mark.parametrize("compress, name", [(False, "crawl.warc"), (True, "crawl.warc.gz")])
def test_every_html_response_is_a_document(compress, name):
    (document,) = list(read_documents(warc_bytes(compress), name, Options()))
    assert document.source == f"{name}:2"  # the record's number in the archive
    assert document.hints.url == "https://e.org/budget"
    assert document.hints.title == "Совет утвердил бюджет"
    assert document.hints.date is None  # the fetch date is not a publication date
    assert any("бюджет" in b.text for b in document.blocks)


def test_warc_is_sniffed_without_a_name():
    assert len(list(read_documents(warc_bytes(False), None, Options()))) == 1


def test_garbage_after_the_header_is_an_error():
    data = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"\x00garbage" * 10
    results = list(read_documents(data, "bad.warc", Options()))
    assert results and isinstance(results[-1], InputError)


def test_without_warcio_the_error_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_warcio(name, *args, **kwargs):
        if name.startswith("warcio"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_warcio)
    (error,) = read_documents(gzip.compress(b"WARC/1.0\r\n\r\n"), "crawl.warc.gz", Options())
    assert isinstance(error, InputError) and "install newsclean[warc]" in str(error)


def two_pages() -> tuple[bytes, int]:
    """An uncompressed WARC of two HTML responses, and where the second record begins."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    stream = io.BytesIO()
    writer = warcio.WARCWriter(stream, gzip=False)
    starts = []
    for number in (1, 2):
        starts.append(stream.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1251")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://e.org/{number}", "response",
                                                      payload=io.BytesIO(PAGE.encode("cp1251")),
                                                      http_headers=headers))
    return stream.getvalue(), starts[1]


@pytest.mark.parametrize("cut", [200, 600, -40], ids=["in its headers", "in its payload", "near its end"])
def test_a_truncated_record_is_an_error_and_the_records_before_it_are_kept(cut):
    data, second = two_pages()
    document, error = read_documents(data[:second + cut] if cut > 0 else data[:cut], "crawl.warc", Options())
    assert document.source == "crawl.warc:1" and any("бюджет" in b.text for b in document.blocks)
    assert isinstance(error, InputError) and error.args[0] == "record 2: truncated (the archive ends inside it)"
    assert error.source == "crawl.warc"


def test_a_whole_archive_without_its_last_separator_is_not_truncated():
    data, _ = two_pages()
    assert [d.source for d in read_documents(data[:-4], "crawl.warc", Options())] == ["crawl.warc:1", "crawl.warc:2"]


def test_a_record_end_off_its_length_is_a_warning_not_a_message_of_warcio(capfd):
    data, second = two_pages()
    first, rest = data[:second], data[second:]
    documents = list(read_documents(first[:-4] + b"abc\r\n\r\n" + rest, "crawl.warc", Options()))
    assert [d.source for d in documents] == ["crawl.warc:1", "crawl.warc:2"]
    assert documents[1].warnings[-1].startswith("the record before it in the archive does not end where")
    assert capfd.readouterr().err == ""


def test_an_archive_without_an_html_response_says_so():
    pytest.importorskip("warcio")
    records = list(read_documents(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
                                  "info.warc", Options()))
    assert [str(r) for r in records] == ["info.warc: no HTML response among its 1 record"]
