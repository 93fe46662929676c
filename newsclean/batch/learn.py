"""Batch knowledge (--learn): lines that repeat across many documents of a batch are its template.

A site's navigation, footer, "Читайте также" and share labels recur in every page of a dump;
an article's sentences do not. A first pass over a sample of the batch counts each short line
once per document; the lines seen in at least max(3, 5%) of the documents go to the classifier
as Options.template_lines.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..document import InputError
from ..options import Options, line_key
from .work import Task, deadline

SAMPLE_FILES = 400  # the first inputs of a batch make the sample
AUTO_MIN_FILES = 20  # --learn is on by default for batches with at least this many inputs
MIN_DOCUMENTS = 3
MIN_SHARE = 0.05
MAX_LINE_CHARS = 100  # template lines are short; a repeated long paragraph may be real text


def learn_chunk(tasks: list[Task], options: Options, timeout: float | None) -> list[list[frozenset[str]]]:
    """Worker side: for each input, the set of short line keys of each of its documents."""
    return [list(_document_lines(task, options, timeout)) for task in tasks]


def _document_lines(task: Task, options: Options, timeout: float | None) -> Iterable[frozenset[str]]:
    from ..output import read_input
    from ..pipeline import repair_text
    from ..readers import read_documents

    try:
        with deadline(timeout):
            data = read_input(task.path, options.max_bytes)
            documents = [d for d in read_documents(data, task.path, options) if not isinstance(d, InputError)]
            for document in documents:
                # the texts the classifier will see: repaired, as lines or as the reader's blocks
                lines = [repair_text(b.text) for b in document.blocks] if document.blocks is not None else \
                    repair_text(document.text).split("\n")
                yield frozenset(line_key(line) for line in lines if 0 < len(line.strip()) <= MAX_LINE_CHARS)
    except Exception:  # InputError, Timeout, or a bug: the main pass reports it
        return


def template_options(options: Options, documents: Iterable[frozenset[str]]) -> Options:
    """Options with the lines that repeat in enough of the documents as template_lines."""
    from dataclasses import replace

    counts: Counter[str] = Counter()
    total = 0
    for lines in documents:
        counts.update(lines)
        total += 1
    floor = max(MIN_DOCUMENTS, MIN_SHARE * total)
    template = tuple(sorted((line, n) for line, n in counts.items() if n >= floor))
    return replace(options, template_lines=template, template_docs=total)
