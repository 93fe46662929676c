"""Saved HTML pages: parsed once with lxml; metadata from structure, the main content from trafilatura.

The content comes back as blocks that keep their element (h2, li, blockquote, p), so that the
classifier can use the tag and subheadings and list items survive as separate paragraphs.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import lxml.html
from lxml import etree

from ..decode import decode
from ..document import MAX_LINES, Block, Document, Hints, InputError, refuse_count
from ..extract.roles import Rule, described
from ..options import Options
from ..text.normalize import holds_nothing
from .structured import choose_title, page_metadata

if TYPE_CHECKING:
    from trafilatura.settings import Document as Extraction

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
                      re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_DOCUMENT = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
# class/id words of blocks that are never article text: read-also, most popular, ads, share bars, tags, comments.
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:read-?also|read-?more|see-?also|also-?read|related|subscribe|newsletter|share|sharing|social|"
    r"cookies?|comments?|popular|adv|advert\w*|ads?|adsbygoogle|banner|promo|sponsor\w*|tags?)(?:$|[\s_-])",
    re.IGNORECASE)
_BOILERPLATE_MAX_CHARS = 1000  # a longer element, or one with paragraphs, may be the article itself
_NEVER_PRUNED = {"html", "body", "article", "main"}
# form controls: their text (labels, options, an embed code in a <textarea>) is never the article's
_CONTROLS = etree.XPath("//textarea | //select | //button | //label | //option")
# what prune_boilerplate tests: forms and elements with a class or id (found by the attributes: a third
# cheaper than testing every element for them)
_PRUNE_CANDIDATES = etree.XPath("//form | //@class/parent::* | //@id/parent::*")
_STATUS_HEADING = re.compile(r"(?:error\s*|помилка\s*|ошибка\s*)?[45]\d\d", re.IGNORECASE)
_ERROR_CLASS = re.compile(r"(?:^|\s)(?:error-?[45]\d\d|page-?not-?found|not-?found)(?:$|\s)", re.IGNORECASE)
_LIBXML_MAX_DEPTH = 255  # libxml2 stops descending here; deeper content is dropped by the parser
_AT_MAX_DEPTH = etree.XPath("boolean(%s)" % ("/*" * (_LIBXML_MAX_DEPTH - 1)))  # in C: 10x a Python walk
# trafilatura's output elements that start a new block, and the HTML tag a block of them gets.
_BLOCK_TAGS = {"p": "p", "item": "li", "quote": "blockquote", "row": "tr", "code": "pre",
               "list": "", "table": "", "div": "", "head": "h2"}
_TRAFILATURA_MIN_SIZE = 250  # characters: trafilatura's MIN_EXTRACTED_SIZE, under which it tries fallbacks
_SHORT_NOTE_MIN_SIZE = 100  # what a short news note (150 characters) is extracted with
_EXTRACTION: Mapping[str, Any] = {"include_comments": False, "include_formatting": True, "include_tables": True,
                                  "with_metadata": False}
_MAX_NESTING = 40  # nested lists/quotes deeper than this are read as inline text
_LINE_ENDS = ".!?…:;"
_LINE_KEY = 40  # first characters of a block that find its source line
_RUN_ON_MIN_WORDS = 4  # words in the line before a <br> that a sentence runs on through
_TITLE_WITNESS_BLOCKS = 10  # the first blocks of the body, where a headline is repeated


def read_html(data: bytes, source: str | None, options: Options, hints: Hints | None = None,
              http_charset: str | None = None) -> Document:
    """An HTML page's bytes as a Document; the charset of an HTTP header (WARC) wins over the page's own."""
    declared = _codec(http_charset) if http_charset else declared_charset(data)
    decoded = decode(data, declared=declared, forced=options.encoding)
    if holds_nothing(decoded.text):
        raise InputError("empty input: no text")
    document = html_document(decoded.text, source, options, hints)
    document.note_decoding(decoded)
    return document


def declared_charset(data: bytes) -> str | None:
    """The charset named by <meta charset>, <meta http-equiv> or an XML declaration, as a Python codec."""
    match = _CHARSET.search(data[:4096])
    return _codec((match[1] or match[2]).decode("ascii")) if match else None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_document(text: str, source: str | None, options: Options, hints: Hints | None = None) -> Document:
    """A Document of an HTML page's main content; `hints` (e.g. from a JSONL record) win over the page's."""
    from trafilatura import bare_extraction  # heavy (~0.25 s): only when HTML is met

    text = _XML_DECLARATION.sub("", text, count=1)
    if not _DOCUMENT.search(text[:4096]):  # a fragment ("<p>...</p>", a JSONL record's "html")
        text = f"<html><body>{text}</body></html>"
    text, flooded = _without_attribute_floods(text)
    tree = parse_html(text)
    if tree is None:
        raise InputError("not an HTML page (it could not be parsed)", source)
    if text.count("<") > MAX_LINES:  # (every element opens with one: most pages need no count)
        refuse_count(sum(1 for _ in tree.iter()), "elements")
    _merge_emphasis_runs(tree)
    warnings = [f"HTML nested deeper than {_LIBXML_MAX_DEPTH} levels: deeper content was skipped"] \
        if _too_deep(tree) else []
    if flooded:
        warnings.append(f"{flooded} tag(s) of more than {_MAX_ATTRIBUTES} attributes read without them")
    before = text_elements(tree) if options.keep_removed else None
    if is_error_page(tree):  # its "sorry, not found" text and teasers are no article (nor its metadata)
        return Document("", source=source, kind="html", blocks=removed_blocks(before, [], {}, Rule.HTML_ERROR_PAGE),
                        hints=merge_hints(hints, Hints()), warnings=warnings + ["the page is an HTTP error page (404)"])
    meta = page_metadata(tree)
    pruned = prune_boilerplate(tree)
    extracted = _as_extraction(bare_extraction(tree, **_EXTRACTION))
    if extracted is None or len(extracted.text or "") < _TRAFILATURA_MIN_SIZE:
        # a short note: below its minimum trafilatura falls back to flattening the whole page into one
        # paragraph; a lower minimum keeps the note's own blocks (the page tree is not changed by a run)
        extracted = _as_extraction(bare_extraction(tree, config=_short_note_config(), **_EXTRACTION))
    blocks = body_blocks(extracted.body, tree) if extracted is not None else []
    # the body's own <h1> is the page's <h1>, not a second witness
    meta.title = choose_title(meta.titles, meta.site_names,
                              [b.text for b in blocks[:_TITLE_WITNESS_BLOCKS] if b.tag != "h1"])
    # the headline stays a block (the classifier marks it as the title): where it stands is where
    # the article starts, not at a later copy of it (an embed preview, a share box)
    page = Hints(title=meta.title, author=meta.author, date=meta.date, url=meta.url,
                 image_credits=meta.image_credits)
    return Document("\n".join(b.text for b in blocks), source=source, kind="html",
                    blocks=blocks + removed_blocks(before, blocks, pruned, Rule.HTML_TRAFILATURA),
                    hints=merge_hints(hints, page), warnings=warnings)


def parse_html(text: str):
    """The page's tree as trafilatura's load_html parses a string, or None when it is no HTML.

    The parser is trafilatura's, with lxml.html's element classes looked up in C: its own lookup is
    a Python call for every element object made, and trafilatura's walks (and ours) make one for
    each element of the page many times over (5-10% of trafilatura.extract's CPU time). The tree's copies
    that trafilatura makes keep the parser, and with it the lookup; the classes are the same.
    """
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    try:
        tree = lxml.html.fromstring(text, parser=_parser())
    except Exception:  # a string with an encoding declaration (ValueError), or a parser error
        tree = None
    if tree is None or len(tree) < 1:  # (as trafilatura does) the page as UTF-8 bytes, once more
        try:
            tree = lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=_parser())
        except Exception:
            tree = None
    return None if tree is not None and is_dubious_html(beginning) and len(tree) < 2 else tree


@lru_cache(maxsize=1)
def _parser() -> etree.HTMLParser:
    from trafilatura.utils import HTML_PARSER

    classes = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity))
    classes.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    parser = HTML_PARSER.copy()
    parser.set_element_class_lookup(classes)
    return parser


_BY_TRAFILATURA = "menu, header, footer, sidebar, comments, script"  # what it removes, for --explain
_TEXT_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "tr", "blockquote",
                    "figcaption", "caption", "pre", "div", "section", "article", "main", "header", "footer",
                    "nav", "aside", "form", "ul", "ol", "table", "figure", "address", "body", "label", "button",
                    "option", "select", "textarea"}
_NOT_TEXT = {"script", "style", "noscript", "template", "head"}


def text_elements(tree) -> list[tuple[object, str, int]]:
    """(element, its own text, source line) for every block-level element of the page that holds
    text outside its block-level children: the page as lines, the way a browser shows it."""
    found = []
    body = tree.find(".//body")
    for element in (body if body is not None else tree).iter():
        if not isinstance(element.tag, str) or element.tag not in _TEXT_BLOCK_TAGS:
            continue
        if any(ancestor.tag in _NOT_TEXT for ancestor in element.iterancestors()):
            continue
        text = " ".join(" ".join(_own_text(element)).split())
        if text:
            found.append((element, text, element.sourceline or 0))
    return found


def _own_text(element) -> list[str]:
    """The element's text without that of its block-level (and non-text) descendants."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _TEXT_BLOCK_TAGS and child.tag not in _NOT_TEXT:
            parts += _own_text(child)
        parts.append(child.tail or "")
    return parts


def removed_blocks(before, extracted: list[Block], pruned: dict, otherwise: Rule) -> list[Block]:
    """The page's texts that are in no extracted block, as dropped blocks saying who removed them
    (`pruned`: element -> (rule, detail) of what prune_boilerplate removed)."""
    if before is None:
        return []
    in_output = _word_runs(extracted)
    blocks = []
    for element, text, line in before:
        if _holds_words(in_output, _WORD.findall(text)):
            continue
        default = (otherwise, _BY_TRAFILATURA if otherwise == Rule.HTML_TRAFILATURA else "")
        rule, detail = next((pruned[a] for a in (element, *element.iterancestors()) if a in pruned), default)
        blocks.append(Block(text, line, line, element.tag, role="drop", rule=rule, reason=described(rule, detail)))
    return blocks


_RUN_WORDS = 4
_WORD = re.compile(r"\w+")  # (not the punctuation next to it: "Name" is in "Name, 45,")


def _word_runs(blocks: list[Block]) -> set[tuple[str, ...]]:
    """Every run of up to _RUN_WORDS consecutive words of the blocks: what a text must be made of
    to be in them (a substring search per page text cost the page's size squared)."""
    runs: set[tuple[str, ...]] = set()
    for block in blocks:
        words = _WORD.findall(block.text)
        for n in range(1, _RUN_WORDS + 1):
            runs.update(zip(*(words[i:] for i in range(n))))
    return runs


def _holds_words(runs: set[tuple[str, ...]], words: list[str]) -> bool:
    """Whether the words are in the blocks of `runs`: each of their runs of _RUN_WORDS is (never
    when there are no words)."""
    n = min(len(words), _RUN_WORDS)
    return all(tuple(words[i:i + n]) in runs for i in range(len(words) - n + 1))


def _as_extraction(extracted: Extraction | dict[str, Any] | None) -> Extraction | None:
    # bare_extraction returns a dict only when asked for one (as_dict=True), which _EXTRACTION does not
    return cast("Extraction | None", extracted)


@lru_cache(maxsize=1)
def _short_note_config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_SHORT_NOTE_MIN_SIZE))
    return config


