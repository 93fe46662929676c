"""Page metadata from structure, not text: JSON-LD, OpenGraph/meta tags, <title>, <h1>, <figcaption>.

Everything here reads one lxml tree that the HTML reader parsed once (and then hands to trafilatura).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..fields.credits import caption_credit
from ..fields.dates import parse_date

# schema.org types whose object describes the article itself (a type ending in "Article" also counts).
_ARTICLE_TYPES = {"blogposting", "newsarticle", "article", "report", "liveblogposting", "webpage"}
# " | Site", " — Site", " - Site", " :: Site", " · Site" at the end (or start) of a title.
_SEPARATORS = re.compile(r"\s+(?:\||—|–|-|::|·|•|/)\s+")
_STRONG_SEPARATORS = {"|", "::", "·", "•"}  # rarely inside a headline, unlike dashes
_SITE_NAME_MAX_WORDS = 4
_SITE_NAME_MAX_CHARS = 40
_HEADLINE_MIN_WORDS = 5  # before a dash-separated site name (the dash itself counts as a word)
_DOMAIN = re.compile(r"\b[\w-]+\.(?:[a-z]{2,6})(?:\.[a-z]{2})?\b", re.IGNORECASE)
_MAX_JSON_LD = 200_000  # characters: a larger script is not article metadata


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    site_names: list[str] = field(default_factory=list)
    image_credits: list[str] = field(default_factory=list)


def page_metadata(tree) -> PageMeta:
    """Title, author, publication date, URL, site names and photo credits of an HTML page."""
    article = _json_ld_article(tree)
    meta = _meta_tags(tree)
    site_names = _unique([meta.get("og:site_name"), _name(article.get("publisher"))])
    headline = _clean(article.get("headline") or article.get("name"))
    title = choose_title(headline, _texts(tree, "//h1"), meta.get("og:title"),
                         _clean(tree.findtext(".//title")), site_names)
    authors = _authors(article.get("author")) or _authors(meta.get("article:author") or meta.get("author"))
    date = _date(article.get("datePublished")) or _date(meta.get("article:published_time")) \
        or _date(meta.get("datepublished") or meta.get("pubdate") or meta.get("date")) or _time_element(tree) \
        or _dated_element(tree)
    url = _first(tree.xpath("//link[@rel='canonical']/@href")) or meta.get("og:url") or _url(article)
    return PageMeta(title=title, author=", ".join(authors) or None, date=date, url=url,
                    site_names=site_names, image_credits=_credits(tree))


def choose_title(headline: str | None, h1s: list[str], og_title: str | None, html_title: str | None,
                 site_names: list[str]) -> str | None:
    """The headline: an <h1> that the page's own titles confirm, else JSON-LD, og:title, <title>."""
    titles = [t for t in (headline, strip_site_name(og_title, site_names),
                          strip_site_name(html_title, site_names)) if t]
    for h1 in h1s:
        if any(_same_start(h1, t) for t in titles):
            return h1
    if titles:
        return titles[0]
    return h1s[0] if len(h1s) == 1 else None


def strip_site_name(title: str | None, site_names: list[str] = ()) -> str | None:
    """A title without a " | Site" (or " — Site", " - Site", "Site | ") segment.

    A known site name is removed wherever it sits at either end; without one, a trailing segment
    is removed when it is short and the separator is a strong one ("|") or the segment looks like
    a site name (a domain, or every word capitalized).
    """
    title = _clean(title)
    if not title:
        return title
    parts = _SEPARATORS.split(title)
    separators = _SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    known = {fold(name) for name in site_names if name and len(name) <= _SITE_NAME_MAX_CHARS}
    if fold(parts[-1]) in known:
        return title[: title.rfind(separators[-1])].strip()
    if fold(parts[0]) in known:
        return title[title.find(separators[0]) + len(separators[0]):].strip()
    if _looks_like_site_name(parts[-1], separators[-1].strip(), title):
        return title[: title.rfind(separators[-1])].strip()
    return title


def _looks_like_site_name(segment: str, separator: str, title: str) -> bool:
    words = segment.split()
    if len(words) > _SITE_NAME_MAX_WORDS or len(segment) > _SITE_NAME_MAX_CHARS or segment[-1] in ".!?…»\"":
        return False
    if separator in _STRONG_SEPARATORS or _DOMAIN.search(segment):
        return True
    # after a dash: a short segment with every word capitalized ("Городские Новости"), not "это закон",
    # after a headline of several words (not "Динамо Киев — Шахтер Донецк")
    headline_words = len(title.split()) - len(words)
    return headline_words >= _HEADLINE_MIN_WORDS and all(w[0].isupper() or w[0].isdigit() for w in words)


def _same_start(a: str, b: str) -> bool:
    """Equal titles, or one a prefix of the other (a shortened og:title, a truncated headline)."""
    a, b = fold(a).rstrip("….").strip(), fold(b).rstrip("….").strip()
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and longer.startswith(shorter) and len(shorter) * 2 >= len(longer)


def _json_ld_article(tree) -> dict:
    """The first JSON-LD object of an article type (inside @graph, lists or mainEntity too)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = script.text or ""
        if len(text) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
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


def _meta_tags(tree) -> dict[str, str]:
    """<meta property|name|itemprop=... content=...>, keys lowercased; the first of each key wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = _clean(meta.get("content"))
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
    return _clean(value) if isinstance(value, str) else None


def _url(article: dict) -> str | None:
    value = article.get("url") or article.get("mainEntityOfPage")
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _date(value) -> str | None:
    return parse_date(value) if isinstance(value, str) else None


def _time_element(tree) -> str | None:
    """A <time datetime> of the article (not of a sidebar list), or one marked as the publication."""
    for path in ("//article//time/@datetime", "//time[@pubdate or @itemprop='datePublished']/@datetime"):
        for value in tree.xpath(path):
            found = parse_date(value)
            if found:
                return found
    return None


# an element whose class says it holds the date: <div class="date">, <span class="post-time">
_DATED_ELEMENTS = ("//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')]"
                   "[string-length(normalize-space()) < 60]")


def _dated_element(tree) -> str | None:
    """Failing metadata: the first short element marked as a date that holds a full date, in the
    article when the page has one (a sidebar of dated headlines comes later in most layouts)."""
    scope = "//article" if tree.find(".//article") is not None else ""
    for element in tree.xpath(scope + _DATED_ELEMENTS)[:20]:
        found = parse_date(element.text_content())
        if found:
            return found
    return None


def _credits(tree) -> list[str]:
    """Photo credits from the captions of the article (or of the page when it has no <article>)."""
    scope = "//article" if tree.find(".//article") is not None else ""
    captions = tree.xpath(f"{scope}//figcaption | {scope}//*[contains(@class, 'credit')]"
                          f" | {scope}//*[contains(@class, 'caption')]")  # a credit needs its label too
    credits = []
    for caption in captions:
        if any(ancestor in captions for ancestor in caption.iterancestors()):
            continue
        credit = caption_credit(_clean(caption.text_content()) or "")
        if credit:
            credits.append(credit)
    return _unique(credits)


def _texts(tree, path: str) -> list[str]:
    return [t for t in (_clean(e.text_content()) for e in tree.xpath(path)) if t]


def _clean(text) -> str | None:
    return " ".join(text.split()) if isinstance(text, str) and text.strip() else None


def fold(text: str | None) -> str:
    return " ".join((text or "").lower().replace("ё", "е").split())


def _first(values: list) -> str | None:
    return _clean(values[0]) if values else None


def _unique(values) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(fold(value), value)
    return list(seen.values())
