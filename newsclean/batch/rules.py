"""--rules FILE: the user's own boilerplate patterns (Python regexes) -> Options.drop_patterns.

A text file holds one pattern a line (blank lines and lines starting with "#" are ignored;
write "\\#" for a pattern that starts with "#"); a .toml file holds `drop = ["...", ...]`.
A block whose text contains a match (re.search) is dropped; anchor with ^...$ for whole lines.
"""
from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class RulesError(ValueError):
    pass


def load_rules(path: str) -> tuple[str, ...]:
    """The patterns in a rules file, each checked to compile; RulesError says what is wrong."""
    try:
        if path.endswith(".toml"):
            with open(path, "rb") as stream:
                patterns = tomllib.load(stream).get("drop", [])
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise RulesError(f"{path}: 'drop' must be a list of strings")
            numbered = list(enumerate(patterns, 1))
        else:
            with open(path, encoding="utf-8") as stream:
                numbered = [(n, line.rstrip("\r\n")) for n, line in enumerate(stream, 1)
                            if line.strip() and not line.startswith("#")]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"cannot read {path}: {error}") from None
    for number, pattern in numbered:
        try:
            re.compile(pattern)
        except re.error as error:
            where = "pattern" if path.endswith(".toml") else "line"
            raise RulesError(f"{path}: {where} {number}: {pattern!r} is not a valid regex ({error})") from None
    return tuple(pattern for _, pattern in numbered)