def is_error_page(tree) -> bool:
    """An error page says so in structure: an <h1> that is only a status code, or an error class on <body>."""
    if any(_STATUS_HEADING.fullmatch(" ".join(h1.text_content().split())) for h1 in tree.iter("h1")):
        return True
    body = tree.find(".//body")
    return body is not None and bool(_ERROR_CLASS.search(body.get("class", "")))


def merge_hints(first: Hints | None, second: Hints) -> Hints:
    """Each field from `first` when it has one, else from `second` (every field: a new one is not forgotten)."""
    if first is None:
        return second
    return Hints(**{f.name: getattr(first, f.name) or getattr(second, f.name) for f in fields(Hints)})


def prune_boilerplate(tree) -> dict:
    """Remove short elements whose class or id names them read-also, ad, share, tags, comments...,
    short forms (a poll, a comment or embed form) and the controls of any form.

    trafilatura misses some of these inside the article body (its fallbacks read the uncleaned page);
    the length and paragraph limits keep a container like <div class="post has-comments"> or a form
    around the whole page from being taken for one. Returns what it removed, each with the reason.
    """
    pruned = {}
    for element in _CONTROLS(tree):
        pruned[element] = (Rule.HTML_FORM_CONTROL, "")
        element.drop_tree()
    for element in _PRUNE_CANDIDATES(tree):
        named = _BOILERPLATE.search(f"{element.get('class', '')} {element.get('id', '')}")
        if not (named or element.tag == "form") or element.tag in _NEVER_PRUNED or element.getparent() is None:
            continue
        if len(element.text_content()) <= _BOILERPLATE_MAX_CHARS and (
                element.tag == "form" or len(element.findall(".//p")) <= 1):
            pruned[element] = (Rule.HTML_CLASS_ID, repr(named[0].strip(" _-"))) if named \
                else (Rule.HTML_FORM_CONTROL, "")
            element.drop_tree()  # keeps the element's tail text
    return pruned


