"""Site names in titles: "Headline | Site", "Site — Headline". Plain string work, shared by the
readers (a page's <title>, a record's title) and the classifier (a headline line of a text dump)."""
from __future__ import annotations

import re
from collections.abc import Sequence

# " | Site", " — Site", " - Site", " :: Site", " · Site" at the end (or start) of a title.
SEPARATORS = re.compile(r"\s*:::\s*|\s+(?:\||—|–|-|::|:|·|•|/|»)\s+")
_STRONG_SEPARATORS = {"|", ":::", "::", "·", "•", "»"}  # rarely inside a headline, unlike dashes
SITE_NAME_MAX_WORDS = 4
_SITE_NAME_MAX_CHARS = 40
_HEADLINE_MIN_WORDS = 5  # before a dash-separated site name (the dash itself counts as a word)
DOMAIN = re.compile(r"\b[\w-]+\.(?:[a-z]{2,6})(?:\.[a-z]{2})?\b", re.IGNORECASE)


def squeezed(text) -> str | None:
    """The text with its runs of spaces folded to one; None for a blank or no text."""
    return " ".join(text.split()) if isinstance(text, str) and text.strip() else None


def fold(text: str | None) -> str:
    return " ".join((text or "").lower().replace("ё", "е").split())


def strip_site_name(title: str | None, site_names: Sequence[str | None] = (), capitalised: bool = True) -> str | None:
    """A title without a " | Site" (or " — Site", " - Site", "Site | ") segment.

    A known site name is removed wherever it sits at either end; without one, a trailing segment
    is removed when it is short and the separator is a strong one ("|") or the segment looks like
    a site name (a domain, or, when `capitalised`, every word capitalized: a page's <title> has a
    site name there, a headline line an attribution as often, "... - J. Smith").
    """
    title = squeezed(title)
    if not title:
        return title
    parts = SEPARATORS.split(title)
    separators = SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    known = {fold(name) for name in site_names if name and len(name) <= _SITE_NAME_MAX_CHARS}
    if fold(parts[-1]) in known:
        return title[: title.rfind(separators[-1])].strip()
    if fold(parts[0]) in known:
        return title[title.find(separators[0]) + len(separators[0]):].strip()
    if _looks_like_site_name(parts[-1], separators[-1].strip(), title, capitalised):
        return title[: title.rfind(separators[-1])].strip()
    return title


def _looks_like_site_name(segment: str, separator: str, title: str, capitalised: bool) -> bool:
    words = segment.split()
    if len(words) > SITE_NAME_MAX_WORDS or len(segment) > _SITE_NAME_MAX_CHARS or segment[-1] in ".!?…»\"":
        return False
    if separator in _STRONG_SEPARATORS or DOMAIN.search(segment):
        return True
    # after a dash: a short segment with every word capitalized ("Городские Новости"), not "это закон",
    # after a headline of several words (not "Динамо Киев — Шахтер Донецк")
    headline_words = len(title.split()) - len(words)
    return (capitalised and headline_words >= _HEADLINE_MIN_WORDS
            and all(w[0].isupper() or w[0].isdigit() for w in words))
