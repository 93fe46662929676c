"""RunConfig: everything one command line asked for, in one object, with every usage rule.

cli.main builds it from click's parameters; check() raises click.UsageError (exit 2) before
any work; batch() is the library's Batch for the run.
"""
from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import click
from click.core import ParameterSource

FORMAT_OF_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "md", ".txt": "txt",
                       ".html": "html", ".htm": "html"}
JOBS_PER_CPU = 16  # -j: worker processes at most, per CPU this process may use
# names of what one output file cannot be: a format of part files, a compression it does not write
NOT_ONE_FILE = (".parquet", ".zst", ".zip", ".7z", ".tar", ".tgz", ".lz4", ".br")


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
        given = tuple(p.name for p in ctx.command.params if getattr(p, "batch_only", False) and p.name
                      and params[p.name] not in (None, False) and params[p.name] != p.default)
        output_format = params["output_format"]
        if ctx.get_parameter_source("output_format") is not ParameterSource.COMMANDLINE:
            # the name of -o says what this run wants; a config file's format is only a default
            output_format = _format_of(params["output"]) or output_format
        if params["output"] == "-":  # -o - is stdout, as an input of - is stdin
            params = {**params, "output": None}
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
        if "" in self.inputs:
            raise click.UsageError("an INPUT is an empty name")
        if list(self.inputs).count("-") + (self.files_from == "-") > 1:
            raise click.UsageError("stdin (-) can be read only once")
        if self.files_from == "-":
            from .batch.discover import stdin_is_closed  # (not on every run's start)

            if stdin_is_closed():
                raise click.BadParameter("stdin (-) is closed", param_hint="--files-from")
        if self.null and not self.files_from:
            raise click.UsageError("-0 is for the names of --files-from")
        if self.format == "html" and not self.explain:
            named = self.output if _format_of(self.output) == "html" else None
            raise click.UsageError(f"{f'-o {named}' if named else '-f html'} is the --explain page: add --explain"
                                   + (", or give -f json" if named else ""))
        if self.explain and self.output and self.format != "html":
            if _is_directory_output(self.output):
                raise click.UsageError("--explain prints one input's table on stdout; for a page per input in "
                                       f"{self.output}, use --explain-dir {self.output}")
            raise click.UsageError("--explain prints its table on stdout; -o FILE takes the page: name it .html")
        if self.verbose and self.quiet:
            raise click.UsageError("-q and -v contradict each other")
        _check_engine(self.engine, self.scheduler, self.timeout)
        if self.jobs and not self.scheduler:
            _check_jobs(self.jobs)
        if self.explain_dir:
            _check_not_a_broken_link("--explain-dir", self.explain_dir)
            _check_not_an_input(self.inputs, "--explain-dir", self.explain_dir)
            _check_outside_inputs(self.inputs, "--explain-dir", self.explain_dir, self.output)
        if not self.is_batch:
            if self.output:
                _check_output_file(self.inputs[0], self.output)
            return
        if self.explain:
            raise click.UsageError("--explain shows one input: run it on a single file, or use --explain-dir DIR")
        shards = self.shards  # (checks the part-file options)
        if self.output is None and self.format in ("md", "txt"):
            raise click.UsageError(f"a batch writes JSON Lines to stdout; --format {self.format} needs -o DIR")
        if self.output and os.path.exists(self.output) and not os.path.isdir(self.output):
            raise _clash("-o", self.output, "is a file, and a batch writes into a directory")
        if self.output:
            _check_not_a_broken_link("-o", self.output)
            _check_not_an_input(self.inputs, "-o", self.output)
        if self.timeout and not hasattr(signal, "setitimer"):
            raise click.UsageError("--timeout needs a Unix system (SIGALRM)")
        if self.skip_existing and not self.output:
            raise click.UsageError("--skip-existing needs -o DIR")
        from .batch.run import output_claims, overwritten_input

        if self.report_path and overwritten_input(self.inputs, [self.report_path]):
            raise _clash("--report", self.report_path, "is an input")
        if self.report_path:
            _check_report_path(self.inputs, self.report_path, [d for d in (self.output, self.explain_dir) if d])
        if self.output and not shards:
            _check_claims("-o", self.output, list(output_claims(self.inputs, self.output, self.format,
                                                                self.input_format)), self.inputs)
        if self.explain_dir:
            _check_claims("--explain-dir", self.explain_dir,
                          list(output_claims(self.inputs, self.explain_dir, self.format, pages=True)), self.inputs)

    def options(self):
        from .options import Options

        return Options(extract=not self.no_extract, typography=self.typography, encoding=self.encoding,
                       input_format=self.input_format, reference_date=self.reference_date,
                       text_field=self.text_field, drop_patterns=self.rules,
                       keep_removed=self.explain or bool(self.explain_dir),
                       **({"max_bytes": self.max_size} if self.max_size else {}))

    @cached_property  # (checked once: its check imports pyarrow)
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
        shards = self.shards
        # part files take the JSON Lines stream that a batch without -o prints
        job = Job(options, "jsonl" if shards else self.format, None if shards else self.output, dedup=self.dedup,
                  near_dedup=near, timeout=self.timeout)
        return Batch(self.inputs, job, files_from=self.files_from, null_separated=self.null,
                     filters=Filters(self.include, self.exclude), jobs=self.jobs, learn=self.learn,
                     skip_existing=self.skip_existing, fail_fast=self.fail_fast, progress=_is_terminal(sys.stderr),
                     report_path=self.report_path, engine=self.engine, scheduler=self.scheduler, shards=shards,
                     explain_dir=self.explain_dir, dry_run=self.dry_run, **messages)


