"""Character-level normalization that keeps lines: entities, NFC, invisibles, spaces."""
from __future__ import annotations

import html
import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[^\S\n]+")


def normalize_chars(text: str) -> str:
    """Decode entities, NFC, drop invisibles, fold spaces; line breaks are kept (as \\n)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))
