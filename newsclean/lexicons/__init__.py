"""Language data files (lexicons), read once on first use.

Read from the package folder directly: importlib.resources would cost its own import (and
zipfile's) on every start, for files that always lie next to this module.
"""
from __future__ import annotations

import json
import os
from functools import cache

FOLDER = os.path.dirname(os.path.abspath(__file__))  # os.path: pathlib costs an import at start-up


def path(name: str) -> str:
    return os.path.join(FOLDER, name)


@cache
def read_text(name: str) -> str:
    with open(path(name), encoding="utf-8") as stream:
        return stream.read()


@cache
def load_json(name: str):
    return json.loads(read_text(name))
