"""The command line: a thin click layer that turns options into one RunConfig and calls the library.

Options come in groups (decorator factories, as sqlite-utils has them); every usage check is in
RunConfig.check(). Imports of the pipeline, rich and the batch runner are lazy, so --help and
--version stay fast.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import click
from click.core import ParameterSource

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
FORMATS = ("json", "jsonl", "md", "txt", "parquet", "html")
FORMAT_OF_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "md", ".txt": "txt",
                       ".html": "html", ".htm": "html"}
EXIT_INTERRUPTED, EXIT_STDOUT_CLOSED = 130, 141  # = batch.report's (not imported: --help stays quick)


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
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _encoding(ctx, param, name: str | None) -> str | None:
    import codecs

    if name:
        try:
            codecs.lookup(name)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {name!r}") from None
    return name


def _size(ctx, param, value: str | int | None) -> int | None:
    if value is None:
        return None
    text = str(value).strip().lower().removesuffix("b")
    number, unit = (text[:-1], text[-1]) if text[-1:] in "kmg" else (text, "")
    try:
        size = int(float(number) * SIZE_UNITS[unit])
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size like 500K, 64M or 1G") from None
    if size <= 0:
        raise click.BadParameter("must be more than 0")
    return size


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
    option("-o", "--output", type=click.Path(), example="newsclean dump.txt -o article.md",
           help="Write to this file (atomically, creating its folders) instead of stdout; for a batch, a directory."),
    option("--explain", is_flag=True, example="newsclean dump.txt --explain",
           help="Show every input line: kept or dropped, and why (one input); -f html: as a page."),
    option("--explain-dir", metavar="DIR", type=click.Path(file_okay=False),
           example="newsclean news/ -o clean/ --explain-dir pages/",
           help="Also write an explain page per input into DIR (pages/a/b.html for a/b.txt)."),
)

cleaning_options = group(
    option("--encoding", metavar="NAME", callback=_encoding, example="newsclean old.txt --encoding cp1251",
           help="Decode inputs with this encoding (e.g. cp1251, koi8-r)."),
    option("--typography", type=click.Choice(["standard", "keep"]), default="standard", show_default=True,
           example="newsclean dump.txt --typography keep",
           help="standard: «quotes», dashes, apostrophes per language; keep: as written."),
    option("--no-extract", is_flag=True, example="newsclean dump.txt --no-extract",
           help="Repair and normalize the whole input; remove nothing."),
    option("--reference-date", metavar="YYYY-MM-DD", callback=_iso_date,
           example="newsclean dump.txt --reference-date 2024-03-01",
           help='Resolve dates without a year and "сегодня"/"вчера" against this date.'),
    option("--input-format", type=click.Choice(["txt", "html", "jsonl", "warc"]),
           example="newsclean page.dat --input-format html",
           help="Read inputs as this format (default: from the file name: .txt, .html/.htm, "
                ".jsonl/.ndjson/.json, .warc, also inside .gz/.bz2/.xz; else sniffed)."),
    option("--text-field", metavar="NAME", example="newsclean feed.jsonl --text-field article_body",
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
    option("--include", metavar="GLOB", multiple=True, example="newsclean news/ --include '*.txt' --include 'ru/*'",
           help="In directories, only clean files matching GLOB (path or name; repeatable)."),
    option("--exclude", metavar="GLOB", multiple=True, example="newsclean news/ --exclude drafts --exclude '*.bak'",
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
    option("--scheduler", metavar="ADDRESS", batch_only=True,
           example="newsclean news/ -o clean/ --engine dask --scheduler tcp://10.0.0.5:8786",
           help="With --engine dask: the cluster to use, e.g. --scheduler tcp://10.0.0.5:8786 "
                "[default: a local cluster of -j workers]. Workers need newsclean, the inputs and -o DIR."),
    option("--shard-size", type=click.IntRange(min=1), metavar="N", batch_only=True,
           example="newsclean news/ -o corpus/ -f jsonl --shard-size 10000",
           help="Write the articles into part files of N each in -o DIR (part-00000.jsonl, ...) "
                "instead of a file per input, e.g. -f jsonl --shard-size 10000 [default: 10000]."),
    option("--gzip", "compress", is_flag=True, batch_only=True, example="newsclean news/ -o corpus/ -f jsonl --gzip",
           help="Gzip the JSON Lines part files, e.g. -f jsonl --gzip -o corpus/ (part-00000.jsonl.gz)."),
    option("--report", "report_path", metavar="FILE", type=click.Path(dir_okay=False), batch_only=True,
           example="newsclean news/ -o clean/ --report report.json",
           help="Write a JSON report: the summary and each input's status, reason and outputs."),
    option("--fail-fast", is_flag=True, batch_only=True, example="newsclean news/ -o clean/ --fail-fast",
           help="Stop the batch at the first input that fails."),
    option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", batch_only=True,
           example="newsclean news/ -o clean/ --timeout 10",
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


@dataclass(frozen=True)
class RunConfig:
    """Everything the command line asked for, as given; check() holds every usage rule."""

    inputs: tuple[str, ...]
    output_format: str | None  # None: from -o's extension, else json
    output: str | None
    explain: bool
    explain_dir: str | None
    encoding: str | None
    typography: str
    no_extract: bool
    reference_date: str | None
    input_format: str | None
    text_field: str | None
    max_size: int | None
    rules: tuple[str, ...]
    learn: bool | None
    files_from: str | None
    null: bool
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    dry_run: bool
    jobs: int | None
    engine: str
    scheduler: str | None
    shard_size: int | None
    compress: bool
    report_path: str | None
    fail_fast: bool
    timeout: float | None
    skip_existing: bool
    dedup: bool
    quiet: bool
    verbose: bool
    color: str
    batch_only_given: tuple[str, ...] = ()  # the batch-only options that were given

    @classmethod
    def from_click(cls, ctx: click.Context, params: dict[str, Any]) -> RunConfig:
        given = tuple(p.name for p in ctx.command.params if isinstance(p, Option) and p.batch_only and p.name
                      and params[p.name] not in (None, False) and params[p.name] != p.default)
        output_format = params["output_format"]
        if ctx.get_parameter_source("output_format") is not ParameterSource.COMMANDLINE:
            # the name of -o says what this run wants; a config file's format is only a default
            output_format = _format_of(params["output"], params["explain"]) or output_format
        return cls(**{**params, "output_format": output_format}, batch_only_given=given)

    @property
    def format(self) -> str:
        return self.output_format or "json"

    @cached_property  # (may ask a remote file system whether an input URL is a directory: once)
    def is_batch(self) -> bool:
        return bool(self.files_from or self.batch_only_given or self.format == "parquet" or len(self.inputs) > 1
                    or (self.inputs and _is_directory(self.inputs[0])) or _is_directory_output(self.output))

    def check(self) -> None:
        """Every usage error, before any work (exit 2)."""
        if not self.inputs and not self.files_from:
            raise click.UsageError("give at least one INPUT (a file, a directory, or - for stdin)")
        if list(self.inputs).count("-") + (self.files_from == "-") > 1:
            raise click.UsageError("stdin (-) can be read only once")
        if self.null and not self.files_from:
            raise click.UsageError("-0 is for the names of --files-from")
        if self.format == "html" and not self.explain:
            raise click.UsageError("-f html is the --explain page: add --explain")
        if self.explain and self.output and self.format != "html":
            raise click.UsageError("--explain prints its table on stdout; -o FILE takes the page: name it .html")
        if self.verbose and self.quiet:
            raise click.UsageError("-q and -v contradict each other")
        _check_engine(self.engine, self.scheduler, self.timeout)
        if self.explain_dir:
            _check_not_an_input(self.inputs, "--explain-dir", self.explain_dir)
        if not self.is_batch:
            if self.output:
                _check_output_file(self.inputs[0], self.output)
            return
        if self.explain:
            raise click.UsageError("--explain shows one input: run it on a single file, or use --explain-dir DIR")
        self.shards()  # checks the part-file options
        if self.output is None and self.format in ("md", "txt"):
            raise click.UsageError(f"a batch writes JSON Lines to stdout; --format {self.format} needs -o DIR")
        if self.output and os.path.exists(self.output) and not os.path.isdir(self.output):
            raise _clash("-o", self.output, "is a file, and a batch writes into a directory")
        if self.output:
            _check_not_an_input(self.inputs, "-o", self.output)
        if self.timeout and not hasattr(signal, "setitimer"):
            raise click.UsageError("--timeout needs a Unix system (SIGALRM)")
        if self.skip_existing and not self.output:
            raise click.UsageError("--skip-existing needs -o DIR")
        from .batch.run import output_files, overwritten_input

        if self.report_path and overwritten_input(self.inputs, [self.report_path]):
            raise _clash("--report", self.report_path, "is an input")
        if self.output and not self.shards():
            outputs = list(output_files(self.inputs, self.output, self.format))
            overwritten = overwritten_input(self.inputs, outputs)
            if overwritten:
                raise _clash("-o", self.output, f"is where {overwritten} would be written over an input")
            twice = next((path for path, count in Counter(outputs).items() if count > 1), None)
            if twice:
                raise _clash("-o", self.output, f"is where two inputs would both be written to {twice}")

    def options(self):
        from .options import Options

        return Options(extract=not self.no_extract, typography=self.typography, encoding=self.encoding,
                       input_format=self.input_format, reference_date=self.reference_date,
                       text_field=self.text_field, drop_patterns=self.rules,
                       keep_removed=self.explain or bool(self.explain_dir),
                       **({"max_bytes": self.max_size} if self.max_size else {}))

    def shards(self):
        """The part files asked for (-f parquet, --shard-size, --gzip), checked; None: a file per input."""
        if not (self.format == "parquet" or self.shard_size or self.compress):
            return None
        if self.format not in ("jsonl", "parquet"):
            raise click.UsageError("--shard-size and --gzip write JSON Lines or Parquet part files: add -f jsonl")
        if not self.output:
            raise click.UsageError("part files (-f parquet, --shard-size, --gzip) need -o DIR")
        if self.compress and self.format == "parquet":
            raise click.UsageError("--gzip is for JSON Lines parts (Parquet parts are compressed already)")
        if self.skip_existing:
            raise click.UsageError("--skip-existing resumes a file per input; part files are written anew each run")
        from .batch.sinks import DEFAULT_SHARD_SIZE, Shards, parquet_available

        if self.format == "parquet" and not parquet_available():
            raise click.UsageError("-f parquet needs pyarrow: pip install 'newsclean[parquet]'")
        return Shards(self.output, self.format, self.shard_size or DEFAULT_SHARD_SIZE, self.compress)

    def batch(self):
        """The library's Batch for this run (a run of one input is a batch of one)."""
        from .batch.discover import Filters
        from .batch.run import Batch
        from .batch.work import Job

        options = self.options()
        messages = {"quiet": self.quiet, "verbose": self.verbose, "color": _color(self.color, sys.stderr)}
        if not self.is_batch:
            job = Job(options, self.format, single=True, output_file=self.output, explain=self.explain)
            return Batch(self.inputs, job, learn=False, explain_dir=self.explain_dir, dry_run=self.dry_run,
                         stdout_color=_color(self.color, sys.stdout), **messages)
        near = False
        if self.dedup:
            from .batch.dedup import near_dedup_available

            near = near_dedup_available()
            if not near and not self.quiet:
                click.echo("newsclean: note: near-duplicates need datasketch (pip install 'newsclean[dedup]'); "
                           "only exact duplicates are detected", err=True)
        shards = self.shards()
        # part files take the JSON Lines stream that a batch without -o prints
        job = Job(options, "jsonl" if shards else self.format, None if shards else self.output, dedup=self.dedup,
                  near_dedup=near, timeout=self.timeout)
        return Batch(self.inputs, job, files_from=self.files_from, null_separated=self.null,
                     filters=Filters(self.include, self.exclude), jobs=self.jobs, learn=self.learn,
                     skip_existing=self.skip_existing, fail_fast=self.fail_fast, progress=sys.stderr.isatty(),
                     report_path=self.report_path, engine=self.engine, scheduler=self.scheduler, shards=shards,
                     explain_dir=self.explain_dir, dry_run=self.dry_run, **messages)


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
    141 stdout closed by its reader.
    """
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


def _format_of(output: str | None, explain: bool) -> str | None:
    """The format an output file's name asks for (art.md: md), when it names one."""
    if not output or _is_directory_output(output):
        return None
    found = FORMAT_OF_EXTENSION.get(os.path.splitext(output)[1].lower())
    return None if found == "html" and not explain else found


