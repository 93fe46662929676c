"""Running the CLI on inputs: reading, cleaning, rendering, writing; messages go to stderr."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from .article import Article
from .document import InputError
from .options import Options
from .pipeline import clean_many

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def render(article: Article, output_format: str) -> str:
    """An article in one of the output formats, ending with a newline (json pretty, jsonl one line)."""
    if output_format == "md":
        return article.to_markdown()
    if output_format == "txt":
        return article.to_text()
    return article.to_json(indent=2 if output_format == "json" else None) + "\n"


def read_input(path: str, max_bytes: int) -> bytes:
    """The bytes of a file, an fsspec URL or stdin ("-"); OSError becomes a one-line InputError.

    A file over max_bytes is refused by its size, before anything is read; stdin stops reading
    just past the limit.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"input is larger than the {_size(max_bytes)} limit (--max-size)")
        return data
    try:
        with _opened(path) as (stream, size):
            if size > max_bytes:
                raise InputError(f"{_size(size)} is larger than the {_size(max_bytes)} limit "
                                 "(--max-size)")
            return stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


@contextmanager
def _opened(path: str):
    """(stream, size) of a local file or of an fsspec URL (s3://bucket/a.txt)."""
    from .batch.discover import has_scheme

    if has_scheme(path):
        from .batch.urls import open_url

        with open_url(path) as opened:
            yield opened
        return
    with open(path, "rb") as stream:
        yield stream, os.fstat(stream.fileno()).st_size


def _size(size: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def temporary_beside(path: str) -> tuple[int, str]:
    """(descriptor, name) of a new hidden temporary file in `path`'s directory, to be renamed
    onto `path` when complete (a rename within a directory is atomic; the hidden name keeps it
    out of a batch that walks that directory)."""
    import tempfile  # only when writing a file: one import less at every start

    return tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".newsclean-", suffix=".tmp")


def write_atomically(path: str, text: str) -> None:
    """Write via a temporary file in the same directory and rename it: no partial file, ever."""
    descriptor, temporary = temporary_beside(path)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def run_single(path: str, options: Options, output_format: str, output: str | None, explain: bool) -> int:
    """Clean one input and write its article (or, for a JSON Lines input, a JSON Lines stream)."""
    try:
        results = list(clean_many(read_input(path, options.max_bytes), source=None if path == "-" else path,
                                  options=options))
    except InputError as error:
        error.source = error.source or path
        results = [error]
    articles: list[Article] = []
    for result in results:
        if isinstance(result, InputError):
            click.echo(f"newsclean: error: {result}", err=True)
            continue
        if result.no_article:
            click.echo(f"newsclean: {result.source or '<stdin>'}: no article found", err=True)
        articles.append(result)
        if explain:
            from .explain import show_explanation

            show_explanation(result)
    failed = len(results) - len(articles)
    if len(articles) > 1 and output_format in ("md", "txt"):
        click.echo(f"newsclean: error: {len(articles)} articles cannot be one --format {output_format} "
                   "document; use --format jsonl or a batch run with -o DIR", err=True)
        return EXIT_USAGE
    if articles and not explain:
        stream_format = "jsonl" if len(articles) > 1 else output_format
        text = "".join(render(a, stream_format) for a in articles)
        if output:
            try:
                write_atomically(output, text)
            except OSError as error:
                click.echo(f"newsclean: error: cannot write {output}: {error.strerror or error}", err=True)
                return EXIT_FAILED
        elif stream_format == "json" and sys.stdout.isatty():
            from rich.console import Console
            from rich.json import JSON

            Console(soft_wrap=True).print(JSON(text))
        else:
            click.echo(text, nl=False)
    return EXIT_FAILED if failed else EXIT_OK
