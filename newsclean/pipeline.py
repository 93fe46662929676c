"""clean(): bytes -> decode -> read -> segment -> classify -> metadata -> normalize -> Article."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from .article import Article
from .decode import repair_mojibake
from .document import Block, Document, InputError
from .extract.classify import classify
from .extract.metadata import collect_metadata
from .extract.roles import Role, Rule, described
from .extract.segment import segment
from .options import Options
from .readers import read_documents
from .readers.jsontext import LONE_SURROGATE, SURROGATES_REPLACED
from .text.homoglyphs import fix_homoglyphs
from .text.lang import detect_lang
from .text.normalize import normalize_chars
from .text.typography import apply_typography, typeset_paragraphs

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
    replaced = False
    if isinstance(data, str):
        text = data
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (a name read with surrogateescape): no text has them
            data, replaced = LONE_SURROGATE.sub("\ufffd", text).encode("utf-8"), True
        options = replace(options, encoding="utf-8") if not options.encoding else options
    for result in clean_documents(read_documents(data, source, options), options):
        if replaced and isinstance(result, Article):
            result.warnings.append(SURROGATES_REPLACED)
        yield result


def clean_documents(documents: Iterable[Document | InputError], options: Options = DEFAULT_OPTIONS
                    ) -> Iterator[Article | InputError]:
    """Clean each Document a reader yielded; a record it could not read passes as InputError."""
    for document in documents:
        yield document if isinstance(document, InputError) else clean_document(document, options)


def document_blocks(document: Document, warnings: list[str]) -> tuple[list[Block], str]:
    """The repaired blocks of a document and their text (what the classifier sees)."""
    if document.blocks is not None:  # (blocks a reader removed come with their role: not classified)
        blocks = [Block(repair_text(b.text, warnings), b.first_line, b.last_line, b.tag) for b in document.blocks
                  if not b.role]
        return blocks, "\n".join(b.text for b in blocks)
    text = repair_text(document.text, warnings)
    return segment(text), text


def clean_document(document: Document, options: Options = DEFAULT_OPTIONS) -> Article:
    warnings = list(document.warnings)
    blocks, text = document_blocks(document, warnings)
    hints = document.hints
    lang = hints.lang or detect_lang(text)
    if options.extract:
        classify(blocks, lang, title_hint=hints.title, known_boilerplate=_known_boilerplate(options),
                 html=document.kind == "html")
    else:
        for block in blocks:
            block.role, block.rule, block.reason = Role.BODY, Rule.NOT_EXTRACTED, described(Rule.NOT_EXTRACTED)
    meta = collect_metadata(blocks, hints, options.reference_date or hints.fetched)

    def typeset(s: str | None) -> str | None:
        """A metadata field as a line of the body would be: repaired (a record's or a page's field
        may hold entities, NBSPs, line separators), on one line, typeset."""
        return apply_typography(" ".join(repair_text(s).split()), lang, options.typography) if s else s

    kept = [b for b in blocks if b.kept]
    if document.blocks and document.blocks[-1].role:  # what the reader removed (--explain), at the end
        blocks = blocks + [b for b in document.blocks if b.role]
    paragraphs = typeset_paragraphs([b.text for b in kept], lang, options.typography)
    return Article(
        title=typeset(meta.title), author=typeset(meta.author), date=meta.date, lang=lang,
        image_credits=[typeset_credit for credit in meta.image_credits if (typeset_credit := typeset(credit))],
        subheadings=[p for b, p in zip(kept, paragraphs) if b.role == Role.SUBHEADING],
        list_items=[p for b, p in zip(kept, paragraphs) if b.rule == Rule.LIST_ITEM],
        paragraphs=paragraphs, source=document.source, url=hints.url,
        encoding=document.encoding, encoding_how=document.encoding_how,
        no_article=not paragraphs, warnings=warnings, blocks=blocks,
    )


MOJIBAKE_REPAIRED = "mojibake repaired: some text was UTF-8 decoded with a legacy code page"


def repair_text(text: str, warnings: list[str] | None = None) -> str:
    """Character repairs that every later stage relies on (line structure is kept); what was
    repaired is noted in `warnings`."""
    # mojibake first: normalizing would fold the NBSPs and drop the soft hyphens that some
    # mis-decoded letters turned into, and those bytes are needed to undo the damage
    unbroken = repair_mojibake(text)
    if unbroken != text and warnings is not None and MOJIBAKE_REPAIRED not in warnings:
        warnings.append(MOJIBAKE_REPAIRED)
    return fix_homoglyphs(normalize_chars(unbroken))


def _known_boilerplate(options: Options):
    """What the batch (learning) and the user (rules) already know to be boilerplate, as a
    function from a block's text to the rule id and its detail, or None when there is nothing to know."""
    if not (options.template_lines or options.drop_patterns):
        return None

    def reason(text: str) -> tuple[Rule, str] | None:
        seen_in = options.template_count(text)
        if seen_in:
            return Rule.TEMPLATE, f"in {seen_in} of {options.template_docs} documents"
        rule = options.matching_rule(text)
        return (Rule.USER_RULE, f"pattern {rule!r}") if rule else None

    return reason
