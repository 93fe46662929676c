"""--explain: every input block with its verdict and reason (a rendering of Block.role/reason)."""
from __future__ import annotations

import sys

import click

from .article import Article
from .extract.scorer import contributions


def explanation_rows(article: Article) -> list[tuple[str, str, str, str]]:
    """(lines, verdict, reason, text) for every block, in input order."""
    rows = []
    for block in article.blocks:
        lines = _where(block)
        verdict = "kept" if block.kept else ("meta" if block.role in ("title", "author", "date", "credit") else "dropped")
        role = block.role if block.role not in ("body", "drop") else ""
        reason = f"{role}: {block.reason}" if role else block.reason
        if block.score is not None and block.features is not None and block.role != "title":
            weighed = ", ".join(f"{name} {value:+.1f}" for name, value in contributions(block.features))
            reason += f"; score {block.score:.2f} ({weighed})"
        rows.append((lines, verdict, reason, block.text))
    return rows


def _where(block) -> str:
    """Line numbers in the input; for an HTML block also its element (its source line may be unknown: 0)."""
    lines = str(block.first_line) if block.first_line == block.last_line else f"{block.first_line}-{block.last_line}"
    if block.tag or not block.first_line:
        return f"{lines} <{block.tag or 'p'}>" if block.first_line else f"<{block.tag or 'p'}>"
    return lines


def explanation_header(article: Article) -> str:
    header = (f"{article.source or '<stdin>'}: encoding {article.encoding} ({article.encoding_how}), "
              f"lang {article.lang}")
    if article.blocks and any(block.tag or not block.first_line for block in article.blocks):
        header += "; HTML: menus, header, footer, sidebars, scripts and comments were removed by trafilatura first"
    return "; ".join([header] + article.warnings)


def show_explanation(article: Article) -> None:
    """A rich table on a terminal; tab-separated plain text otherwise (both on stdout)."""
    header = explanation_header(article)
    rows = explanation_rows(article)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        # Text, not strings: rich would read "[red]" or "[/bold]" in a dump as its own markup
        table = Table(title=Text(header), show_lines=False)
        for name in ("line", "verdict", "reason", "text"):
            table.add_column(name, overflow="fold")
        styles = {"kept": "green", "dropped": "red", "meta": "cyan"}
        for lines, verdict, reason, text in rows:
            table.add_row(*(Text(cell) for cell in (lines, verdict, reason, text[:200])), style=styles[verdict])
        Console().print(table)
    else:
        click.echo(f"# {header}")
        for lines, verdict, reason, text in rows:
            click.echo(f"{lines}\t{verdict}\t{reason}\t{text}")
