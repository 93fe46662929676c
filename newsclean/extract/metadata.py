"""Title, author, date and credits from classified blocks and reader hints."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Block, Hints


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    image_credits: list[str] = field(default_factory=list)


def collect_metadata(blocks: list[Block], hints: Hints, lang: str | None, reference_date: str | None) -> Metadata:
    return Metadata(title=hints.title, author=hints.author, date=hints.date, image_credits=list(hints.image_credits))
