"""The command line: a thin click layer that turns options into one RunConfig and calls the library.

Options come in groups (decorator factories, as sqlite-utils has them); every usage check is in
RunConfig.check() (run_config.py). Imports of that module, the pipeline, rich and the batch
runner are lazy, so --help and --version stay fast.
"""
from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import click

from .options import INPUT_FORMATS, TYPOGRAPHY_PROFILES, checked_date, checked_encoding

VERSION = "0.1.0"  # = newsclean.__version__ (importing the package would import the pipeline)

EPILOG = """\b
Examples:
  newsclean dump.txt                                     # the article as JSON
  newsclean page.html -o article.md                      # Markdown (from the name), written atomically
  newsclean dump.txt --explain                           # why each line was kept or dropped
  newsclean page.html --explain -f html -o report.html   # the same as a page to look at
  cat dump.txt | newsclean - --format txt                # stdin to plain text
  newsclean old.txt --encoding cp1251 --typography keep  # force the code page, keep quotes as written
  newsclean news/ -o clean/                              # a tree: clean/a/b.json for news/a/b.txt
  newsclean news/ -o clean/ --dry-run                    # what would be read and written
  newsclean news/ --include '*.txt' -j4 --report r.json  # a batch: 4 workers, a JSON report
  find . -name '*.html' -print0 | newsclean --files-from - -0 > all.jsonl
  newsclean news/ -o clean/ --skip-existing              # resume an interrupted run
  newsclean news/ -o corpus/ -f jsonl --shard-size 10000 --gzip  # corpus/part-00000.jsonl.gz, ...
  newsclean s3://bucket/news/ -o clean/ --engine dask -j8  # a local Dask cluster of 8 workers

\b
-o is a directory when it is one, ends with "/", or the run is a batch (several inputs, a
directory, --files-from); then each input gets its own file there (a JSON Lines input a
folder, one file per record), and existing outputs are replaced (see --skip-existing).
Without -o a batch writes JSON Lines on stdout, one article a line, in input order; with
--shard-size, --gzip or -f parquet that stream goes into part files in -o DIR instead.
INPUT may be an fsspec URL (s3://, gs://, ...; needs that file system's package).
Defaults for any long option can be set in ./newsclean.toml or [tool.newsclean] in
./pyproject.toml (e.g. jobs = 4, format = "md", learn = false).
"""

SIZE_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
MAX_SIZE = 16 * 2**30  # --max-size: a document is held in memory, several times over
MAX_TIMEOUT = 86400  # --timeout: a day (an alarm timer needs a bound)
FORMATS = ("json", "jsonl", "md", "txt", "parquet", "html")
EXIT_INTERRUPTED, EXIT_STDOUT_CLOSED = 130, 141  # as batch.report gives them (not imported: --help stays quick)


