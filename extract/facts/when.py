"""When a number holds, and how we know: read sentence by sentence through the article.

For a number, the first of these that gives a period (``period_source`` in parentheses):

1. an expression that contains it: "9 tháng đầu năm 2021" for "9 tháng" (stated);
2. for a length of years, a range of the same length in the sentence: "3 năm … (giai đoạn
   2016 - 2018)" (stated);
3. its clause: an expression right after it ("giảm từ 31,5% năm 2015 xuống 8,6% năm 2019"), else
   the nearest expression before it, or the first after it, which wins when it only refines the
   one before ("năm 2024 … trong 2 ngày 29 và 30/11": ``2024-11``) (stated);
4. the nearest expression earlier in the sentence (stated);
5. the sentence before, when this one opens with a link back to it ("Theo đó", "Trong đó",
   "Cụ thể": ``cues.txt`` section ``period_link``) (carried);
6. the article's date (article_date), when the caller gave one.

A change stated against a year ("tăng 5 người so với năm 2021" in a sentence about 2022) holds
from that year to its own: ``2021/2022``. A partial expression ("tháng 5", "6 tháng đầu năm")
resolved from a year stated in an earlier sentence is carried, not stated. Work per sentence is
proportional to its expressions times its facts; nothing looks back further than one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..doc import Token
from .lexicon import lexicon
from .periods import Expr, find_exprs, render

STATED, CARRIED, ARTICLE_DATE = "stated", "carried", "article_date"
#: an expression right after a number is its own ("8,6% năm 2019", "1.200 hộ (năm 2022)")
_ADJACENT = re.compile(r"^\s*\(?\s*(?:năm|tháng|quý|ngày)?\s*$", re.I)
_YEARLY = ("year", "month", "day", "quarter", "months", "this_year")


@dataclass(frozen=True, slots=True)
class Resolved:
    """An expression with the period it states (None: not resolvable) and how that is known."""

    expr: Expr
    value: str | None
    source: str


@dataclass
class SentenceTime:
    """The time expressions of one sentence, resolved, and what the sentence before handed on."""

    exprs: list[Resolved]
    carried: tuple[str, str] | None  # (period, source) of the sentence before, when linked to it
    text: str = ""
    base: int = 0

    def between(self, start: int, end: int) -> str:
        """The sentence's text between two document offsets."""
        return self.text[start - self.base : end - self.base]


@dataclass
class Timeline:
    """What earlier sentences said about time: the article's running context."""

    published: date | None
    last_year: int | None = None  # the last year an earlier sentence stated
    last_month: tuple[int, int] | None = None  # (year, month) an earlier sentence stated last
    previous: tuple[str, str] | None = None  # the period that governs the end of the sentence before
    _linked: bool = field(default=False, repr=False)

    def read(self, text: str, base: int, tokens: list[Token], fact_spans: list[tuple[int, int]]) -> SentenceTime:
        """Resolve one sentence's expressions (``text`` starts at document offset ``base``); call
        once per sentence, in order, also for sentences without facts (they carry time on)."""
        exprs = find_exprs(text, base, tokens, fact_spans)
        resolved = [self._resolve(x, exprs) for x in exprs]
        linked = _opens_with_link(text)
        st = SentenceTime(resolved, self.previous if linked else None, text, base)
        self._advance(resolved, st.carried)
        return st

    def _resolve(self, x: Expr, exprs: list[Expr]) -> Resolved:
        if x.kind == "ytd":  # "5 tháng" means Jan-May only in a report about May
            month = self._month_context(x, exprs)
            if month is None or month[1] != x.b:
                return Resolved(x, None, STATED)
            return Resolved(x, render(x, month[0]), STATED)
        if x.has_year or (x.kind == "this_year" and self.published):
            year = x.year if x.year is not None else (self.published.year if self.published else None)
            return Resolved(x, render(x, year), STATED)
        if x.kind == "this_year":
            return Resolved(x, render(x, self.last_year), CARRIED)
        same = _sentence_year(x, exprs)
        if same is not None:
            return Resolved(x, render(x, same), STATED)
        if self.published is not None:
            return Resolved(x, render(x, self.published.year), STATED)
        return Resolved(x, render(x, self.last_year), CARRIED)

    def _month_context(self, x: Expr, exprs: list[Expr]) -> tuple[int, int] | None:
        for y in reversed(exprs):
            if y.start < x.start and y.kind in ("month", "day") and not y.skip:
                year = y.year or _sentence_year(y, exprs) or (self.published.year if self.published else None) \
                    or self.last_year
                return (year, y.a) if year else None
        return self.last_month

    def _advance(self, resolved: list[Resolved], carried: tuple[str, str] | None) -> None:
        own = [r for r in resolved if r.value and not r.expr.skip]
        for r in own:
            x = r.expr
            year = x.year if x.year is not None else _year_of(r.value)
            if x.kind in _YEARLY and year is not None:
                self.last_year = year
                if x.kind in ("month", "day"):
                    self.last_month = (year, x.a)
        if own:
            self.previous = (own[-1].value, own[-1].source)  # type: ignore[assignment]
        else:
            self.previous = carried


