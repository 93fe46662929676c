"""Article and its renderers."""
import json

from newsclean import Article

ARTICLE = Article(title="Заголовок «статьи»", author="Ирина Коваль", date="2024-06-03", lang="ru",
                  image_credits=["пресс-служба"], subheadings=["Что дальше"],
                  paragraphs=["Первый абзац.", "Что дальше", "Второй абзац."], source="a.txt")


def test_to_dict_has_the_public_fields_and_no_blocks():
    data = ARTICLE.to_dict()
    assert "blocks" not in data
    for key in ("title", "author", "date", "lang", "image_credits", "subheadings", "paragraphs", "source",
                "no_article", "warnings"):
        assert key in data


def test_to_json_round_trips_and_keeps_cyrillic():
    text = ARTICLE.to_json()
    assert "Заголовок" in text and json.loads(text)["title"] == ARTICLE.title
    assert "\n" not in ARTICLE.to_json(indent=None)


def test_markdown_front_matter_title_and_subheadings():
    md = ARTICLE.to_markdown()
    front, body = md.split("---\n", 2)[1:]
    assert 'title: "Заголовок «статьи»"' in front
    assert "author: \"Ирина Коваль\"" in front and "date: \"2024-06-03\"" in front
    assert 'image_credits:\n  - "пресс-служба"' in front
    assert body.startswith("\n# Заголовок «статьи»\n\nПервый абзац.\n\n## Что дальше\n\nВторой абзац.")


def test_markdown_of_empty_article():
    md = Article(no_article=True).to_markdown()
    assert "title: null" in md and "image_credits: []" in md and "#" not in md


def test_to_text():
    assert ARTICLE.to_text() == "Заголовок «статьи»\n\nПервый абзац.\n\nЧто дальше\n\nВторой абзац.\n"
