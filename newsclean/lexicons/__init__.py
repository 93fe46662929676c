"""Language data files (lexicons), read once on first use.

Read from the package folder directly: importlib.resources would cost its own import (and
zipfile's) on every start, for files that always lie next to this module.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent


@cache
def read_text(name: str) -> str:
    return (_FOLDER / name).read_text("utf-8")


@cache
def load_json(name: str):
    return json.loads(read_text(name))