def body_blocks(body, page=None) -> list[Block]:
    """trafilatura's XML body -> blocks: one per paragraph, heading, list item, quote, table row, <br> line,
    each with the source lines of the `page` it came from (0 where neither trafilatura kept them nor
    the page has an element starting with the block's text)."""
    blocks: list[Block] = []
    _element_blocks(body, "", 0, blocks)
    if page is not None and any(not b.first_line for b in blocks):
        starts = _text_starts(page)
        for block in blocks:
            if not block.first_line:
                block.first_line = block.last_line = starts.get(block.text[:_LINE_KEY], 0)
    return blocks


def _text_starts(page) -> dict[str, int]:
    """The source line of the first element whose own text (or the text after it) starts so, by its
    first characters."""
    starts: dict[str, int] = {}
    body = page.find("body")
    for element in (body if body is not None else page).iter():  # not <title>
        line = element.sourceline
        if line:
            for text in (element.text, element.tail):
                if text and not text.isspace():  # (its first _LINE_KEY words hold its first _LINE_KEY characters)
                    starts.setdefault(" ".join(text.split(None, _LINE_KEY)[:_LINE_KEY])[:_LINE_KEY], line)
    return starts


class _Run:
    """The text of a block being gathered, with what a <br> inside it asks about the text so far
    (its word count, its last character) kept up to date piece by piece: joining the pieces at
    every <br> cost a paragraph of thousands of them its length squared."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self.parts: list[str] = []
        self.words, self.last, self._ends_in_space = 0, "", True

    def add(self, text: str) -> None:
        self.parts.append(text)
        if not text:
            return
        words = text.split()
        if words:  # a piece that starts with no space before it goes on the word before
            self.words += len(words) - (not self._ends_in_space and not text[0].isspace())
            self.last = words[-1][-1]
        self._ends_in_space = text[-1].isspace()

    def take(self) -> str:
        text = " ".join("".join(self.parts).split())
        self._start()
        return text


def _element_blocks(element, tag: str, depth: int, out: list[Block]) -> None:
    run = _Run()
    run.add(element.text or "")
    lines = [_source_line(element)]  # where the text of `run` starts, and where its pieces are

    def flush() -> None:
        text = run.take()
        if text:
            first = lines[0] or min(filter(None, lines), default=0)
            out.append(Block(text, first, max(lines), tag))
        lines[:] = [lines[-1]]

    for child in element:
        if child.tag in _BLOCK_TAGS and depth < _MAX_NESTING:
            flush()
            _element_blocks(child, _block_tag(child, tag), depth + 1, out)
        elif child.tag == "lb":
            if _sentence_goes_on(run, _text_after(child)):
                run.add(" ")
            else:
                flush()
        elif child.tag == "cell" and depth < _MAX_NESTING and _holds_blocks(child):
            flush()  # a layout table: the cell is a page column, not a datum
            _element_blocks(child, "", depth + 1, out)
        elif child.tag == "cell":
            run.add(" | " if len(run.parts) > 1 else "")
            run.add("".join(child.itertext()))
        elif child.tag != "graphic":
            run.add("".join(child.itertext()))
        lines.append(_source_line(child))
        if not run.parts:  # the line after a <br> starts where the <br> is
            lines[:] = [lines[-1]]
        run.add(child.tail or "")
    flush()


def _source_line(element) -> int:
    """The page's source line of an element that trafilatura moved (a copy it made has none)."""
    return element.sourceline or next((e.sourceline for e in element.iterdescendants() if e.sourceline), 0)


