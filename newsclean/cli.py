"""The command line: a thin click layer that turns options into Options and calls the library.

Imports of the pipeline, rich and the batch runner are lazy, so --help and --version stay fast.
"""
from __future__ import annotations

import os
import signal
import sys

import click

from .options import Options

VERSION = "0.1.0"  # = newsclean.__version__ (importing the package would import the pipeline)

EPILOG = """\b
Examples:
  newsclean dump.txt                                     # the article as JSON
  newsclean page.html --format md -o article.md          # Markdown, written atomically
  newsclean dump.txt --explain                           # why each line was kept or dropped
  cat dump.txt | newsclean - --format txt                # stdin to plain text
  newsclean old.txt --encoding cp1251 --typography keep  # force the code page, keep quotes as written
  newsclean news/ -o clean/                              # a tree: clean/a/b.json for news/a/b.txt
  newsclean news/ --include '*.txt' -j4 --report r.json  # a batch: 4 workers, a JSON report
  find . -name '*.html' | newsclean --files-from - > all.jsonl
  newsclean news/ -o clean/ --skip-existing              # resume an interrupted run
  newsclean news/ -o corpus/ -f jsonl --shard-size 10000 --gzip  # corpus/part-00000.jsonl.gz, ...
  newsclean news/ -o corpus/ -f parquet                  # corpus/part-00000.parquet, ...
  newsclean s3://bucket/news/ -o clean/ --engine dask -j8  # a local Dask cluster of 8 workers
  newsclean news/ -o clean/ --engine dask --scheduler tcp://10.0.0.5:8786  # an existing cluster

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


def _load_config(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Eager: fill click's default_map from the config file before other options are read."""
    from .batch.config import find_config, load_default_map

    path = value or find_config()
    if path:
        ctx.default_map = {**load_default_map(ctx.command, path), **(ctx.default_map or {})}


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


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-f", "--format", "output_format", type=click.Choice(["json", "jsonl", "md", "txt", "parquet"]),
              default="json", show_default=True,
              help="Output format; parquet writes part files in -o DIR (pip install 'newsclean[parquet]').")
@click.option("-o", "--output", type=click.Path(),
              help="Write to this file (atomically) instead of stdout; for a batch, a directory.")
@click.option("--explain", is_flag=True, help="Show every input line: kept or dropped, and why (one input).")
@click.option("--encoding", metavar="NAME", callback=_encoding,
              help="Decode inputs with this encoding (e.g. cp1251, koi8-r).")
@click.option("--typography", type=click.Choice(["standard", "keep"]), default="standard", show_default=True,
              help="standard: «quotes», dashes, apostrophes per language; keep: as written.")
@click.option("--no-extract", is_flag=True, help="Repair and normalize the whole input; remove nothing.")
@click.option("--reference-date", metavar="YYYY-MM-DD", callback=_iso_date,
              help='Resolve dates without a year and "сегодня"/"вчера" against this date.')
@click.option("--input-format", type=click.Choice(["txt", "html", "jsonl", "warc"]),
              help="Read inputs as this format (default: from the file name: .txt, .html/.htm, "
                   ".jsonl/.ndjson/.json, .warc, also inside .gz/.bz2/.xz; else sniffed).")
@click.option("--text-field", metavar="NAME", help="JSON Lines field that holds the body (default: text/html/content/body).")
@click.option("--max-size", metavar="SIZE", callback=_size,
              help="Refuse inputs larger than this (checked before reading) [default: 64M].")
@click.option("--files-from", metavar="FILE", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Also read input paths from FILE, one a line (- for stdin).")
@click.option("--include", metavar="GLOB", multiple=True,
              help="In directories, only clean files matching GLOB (path or name; repeatable).")
@click.option("--exclude", metavar="GLOB", multiple=True,
              help="In directories, skip files and directories matching GLOB (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for a batch [default: the number of CPUs].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run a batch in local worker processes, or on a Dask cluster (pip install "
                   "'newsclean[dask]'), e.g. --engine dask -j8.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the cluster to use, e.g. --scheduler tcp://10.0.0.5:8786 "
                   "[default: a local cluster of -j workers]. Workers need newsclean, the inputs and -o DIR.")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N",
              help="Write the articles into part files of N each in -o DIR (part-00000.jsonl, ...) "
                   "instead of a file per input, e.g. -f jsonl --shard-size 10000 [default: 10000].")
