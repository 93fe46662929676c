"""Default options from a file: ./newsclean.toml, else [tool.newsclean] in ./pyproject.toml.

Keys are long option names ("format", "jobs", "no-extract", "learn" = false for --no-learn);
values become click's default_map, so the command line always wins.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable

import click

CONFIG_FILE = "newsclean.toml"

PYPROJECT = "pyproject.toml"
_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*newsclean\s*\]", re.MULTILINE)


def find_config() -> str | None:
    """The config file of the current directory, if any: a pyproject.toml only with a
    [tool.newsclean] table (another project's file, broken or not, is none of newsclean's business)."""
    if os.path.isfile(CONFIG_FILE):
        return CONFIG_FILE
    if os.path.isfile(PYPROJECT):
        try:
            with open(PYPROJECT, encoding="utf-8", errors="replace") as stream:
                has_table = bool(_TABLE.search(stream.read()))
        except OSError:
            return None
        return PYPROJECT if has_table else None
    return None


def load_default_map(ctx: click.Context, path: str) -> dict:
    """click's default_map for the command from a config file; an unknown key or a bad value is
    a usage error naming the file and the key."""
    table = _read(path)
    if os.path.basename(path) == PYPROJECT:
        table = table.get("tool", {}).get("newsclean", {})
    names = _options(ctx.command)
    defaults = {}
    for key, value in table.items():
        option = "--" + key.replace("_", "-")
        if option not in names:
            raise click.BadParameter(f"unknown option {key!r} in {path}", param_hint="--config")
        param, flag_value = names[option]
        wrong_type = _type_error(param, value)
        if wrong_type:
            raise click.BadParameter(f"{path}: {key} = {value!r}: {wrong_type}", param_hint="--config")
        value = value if flag_value is None else (flag_value if value else not flag_value)
        try:  # as the command line would check it (the raw value is kept: click processes it again)
            param.process_value(ctx, value)
        except click.BadParameter as error:
            raise click.BadParameter(f"{path}: {key} = {value!r}: {error.message}",
                                     param_hint="--config") from None
        defaults[param.name] = value
    return defaults


def _type_error(param: click.Option, value: object) -> str | None:
    """What is wrong with a TOML value's type for the option (TOML has types: jobs = 2.5 or
    learn = "maybe" is not silently made an int or a flag); None when it is right."""
    kind, fits = _toml_type(param)
    if param.multiple:
        return None if isinstance(value, list) and all(map(fits, value)) else f"must be a list: [{kind}, ...]"
    return None if fits(value) else f"must be {kind}"


def _toml_type(param: click.Option) -> tuple[str, Callable[[object], bool]]:
    """The kind of TOML value an option takes, and a test of a value: as on the command line."""
    if param.is_flag:
        return "true or false", lambda value: isinstance(value, bool)
    if isinstance(param.type, click.types.IntParamType):
        return "a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(param.type, click.types.FloatParamType):
        return "a number", lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    return "a string", lambda value: isinstance(value, str)


def _options(command: click.Command) -> dict[str, tuple[click.Option, bool | None]]:
    """--long-name -> (the option, the value a --flag/--no-flag pair's name means or None)."""
    names: dict[str, tuple[click.Option, bool | None]] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in ("config", "help", "version"):
            continue
        pair = bool(param.secondary_opts)
        for opt in param.opts:
            if opt.startswith("--"):
                names[opt] = (param, True if pair else None)
        for opt in param.secondary_opts:
            names[opt] = (param, False)
    return names


def _read(path: str) -> dict:
    if sys.version_info >= (3, 11):  # imported here: most runs have no config file to read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise click.BadParameter(f"cannot read {path}: {error}", param_hint="--config") from None
