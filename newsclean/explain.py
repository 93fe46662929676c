"""--explain: every input block with its verdict and reason (a rendering of Block.role/reason).

For an HTML page, the blocks trafilatura kept are listed one by one; what the reader removed
before or during extraction (class/id pruning, form controls, trafilatura's own removals) is
counted in a summary line, and its texts are rows of their own with that reason.
"""
from __future__ import annotations

from collections import Counter

import click

from .article import Article
from .document import Block
from .extract.roles import HTML_REMOVALS, meaning
from .extract.scorer import contributions
from .output import stdout

META_ROLES = ("title", "author", "date", "credit")


def verdict_of(block: Block) -> str:
    if block.kept:
        return "kept"
    return "meta" if block.role in META_ROLES else "dropped"


def reason_of(block: Block) -> str:
    """The block's reason, with the role it was given and the scorer's weights when it was scored."""
    role = block.role if block.role not in ("body", "drop") else ""
    reason = f"{role}: {block.reason}" if role else block.reason
    if block.score is not None and block.features is not None and block.role != "title":
        weighed = ", ".join(f"{name} {value:+.1f}" for name, value in contributions(block.features))
        reason += f"; score {block.score:.2f} ({weighed})"
    return reason


def blocks_in_input_order(article: Article) -> list[Block]:
    """The article's blocks by source line; a block without a known line stays after the one before it."""
    placed, line = [], 0
    for index, block in enumerate(article.blocks):
        line = block.first_line or line
        placed.append(((line, index), block))
    return [block for _, block in sorted(placed, key=lambda pair: pair[0])]


def explanation_rows(article: Article) -> list[tuple[str, str, str, str]]:
    """(lines, verdict, reason, text) for every block, in input order."""
    return [(where(block), verdict_of(block), reason_of(block), block.text)
            for block in blocks_in_input_order(article)]


def where(block: Block) -> str:
    """Line numbers in the input; for an HTML block also its element (its source line may be unknown: 0)."""
    lines = str(block.first_line) if block.first_line == block.last_line else f"{block.first_line}-{block.last_line}"
    if block.tag or not block.first_line:
        return f"{lines} <{block.tag or 'p'}>" if block.first_line else f"<{block.tag or 'p'}>"
    return lines


def removed_summary(article: Article) -> str | None:
    """One line on what an HTML reader removed: how many elements, for which reasons."""
    kinds = Counter(meaning(block.rule) for block in article.blocks if block.rule in HTML_REMOVALS)
    if not kinds:
        return None
    listed = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    return f"HTML: {kinds.total()} elements removed before the classifier ({listed})"


def explanation_header(article: Article) -> str:
    header = f"{article.source or '<stdin>'}: encoding {article.encoding} ({article.encoding_how}), " \
             f"lang {article.lang or 'unknown (no text to tell)'}"
    summary = removed_summary(article)
    if summary:
        header += "; " + summary
    elif article.blocks and any(block.tag or not block.first_line for block in article.blocks):
        header += "; HTML: menus, header, footer, sidebars, scripts and comments were removed by trafilatura first"
    return "; ".join([header] + article.warnings)


def show_explanation(article: Article, color: bool = False) -> None:
    """A rich table on a terminal; tab-separated plain text otherwise (both on stdout)."""
    header = explanation_header(article)
    rows = explanation_rows(article)
    if stdout().isatty():
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
        Console(no_color=not color).print(table)
    else:
        click.echo(f"# {header}")
        for lines, verdict, reason, text in rows:
            click.echo(f"{lines}\t{verdict}\t{reason}\t{text}")