class Option(click.Option):
    """A click option with the README's example, and whether only a batch has it."""

    def __init__(self, *args, example: str = "", batch_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.example = example
        self.batch_only = batch_only  # given (not its default): the run is a batch


def option(*decls: str, example: str, **kwargs) -> Callable:
    return click.option(*decls, cls=Option, example=example, **kwargs)


def group(*options: Callable) -> Callable:
    """One decorator for a group of options, in the order listed."""
    def decorate(function: Callable) -> Callable:
        for add in reversed(options):
            function = add(function)
        return function
    return decorate


def _load_config(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Eager: fill click's default_map from the config file before other options are read."""
    from .batch.config import find_config, load_default_map

    path = value or find_config()
    if path:
        ctx.default_map = {**load_default_map(ctx, path), **(ctx.default_map or {})}


def _iso_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return checked_date(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _encoding(ctx, param, name: str | None) -> str | None:
    try:
        return None if name is None else checked_encoding(name)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _size(ctx, param, value: str | int | None) -> int | None:
    if value is None:
        return None
    text = str(value).strip().lower().removesuffix("b")
    unit = text[-1:] if text[-1:] in SIZE_UNITS else ""
    try:
        size = float(text.removesuffix(unit)) * SIZE_UNITS[unit]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size like 500K, 64M or 1G") from None
    if not 1 <= size <= MAX_SIZE:  # (also NaN)
        raise click.BadParameter(f"{value!r} is not a size from 1 byte to {MAX_SIZE // 2**30}G")
    return int(size)


def _nan_refused(ctx, param, value: float | None) -> float | None:
    if value is not None and math.isnan(value):
        raise click.BadParameter("'nan' is not a number")
    return value


_EMPTY_WANTS = {"GLOB": "a pattern", "NAME": "a field name", "ADDRESS": "an address"}  # by metavar; else a path


def _not_empty(ctx, param, value: str | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
    """A path, name or pattern given empty (`--report ""`, `--include "$UNSET"`) is a mistake, not a default."""
    if value == "" or (isinstance(value, tuple) and "" in value):
        raise click.BadParameter(f"an empty name: give {_EMPTY_WANTS.get(param.metavar or '', 'a path')}")
    return value


def _rules(ctx, param, path: str | None) -> tuple[str, ...]:
    if not path:
        return ()
    from .batch.rules import RulesError, load_rules

    try:
        return load_rules(path)
    except RulesError as error:
        raise click.BadParameter(str(error)) from None


output_options = group(
    option("-f", "--format", "output_format", type=click.Choice(FORMATS), example="newsclean dump.txt -f md",
           help="Output format [default: from -o's extension, else json]; parquet writes part files in -o DIR "
                "(pip install 'newsclean[parquet]'); html is the --explain page."),
    option("-o", "--output", type=click.Path(), callback=_not_empty, example="newsclean dump.txt -o article.md",
           help="Write to this file (atomically, creating its folders; a.json.gz: gzipped; - is stdout) "
                "instead of stdout; for a batch, a directory."),
    option("--explain", is_flag=True, example="newsclean dump.txt --explain",
           help="Show every input line: kept or dropped, and why (one input); -f html: as a page."),
    option("--explain-dir", metavar="DIR", type=click.Path(file_okay=False), callback=_not_empty,
           example="newsclean news/ -o clean/ --explain-dir pages/",
           help="Also write an explain page per input into DIR (pages/a/b.html for a/b.txt)."),
)

cleaning_options = group(
    option("--encoding", metavar="NAME", callback=_encoding, example="newsclean old.txt --encoding cp1251",
           help="Decode inputs with this encoding (e.g. cp1251, koi8-r)."),
    option("--typography", type=click.Choice(TYPOGRAPHY_PROFILES), default="standard", show_default=True,
           example="newsclean dump.txt --typography keep",
           help="standard: «quotes», dashes, apostrophes per language; keep: as written."),
    option("--no-extract", is_flag=True, example="newsclean dump.txt --no-extract",
           help="Repair and normalize the whole input; remove nothing."),
    option("--reference-date", metavar="YYYY-MM-DD", callback=_iso_date,
           example="newsclean dump.txt --reference-date 2024-03-01",
           help='Resolve dates without a year and "сегодня"/"вчера" against this date.'),
    option("--input-format", type=click.Choice(INPUT_FORMATS),
           example="newsclean page.dat --input-format html",
           help="Read inputs as this format (default: from the file name: .txt, .html/.htm, "
                ".jsonl/.ndjson/.json, .warc, also inside .gz/.bz2/.xz; else sniffed)."),
    option("--text-field", metavar="NAME", callback=_not_empty,
           example="newsclean feed.jsonl --text-field article_body",
           help="JSON Lines field that holds the body (default: text/html/content/body)."),
    option("--max-size", metavar="SIZE", callback=_size, example="newsclean news/ --max-size 8M",
           help="Refuse inputs larger than this (checked before reading) [default: 64M]."),
    option("--rules", metavar="FILE", callback=_rules, type=click.Path(exists=True, dir_okay=False),
           example="newsclean news/ -o clean/ --rules site-rules.txt",
           help="Drop blocks matching these regexes (one a line, or drop = [...] in a .toml file)."),
    option("--learn/--no-learn", default=None, example="newsclean site-dump/ -o clean/ --learn",
           help="Drop lines that repeat across many documents of the batch (a site's template) "
                "[default: on for 20 or more inputs]."),
)

input_options = group(
    option("--files-from", metavar="FILE", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
           example="find . -name '*.html' | newsclean --files-from - -o clean/",
           help="Also read input paths from FILE, one a line (- for stdin)."),
    option("-0", "--null", is_flag=True, example="find . -print0 | newsclean --files-from - -0 -o clean/",
           help="--files-from names are separated by NUL characters (find -print0), not lines."),
    option("--include", metavar="GLOB", multiple=True, callback=_not_empty,
           example="newsclean news/ --include '*.txt' --include 'ru/*'",
           help="In directories, only clean files matching GLOB (path or name; repeatable)."),
    option("--exclude", metavar="GLOB", multiple=True, callback=_not_empty,
           example="newsclean news/ --exclude drafts --exclude '*.bak'",
           help="In directories, skip files and directories matching GLOB (repeatable)."),
    option("--dry-run", "--list", "dry_run", is_flag=True, example="newsclean news/ -o clean/ --dry-run",
           help="List each input and the file it would be written to (tab-separated, on stdout); clean nothing."),
)

batch_options = group(
    option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", example="newsclean news/ -o clean/ -j 4",
           help="Worker processes for a batch [default: the number of CPUs]."),
    option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, batch_only=True,
           example="newsclean news/ -o clean/ --engine dask -j 8",
           help="Run a batch in local worker processes, or on a Dask cluster (pip install "
                "'newsclean[dask]'), e.g. --engine dask -j8."),
    option("--scheduler", metavar="ADDRESS", batch_only=True, callback=_not_empty,
           example="newsclean news/ -o clean/ --engine dask --scheduler tcp://10.0.0.5:8786",
           help="With --engine dask: the cluster to use, e.g. --scheduler tcp://10.0.0.5:8786 "
                "[default: a local cluster of -j workers]. Workers need newsclean, the inputs and -o DIR."),
    option("--shard-size", type=click.IntRange(min=1), metavar="N", batch_only=True,
           example="newsclean news/ -o corpus/ -f jsonl --shard-size 10000",
           help="Write the articles into part files of N each in -o DIR (part-00000.jsonl, ...) "
                "instead of a file per input, e.g. -f jsonl --shard-size 10000 [default: 10000]."),
    option("--gzip", "compress", is_flag=True, batch_only=True, example="newsclean news/ -o corpus/ -f jsonl --gzip",
           help="Gzip the JSON Lines part files, e.g. -f jsonl --gzip -o corpus/ (part-00000.jsonl.gz)."),
    option("--report", "report_path", metavar="FILE", type=click.Path(dir_okay=False), callback=_not_empty,
           batch_only=True, example="newsclean news/ -o clean/ --report report.json",
           help="Write a JSON report: the summary and each input's status, reason and outputs."),
    option("--fail-fast", is_flag=True, batch_only=True, example="newsclean news/ -o clean/ --fail-fast",
           help="Stop the batch at the first input that fails."),
    option("--timeout", type=click.FloatRange(min=0, max=MAX_TIMEOUT, min_open=True), callback=_nan_refused,
           metavar="SECONDS", batch_only=True, example="newsclean news/ -o clean/ --timeout 10",
           help="Give up on a document that takes longer than this."),
    option("--skip-existing", is_flag=True, batch_only=True, example="newsclean news/ -o clean/ --skip-existing",
           help="Skip inputs whose outputs exist in -o DIR (resume an interrupted run)."),
    option("--dedup", is_flag=True, batch_only=True, example="newsclean news/ -o clean/ --dedup --report r.json",
           help="Write exact and near-duplicate articles once; report the others."),
)

message_options = group(
    option("-q", "--quiet", is_flag=True, example="newsclean news/ -o clean/ -q",
           help="No progress bar, notes or summary; only errors."),
    option("-v", "--verbose", is_flag=True, example="newsclean news/ -o clean/ -v",
           help="Name every input of a note (\"no article found\"), not only the first few."),
    option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
           example="newsclean dump.txt --color never",
           help="Colour on a terminal (auto; NO_COLOR and FORCE_COLOR are honoured), always, or never."),
    option("--config", metavar="FILE", type=click.Path(exists=True, dir_okay=False), is_eager=True,
           expose_value=False, callback=_load_config, example="newsclean news/ --config team.toml",
           help="Read default options from FILE [default: ./newsclean.toml or ./pyproject.toml]."),
)


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@output_options
@cleaning_options
@input_options
@batch_options
@message_options
@click.version_option(VERSION, "-V", "--version", prog_name="newsclean")
@click.pass_context
def main(ctx: click.Context, **params: Any) -> None:
    """Clean Cyrillic news dumps (browser innerText, HTML pages, JSON Lines) into clean articles.

    INPUT is a file, a directory (cleaned recursively), or - for stdin. One input: its article
    goes to stdout (or -o FILE). Several: a batch in parallel worker processes. Messages go to
    stderr. Exit status: 0 ok, 1 an input could not be cleaned, 2 usage error, 130 interrupted,
    143 terminated, 141 stdout closed by its reader.
    """
    from .run_config import RunConfig  # (its checks import the batch runner: not for --help)

    config = RunConfig.from_click(ctx, params)
    try:
        config.check()
        from .batch.run import run_batch

        status = run_batch(config.batch())
    except KeyboardInterrupt:  # Ctrl-C before the run began (a batch handles its own)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # more presses while exiting are harmless
        status = EXIT_INTERRUPTED
    if status == EXIT_STDOUT_CLOSED:
        _silence_stdout()
    sys.exit(status)


def _silence_stdout() -> None:
    """Nobody reads stdout (`newsclean dir/ | head -1`): point it at /dev/null, so that flushing
    it at exit raises no second error."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file (under a test runner)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