@click.option("--gzip", "compress", is_flag=True,
              help="Gzip the JSON Lines part files, e.g. -f jsonl --gzip -o corpus/ (part-00000.jsonl.gz).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, notes or summary; only errors.")
@click.option("--report", "report_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write a JSON report: the summary and each input's status, reason and outputs.")
@click.option("--fail-fast", is_flag=True, help="Stop the batch at the first input that fails.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Give up on a document that takes longer than this.")
@click.option("--skip-existing", is_flag=True,
              help="Skip inputs whose outputs exist in -o DIR (resume an interrupted run).")
@click.option("--learn/--no-learn", default=None,
              help="Drop lines that repeat across many documents of the batch (a site's template) "
                   "[default: on for 20 or more inputs].")
@click.option("--dedup", is_flag=True,
              help="Write exact and near-duplicate articles once; report the others.")
@click.option("--rules", metavar="FILE", callback=_rules, type=click.Path(exists=True, dir_okay=False),
              help="Drop blocks matching these regexes (one a line, or drop = [...] in a .toml file).")
@click.option("--config", metavar="FILE", type=click.Path(exists=True, dir_okay=False), is_eager=True,
              expose_value=False, callback=_load_config,
              help="Read default options from FILE [default: ./newsclean.toml or ./pyproject.toml].")
@click.version_option(VERSION, "-V", "--version", prog_name="newsclean")
def main(inputs, output_format, output, explain, encoding, typography, no_extract, reference_date,
         input_format, text_field, max_size, files_from, include, exclude, jobs, quiet, report_path,
         fail_fast, timeout, skip_existing, learn, dedup, rules, engine, scheduler, shard_size, compress):
    """Clean Cyrillic news dumps (browser innerText, HTML pages, JSON Lines) into clean articles.

    INPUT is a file, a directory (cleaned recursively), or - for stdin. One input: its article
    goes to stdout (or -o FILE). Several: a batch in parallel worker processes. Messages go to
    stderr. Exit status: 0 ok, 1 an input could not be cleaned, 2 usage error, 130 interrupted,
    141 stdout closed by its reader.
    """
    if not inputs and not files_from:
        raise click.UsageError("give at least one INPUT (a file, a directory, or - for stdin)")
    if list(inputs).count("-") + (files_from == "-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    options = Options(extract=not no_extract, typography=typography, encoding=encoding,
                      input_format=input_format, reference_date=reference_date, text_field=text_field,
                      drop_patterns=rules, **({"max_bytes": max_size} if max_size else {}))
    batch_only = (report_path or skip_existing or dedup or timeout or fail_fast or engine != "local" or scheduler
                  or shard_size or compress or output_format == "parquet")
    try:
        if files_from or batch_only or len(inputs) > 1 or _is_directory(inputs[0]) or _is_directory_output(output):
            status = _run_batch(inputs, options, output_format, output, explain, files_from, include, exclude,
                                jobs, quiet, report_path, fail_fast, timeout, skip_existing, learn, dedup,
                                engine, scheduler, shard_size, compress)
        else:
            status = _run_single(inputs[0], options, output_format, output, explain, quiet)
    except KeyboardInterrupt:  # Ctrl-C before the run began (a batch handles its own)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # more presses while exiting are harmless
        status = 130  # = batch.report.EXIT_INTERRUPTED (not imported: --help stays quick)
    if status == 141:  # = batch.report.EXIT_STDOUT_CLOSED
        _silence_stdout()
    sys.exit(status)


def _run_single(path, options, output_format, output, explain, quiet) -> int:
    """One input that is not a batch: a batch of one, cleaned in this process, its articles on
    stdout or in -o FILE, without a summary."""
    from .batch.run import Batch, overwritten_input, run_batch
    from .batch.work import Job

    if output and overwritten_input([path], [output]):
        raise click.UsageError(f"-o {output} is the input: choose another output file")
    job = Job(options, output_format, single=True, output_file=output, explain=explain)
    return run_batch(Batch((path,), job, learn=False, quiet=quiet))


