"""Character-level normalization that keeps lines: entities, NFC, invisibles, spaces.

NFC, not NFKC: "№", "м²", "½" and ligature-free typography must survive as written.

HTML entities are decoded only in their complete form with the semicolon ("&laquo;",
"&#171;", "&#xAB;"): html.unescape alone would also decode "&copy" or "&times" without
it, which breaks URL query strings ("?a=1&times=2"). Decoding repeats until nothing is
left, so a double-escaped "&amp;laquo;" (a CMS escaping twice) becomes "«": a literal
entity is never meant as article text, and a single pass would not be idempotent.
"""
from __future__ import annotations

import re
import unicodedata

from .charview import CP1251_CHARS, ByteSet, char_view

# Soft hyphen, zero-width space/joiners, word joiner and invisible operators, BOM,
# bidi marks, embeddings and isolates, Arabic letter mark, combining grapheme joiner,
# Mongolian vowel separator; and C0 control characters other than tab and line breaks.
_INVISIBLE_CHARS = ("\u00ad\u034f\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                    "\x00-\x08\x0e-\x1f\x7f")
# The zero-width joiner too, but between two pictographs, where it makes one emoji of them
# (👨‍👩‍👧, ❤️‍🔥: the variation selector before it belongs to the first)
_PICTOGRAPH = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]|(?<![{_PICTOGRAPH}\ufe0f])\u200d|\u200d(?![{_PICTOGRAPH}])")
_VISIBLE = re.compile(f"[^\\s{_INVISIBLE_CHARS}\u200d]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAK = re.compile("[\r\v\f\u2028]")
# Every Unicode space but the line break: NBSP, thin, figure, tab... Clean text has only
# single plain spaces, so the fold runs only when _ODD_SPACE or a double space is found;
# it replaces runs of spaces, and single spaces other than " " (a plain one stays as it is)
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_ODD_SPACE = re.compile(r"[^\S\n ]")
# A space at either end of a line, found from the line break: re skips to a literal fast.
_SPACE_AT_LINE_EDGE = re.compile("\n(?:(?<= \n)|(?= ))")


def decode_entities(text: str) -> str:
    """Decode complete HTML entities until none is left (double escaping); drops invisibles.

    Invisibles go in the same loop because removing one can complete an entity
    ("&am\u00adp;"). Every pass that changes the text shortens it, so the loop ends. Passes
    over the whole text are fast for the usual one or two levels of escaping, but take time
    squared for a text escaped many times over ("&amp;amp;amp;..."): after _PASSES, the
    rest is decoded in one go from the end.
    """
    for _ in range(_PASSES):
        if "&" not in text:
            return text
        decoded = _INVISIBLE.sub("", _ENTITY.sub(_unescape, text))
        if decoded == text:
            return text
        text = decoded
    return _decode_from_end(text) if "&" in text else text


def _unescape(match: re.Match[str]) -> str:
    return _html_unescape(match.group())


def _html_unescape(entity: str) -> str:
    from html import unescape  # its table of 2,000 entities: imported for a text with an "&" only

    return unescape(entity)


_PASSES = 2


def _decode_from_end(text: str) -> str:
    """decode_entities in time linear in the text: an "&" put before text that is decoded
    already can begin an entity only right there, and what that entity decodes to is put
    before in turn. Entities never overlap, so whatever the order, the end is the same."""
    done: list[tuple[str, int]] = []  # the decoded end of the text as (piece, offset), first last
    todo = _split_at_ampersands(_INVISIBLE.sub("", text))  # what goes before it, last first
    while todo:
        item = todo.pop()
        if item != "&":
            _prepend(done, item)
            continue
        entity = _ENTITY.match("&" + _head(done, _LONGEST_ENTITY - 1))
        decoded = _INVISIBLE.sub("", _html_unescape(entity.group())) if entity else None
        if entity is None or decoded is None or decoded == entity.group():  # not an entity, or an unknown one
            _prepend(done, "&")
        else:
            _drop(done, entity.end() - 1)
            todo += _split_at_ampersands(decoded)
    return "".join(piece[offset:] for piece, offset in reversed(done))


_LONGEST_ENTITY = 34  # "&", a letter and 31 letters or digits, ";"
_SHORT = 64  # pieces shorter than this are joined, so that the head of the text is in one or two


def _split_at_ampersands(text: str) -> list[str]:
    """The text as its pieces between "&"s and the "&"s themselves, empty pieces left out."""
    items = []
    for i, piece in enumerate(text.split("&")):
        if i:
            items.append("&")
        if piece:
            items.append(piece)
    return items


def _prepend(done: list[tuple[str, int]], piece: str) -> None:
    if done and len(piece) < _SHORT and len(done[-1][0]) - done[-1][1] < _SHORT:
        first, offset = done.pop()
        piece += first[offset:]
    done.append((piece, 0))


def _head(done: list[tuple[str, int]], size: int) -> str:
    head = ""
    for piece, offset in reversed(done):
        head += piece[offset:offset + size - len(head)]
        if len(head) == size:
            break
    return head


def _drop(done: list[tuple[str, int]], count: int) -> None:
    """Drop the first `count` characters (an offset into a long piece, not a copy of it)."""
    while count:
        piece, offset = done.pop()
        if len(piece) - offset > count:
            done.append((piece, offset + count))
            return
        count -= len(piece) - offset


def _is_clean(text: str) -> bool:
    """A fast check that the text is already normalized: most input is, and then nothing
    needs to run."""
    view = char_view(text)
    if view.exact:
        # cp1251 characters are NFC whatever their neighbours: a step below would change
        # only those of _CHANGED_IN_CP1251, or spaces
        return (not _CHANGED_IN_CP1251.found_in(view.bytes)
                and b"  " not in view.bytes and _no_space_at_line_edge(text))
    # str.isprintable() (C speed, unlike a regex scan) is False for every control, format
    # (invisible) and non-ASCII space character; "&" and the combining grapheme joiner are
    # the only printable characters that a step below would change
    return (
        "&" not in text and "\u034f" not in text
        and "  " not in text and _no_space_at_line_edge(text)
        and text.replace("\n", "").isprintable()
        and unicodedata.is_normalized("NFC", text)
    )


# The cp1251 characters a step below changes: "&" (an entity) and the unprintable ones
# (controls, NBSP, soft hyphen).
_CHANGED_IN_CP1251 = ByteSet("&" + "".join(c for c in CP1251_CHARS if c != "\n" and not c.isprintable()))


def _no_space_at_line_edge(text: str) -> bool:
    return text[:1] != " " and text[-1:] != " " and not _SPACE_AT_LINE_EDGE.search(text)


def holds_nothing(text: str) -> bool:
    """Whether a text is only white space and invisible characters (an empty input): found at
    its first visible character, without a copy of the text."""
    return _VISIBLE.search(text) is None


def normalize_chars(text: str) -> str:
    """Decode entities, NFC, drop invisibles, fold spaces; line breaks are kept (as \\n)."""
    return text if _is_clean(text) else _normalize(text)


def _normalize(text: str) -> str:
    text = decode_entities(text)
    text = _LINE_BREAK.sub("\n", text.replace("\r\n", "\n")).replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