def _holds_blocks(cell) -> bool:
    return any(e.tag in _BLOCK_TAGS or e.tag == "lb" for e in cell.iterdescendants())


def _text_after(element) -> str:
    """The text that follows an element: its tail, else the start of the next sibling."""
    if (element.tail or "").strip():
        return element.tail
    following = element.getnext()
    return "".join(following.itertext()) if following is not None else ""


def _sentence_goes_on(before: _Run, after: str) -> bool:
    """A <br> inside a sentence (a hard-wrapped paragraph): the line before runs on, unfinished,
    and the next one starts in lowercase. Short lines (a list, a poem, an address) keep their breaks."""
    after = after.strip()
    return bool(before.words and after) and after[0].islower() and before.last not in _LINE_ENDS \
        and before.words >= _RUN_ON_MIN_WORDS


def _block_tag(element, parent_tag: str) -> str:
    if element.tag == "head":
        rend = element.get("rend", "")
        return rend if re.fullmatch(r"h[1-6]", rend) else "h2"
    if parent_tag == "blockquote" and element.tag == "p":
        return "blockquote"
    return _BLOCK_TAGS[element.tag]


# The parser checks each attribute of a tag against the ones before it: a tag of tens of
# thousands costs their number squared (a crafted page stalled a batch for minutes).
_MAX_ATTRIBUTES = 1000
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>]+))?""")
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*)(\s[^<>]{" + str(4 * _MAX_ATTRIBUTES) + ",})>")


def _without_attribute_floods(text: str) -> tuple[str, int]:
    """The page with every tag of more than _MAX_ATTRIBUTES attributes stripped of them (a tag
    that long is found by its length first: a real page has none), and how many there were."""
    flooded = 0

    def stripped(match: re.Match[str]) -> str:
        nonlocal flooded
        if len(_ATTRIBUTE.findall(match[2])) <= _MAX_ATTRIBUTES:  # long values (a data: URI, an SVG path)
            return match[0]
        flooded += 1
        return f"<{match[1]}>"

    return _LONG_TAG.sub(stripped, text), flooded


# trafilatura merges adjacent <b>/<i>/<u> siblings one pair at a time, growing the merged text by
# a copy each time: a paragraph of thousands of bold words took seconds per thousand. Longer runs
# are merged here first, in one join (the same text: what trafilatura's merge makes of them).
_EMPHASIS = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u"}
_MAX_EMPHASIS_RUN = 32


def _merge_emphasis_runs(tree) -> None:
    for first in list(tree.iter(*_EMPHASIS)):
        if len(first) or first.getparent() is None or _joins_previous(first):
            continue  # not mergeable, merged away, or inside a run that its first element merges
        run = [first]
        while run[-1].tail is None or not run[-1].tail.strip():
            nxt = run[-1].getnext()
            if nxt is None or not _mergeable(nxt, first):
                break
            run.append(nxt)
        if len(run) > _MAX_EMPHASIS_RUN:
            first.text = "".join(part for e in run[:-1] for part in (e.text or "", e.tail or "")) + (run[-1].text or "")
            first.tail = run[-1].tail
            parent = first.getparent()
            for element in run[1:]:
                parent.remove(element)


def _mergeable(element, first) -> bool:
    return (isinstance(element.tag, str) and _EMPHASIS.get(element.tag) == _EMPHASIS[first.tag]
            and len(element) == 0)


def _joins_previous(element) -> bool:
    previous = element.getprevious()
    return (len(element) == 0 and previous is not None and _mergeable(previous, element)
            and not (previous.tail or "").strip())


def _too_deep(tree) -> bool:
    """Whether the parser hit its nesting limit (content below it is lost, silently otherwise)."""
    return _AT_MAX_DEPTH(tree)
