"""Latin look-alike letters inside Cyrillic words (and the reverse)."""
from __future__ import annotations


def fix_homoglyphs(text: str) -> str:
    return text
