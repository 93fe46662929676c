import json

import pytest

from newsclean.document import InputError
from newsclean.options import Options
from newsclean.pipeline import clean
from newsclean.fields.credits import caption_credit
from newsclean.readers.html import declared_charset, read_html
from newsclean.readers.structured import choose_title, strip_site_name

PARAGRAPHS = [
    "Городской совет утвердил новый бюджет на следующий год после долгих споров депутатов.",
    "Расходы на транспорт вырастут на треть, а на ремонт школ выделят вдвое больше, чем раньше.",
    "Оппозиция назвала документ нереалистичным и пообещала обжаловать отдельные статьи в суде.",
]


def page(head: str = "", extra_body: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article><h1>Совет утвердил бюджет</h1>
<figure><img src="a.jpg"><figcaption>Здание совета. Фото: Иван Петров</figcaption></figure>
{paragraphs}
<h2>Что дальше</h2>
<ul><li>первый пункт списка с некоторым текстом</li><li>второй пункт списка с другим текстом</li></ul>
<blockquote><p>Цитата депутата о бюджете, достаточно длинная для абзаца.</p></blockquote>
<p>Первая строка диалога<br>— Вторая строка диалога</p>
{extra_body}
</article>
<section id="comments"><h3>Комментарии</h3><div class="comment"><p>Ужасный бюджет, все пропало, пишу комментарий.</p></div></section>
<footer>© Городские новости</footer></body></html>"""


def read(html: str, **options):
    return read_html(html.encode(options.pop("encoding", "utf-8")), "page.html", Options(**options))


def test_blocks_keep_their_elements():
    document = read(page())
    tags = {b.text: b.tag for b in document.blocks}
    assert document.kind == "html"
    assert tags[PARAGRAPHS[0]] == "p"
    assert tags["Что дальше"] == "h2"
    assert tags["первый пункт списка с некоторым текстом"] == "li"
    assert tags["Цитата депутата о бюджете, достаточно длинная для абзаца."] == "blockquote"
    assert tags["— Вторая строка диалога"] == "p"
    assert tags["Совет утвердил бюджет"] == "h1"  # the classifier takes it for the title, where it stands
    assert "Совет утвердил бюджет" not in clean(page().encode()).paragraphs


def test_comments_captions_and_navigation_are_not_blocks():
    text = "\n".join(b.text for b in read(page()).blocks)
    for unwanted in ("Ужасный бюджет", "Комментарии", "Главная", "Здание совета", "Фото:"):
        assert unwanted not in text


def test_read_also_and_ad_blocks_inside_the_body_are_pruned():
    extra = ('<div class="read-also">Читайте также: <a href="/x">Мэр ушел в отставку</a></div>'
             '<div class="ad-slot"><span>Реклама</span> Купите слона недорого</div>')
    text = "\n".join(b.text for b in read(page(extra_body=extra)).blocks)
    assert "Мэр ушел" not in text and "слона" not in text
    assert PARAGRAPHS[2] in text


def test_metadata_from_json_ld_graph_and_opengraph():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Городские новости"},
        {"@type": ["ReportageNewsArticle"], "headline": "Совет утвердил бюджет",
         "datePublished": "2024-10-17T09:00:00+03:00",
         "author": [{"@type": "Person", "name": "Анна Смирнова"}, "Олег Ким",
                    {"@type": "Organization", "name": "Городские новости"}]}]}
    head = (f'<title>Совет утвердил бюджет | Городские новости</title>'
            f'<link rel="canonical" href="https://example.org/budget">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    hints = read(page(head)).hints
    assert hints.title == "Совет утвердил бюджет"
    assert hints.author == "Анна Смирнова, Олег Ким"
    assert hints.date == "2024-10-17"
    assert hints.url == "https://example.org/budget"
    assert hints.image_credits == ["Иван Петров"]


def test_metadata_from_opengraph_only():
    head = ('<meta property="og:title" content="Совет утвердил бюджет — Городские новости">'
            '<meta property="og:site_name" content="Городские новости">'
            '<meta property="article:published_time" content="2024-10-16T23:30:00Z">'
            '<meta property="article:author" content="https://example.org/authors/anna">')
    hints = read(page(head)).hints
    assert hints.title == "Совет утвердил бюджет"
    assert hints.date == "2024-10-16"
    assert hints.author is None  # a profile URL is not a name


def test_date_from_an_element_marked_as_a_date_when_metadata_has_none():
    hints = read(page(extra_body='<div class="post-date">03.06.2025, 10:15</div>')).hints
    assert hints.date == "2025-06-03"


def test_broken_json_ld_is_ignored():
    hints = read(page('<script type="application/ld+json">{"@type": "NewsArticle", </script>')).hints
    assert hints.title == "Совет утвердил бюджет"


@pytest.mark.parametrize("json_ld", ["[" * 100_000 + "]" * 100_000, '{"@type": "NewsArticle", "headline": ' * 5000])
def test_json_ld_nested_too_deeply_is_ignored(json_ld):
    hints = read(page(f'<script type="application/ld+json">{json_ld}</script>')).hints
    assert hints.title == "Совет утвердил бюджет"


def test_lone_surrogate_escapes_in_json_ld_become_replacement_characters():
    json_ld = '{"@type": "NewsArticle", "headline": "Бюджет \\udc80 принят", "author": {"name": "Иван \\ud800"}}'
    hints = read(page(f'<script type="application/ld+json">{json_ld}</script>')).hints
    assert (hints.title, hints.author) == ("Бюджет \ufffd принят", "Иван \ufffd")


def test_a_stray_nul_is_dropped_with_a_warning_and_many_are_binary():
    document = read(page(extra_body="<p>Строка с \x00 байтом NUL в середине абзаца текста.</p>"))
    assert "stray NUL bytes removed (1)" in document.warnings
    (line,) = [b.text for b in document.blocks if "байтом NUL" in b.text]
    assert line.startswith("Строка с") and "\x00" not in line
    with pytest.raises(InputError, match="binary data"):
        read(page(extra_body="<p>" + "\x00" * 2000 + "</p>"))


def test_declared_charset_is_read_and_passed_on():
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">') == "cp1251"
    assert declared_charset(b'<?xml version="1.0" encoding="KOI8-R"?><html>') == "koi8-r"
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    document = read(page(charset="windows-1251"), encoding="cp1251")
    assert PARAGRAPHS[0] in [b.text for b in document.blocks]


def test_xml_declaration_is_accepted():
    document = read('<?xml version="1.0" encoding="utf-8"?>' + page())
    assert PARAGRAPHS[1] in [b.text for b in document.blocks]


def test_a_page_without_content_has_no_article_text():
    document = read("<html><head><title>Пусто</title></head><body><nav>Меню</nav></body></html>")
    assert [b.text for b in document.blocks] in ([], ["Меню"])  # the classifier drops a lone menu word


@pytest.mark.parametrize("marker", ['<body class="error404">', "<body><h1>404</h1>"])
def test_an_error_page_has_no_blocks(marker):
    html = page().replace("<body>", marker, 1)
    document = read(html)
    assert document.blocks == [] and "error page" in document.warnings[-1]


def test_deeply_nested_html_is_bounded():
    deep = "<html><body>" + "<div>" * 100_000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * 100_000 + "</body></html>"
    document = read(deep)
    assert document.warnings and "nested deeper" in document.warnings[0]


def test_not_html_at_all_is_an_input_error_or_empty():
    try:
        document = read("")
    except InputError:
        return
    assert document.blocks == []


@pytest.mark.parametrize("title, sites, expected", [
    ("Совет утвердил бюджет | Городские новости", [], "Совет утвердил бюджет"),
    ("Совет утвердил новый бюджет - Городские Новости", [], "Совет утвердил новый бюджет"),
    ("Совет утвердил бюджет — news.example.com.ua", [], "Совет утвердил бюджет"),
    ("Городские новости | Совет утвердил бюджет", ["Городские новости"], "Совет утвердил бюджет"),
    ("Островский — самый современный автор", [], "Островский — самый современный автор"),
    ("Бюджет — это закон", [], "Бюджет — это закон"),
    ("Динамо Киев — Шахтер Донецк", [], "Динамо Киев — Шахтер Донецк"),
    ("Городской совет утвердил бюджет — Городские Новости", [], "Городской совет утвердил бюджет"),
])
def test_strip_site_name(title, sites, expected):
    assert strip_site_name(title, sites) == expected


def test_choose_title_prefers_the_h1_the_other_titles_confirm():
    titles = {"ld": ["Длинный заголовок статьи о бюджете"], "og": ["Заголовок короче — Сайт"],
              "h1": ["Логотип", "Длинный заголовок статьи о бюджете"]}
    assert choose_title(titles, ["Сайт"]) == "Длинный заголовок статьи о бюджете"


@pytest.mark.parametrize("head, body, expected", [
    # the site name first, a subtitle and a date after; the <h1> holds the subtitle after a <br>
    ("<title>GOROD.RU::: Мэр ушел в отставку после скандала / Город ждет выборов / 04.01.12</title>",
     "<h1>Мэр ушел в отставку после скандала<br><small>Город ждет выборов</small> 04.01.12</h1>",
     "Мэр ушел в отставку после скандала"),
    # the <h1> is the logo; the headline is a segment of <title> that the page repeats in an <h2>
    ("<title>Мэр ушел в отставку после скандала — Политика — Городские новости</title>",
     "<h1>Городские новости</h1><h2>Мэр ушел в отставку после скандала</h2>",
     "Мэр ушел в отставку после скандала"),
    # a section and a long description after the headline, which the <h1> confirms
    ("<title>Мэр ушел в отставку - новость из рубрики Политика, обсуждение новости</title>",
     "<h1>Мэр ушел в отставку</h1>", "Мэр ушел в отставку"),
    # a headline with a dash of its own, confirmed whole by the <h1>
    ("<title>Мэр ушел в отставку - источник - Новости дня - Городские новости</title>",
     "<h1>Мэр ушел в отставку - источник</h1><h1>Разделы</h1>", "Мэр ушел в отставку - источник"),
])
def test_title_is_the_candidate_the_page_confirms(head, body, expected):
    assert read(page(head, extra_body="").replace("<h1>Совет утвердил бюджет</h1>", body)).hints.title == expected


@pytest.mark.parametrize("caption, credit", [
    ("Сцена из спектакля. Фото: Алексей Дорош", "Алексей Дорош"),
    ("Фота: Іван Сідар", "Іван Сідар"),
    ("Мост (Photo: Reuters)", "Reuters"),
    ("Просто подпись без автора", None),
])
def test_caption_credit(caption, credit):
    assert caption_credit(caption) == credit


SHARED_DEV = __import__("pathlib").Path("/work/shared/corpus/dev")


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="the shared dev corpus is not here")
@pytest.mark.parametrize("case", ["dev09_ru_html_theatre", "dev10_uk_html_football"])
def test_dev_pages_blocks_and_hints_match_gold(case):
    from newsclean.text.normalize import normalize_chars

    folder = SHARED_DEV / case
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    document = read_html((folder / "input.html").read_bytes(), case, Options())
    fold = lambda s: normalize_chars(s).replace("'", "’")  # typography is not the reader's job
    hints = document.hints
    assert [fold(b.text) for b in document.blocks if b.text != hints.title] == [fold(p) for p in gold["body"]]
    assert (hints.title, hints.author, hints.date) == (gold["title"], gold["author"], gold["date"])
    assert hints.image_credits == gold["image_credits"]


def test_hints_from_a_record_or_warc_keep_every_field():
    from newsclean.document import Hints
    from newsclean.readers.html import merge_hints

    record = Hints(url="https://example.org/a", fetched="2025-03-19")
    merged = merge_hints(record, Hints(title="Заголовок", date="2025-03-18", url="https://example.org/b"))
    assert (merged.fetched, merged.url, merged.title, merged.date) == \
           ("2025-03-19", "https://example.org/a", "Заголовок", "2025-03-18")
    document = read_html(page().encode(), "page.html", Options(), hints=record)
    assert document.hints.fetched == "2025-03-19"


def test_date_from_htmldate_when_the_page_metadata_has_none():
    head = '<link rel="canonical" href="https://example.org/2024/10/17/budget.html">'
    assert read(page(head)).hints.date == "2024-10-17"


def test_published_date_beats_the_modified_one():
    head = ('<meta property="article:modified_time" content="2024-11-02T10:00:00Z">'
            '<meta property="article:published_time" content="2024-10-17T09:00:00Z">')
    assert read(page(head)).hints.date == "2024-10-17"
    assert read(page('<meta property="og:updated_time" content="2024-11-02T10:00:00Z">')).hints.date == "2024-11-02"


def test_a_layout_table_cell_is_read_as_a_column_of_blocks_and_a_data_table_row_by_row():
    column = ["Мэр подписал указ о переносе рынка на окраину города.", "Торговцы обещают выйти на протест уже в субботу."]
    layout = f"<table><tr><td><h2>Рынок переедет</h2><p>{column[0]}</p><p>{column[1]}</p></td><td></td></tr></table>"
    data = "<table><tr><td>Статья</td><td>Сумма</td></tr><tr><td>Транспорт</td><td>120</td></tr></table>"
    html = page().replace("<article>", "<article>" + layout).replace("<h2>Что дальше</h2>", data + "<h2>Что дальше</h2>")
    texts = [b.text for b in read(html).blocks]
    assert ["Рынок переедет"] + column == texts[:3]
    assert "Статья | Сумма" in texts and "Транспорт | 120" in texts


def test_a_br_inside_a_sentence_does_not_split_it():
    extra = ("<p>Депутаты городского совета на сессии во вторник<br>утвердили проект реконструкции стадиона.</p>"
             "<p>Состав:<br>мэр<br>секретарь совета</p>")
    texts = [b.text for b in read(page(extra_body=extra)).blocks]
    assert "Депутаты городского совета на сессии во вторник утвердили проект реконструкции стадиона." in texts
    assert ["Состав:", "мэр", "секретарь совета"] == texts[texts.index("Состав:"):texts.index("Состав:") + 3]


def test_html_blocks_have_their_source_lines():
    html = page()
    line_of = lambda text: next(i for i, line in enumerate(html.splitlines(), 1) if text in line)
    blocks = {b.text: b for b in read(html).blocks}
    for text in (PARAGRAPHS[0], "Что дальше", "первый пункт списка с некоторым текстом"):
        assert blocks[text].first_line == blocks[text].last_line == line_of(text)


def test_poll_and_embed_forms_inside_the_article_are_pruned():
    extra = ('<form><p>Оцените статью</p><p>Статья легко читается</p><input type="radio"> <label>Согласен</label>'
             '<p>Объем статьи оптимальный</p><label>Не согласен</label></form>'
             '<div class="embed"><p>Код для вставки:</p><textarea>&lt;div style="margin:0"&gt;код&lt;/div&gt;</textarea></div>')
    text = "\n".join(b.text for b in read(page(extra_body=extra)).blocks)
    for unwanted in ("Оцените статью", "Согласен", "margin"):
        assert unwanted not in text
    assert PARAGRAPHS[2] in text


def test_a_br_run_on_counts_the_words_of_the_whole_line_before_it():
    # the line before a <br> is made of pieces (inline elements, their tails): a word split over
    # two pieces counts once, so three words in five pieces are too few to run on
    short = "<p>Вчера <b>на</b>сел<i>ение</i> города<br>вышло на улицы.</p>"
    long = "<p>Вчера <b>всё</b> насел<i>ение</i> города<br>вышло на улицы.</p>"
    assert ["Вчера население города", "вышло на улицы."] == [b.text for b in read(page(extra_body=short)).blocks
                                                           if "улицы" in b.text or "Вчера" in b.text]
    assert "Вчера всё население города вышло на улицы." in [b.text for b in read(page(extra_body=long)).blocks]


@pytest.mark.parametrize("text, inside", [
    ("Рынок переедет", True),  # a whole block
    ("переедет в новое", True),  # a run of its words
    ("Рынок переедет в новое здание к осени", True),  # longer than a run: each of its runs is there
    ("Рынок", True),
    ("к осени", True),  # (without the comma after it)
    ("5", False),  # a digit of a number
    ("•", False),  # no words
    ("Рын", False),  # part of a word
    ("здание Рынок", False),  # the words, not in this order
    ("осени Рынок переедет", False),  # across two blocks
])
def test_a_page_text_is_in_the_output_when_its_words_are(text, inside):
    from newsclean.document import Block
    from newsclean.readers.html import _WORD, _holds_words, _word_runs
    runs = _word_runs([Block("Рынок переедет в новое здание к осени, 2025.", 0, 0), Block("Рынок закроют", 0, 0)])
    assert _holds_words(runs, _WORD.findall(text)) is inside


def test_a_title_of_many_segments_stays_whole_as_a_candidate():
    keywords = " | ".join(f"слово{i}" for i in range(30))
    assert choose_title({"title": [keywords]}, []) == strip_site_name(keywords)  # (no segment of it alone)


def test_a_tag_of_thousands_of_attributes_is_read_without_them():
    flood = " ".join(f'a{i}="x"' for i in range(5000))  # (the parser's time grows with their number squared)
    long_value = "data:image/png;base64," + "A" * 10_000  # one long attribute is no flood
    html = page(extra_body=f'<p {flood}>Абзац с тысячами атрибутов.</p><p><img src="{long_value}"></p>')
    document = read(html)
    assert "Абзац с тысячами атрибутов." in [b.text for b in document.blocks]
    assert document.warnings == ["1 tag(s) of more than 1000 attributes read without them"]


@pytest.mark.parametrize("words", [5, 200])  # a short run is left to trafilatura, a long one merged first
def test_a_paragraph_of_bold_words_reads_as_its_words(words):
    page = ("<html><body><article><p>Вступление к статье о городе и его жителях, написанное для проверки.</p><p>"
            + "<b>слово</b> " * words + "</p></article></body></html>")
    assert clean(page, options=Options(extract=False)).paragraphs[-1] == " ".join(["слово"] * words)
