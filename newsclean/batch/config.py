"""Default options from a file: ./newsclean.toml, else [tool.newsclean] in ./pyproject.toml.

Keys are long option names ("format", "jobs", "no-extract", "learn" = false for --no-learn);
values become click's default_map, so the command line always wins.
"""
from __future__ import annotations

import os
import sys

import click

CONFIG_FILE = "newsclean.toml"

def find_config() -> str | None:
    """The config file of the current directory, if any."""
    if os.path.isfile(CONFIG_FILE):
        return CONFIG_FILE
    if os.path.isfile("pyproject.toml") and "newsclean" in _read("pyproject.toml").get("tool", {}):
        return "pyproject.toml"
    return None


def load_default_map(command: click.Command, path: str) -> dict:
    """click's default_map for `command` from a config file; unknown keys are a usage error."""
    table = _read(path)
    if os.path.basename(path) == "pyproject.toml":
        table = table.get("tool", {}).get("newsclean", {})
    names = _option_names(command)
    defaults = {}
    for key, value in table.items():
        option = "--" + key.replace("_", "-")
        if option not in names:
            raise click.BadParameter(f"unknown option {key!r} in {path}", param_hint="--config")
        name, flag_value = names[option]
        defaults[name] = value if flag_value is None else (flag_value if value else not flag_value)
    return defaults


def _option_names(command: click.Command) -> dict[str, tuple[str, bool | None]]:
    """--long-name -> (parameter name, the value a --flag/--no-flag pair's name means or None)."""
    names = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in ("config", "help", "version"):
            continue
        pair = bool(param.secondary_opts)
        for opt in param.opts:
            if opt.startswith("--"):
                names[opt] = (param.name, True if pair else None)
        for opt in param.secondary_opts:
            names[opt] = (param.name, False)
    return names


def _read(path: str) -> dict:
    if sys.version_info >= (3, 11):  # imported here: most runs have no config file to read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise click.BadParameter(f"cannot read {path}: {error}", param_hint="--config") from None
