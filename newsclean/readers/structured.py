"""Page metadata from structure, not text: JSON-LD, OpenGraph/meta tags, <title>, <h1>, <figcaption>.

Everything here reads one lxml tree that the HTML reader parsed once (and then hands to trafilatura).
"""
from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..fields.credits import caption_credit
from ..fields.dates import parse_date
from ..fields.sitenames import DOMAIN, SEPARATORS, SITE_NAME_MAX_WORDS, fold, squeezed, strip_site_name
from .jsontext import parse_json, replace_lone_surrogates

# schema.org types whose object describes the article itself (a type ending in "Article" also counts).
_ARTICLE_TYPES = {"blogposting", "newsarticle", "article", "report", "liveblogposting", "webpage"}
_SEPARATORS_KEPT = re.compile(f"({SEPARATORS.pattern})")
_WORDS = re.compile(r"\w+")
_MAX_TITLE_SEGMENTS = 8
_MAX_JSON_LD = 200_000  # characters: a larger script is not article metadata


@dataclass
class PageMeta:
    title: str | None = None  # set by choose_title once the body is known
    author: str | None = None
    date: str | None = None
    url: str | None = None
    site_names: list[str] = field(default_factory=list)
    image_credits: list[str] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)  # title candidates by source


def page_metadata(tree) -> PageMeta:
    """Author, publication date, URL, site names, photo credits and title candidates of an HTML page."""
    elements = _elements_by_tag(tree)
    article = _json_ld_article(elements["script"])
    meta = _meta_tags(elements["meta"])
    url = _canonical_url(elements["link"]) or meta.get("og:url") or _url(article)
    site_names = _unique([meta.get("og:site_name"), _name(article.get("publisher"))])
    h1s = elements["h1"]
    titles: dict[str, Sequence[str | None]] = {
        "ld": [squeezed(article.get("headline") or article.get("name"))], "og": [meta.get("og:title")],
        "title": [squeezed(elements["title"][0].text) if elements["title"] else None],
        "h1": [squeezed(h1.text_content()) for h1 in h1s], "h1-line": [_first_line(h1) for h1 in h1s],
        "heading": [squeezed(e.text_content()) for e in elements["heading"][:_MAX_HEADINGS]]}
    authors = _authors(article.get("author")) or _authors(meta.get("article:author") or meta.get("author"))
    in_article = bool(elements["article"])
    date = _date(article.get("datePublished")) or _date(meta.get("article:published_time")) \
        or _date(meta.get("datepublished") or meta.get("pubdate") or meta.get("date")) \
        or _time_element(elements["time"]) or _page_date(tree, url, in_article)
    return PageMeta(author=", ".join(authors) or None, date=date, url=url, site_names=site_names,
                    image_credits=_credits(tree, in_article),
                    titles={k: [t for t in v if t] for k, v in titles.items()})


# What page_metadata reads, gathered in one walk of the tree (in C: a search per kind walked it
# once each); <h2> and <h3> come together, in page order, as "heading".
_METADATA_TAGS = ("script", "meta", "link", "title", "h1", "h2", "h3", "time", "article")
_HEADING_TAGS = {"h2", "h3"}
_MAX_HEADINGS = 30  # the first <h2>/<h3> of the page are title witnesses


def _elements_by_tag(tree) -> dict[str, list]:
    found: dict[str, list] = {tag: [] for tag in _METADATA_TAGS if tag not in _HEADING_TAGS} | {"heading": []}
    for element in tree.iter(*_METADATA_TAGS):
        found["heading" if element.tag in _HEADING_TAGS else element.tag].append(element)
    return found


def _canonical_url(links) -> str | None:
    """The href of the first <link rel="canonical"> that has one."""
    hrefs = (link.get("href") for link in links if link.get("rel") == "canonical")
    return squeezed(next((href for href in hrefs if href is not None), None))


def _first_line(element) -> str | None:
    """An <h1> up to its first <br>: after it come a subtitle or a dateline."""
    br = element.find(".//br")
    if br is None:
        return None
    parts = []
    for node in element.iter():
        if node is br:
            break
        parts.append(node.text or "")
        if node is not element and br not in node.iterdescendants():
            parts.append(node.tail or "")
    return squeezed("".join(parts))