def _silence_stdout() -> None:
    """Nobody reads stdout (`newsclean dir/ | head -1`): point it at /dev/null, so that flushing
    it at exit raises no second error."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (under a test runner)
        pass


def _run_batch(inputs, options, output_format, output, explain, files_from, include, exclude, jobs, quiet,
               report_path, fail_fast, timeout, skip_existing, learn, dedup, engine, scheduler, shard_size,
               compress) -> int:
    """Check a batch's options (usage errors come before any work), then run it."""
    if explain:
        raise click.UsageError("--explain shows one input; run it on a single file")
    shards = _shards(output_format, output, shard_size, compress, skip_existing)
    _check_engine(engine, scheduler, timeout)
    if output is None and output_format in ("md", "txt"):
        raise click.UsageError(f"a batch writes JSON Lines to stdout; --format {output_format} needs -o DIR")
    if output and os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"-o {output}: a batch writes into a directory, and this is a file")
    if output and _contains_input(output, inputs):
        raise click.UsageError(f"-o {output}: the output directory must not hold an input directory")
    if timeout and not hasattr(signal, "setitimer"):
        raise click.UsageError("--timeout needs a Unix system (SIGALRM)")
    if skip_existing and not output:
        raise click.UsageError("--skip-existing needs -o DIR")
    from .batch.run import Batch, output_files, overwritten_input, run_batch

    if report_path and overwritten_input(inputs, [report_path]):
        raise click.UsageError(f"--report {report_path} is an input: choose another report file")
    overwritten = output and not shards and overwritten_input(inputs, output_files(inputs, output, output_format))
    if overwritten:
        raise click.UsageError(f"-o {output}: {overwritten} would be written over an input")
    near = False
    if dedup:
        from .batch.dedup import near_dedup_available

        near = near_dedup_available()
        if not near and not quiet:
            click.echo("newsclean: note: near-duplicates need datasketch (pip install 'newsclean[dedup]'); "
                       "only exact duplicates are detected", err=True)
    from .batch.discover import Filters
    from .batch.work import Job

    # part files take the JSON Lines stream that a batch without -o prints
    job = Job(options, "jsonl" if shards else output_format, None if shards else output, dedup=dedup,
              near_dedup=near, timeout=timeout)
    batch = Batch(tuple(inputs), job, files_from=files_from, filters=Filters(tuple(include), tuple(exclude)),
                  jobs=jobs, learn=learn, skip_existing=skip_existing, fail_fast=fail_fast, quiet=quiet,
                  progress=sys.stderr.isatty(), report_path=report_path, engine=engine, scheduler=scheduler,
                  shards=shards)
    return run_batch(batch)


def _shards(output_format: str, output: str | None, shard_size: int | None, compress: bool, skip_existing: bool):
    """The part files asked for (-f parquet, --shard-size, --gzip), checked; None: a file per input."""
    if not (output_format == "parquet" or shard_size or compress):
        return None
    if output_format not in ("jsonl", "parquet"):
        raise click.UsageError("--shard-size and --gzip write JSON Lines or Parquet part files: add -f jsonl")
    if not output:
        raise click.UsageError("part files (-f parquet, --shard-size, --gzip) need -o DIR")
    if compress and output_format == "parquet":
        raise click.UsageError("--gzip is for JSON Lines parts (Parquet parts are compressed already)")
    if skip_existing:
        raise click.UsageError("--skip-existing resumes a file per input; part files are written anew each run")
    from .batch.sinks import DEFAULT_SHARD_SIZE, Shards, parquet_available

    if output_format == "parquet" and not parquet_available():
        raise click.UsageError("-f parquet needs pyarrow: pip install 'newsclean[parquet]'")
    return Shards(output, output_format, shard_size or DEFAULT_SHARD_SIZE, compress)


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


def _is_directory(path: str) -> bool:
    """A local directory, or a directory at an fsspec URL."""
    from .batch.discover import has_scheme

    if has_scheme(path):
        from .batch.urls import is_url_directory

        return is_url_directory(path)
    return os.path.isdir(path)


def _is_directory_output(output: str | None) -> bool:
    """-o names a directory when it is one, or ends with a slash."""
    return bool(output) and (output.endswith(("/", os.sep)) or os.path.isdir(output))


def _contains_input(output: str, inputs) -> bool:
    """Whether the output directory is an input directory or holds one (outputs would mix in)."""
    out = os.path.realpath(output)
    for path in inputs:
        if path != "-" and os.path.isdir(path):
            real = os.path.realpath(path)
            if real == out or real.startswith(out.rstrip(os.sep) + os.sep):
                return True
    return False