def _format_of(output: str | None) -> str | None:
    """The format an output file's name asks for (art.md, art.md.gz: md), when it names one."""
    if not output or _is_directory_output(output):
        return None
    return FORMAT_OF_EXTENSION.get(_extension(output))  # (.html: the --explain page, which needs --explain)


def _extension(output: str) -> str:
    """The extension of an output file's name, inside a compression it is written in (.gz, .bz2, .xz)."""
    from .output import compression_of

    stem, extension = os.path.splitext(output.lower())
    return os.path.splitext(stem)[1] if compression_of(output) else extension


def _color(choice: str, stream) -> bool:
    """Whether to colour `stream`: --color always/never, else NO_COLOR, FORCE_COLOR, a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or _is_terminal(stream)


def _is_terminal(stream) -> bool:
    """A terminal; not a stream the process was started without (`>&-`: sys.stdout is None)."""
    return stream is not None and stream.isatty()


def _clash(option_name: str, path: str, problem: str) -> click.UsageError:
    """The one form of every output that cannot be written where it was asked for."""
    return click.UsageError(f"{option_name} {path} {problem}: choose another")


def _check_not_a_broken_link(option_name: str, directory: str) -> None:
    """A directory to write into that is a link to nothing (mkdir cannot make it, nor should a
    batch guess where the link was meant to lead)."""
    stripped = directory.rstrip("/") or directory
    if os.path.islink(stripped) and not os.path.exists(stripped):
        raise _clash(option_name, directory, f"is a broken link (to {os.readlink(stripped)})")


def _check_claims(option_name: str, directory: str, claims: list[tuple[str, str]], inputs: tuple[str, ...]) -> None:
    """The names the named inputs take in `directory` ((input, name) pairs): none on an input, none twice."""
    from .batch.discover import display
    from .batch.run import overwritten_input

    overwritten = overwritten_input(inputs, [name for _, name in claims])
    if overwritten:
        raise _clash(option_name, directory, f"is where {overwritten} would be written over an input")
    taken: dict[str, str] = {}
    for path, name in claims:
        other = taken.setdefault(name, path)
        if other != path:
            raise _clash(option_name, directory, f"is where {display(other)} and {display(path)} would both "
                                                 f"be written to {display(name)}")


def _check_output_file(path: str, output: str) -> None:
    from .batch.run import overwritten_input

    if overwritten_input([path], [output]):
        raise _clash("-o", output, "is the input")
    if os.path.isdir(output):
        raise _clash("-o", output, "is a directory")
    if _extension(output) in NOT_ONE_FILE:  # (a.parquet, a.json.zst, a.parquet.gz)
        raise _clash("-o", output, "is no format of one output file (.json, .jsonl, .md, .txt, .html with "
                                   "--explain; each also .gz, .bz2, .xz; Parquet: -f parquet -o DIR)")


def _check_not_an_input(inputs: tuple[str, ...], option_name: str, directory: str) -> None:
    """An output directory must not be an input directory or hold one (outputs would mix in)."""
    for path in _input_directories(inputs):
        if _inside(path, directory):
            raise _clash(option_name, directory, "is an input directory or holds one")


def _check_outside_inputs(inputs: tuple[str, ...], option_name: str, path: str, output: str | None) -> None:
    """What newsclean writes goes outside the input directories (there it could be written over an
    input), or into -o DIR, whose files a walk does not read."""
    if output and _inside(path, output):
        return
    for directory in _input_directories(inputs):
        if _inside(path, directory):
            raise _clash(option_name, path, f"is inside the input directory {directory}")


def _check_report_path(inputs: tuple[str, ...], report: str, output_dirs: list[str]) -> None:
    """The report is a file of its own: outside the input directories and among no outputs."""
    _check_outside_inputs(inputs, "--report", report, None)
    for directory in output_dirs:
        if _inside(report, directory):
            where = "the output directory" if os.path.realpath(report) == os.path.realpath(directory) else \
                f"inside the output directory {directory}"
            raise _clash("--report", report, f"is {where}")


def _input_directories(inputs: tuple[str, ...]) -> list[str]:
    return [path for path in inputs if path != "-" and os.path.isdir(path)]


def _inside(path: str, directory: str) -> bool:
    """Whether `path` is `directory` or lies under it, through any link."""
    real, folder = os.path.realpath(path), os.path.realpath(directory)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _check_jobs(jobs: int) -> None:
    """-j starts that many processes (a local Dask cluster too): at most JOBS_PER_CPU per CPU."""
    from .batch.run import default_jobs

    bound = JOBS_PER_CPU * default_jobs()
    if jobs > bound:
        raise click.BadParameter(f"{jobs} is more than {bound} worker processes ({JOBS_PER_CPU} per CPU of this "
                                 "machine)", param_hint="'-j' / '--jobs'")


def _check_engine(engine: str, scheduler: str | None, timeout: float | None) -> None:
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    if engine != "dask":
        return
    from .dask import INSTALL_HINT, dask_available

    if not dask_available():
        raise click.UsageError(f"--engine dask needs Dask: {INSTALL_HINT}")
    if scheduler:
        from distributed.comm import registry
        from distributed.comm.addressing import parse_address

        try:
            registry.get_backend(parse_address(scheduler)[0])
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'--scheduler'") from None
    if timeout:  # Dask runs tasks in threads, where no alarm signal can stop them
        raise click.UsageError("--timeout works with --engine local only")


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
