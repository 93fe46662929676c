"""Front matter (newsclean's own Markdown, a static site's posts): its fields are hints, the rest is text."""
from __future__ import annotations

import pytest

from newsclean import clean
from newsclean.readers.frontmatter import markdown_text, split_front_matter

OWN = '''---
title: "Заголовок «в кавычках»"
author: "Иван Петров"
date: "2024-05-01"
lang: "ru"
source: "dump.txt"
url: null
image_credits:
  - "Фото: агентство"
  - "Reuters"
---

# Заголовок «в кавычках»

Первый абзац.
'''


@pytest.mark.parametrize("text, fields, body", [
    (OWN, {"title": "Заголовок «в кавычках»", "author": "Иван Петров", "date": "2024-05-01", "lang": "ru",
           "source": "dump.txt", "url": None, "image_credits": ["Фото: агентство", "Reuters"]},
     "\n# Заголовок «в кавычках»\n\nПервый абзац.\n"),
    ("---\ntitle: Plain title: with a colon\ntags: []\nauthor: 'O''Brien'\n---\nText",
     {"title": "Plain title: with a colon", "tags": [], "author": "O'Brien"}, "Text"),
    ("---\r\ntitle: x\r\n---\r\nText", {"title": "x"}, "Text"),  # CRLF lines
    ("---\ntitle: \"broken\n---\nText", {"title": "broken"}, "Text"),  # not JSON: the quotes go
])
def test_front_matter_is_split_from_the_body(text, fields, body):
    assert split_front_matter(text) == (fields, body)


@pytest.mark.parametrize("text", [
    "Text first\n---\ntitle: x\n---\n",  # not at the start
    "---\n\nA paragraph of prose after a rule.\n---\n",  # a line that is no field
    "---\ntitle: x\nno closing fence\n",
    "---\ntitle: x\n",
    "---\n---\nText",  # no field at all
    "---\nSource: Agency\nDate: today\n---\nText",  # no title: a dump's lines between two rules
    "----\ntitle: x\n---\n",
    "---\n" + "key: value\n" * 70 + "---\nText",  # longer than any front matter
    "",
])
def test_a_text_without_front_matter_is_left_as_it_is(text):
    assert split_front_matter(text) is None


@pytest.mark.parametrize("body, text", [
    ("# Title\n\nText.\n\n## Subheading\n\nMore.", "Title\n\nText.\n\nSubheading\n\nMore."),
    ("#hashtag stays\n#1 in the chart\n###### six", "#hashtag stays\n#1 in the chart\nsix"),
    ("Text with # inside", "Text with # inside"),
])
def test_heading_marks_are_taken_off(body, text):
    assert markdown_text(body) == text


def test_a_markdown_input_gives_its_fields_and_its_text():
    body = ("Городской совет утвердил новый бюджет на следующий год, сообщили в пресс-службе. "
            "Дефицит будет меньше трёх процентов, а расходы на школы вырастут.")
    article = clean((OWN.replace("Первый абзац.", body) + "\n## Что дальше\n\n" + body.replace("Городской", "Областной")
                     ).encode(), source="a.md")
    assert article.title == "Заголовок «в кавычках»" and article.author == "Иван Петров"
    assert article.date == "2024-05-01" and article.lang == "ru"
    assert article.image_credits == ["Фото: агентство", "Reuters"]
    assert article.paragraphs[0] == body and not any(p.startswith("#") or "title:" in p for p in article.paragraphs)


def test_the_markdown_of_no_article_is_no_article_again():
    first = clean("Главная\nНовости\nПоиск\n", source="menu.txt")
    again = clean(first.to_markdown().encode(), source="menu.md")
    assert first.no_article and again.no_article and again.title == first.title
    assert clean(b"---\ntitle: \"Only a title\"\n---\n\n", source="a.md").title == "Only a title"


def test_a_paragraph_that_reads_as_markdown_is_escaped_and_read_back_as_written():
    from newsclean.article import Article

    paragraphs = ["## not a heading", "- not an item", "\\- a backslash first", "#hashtag", "* star", "an item"]
    fields, body = split_front_matter(Article(title="T", paragraphs=paragraphs, list_items=["an item"]).to_markdown())
    assert markdown_text(body).split("\n\n")[1:] == [*paragraphs[:-1], "- an item\n"]


@pytest.mark.parametrize("title", ["---", "— список", "Обычный заголовок новости"])
def test_the_title_heading_is_the_front_matters_title_whatever_it_reads_as(title):
    from newsclean.article import Article

    body = ["Депутаты городского совета на сессии во вторник утвердили проект реконструкции стадиона. "
            "Работы обойдутся бюджету в 96 млн гривен.", "Решение приняли большинством голосов после обсуждения."]
    again = clean(Article(title=title, paragraphs=body, lang="ru").to_markdown().encode(), source="a.md")
    assert (again.title, again.paragraphs) == (title, body)
