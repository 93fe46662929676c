"""clean(): bytes -> decode -> read -> segment -> classify -> metadata -> normalize -> Article."""
from __future__ import annotations

from collections.abc import Iterator

from .article import Article
from .decode import repair_mojibake
from .document import Block, Document, InputError
from .extract.classify import classify
from .extract.metadata import collect_metadata
from .extract.segment import segment
from .options import Options
from .readers import read_documents
from .text.homoglyphs import fix_homoglyphs
from .text.lang import detect_lang
from .text.normalize import normalize_chars
from .text.typography import apply_typography

DEFAULT_OPTIONS = Options()


def clean(data: bytes | str, *, source: str | None = None, options: Options = DEFAULT_OPTIONS) -> Article:
    """Clean one dump (bytes as read from a file, or already-decoded text) into one Article.

    An input holding several articles (JSON Lines) is an error here: use clean_many().
    Raises InputError when the input cannot be cleaned.
    """
    results = list(clean_many(data, source=source, options=options))
    if len(results) != 1:
        raise InputError(f"input holds {len(results)} records; use clean_many()", source)
    if isinstance(results[0], InputError):
        raise results[0]
    return results[0]


def clean_many(data: bytes | str, *, source: str | None = None,
               options: Options = DEFAULT_OPTIONS) -> Iterator[Article | InputError]:
    """Clean every article of an input, in order; a record that cannot be read is yielded as InputError."""
    if isinstance(data, str):
        data = data.encode("utf-8")
        options = _replace(options, encoding="utf-8") if not options.encoding else options
    for document in read_documents(data, source, options):
        yield document if isinstance(document, InputError) else clean_document(document, options)


def clean_document(document: Document, options: Options = DEFAULT_OPTIONS) -> Article:
    if document.blocks is not None:
        blocks = [Block(repair_text(b.text), b.first_line, b.last_line, b.tag) for b in document.blocks]
        text = "\n".join(b.text for b in blocks)
    else:
        text = repair_text(document.text)
        blocks = segment(text)
    hints = document.hints
    lang = hints.lang or detect_lang(text)
    if options.extract:
        classify(blocks, lang, title_hint=hints.title)
    else:
        for block in blocks:
            block.role, block.reason = "body", "--no-extract"
    meta = collect_metadata(blocks, hints, options.reference_date)

    def typeset(s: str | None) -> str | None:
        return apply_typography(s, lang, options.typography) if s else s

    paragraphs = [typeset(b.text) for b in blocks if b.kept]
    return Article(
        title=typeset(meta.title), author=meta.author, date=meta.date, lang=lang,
        image_credits=meta.image_credits,
        subheadings=[typeset(b.text) for b in blocks if b.role == "subheading"],
        paragraphs=paragraphs, source=document.source, url=hints.url,
        encoding=document.encoding, encoding_how=document.encoding_how,
        no_article=not paragraphs, warnings=list(document.warnings), blocks=blocks,
    )


def repair_text(text: str) -> str:
    """Character repairs that every later stage relies on (line structure is kept)."""
    return fix_homoglyphs(repair_mojibake(normalize_chars(text)))


def _replace(options: Options, **changes) -> Options:
    from dataclasses import replace

    return replace(options, **changes)