def _color(choice: str, stream) -> bool:
    """Whether to colour `stream`: --color always/never, else NO_COLOR, FORCE_COLOR, a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def _clash(option_name: str, path: str, problem: str) -> click.UsageError:
    """The one form of every output that cannot be written where it was asked for."""
    return click.UsageError(f"{option_name} {path} {problem}: choose another")


def _check_output_file(path: str, output: str) -> None:
    from .batch.run import overwritten_input

    if overwritten_input([path], [output]):
        raise _clash("-o", output, "is the input")
    if os.path.isdir(output):
        raise _clash("-o", output, "is a directory")


def _check_not_an_input(inputs: tuple[str, ...], option_name: str, directory: str) -> None:
    """An output directory must not be an input directory or hold one (outputs would mix in)."""
    out = os.path.realpath(directory)
    for path in inputs:
        if path != "-" and os.path.isdir(path):
            real = os.path.realpath(path)
            if real == out or real.startswith(out.rstrip(os.sep) + os.sep):
                raise _clash(option_name, directory, "is an input directory or holds one")


def _check_engine(engine: str, scheduler: str | None, timeout: float | None) -> None:
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    if engine != "dask":
        return
    from .dask import INSTALL_HINT, dask_available

    if not dask_available():
        raise click.UsageError(f"--engine dask needs Dask: {INSTALL_HINT}")
    if timeout:  # Dask runs tasks in threads, where no alarm signal can stop them
        raise click.UsageError("--timeout works with --engine local only")


def _silence_stdout() -> None:
    """Nobody reads stdout (`newsclean dir/ | head -1`): point it at /dev/null, so that flushing
    it at exit raises no second error."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file (under a test runner)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _is_directory(path: str) -> bool:
    """A local directory, or a directory at an fsspec URL."""
    from .batch.discover import has_scheme

    if has_scheme(path):
        from .batch.urls import is_url_directory

        return is_url_directory(path)
    return os.path.isdir(path)


def _is_directory_output(output: str | None) -> bool:
    """-o names a directory when it is one, or ends with a slash."""
    return output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
