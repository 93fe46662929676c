"""Options: every knob of the pipeline in one frozen dataclass (the CLI only fills it in)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    extract: bool = True  # False: normalize the whole input, remove nothing (--no-extract)
    typography: str = "standard"  # standard | keep
    encoding: str | None = None  # force an input encoding (--encoding)
    input_format: str | None = None  # txt | html | jsonl; None = from the name / content
    reference_date: str | None = None  # ISO date that resolves "сегодня", "вчера", "29 ноября"
    text_field: str | None = None  # JSONL field holding the body (--text-field)
    max_bytes: int = 64 * 1024 * 1024  # larger inputs (also after decompression) are refused
