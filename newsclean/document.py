"""The types that flow between the pipeline's stages: Document (what a reader yields) and Block."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hints:
    """Metadata a reader found in structure (JSON-LD, OpenGraph, a JSONL record), not in text."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None
    image_credits: list[str] = field(default_factory=list)
    fetched: str | None = None  # ISO date the page was saved (WARC-Date, scraped_at): resolves "вчера"


@dataclass(slots=True)  # many per document: slots make them smaller and quicker to build
class Block:
    """A unit of text (a line, a re-joined paragraph, an HTML element) and what was decided about it.

    role is one of: body, subheading, title, author, date, credit, drop.
    reason says which rule or signal decided (shown by --explain).
    """

    text: str
    first_line: int  # 1-based line numbers in the decoded input (0 when unknown)
    last_line: int
    tag: str = ""  # HTML element (h2, li, blockquote, figcaption, ...) or "" for plain text
    role: str = ""  # an extract.roles.Role
    reason: str = ""  # for people: what the rule means and its detail
    rule: str = ""  # the id (an extract.roles.Rule) of the rule or decision that set the role
    score: float | None = None  # the scorer's probability that the block is article text
    features: list[float] | None = None  # what the score weighed (extract.scorer.contributions)

    @property
    def kept(self) -> bool:
        return self.role in ("body", "subheading")


@dataclass
class Document:
    """One article candidate read from an input: decoded text, or pre-segmented blocks (HTML)."""

    text: str
    source: str | None = None
    kind: str = "txt"  # txt | html | record
    encoding: str | None = None
    encoding_how: str | None = None
    hints: Hints = field(default_factory=Hints)
    blocks: list[Block] | None = None  # set by readers that segment themselves (HTML)
    warnings: list[str] = field(default_factory=list)

    def note_decoding(self, decoded) -> None:
        """Record how the input's bytes were decoded (a decode.Decoded), and what was lost doing it."""
        self.encoding, self.encoding_how = decoded.encoding, decoded.how
        if decoded.warning:
            self.warnings.append(decoded.warning)


# No article is this long (a live blog runs to a few thousand lines), and each line costs about
# 4 KB while its features wait for the decision over the whole sequence: a longer text is
# refused with its count instead of taking a batch's memory (64 MB of short lines: ~90 GB)
MAX_LINES = 200_000


_LINE_BREAKS = ("\n", "\r", "\v", "\f", "\u2028", "\u2029")  # what normalization makes line breaks of


def refuse_too_long(text: str) -> None:
    """Raise InputError for a text of more than MAX_LINES lines (CR LF is one line break)."""
    breaks = sum(map(text.count, _LINE_BREAKS)) - text.count("\r\n")
    refuse_count(breaks + (not text.endswith(_LINE_BREAKS)), "lines")


def refuse_count(count: int, what: str) -> None:
    """Raise InputError for more than MAX_LINES lines (of a text) or elements (of a page)."""
    if count > MAX_LINES:
        raise InputError(f"too long for one article: {count:,} {what} (at most {MAX_LINES:,}); split it")


class InputError(Exception):
    """An input (or one record of it) that cannot be cleaned; the message is one line for the user."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        message = self.args[0]
        return f"{self.source}: {message}" if self.source else message
