"""The HTML reader's fast paths find what the straightforward searches they replace find (not timings)."""
import pathlib

import lxml.html
import pytest

pytest.importorskip("trafilatura")

from trafilatura import load_html  # noqa: E402

from newsclean.options import Options  # noqa: E402
from newsclean.readers import html as html_reader  # noqa: E402
from newsclean.fields.sitenames import squeezed  # noqa: E402
from newsclean.readers import structured  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parent / "data" / "cases"
PAGE = """<!DOCTYPE html><html><head><title>  Заголовок | Сайт </title><title>second</title>
<meta property="og:title" content="Заголовок"><meta name="author" content="Анна">
<link rel="stylesheet" href="/s.css"><link rel="canonical"><link rel="canonical" href=" https://x.ua/a ">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Заголовок"}</script>
<script>var a = 1;</script></head>
<body class="page"><div id="menu" class="nav-ads"><h2>Меню</h2></div>
<article class="post date-holder"><h1>Заголовок</h1><span class="post-time">12.03.2024</span>
<time datetime="2024-03-12">12 марта</time><article><div class="date">13.03.2024</div></article>
<h3>Подзаголовок</h3><figure><figcaption>Фото: Анна</figcaption></figure><p class="img-caption">x</p>
<form><input></form><div class="share" id="tags">Поделиться</div></article>
<aside><time pubdate datetime="2024-01-01">1 января</time><time itemprop="datePublished" datetime="x"></time>
<p class="publish">10.01.2024</p><span class="photo-credit">Фото: Олег</span><p id="comments">Комментарии</p></aside>
""" + "".join(f"<h2>Раздел {n}</h2><h3>Подраздел {n}</h3>" for n in range(20)) + "</body></html>"


def pages():
    return [PAGE] + [path.read_text(encoding="utf-8", errors="replace") for path in sorted(DATA.glob("*/input.html"))]


@pytest.fixture(params=range(len(pages())))
def tree(request):
    return load_html(pages()[request.param])


def test_one_walk_finds_what_each_search_finds(tree):
    elements = structured._elements_by_tag(tree)
    assert elements["h1"] == tree.xpath("//h1")
    assert elements["heading"][:structured._MAX_HEADINGS] == tree.xpath("(//h2 | //h3)[position() <= 30]")
    assert bool(elements["article"]) == (tree.find(".//article") is not None)
    first_title = elements["title"][0].text if elements["title"] else ""
    assert (first_title or "") == tree.findtext(".//title")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    assert structured._canonical_url(elements["link"]) == (squeezed(canonical[0]) if canonical else None)


def test_meta_and_json_ld_from_the_walk_are_those_of_the_page(tree):
    elements = structured._elements_by_tag(tree)
    scripts = tree.xpath("//script[@type='application/ld+json']")
    assert structured._json_ld_article(elements["script"]) == structured._json_ld_article(scripts)
    assert structured._meta_tags(elements["meta"]) == structured._meta_tags(tree.iter("meta"))


def test_time_elements_in_the_order_of_the_two_searches(tree):
    values = tree.xpath("//article//time/@datetime") + \
        tree.xpath("//time[@pubdate or @itemprop='datePublished']/@datetime")
    expected = next(filter(None, map(structured.parse_date, values)), None)
    assert structured._time_element(structured._elements_by_tag(tree)["time"]) == expected


def test_dated_elements_found_by_their_class_attribute(tree):
    dated = "//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')]" \
            "[string-length(normalize-space()) < 60]"
    assert structured._DATED_ELEMENTS(tree) == tree.xpath(dated)
    assert structured._DATED_ELEMENTS_IN_ARTICLE(tree) == tree.xpath("//article" + dated)


def test_the_test_page_has_what_the_fast_paths_are_tested_on():
    tree = load_html(PAGE)
    assert len(tree.xpath("//article//*[contains(@class, 'date')]")) == 1  # in the nested article only
    assert structured._DATED_ELEMENTS_IN_ARTICLE(tree)
    assert structured._canonical_url(structured._elements_by_tag(tree)["link"]) == "https://x.ua/a"
    assert len(structured._CAPTIONS_IN_ARTICLE(tree)) == 2 and len(structured._CAPTIONS(tree)) == 3


def test_prune_candidates_are_the_forms_and_the_elements_with_a_class_or_id(tree):
    assert html_reader._PRUNE_CANDIDATES(tree) == tree.xpath("//form | //*[@class or @id]")


def test_an_error_page_is_not_read_for_metadata(monkeypatch):
    def unexpected(tree):
        raise AssertionError("metadata read for an error page")

    monkeypatch.setattr(html_reader, "page_metadata", unexpected)
    document = html_reader.html_document("<html><body><h1>404</h1><p>Сторінку не знайдено</p></body></html>",
                                         None, Options())
    assert document.blocks == [] and "error page" in document.warnings[-1]


@pytest.mark.parametrize("text", pages() + [
    "<p>one block</p>", "<div><p>a</p><p>b</p></div>", "plain text, no tags", "<!DOCTYPE html/>\n<html/><body>x",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>', "<html><body></body></html>",
    "<html>\x00<body><p>control\x0bcharacters</p></body></html>", "<html><body><p>\ud800</p></body></html>",
    '<!DOCTYPE html><html><body><p id="a">a<!-- comment -->b</p><?pi x?><p id="a">same id</p></body></html>'])
def test_the_reader_parses_a_page_as_trafilatura_does(text):
    ours, theirs = html_reader.parse_html(text), load_html(text)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
        assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]
        assert [e.sourceline for e in ours.iter()] == [e.sourceline for e in theirs.iter()]


def test_captions_found_by_their_class_attribute(tree):
    for scope, captions in (("", structured._CAPTIONS), ("//article", structured._CAPTIONS_IN_ARTICLE)):
        assert captions(tree) == tree.xpath(f"{scope}//figcaption | {scope}//*[contains(@class, 'credit')]"
                                            f" | {scope}//*[contains(@class, 'caption')]")


def test_text_starts_are_keyed_by_the_first_characters_of_the_whole_text(tree):
    expected: dict[str, int] = {}
    body = tree.find("body")
    for element in (body if body is not None else tree).iter():
        for text in (element.text, element.tail):
            if text and element.sourceline and not text.isspace():
                expected.setdefault(" ".join(text.split())[:html_reader._LINE_KEY], element.sourceline)
    assert html_reader._text_starts(tree) == expected


def test_a_text_start_of_many_short_words_is_the_start_of_the_whole_text():
    words = " ".join(["a"] * 30 + ["\u00a0b\t"] * 30)
    tree = load_html(f"<html><body><p>{words}</p></body></html>")
    assert list(html_reader._text_starts(tree)) == [" ".join(words.split())[:html_reader._LINE_KEY]]
