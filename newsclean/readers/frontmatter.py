"""Markdown with front matter (newsclean's own --format md, a static site's posts): the fields
between the opening and closing "---" lines are the article's hints, as a JSON Lines record's
fields are, and the Markdown body is the text, its heading marks taken off. Cleaning newsclean's
Markdown again then gives the same article, its author and date included."""
from __future__ import annotations

import json
import re

_FENCE = "---"
_MAX_LINES = 64  # front matter is a few fields: a longer run of them is no front matter
_FIELD = re.compile(r"([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"[ \t]+-[ \t]+(.*)$")  # an item of a list field ("  - Photo: Agency")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+", re.M)
# what opens a heading or a list item in Markdown: a paragraph that starts so is written escaped
MARKDOWN_MARK = re.compile(r"#{1,6}[ \t]|[-+*][ \t]|\\(?=[-+*#])")
_ESCAPED_MARK = re.compile(rf"^\\(?={MARKDOWN_MARK.pattern})", re.M)  # such a paragraph, escaped


def split_front_matter(text: str) -> tuple[dict[str, object], str] | None:
    """(the fields, the body) of a text that opens with front matter, else None: every line up to
    the closing fence is a `key: value`, an item of the list field above it, or blank, and one
    of the keys is title."""
    if not text.startswith(_FENCE):
        return None
    lines = text.split("\n", _MAX_LINES + 1)
    if lines[0].rstrip() != _FENCE:
        return None
    fields: dict[str, object] = {}
    key = None
    for number, line in enumerate(lines[1:_MAX_LINES + 1], 1):
        if line.rstrip() == _FENCE:
            # a title field (newsclean writes one, null or not; posts have one): a dump's own lines
            # between two rules ("Source: Agency") stay its text
            return (fields, "\n".join(lines[number + 1:])) if "title" in fields else None
        field, item = _FIELD.match(line), _ITEM.match(line)
        if field:
            key = field[1]
            fields[key] = _scalar(field[2]) if field[2] else []  # nothing after the colon: a list follows
        elif item and key is not None and isinstance(items := fields[key], list):
            items.append(_scalar(item[1]))
        elif line.strip():
            return None
    return None


def markdown_text(body: str, title: object = None) -> str:
    """The body's text: "## Subheading" as a plain line, a paragraph escaped so that it reads as
    none ("\\# 1 в рейтинге") without its backslash; "# Title" goes when it is the front matter's
    `title` (which is the article's), else it is a plain line too."""
    if isinstance(title, str) and title:
        lines = body.split("\n")
        if f"# {title}" in lines:
            del lines[lines.index(f"# {title}")]
            body = "\n".join(lines)
    return _ESCAPED_MARK.sub("", _HEADING_MARK.sub("", body))


def _scalar(value: str) -> object:
    """A YAML scalar as newsclean writes it (null, [] or a JSON string), or a plain one."""
    value = value.strip()
    if value in ("null", "~"):
        return None
    if value == "[]":
        return []
    if value.startswith('"'):
        try:
            return json.loads(value)
        except ValueError:
            return value.strip('"')
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value