def _year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _sentence_year(x: Expr, exprs: list[Expr]) -> int | None:
    """The year of the nearest expression of the sentence that writes one."""
    best: tuple[int, int] | None = None
    for y in exprs:
        if y is x or y.skip or y.year is None:
            continue
        gap = x.start - y.end if y.end <= x.start else y.start - x.end
        if best is None or gap < best[0]:
            best = (gap, y.year)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _link() -> re.Pattern[str]:
    words = sorted((r"\s+".join(map(re.escape, p)) for p in lexicon().cue("period_link").phrases), key=len, reverse=True)
    return re.compile(r"[\W_]*(?:" + "|".join(words) + r")(?![^\W\d_])", re.I)  # past a dash, a quote


def _opens_with_link(text: str) -> bool:
    return _link().match(text) is not None


def choose(st: SentenceTime, start: int, end: int, clause: tuple[int, int], *, duration_years: float | None = None,
           compared: tuple[int, int] | None = None, change: bool = False,
           published: date | None = None) -> tuple[str | None, str | None]:
    """(period, period_source) of a fact at [start, end) in clause ``clause`` (module docstring);
    ``compared``: the span of its comparison ("so với năm 2021"), ``change``: it is a change."""
    usable = [r for r in st.exprs if r.value and not r.expr.skip
              and not (compared and compared[0] <= r.expr.start < compared[1])]
    value, source = _pick(usable, start, end, clause, duration_years, st.between)
    if value is None and st.carried:
        value, source = st.carried[0], CARRIED
    if value is not None and compared and change:
        value = _since_compared(st, value, compared)
    if value is None and published is not None:
        return published.isoformat(), ARTICLE_DATE
    return value, source if value is not None else None


def _pick(usable: list[Resolved], start: int, end: int, clause: tuple[int, int], duration_years: float | None,
          gap: Callable[[int, int], str] | None = None) -> tuple[str | None, str | None]:
    for r in usable:
        if r.expr.start <= start < r.expr.end:
            return r.value, r.source
    if duration_years:
        for r in usable:
            x = r.expr
            if x.kind in ("range", "years") and duration_years in (x.b - x.a, x.b - x.a + 1):
                return r.value, r.source
    before = [r for r in usable if r.expr.end <= start]
    in_clause = [r for r in before if r.expr.start >= clause[0]]
    after = next((r for r in usable if r.expr.start >= start and r.expr.start < clause[1]), None)
    if after and gap is not None and _ADJACENT.match(gap(end, after.expr.start)):
        return after.value, after.source  # "giảm từ 31,5% năm 2015 xuống còn 8,6% năm 2019"
    if in_clause:
        b = in_clause[-1]
        if after and after.value and b.value and after.value != b.value and after.value.startswith(b.value):
            return after.value, after.source
        return b.value, b.source
    if after:
        return after.value, after.source
    if before:
        return before[-1].value, before[-1].source
    return None, None


def _since_compared(st: SentenceTime, value: str, compared: tuple[int, int]) -> str:
    """ "tăng 5 người so với năm 2021" in a 2022 sentence holds over ``2021/2022``."""
    if not (len(value) == 4 and value.isdigit()):
        return value
    for r in st.exprs:
        x = r.expr
        if compared[0] <= x.start < compared[1] and x.kind == "year" and x.year and x.year < int(value):
            return f"{x.year}/{value}"
    return value
