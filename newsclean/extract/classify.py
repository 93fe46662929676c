"""[Block] -> the same blocks, each with a role (body, title, drop, ...) and the reason for it."""
from __future__ import annotations

from ..document import Block


def classify(blocks: list[Block], lang: str | None) -> None:
    for block in blocks:
        block.role, block.reason = "body", "stub"
