"""Title, author, date and credits: from the reader's hints first, else from classified blocks."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Block, Hints
from ..fields.credits import credit_text
from ..fields.dates import parse_date
from ..fields.people import author_name, is_personal_name
from ..fields.vocabulary import Shape


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    image_credits: list[str] = field(default_factory=list)


def collect_metadata(blocks: list[Block], hints: Hints, reference_date: str | None = None) -> Metadata:
    """Structured hints (JSON-LD, a JSONL record) win over what the text blocks say."""
    def first(roles: tuple[str, ...], value=lambda text: text):
        return next((v for b in blocks if b.role in roles and (v := value(b.text))), None)

    byline = ("author", "date")  # one line may hold both: '10.02.2025 | Культура | Текст: Name'

    credits = list(hints.image_credits)
    for block in blocks:
        credit = credit_text(block.text) if block.role == "credit" else None
        if credit and credit not in credits:
            credits.append(credit)
    return Metadata(
        title=hints.title or first(("title",)),
        author=hints.author or first(byline, lambda t: author_name(t) or _bare_name(t)),
        date=_iso(hints.date, reference_date) or _nearest_date(blocks, byline, reference_date)
        or _header_date(blocks, reference_date),
        image_credits=credits,
    )


def _nearest_date(blocks: list[Block], roles: tuple[str, ...], reference_date: str | None) -> str | None:
    """The date of the date line nearest the title (else the start of the body), above it on a
    tie: a site clock, an issue date or a news feed stand further away."""
    anchor = next((i for i, b in enumerate(blocks) if b.role == "title"), None)
    if anchor is None:
        anchor = next((i for i, b in enumerate(blocks) if b.kept), 0)
    dated = ((abs(i - anchor), i > anchor, date) for i, b in enumerate(blocks)
             if b.role in roles and (date := parse_date(b.text, reference_date)))
    return min(dated, default=(0, False, None))[2]


def _iso(value: str | None, reference_date: str | None) -> str | None:
    return parse_date(value, reference_date) if value else None


def _header_date(blocks: list[Block], reference_date: str | None) -> str | None:
    """Failing a date line: a full date in a short line of the page header, before the body."""
    for block in blocks:
        if block.kept:
            return None
        if len(block.text.split()) <= 15:
            found = parse_date(block.text, reference_date)
            if found:
                return found
    return None


def _bare_name(text: str) -> str | None:
    return text if is_personal_name(Shape(text)) else None
