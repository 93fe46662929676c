"""Batch knowledge (--learn): lines shared by many different articles of a batch are its template.

A site's navigation, footer, "Читайте также" and share labels recur in every page of a dump;
an article's own lines do not -- except in copies of that article (syndicated copies,
re-scrapes), which share its title, subheadings and list items. So a first pass cleans a sample
of the batch and counts each short block once per distinct body: documents with the same body
are one article. The lines seen with at least max(3, 5%) of the bodies go to the classifier as
Options.template_lines.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import takewhile

from ..document import InputError
from ..options import Options, line_key
from ..process import process_input
from .dedup import body_key
from .work import Task, stopped

SAMPLE_FILES = 400  # the first inputs of a batch make the sample
AUTO_MIN_FILES = 20  # --learn is on by default for batches with at least this many inputs
MIN_DOCUMENTS = 3
MIN_SHARE = 0.05
MAX_LINE_CHARS = 100  # template lines are short; a repeated long paragraph may be real text

Lines = tuple[str, frozenset[str]]  # (the document's body key, the keys of its short blocks)


def learn_chunk(tasks: list[Task], options: Options, timeout: float | None) -> list[list[Lines]]:
    """Worker side: for each input, (body key, short block keys) of each article it holds, up to
    where the batch stopped."""
    return [list(_document_lines(task, options, timeout)) for task in takewhile(lambda _: not stopped(), tasks)]


def _document_lines(task: Task, options: Options, timeout: float | None) -> Iterable[Lines]:
    # failures are the main pass's to report
    for article in process_input(task.path, options, timeout=timeout).records:
        if isinstance(article, InputError):
            continue
        # the texts the classifier sees (repaired; lines, or the reader's blocks)
        lines = frozenset(line_key(b.text) for b in article.blocks if 0 < len(b.text.strip()) <= MAX_LINE_CHARS)
        # the body: its long paragraphs, which template lines never are (a re-scrape's counters
        # and teasers may differ); an input without an article is a body of its own
        long = [p for p in article.paragraphs if len(p) > MAX_LINE_CHARS] or article.paragraphs
        yield (body_key(long) if long else f"{article.source}: no article"), lines


def template_options(options: Options, documents: Iterable[Lines]) -> Options:
    """Options with the lines that repeat across enough of the different bodies as template_lines."""
    from dataclasses import replace

    bodies: dict[str, set[str]] = {}
    for body, lines in documents:
        bodies.setdefault(body, set()).update(lines)
    counts = Counter(line for lines in bodies.values() for line in lines)
    floor = max(MIN_DOCUMENTS, MIN_SHARE * len(bodies))
    template = tuple(sorted((line, n) for line, n in counts.items() if n >= floor))
    return replace(options, template_lines=template, template_docs=len(bodies))
