"""--explain -f html: one self-contained page to look at what newsclean made of an input.

The input block by block (its line numbers and element), kept text plain, dropped text struck
and coloured by its reason, metadata tagged; the reason and score in a side column (and on
hover); a legend with the count of each reason; and the article as it comes out. No script, no
external asset: a Content-Security-Policy forbids the page to load anything at all.
"""
from __future__ import annotations

from collections import Counter
from html import escape

from .article import Article
from .document import Block
from .explain import (
    META_ROLES,
    blocks_in_input_order,
    explanation_header,
    reason_of,
    verdict_of,
    where,
)
from .extract.roles import meaning

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.2em;margin:.2em 0}h2{font-size:1.05em;margin:1.2em 0 .4em}
.header{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%}
td,th{vertical-align:top;padding:.15em .5em;border-bottom:1px solid #eee;text-align:left}
td.line{color:#888;white-space:nowrap;font:12px monospace}
td.reason{color:#555;font-size:.85em;width:35%}
tr.dropped td.text{text-decoration:line-through;color:var(--c)}
tr.meta td.text::before{content:attr(data-role);font:11px monospace;background:#def;color:#036;
  border-radius:3px;padding:0 .3em;margin-right:.5em}
.swatch{display:inline-block;width:.9em;height:.9em;background:var(--c);vertical-align:middle}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2em}
pre.article{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:1em}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
"""


def explain_page(articles: list[Article]) -> str:
    """The page for the articles of one input (one, or one per record)."""
    title = escape(articles[0].source or "<stdin>") if articles else "no article"
    sections = "\n".join(_section(article) for article in articles) or "<p>No record could be read.</p>"
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>newsclean --explain: {title}</title>\n<style>{CSS}</style></head>\n<body>\n{sections}\n"
            f"</body></html>\n")


def _category(block: Block) -> str:
    """What the legend counts: what the rule that decided means (a reader's removal too)."""
    return meaning(block.rule) or block.reason


def _section(article: Article) -> str:
    blocks = blocks_in_input_order(article)
    dropped = Counter(_category(b) for b in blocks if verdict_of(b) == "dropped")
    colours = {category: f"hsl({index * 67 % 360},65%,38%)" for index, category in enumerate(dropped)}
    rows = "\n".join(_row(block, colours) for block in blocks)
    verdicts = Counter(verdict_of(block) for block in blocks)
    legend = "\n".join(
        f'<tr class="legend" data-reason="{escape(category)}" data-count="{count}"><td>'
        f'<span class="swatch" style="--c:{colours[category]}"></span></td><td>{escape(category)}</td>'
        f"<td>{count}</td></tr>" for category, count in dropped.most_common())
    totals = ", ".join(f'<span data-verdict="{name}" data-count="{verdicts[name]}">{verdicts[name]} {name}</span>'
                       for name in ("kept", "meta", "dropped"))
    return f"""<section>
<h1>{escape(article.title or "(no title)")}</h1>
<p class="header">{escape(explanation_header(article))}</p>
<p class="totals">{len(blocks)} blocks: {totals}</p>
<div class="layout"><div>
<h2>Input</h2>
<table class="input"><tr><th>line</th><th>text</th><th>reason</th></tr>
{rows}
</table></div><div>
<h2>Dropped, by reason</h2>
<table class="legend-table"><tr><th></th><th>reason</th><th>blocks</th></tr>
{legend}
</table>
<h2>The article</h2>
<pre class="article">{escape(article.to_markdown())}</pre>
</div></div></section>"""


def _row(block: Block, colours: dict[str, str]) -> str:
    kind = verdict_of(block)
    reason = reason_of(block)
    style = f' style="--c:{colours[_category(block)]}"' if kind == "dropped" else ""
    role = f' data-role="{escape(str(block.role))}"' if block.role in META_ROLES else ""
    return (f'<tr class="{kind}" data-verdict="{kind}"{style} title="{escape(reason)}">'
            f'<td class="line">{escape(where(block))}</td><td class="text"{role}>{escape(block.text)}</td>'
            f'<td class="reason">{escape(reason)}</td></tr>')