# Title candidates: (prior, weight as a witness for the others) by source. JSON-LD and og:title are
# written for the article; an <h1> alone may be a logo or a section name, but the headline a reader
# sees is the <h1> that another source confirms.
_TITLE_SOURCES = {"ld": (1.0, 2.0), "og": (0.8, 2.0), "title": (0.6, 2.0), "h1": (0.5, 2.5)}
_PART_PRIOR = 0.3  # a segment of a title, an <h1> of a page with several
_EDGE_PRIOR = -1.0  # a short first or last segment: the site's or the section's name, even when the logo repeats it
_WITNESSES = {"heading": 1.0, "body": 1.0}  # h2/h3 of the page, the first blocks of the body: witnesses only
_INSIDE = 0.5  # the candidate repeated inside a longer witness, or both sharing most of their start
_HOLDS = 0.25  # the witness inside the candidate: it vouches for part of it only
_PARTIAL_MIN_WORDS = 3
_SHARED_START = 0.8


def choose_title(titles: dict[str, list[str]], site_names: list[str], body: Sequence[str] = ()) -> str | None:
    """The headline: the candidate (JSON-LD, og:title, <title> and its segments, <h1>) with the best
    prior plus the support of the other sources that repeat it (equal, inside or around it)."""
    known = {_key(name) for name in site_names}
    h1s = titles.get("h1", [])
    candidates = [(_TITLE_SOURCES["h1"][0] if len(h1s) == 1 else _PART_PRIOR, "h1", text)
                  for text in h1s + titles.get("h1-line", [])]
    witnesses = {"h1": [_key(t) for t in h1s + titles.get("h1-line", [])],
                 "heading": [_key(t) for t in titles.get("heading", [])], "body": [_key(t) for t in body]}
    for source in ("ld", "og", "title"):
        witnesses[source] = []
        for text in titles.get(source, []):
            stripped = strip_site_name(text, site_names)
            assert stripped is not None  # None only for a blank title; the candidates are cleaned, not blank
            candidates.append((_TITLE_SOURCES[source][0], source, stripped))
            candidates += [(_EDGE_PRIOR if _short_edge(span, stripped) else _PART_PRIOR, source, span)
                           for span in _spans(stripped) if span != stripped]
            witnesses[source] += [_key(text), _key(stripped)]  # not its segments: those are its own
    weights = {source: weight for source, (_, weight) in _TITLE_SOURCES.items()} | _WITNESSES
    best, best_score = None, 0.0
    for prior, source, text in candidates:
        key = _key(text)
        if not key or key in known or DOMAIN.fullmatch(text):
            continue
        score = prior + sum(weights[other] * max((_support(key, w) for w in keys), default=0.0)
                            for other, keys in witnesses.items() if other != source)
        if score > best_score:
            best, best_score = text, score
    return best


def _spans(title: str) -> list[str]:
    """A title and every run of its separator-delimited segments ("A | B | C": A, A | B, B, B | C, C...).
    A title of more segments than a headline, a section and a site name have is a list (of
    keywords, say): it stays whole (its runs would be as many as its segments squared)."""
    pieces = _SEPARATORS_KEPT.split(title)  # segment, separator, segment...
    return [title] if len(pieces) == 1 or len(pieces) > 2 * _MAX_TITLE_SEGMENTS else \
        ["".join(pieces[i:j + 1]).strip() for i in range(0, len(pieces), 2) for j in range(i, len(pieces), 2)]


def _short_edge(span: str, title: str) -> bool:
    """A segment at either end of a title (not a run of several) of a site name's length."""
    return len(span.split()) <= SITE_NAME_MAX_WORDS and not SEPARATORS.search(span) \
        and (title.startswith(span) or title.endswith(span))


def _support(key: str, witness: str) -> float:
    if key == witness:
        return 1.0
    shorter = min(key, witness, key=len)
    if len(shorter.split()) < _PARTIAL_MIN_WORDS:
        return 0.0
    if f" {key} " in f" {witness} ":
        return _INSIDE
    if f" {witness} " in f" {key} ":
        return _HOLDS
    return _INSIDE if len(os.path.commonprefix((key, witness))) >= _SHARED_START * len(shorter) else 0.0


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(fold(text)))


def _json_ld_article(scripts) -> dict:
    """The first JSON-LD object of an article type (inside @graph, lists or mainEntity too)."""
    for script in scripts:
        if script.get("type") != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > _MAX_JSON_LD:
            continue
        try:
            data = parse_json(text)
        except ValueError:  # malformed or nested too deeply: optional metadata, ignored
            continue
        replace_lone_surrogates(data)
        found = _find_article(data)
        if found:
            return found
    return {}


def _find_article(data) -> dict | None:
    """Breadth-first over the JSON-LD structure (no recursion: depth is attacker-controlled)."""
    queue = [data]
    for item in queue:  # the list grows while it is walked
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            if _is_article(item.get("@type")):
                return item
            queue.extend(item.get(key) for key in ("@graph", "mainEntity", "mainEntityOfPage"))
        if len(queue) > 10_000:
            break
    return None


