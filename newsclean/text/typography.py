"""Typography profiles: quotes, dashes, apostrophes per language."""
from __future__ import annotations


def apply_typography(text: str, lang: str | None, profile: str = "standard") -> str:
    return text
