"""Re-joining hard-wrapped lines into paragraphs, with typewriter-hyphenation removal."""
from __future__ import annotations


def looks_wrapped(lines: list[str]) -> bool:
    """True when consecutive lines are one paragraph hard-wrapped at a fixed width."""
    return False


def join_wrapped(lines: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Join wrapped lines with spaces; a line-final hyphen is kept only in real compounds."""
    return " ".join(lines)
