"""Options: every knob of the pipeline in one frozen dataclass (the CLI only fills it in)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

TYPOGRAPHY_PROFILES = ("standard", "keep")
INPUT_FORMATS = ("txt", "html", "jsonl", "warc")
NOT_FOR_FILES = ("idna", "punycode", "undefined")  # text encodings to codecs, but not of a file's bytes


def checked_encoding(name: str) -> str:
    """A text encoding Python knows, for a file's bytes; ValueError with the reason otherwise."""
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    if not info._is_text_encoding or info.name in NOT_FOR_FILES:  # type: ignore[attr-defined]
        raise ValueError(f"{name!r} is not a text encoding (e.g. utf-8, cp1251, koi8-r)")
    return name


def checked_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD), normalized; ValueError otherwise."""
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def line_key(text: str) -> str:
    """The form under which batch learning counts a line: case and runs of spaces don't matter."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Options:
    extract: bool = True  # False: normalize the whole input, remove nothing (--no-extract)
    typography: str = "standard"  # standard | keep
    encoding: str | None = None  # force an input encoding (--encoding)
    input_format: str | None = None  # txt | html | jsonl; None = from the name / content
    reference_date: str | None = None  # ISO date that resolves "сегодня", "вчера", "29 ноября"
    text_field: str | None = None  # JSONL field holding the body (--text-field)
    max_bytes: int = 64 * 1024 * 1024  # larger inputs (also after decompression) are refused
    # Batch knowledge (--learn): (line_key, documents it occurs in) for lines that repeat across
    # template_docs documents of one batch -- a site's template, not an article's text.
    template_lines: tuple[tuple[str, int], ...] = ()
    template_docs: int = 0
    # User boilerplate rules (--rules): Python regexes searched in each block's text.
    drop_patterns: tuple[str, ...] = ()
    # --explain: an HTML page's elements that the reader removed (pruning, trafilatura) come
    # back too, as dropped blocks with the reason, so that every text of the page is explained.
    keep_removed: bool = False

    def __post_init__(self) -> None:
        """Values the pipeline cannot use are refused here, with what is wrong (ValueError), not
        deep inside a run."""
        if self.typography not in TYPOGRAPHY_PROFILES:
            raise ValueError(f"typography {self.typography!r}: one of {', '.join(TYPOGRAPHY_PROFILES)}")
        if self.input_format is not None and self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format {self.input_format!r}: one of {', '.join(INPUT_FORMATS)}")
        if self.encoding is not None:
            checked_encoding(self.encoding)
        if self.reference_date is not None and checked_date(self.reference_date) != self.reference_date:
            raise ValueError(f"reference_date {self.reference_date!r}: write it YYYY-MM-DD")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes {self.max_bytes}: at least 1")

    def template_count(self, text: str) -> int:
        """In how many documents of the batch this line was seen, when it is template; else 0."""
        return self._template_counts.get(line_key(text), 0) if self.template_lines else 0

    def matching_rule(self, text: str) -> str | None:
        """The first --rules pattern found in the text, or None."""
        return next((p.pattern for p in self._drop_regexes if p.search(text)), None)

    # Built once per Options (cached_property writes __dict__ directly, so frozen is fine).
    @cached_property
    def _template_counts(self) -> dict[str, int]:
        return dict(self.template_lines)

    @cached_property
    def _drop_regexes(self) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p) for p in self.drop_patterns)
