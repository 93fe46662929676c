"""The command line: a thin click layer that turns options into Options and calls the library."""
from __future__ import annotations

import sys

import click

from . import __version__
from .options import Options

EPILOG = """\b
Examples:
  newsclean samples/ru_politics_innertext.txt            # the article as JSON
  newsclean page.html --format md -o article.md          # Markdown, written atomically
  newsclean dump.txt --explain                           # why each line was kept or dropped
  cat dump.txt | newsclean - --format txt                # stdin to plain text
  newsclean old.txt --encoding cp1251 --typography keep  # force the code page, keep quotes as written
"""


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-f", "--format", "output_format", type=click.Choice(["json", "jsonl", "md", "txt"]),
              default="json", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (atomically) instead of stdout.")
@click.option("--explain", is_flag=True, help="Show every input line: kept or dropped, and why.")
@click.option("--encoding", metavar="NAME", help="Decode inputs with this encoding (e.g. cp1251, koi8-r).")
@click.option("--typography", type=click.Choice(["standard", "keep"]), default="standard", show_default=True,
              help="standard: «quotes», dashes, apostrophes per language; keep: as written.")
@click.option("--no-extract", is_flag=True, help="Repair and normalize the whole input; remove nothing.")
@click.option("--reference-date", metavar="YYYY-MM-DD", callback=lambda c, p, v: _iso_date(v),
              help='Resolve dates without a year and "сегодня"/"вчера" against this date.')
@click.option("--input-format", type=click.Choice(["txt", "html", "jsonl"]),
              help="Read inputs as this format (default: from the file name, else sniffed).")
@click.option("--text-field", metavar="NAME", help="JSON Lines field that holds the body (default: text/html/content/body).")
@click.version_option(__version__, "-V", "--version", prog_name="newsclean")
def main(inputs, output_format, output, explain, encoding, typography, no_extract, reference_date,
         input_format, text_field):
    """Clean Cyrillic news dumps (browser innerText, HTML pages, JSON Lines) into clean articles.

    INPUT is a file, or - for stdin. The article goes to stdout (or -o); messages go to stderr.
    Exit status: 0 ok, 1 an input could not be cleaned, 2 usage error.
    """
    from .output import run_single  # keeps --help and --version free of the pipeline's imports

    if encoding:
        _check_encoding(encoding)
    options = Options(extract=not no_extract, typography=typography, encoding=encoding,
                      input_format=input_format, reference_date=reference_date, text_field=text_field)
    sys.exit(run_single(inputs, options, output_format, output, explain))


def _iso_date(value: str | None) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _check_encoding(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {name!r}", param_hint="--encoding") from None
