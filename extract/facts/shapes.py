"""The written shape of a number: what it is before any context word is read.

Rule 1 and 2 of :mod:`baodantoc.extract.facts.rules` — clock times, names glued to digits ("F0", "5G",
"COVID-19"), document numbers ("1719/QĐ-TTg"), codes and phone numbers, list numbering, and the
slash forms "a/b" (a date, a rank "thứ 10/63", or a ratio "47/51 xã") — plus the records the rules
pass around (:class:`Draft`, :class:`Result`) and the multiplier reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import PhraseSet, lexicon, match_after, match_before
from .numbers import MULTIPLIER_BLOCKERS, MULTIPLIERS, parse_number
from .syllables import phrase
from .units import read_unit
from .window import Window

_MULTS = PhraseSet.of(list(MULTIPLIERS))
_MULT_VALUE = {phrase(k): v for k, v in MULTIPLIERS.items()}
_LIST_MARKS = frozenset({".", ")", "/"})


@dataclass
class Draft:
    """A fact found in a sentence, in syllable indices (turned into a Fact by the component)."""

    first: int  # index of the first number syllable (the fact text starts here)
    last: int  # index after the fact text
    value: float
    kind: str
    unit: str | None
    value_max: float | None = None
    approx: bool = False
    hedge_at: int = -1  # index where the hedge (or the number) begins
    attrs: dict[str, Any] = field(default_factory=dict)
    noun_at: int = -1  # where the counted noun begins, for the subject


@dataclass
class Result:
    """What one number gave: drafts (usually one), or a skip reason; plus the numbers it used."""

    drafts: list[Draft] = field(default_factory=list)
    skip: str | None = None
    used: set[int] = field(default_factory=set)


def skip(reason: str, *used: int) -> Result:
    return Result(skip=reason, used=set(used))


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def multiplier(w: Window, k: int) -> tuple[float, int]:
    """(factor, index after) for a multiplier word at ``k``; (1.0, k) when there is none."""
    m = match_after(w.low, k, _MULTS)
    if not m or w.low_at(k + m) in MULTIPLIER_BLOCKERS:
        return 1.0, k
    return _MULT_VALUE[tuple(w.low[k : k + m])], k + m


def shape_skip(w: Window, i: int) -> Result | None:
    """Rule 1: numbers whose written shape says they are no quantity."""
    s, n = w.syls[i], len(w)
    nxt = w.syls[i + 1] if i + 1 < n else None
    if ":" in s.text:
        return skip("clock", i)
    if w.low_at(i - 1) in ("giờ", "h") and i >= 2 and w.syls[i - 2].is_num:  # "8 giờ 30 (phút)"
        return skip("clock", i)
    if nxt is not None and w.glued(i, i + 1):
        if nxt.low in ("h", "g") and i + 2 < n and w.syls[i + 2].is_num and w.glued(i + 1, i + 2):
            return skip("clock", i, i + 2)
        if nxt.text == "/" and i + 2 < n and w.syls[i + 2].is_word and w.glued(i + 1, i + 2):
            return skip("document number", i)
        if nxt.is_word and len(nxt.text) == 1 and nxt.text.isupper():
            return skip("name with digits", i)
        if nxt.is_word and not (
            match_after(w.low, i + 1, lexicon().unit_phrases)
            or multiplier(w, i + 1)[0] != 1.0
            or (nxt.text.islower() and len(nxt.text) >= 2)
        ):
            return skip("name with digits", i)
    if i > 0 and w.glued(i - 1, i):
        prev = w.syls[i - 1]
        if prev.is_word or (prev.text == "-" and i >= 2 and w.syls[i - 2].is_word and w.glued(i - 2, i - 1)):
            return skip("name with digits", i)
    if s.text.isdigit() and s.text.startswith("0") and len(s.text) >= 3:
        return skip("code or phone number", i)
    if match_before(w.low, i, lexicon().cue("phone_before")):
        return skip("code or phone number", i)
    if i == 0 and nxt is not None and nxt.text in _LIST_MARKS and not (i + 2 < n and w.syls[i + 2].is_num):
        return skip("list numbering", i)
    return None


def slash(w: Window, i: int, a: float) -> Result:
    """Rule 2: "a/b" (and "a/b/c")."""
    n, b_i = len(w), i + 2
    b_text = w.syls[b_i].text
    if b_i + 1 < n and w.syls[b_i + 1].text == "/" and w.glued(b_i, b_i + 1):
        used = {i, b_i} | ({b_i + 2} if b_i + 2 < n and w.syls[b_i + 2].is_num else set())
        return Result(skip="date", used=used)
    b = parse_number(b_text, w.style)
    if b is None:
        return skip("unreadable number", i, b_i)
    if w.low_at(i - 1) == "thứ":
        return Result([Draft(i, b_i + 1, a, "rank", "rank", attrs={"out_of": b})], used={i, b_i})
    lex = lexicon()
    prev = w.low_at(i - 1)
    date_cue = match_before(w.low, i, lex.cue("date_before")) or (
        prev != "trong" and match_before(w.low, i, lex.cue("year_before"))
    )
    named_day = i > 1 and w.syls[i - 1].capitalized and 1 <= a <= 31 and 1 <= b <= 12  # "Quốc khánh 2/9"
    if date_cue or named_day or prev in ("tháng", "tuần", "quý") or is_year(b_text):
        return skip("date", i, b_i)
    unit = read_unit(w, b_i + 1)
    if unit is not None and unit.kind == "count" and 0 <= a <= b:
        draft = Draft(i, unit.end, a, "ratio", unit.unit, attrs={"denominator": b}, noun_at=unit.noun_at)
        return Result([draft], used={i, b_i})
    if a.is_integer() and b.is_integer() and 1 <= a <= 31 and 1 <= b <= 12:
        return skip("date", i, b_i)
    return skip("fraction without unit", i, b_i)
