"""What a line is on its own (its shape, its local rule and the features of its text), computed
once per distinct line: menus, footers and prompts repeat inside a dump and across a batch (two
in three blocks of a set of real pages had been seen before), so the latest short lines are
kept in a bounded memo."""
from __future__ import annotations

from functools import lru_cache

from ..fields.vocabulary import Shape
from .features import own_features
from .rules import RELATIVE_TIME, TIME, Verdict, local_rule
from .scorer import own_sums

# lines, about 3 KB each: room for a page's chrome and its outlet's. On a set of real pages of
# 52 outlets it answered 0.62 of the short lines (8,192 lines: 0.68, for 8 times the memory)
_MEMO_SIZE = 1 << 10
_MEMO_LENGTH = 200  # characters: longer blocks are paragraphs, seldom seen twice


class LineFacts:
    __slots__ = ("shape", "rule", "own", "is_time", "_sums")

    def __init__(self, shape: Shape, rule: Verdict | None, own: tuple[float, ...]):
        self.shape, self.rule, self.own = shape, rule, own  # own: features.own_features
        text = shape.text
        self.is_time = bool(TIME.fullmatch(text.strip()) or RELATIVE_TIME.match(text))  # a time or "2 hours ago"
        self._sums: tuple[float, float] | None = None

    @property
    def sums(self) -> tuple[float, float]:
        """scorer.own_sums, on first use (the fit prepares blocks without the weights it fits)."""
        if self._sums is None:
            self._sums = own_sums(self.own)
        return self._sums


def line_facts(text: str, lang: str | None) -> LineFacts:
    return _remembered(text, lang) if len(text) <= _MEMO_LENGTH else _line_facts(text, lang)


def _line_facts(text: str, lang: str | None) -> LineFacts:
    shape = Shape(text)
    rule = local_rule(shape, lang)
    facts = LineFacts(shape, rule, own_features(shape, rule))
    shape.forget_leading()
    return facts


_remembered = lru_cache(maxsize=_MEMO_SIZE)(_line_facts)