def _is_article(types) -> bool:
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and (t.lower() in _ARTICLE_TYPES - {"webpage"} or t.endswith("Article"))
               for t in types)


def _meta_tags(metas) -> dict[str, str]:
    """<meta property|name|itemprop=... content=...>, keys lowercased; the first of each key wins."""
    found: dict[str, str] = {}
    for meta in metas:
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = squeezed(meta.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _authors(value) -> list[str]:
    """Person names from a JSON-LD author (string, object or list of them) or a meta tag."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, dict) and str(item.get("@type", "")).lower() == "organization":
            continue
        name = _name(item)
        if name and not name.startswith(("http://", "https://")):
            names.append(name)
    return _unique(names)


def _name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return squeezed(value) if isinstance(value, str) else None


def _url(article: dict) -> str | None:
    value = article.get("url") or article.get("mainEntityOfPage")
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _date(value) -> str | None:
    return parse_date(value) if isinstance(value, str) else None


def _time_element(times) -> str | None:
    """A <time datetime> of the article (not of a sidebar list), or one marked as the publication."""
    dated = [time for time in times if time.get("datetime") is not None]
    in_article = [time for time in dated if next(time.iterancestors("article"), None) is not None]
    marked = [time for time in dated if time.get("pubdate") is not None or time.get("itemprop") == "datePublished"]
    for time in in_article + marked:
        found = parse_date(time.get("datetime"))
        if found:
            return found
    return None


# an element whose class says it holds the date: <div class="date">, <span class="post-time">; the
# class attributes are searched, not every element (a third of the cost)
_DATE_CLASS = "@class[contains(., 'date') or contains(., 'time') or contains(., 'publish')]/parent::*"
_SHORT = "[string-length(normalize-space()) < 60]"
_DATED_ELEMENTS = etree.XPath(f"//{_DATE_CLASS}{_SHORT}")
_DATED_ELEMENTS_IN_ARTICLE = etree.XPath(f"//article/descendant::*/{_DATE_CLASS}{_SHORT}")
_DATED_ELEMENTS_TRIED = 20


def _page_date(tree, url: str | None, in_article: bool) -> str | None:
    """Failing a published date in metadata: htmldate's reading of the <head> and the URL (the original
    date before an update), a short element marked as a date, then htmldate's reading of the whole
    markup (it copies the page: a tenth of trafilatura's cost; its search of the text costs more
    than trafilatura's extraction, and is not made)."""
    from htmldate import find_date  # trafilatura's dependency, loaded with it

    head = tree.find("head")
    return (head is not None and find_date(_alone(head), extensive_search=False, original_date=True, url=url)) \
        or _dated_element(tree, in_article) or find_date(tree, extensive_search=False, original_date=True, url=url)


def _alone(head):
    """A copy of the page's <head> as a page of its own (the <head> itself would leave the page)."""
    page = lxml.html.Element("html")
    page.append(copy.deepcopy(head))
    return page


def _dated_element(tree, in_article: bool) -> str | None:
    """Failing metadata: the first short element marked as a date that holds a full date, in the
    article when the page has one (a sidebar of dated headlines comes later in most layouts)."""
    dated = _DATED_ELEMENTS_IN_ARTICLE if in_article else _DATED_ELEMENTS
    for element in dated(tree)[:_DATED_ELEMENTS_TRIED]:
        found = parse_date(element.text_content())
        if found:
            return found
    return None


# a credit needs its label too: the whole caption; the class attributes are searched, not every element
_CAPTION_CLASS = "@class[contains(., 'credit') or contains(., 'caption')]/parent::*"
_CAPTIONS = etree.XPath(f"//figcaption | //{_CAPTION_CLASS}")
_CAPTIONS_IN_ARTICLE = etree.XPath(f"//article//figcaption | //article/descendant::*/{_CAPTION_CLASS}")


def _credits(tree, in_article: bool) -> list[str]:
    """Photo credits from the captions of the article (or of the page when it has no <article>)."""
    captions = (_CAPTIONS_IN_ARTICLE if in_article else _CAPTIONS)(tree)
    inside = set(captions)  # (a set: a page of thousands of captions cost their number squared)
    credits = []
    for caption in captions:
        if any(ancestor in inside for ancestor in caption.iterancestors()):
            continue
        credit = caption_credit(squeezed(caption.text_content()) or "")
        if credit:
            credits.append(credit)
    return _unique(credits)


def _unique(values) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(fold(value), value)
    return list(seen.values())
