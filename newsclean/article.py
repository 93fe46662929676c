"""The result type, Article, and its renderers (JSON, Markdown, plain text)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from .document import Block
from .readers.frontmatter import MARKDOWN_MARK

# The order of keys in JSON output and in Markdown front matter.
META_FIELDS = ("title", "author", "date", "lang", "source", "url", "image_credits")


@dataclass
class Article:
    """One clean article. `blocks` holds every input block with its verdict (for --explain)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, or None when the dump has no full date
    lang: str | None = None
    image_credits: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    list_items: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    encoding_how: str | None = None  # bom | declared | detected | forced
    no_article: bool = False
    warnings: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict:
        """The public fields (not `blocks`), lists copied; asdict() would deep-copy every block."""
        return {f.name: _copied(getattr(self, f.name)) for f in fields(self) if f.name != "blocks"}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        """The title and the paragraphs, a blank line between them; list items as "- item"."""
        items = set(self.list_items)
        parts = [self.title] if self.title else []
        parts += [f"- {p}" if p in items else p for p in self.paragraphs]
        return "\n\n".join(parts) + "\n"

    def to_markdown(self) -> str:
        lines = ["---"]
        for key in META_FIELDS:
            value = getattr(self, key)
            if key == "image_credits":
                lines.append("image_credits:" + ("" if value else " []"))
                lines += [f"  - {_yaml_scalar(v)}" for v in value]
            else:
                lines.append(f"{key}: {_yaml_scalar(value)}")
        lines.append("---")
        if self.title:
            lines += ["", f"# {self.title}"]
        subheadings, list_items = set(self.subheadings), set(self.list_items)
        for paragraph in self.paragraphs:
            lines += ["", f"## {paragraph}" if paragraph in subheadings else
                      f"- {paragraph}" if paragraph in list_items else _escaped(paragraph)]
        return "\n".join(lines) + "\n"


def _escaped(paragraph: str) -> str:
    """A paragraph that would read as a heading or a list item, with the backslash Markdown escapes
    it with ("\\# 1 в рейтинге"); readers.frontmatter takes it off again."""
    return "\\" + paragraph if MARKDOWN_MARK.match(paragraph) else paragraph


def _copied(value):
    return list(value) if isinstance(value, list) else value


def _yaml_scalar(value) -> str:
    """A YAML scalar: null, or a double-quoted string (JSON strings are valid YAML)."""
    if value is None:
        return "null"
    return json.dumps(str(value), ensure_ascii=False)
