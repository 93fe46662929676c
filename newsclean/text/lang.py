"""Language identification for Cyrillic (ru, uk, be, bg, sr, kk, ...) and Latin (en) text."""
from __future__ import annotations


def detect_lang(text: str) -> str | None:
    return None
