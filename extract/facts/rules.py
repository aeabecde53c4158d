"""Which numbers are facts, and of what kind: the rules run on each number of a sentence.

A number is looked at in this order (the first rule that decides wins; a skip names its reason):

1. Shape: clock times ("15:30", "8h30"), numbers glued to a name ("F0", "COVID-19", "5G"),
   document numbers ("1719/QĐ-TTg"), codes and phone numbers (a leading 0 and three or more
   digits), list numbering ("1." opening a sentence), unreadable or absurd values.
2. Slash forms "a/b": a date ("23/10", "10/2022", after a date word), a rank ("thứ 10/63"), or a
   ratio when a counted noun follows ("47/51 xã": value 47, the guideline's decision).
3. What stands before: ordinals ("Kỳ họp thứ 6" — but "đứng thứ 10" is a rank), "số N"
   (an address or document, but "số 1 Việt Nam" is rank 1), designators that name by number
   ("thôn 7", "Dự án 1", "Quân khu 9", "Điều 5": see data/designators.txt), acronyms ("OCOP 3 sao"),
   years ("năm 2022", a bare 4-digit 1900–2100 with no unit), days and months ("ngày 15", "tháng 5"),
   ages ("ở tuổi 65").
4. Ranges ("5 - 10 ha", "từ 5 đến 10", "60 - 70 triệu đồng"), multipliers, then the unit
   (:mod:`baodantoc.extract.facts.units`) gives the kind; a duration is dropped when it is an age ("81 tuổi",
   "50 năm tuổi Đảng") or an anniversary ("Kỷ niệm 90 năm ngày thành lập").
5. A number with no unit is kept only after a quantity word ("là", "đạt", "tổng số"…), as a count.
"""

from __future__ import annotations

from .lexicon import lexicon, match_after, match_before
from .numbers import parse_number, scale
from .shapes import Draft, Result, is_year, multiplier, shape_skip, skip, slash
from .units import UnitRead, read_unit
from .window import Window

__all__ = ["Draft", "Result", "analyze"]

_DASHES = frozenset({"-", "–", "—", "đến", "tới"})
_SO_COMPOUNDS = frozenset({"tổng", "con", "dân", "hệ", "tỷ", "tỉ", "điểm", "chỉ"})



def _left_skip(w: Window, i: int, value: float) -> Result | bool | None:
    """Rule 3. Returns a Result (skip or rank), True when the number is "designated" (only a
    percent, money or measure may follow), or None."""
    lex = lexicon()
    s, prev = w.syls[i], w.low_at(i - 1)
    j = i - 1 if prev in ("thứ", "số") else i
    if prev == "thứ":
        if match_before(w.low, j, lex.cue("rank_before")) or match_after(w.low, i + 1, lex.cue("rank_after")):
            return Result([Draft(i, i + 1, value, "rank", "rank")], used={i})
        return skip("ordinal", i)
    if prev == "số":
        if value <= 3 and match_after(w.low, i + 1, lex.cue("rank_scope")):
            return Result([Draft(i, i + 1, value, "rank", "rank")], used={i})
        # "số" inside a noun ("dân số", "tổng số", "con số") is no "number N" designator
        compound = w.low_at(i - 2) in _SO_COMPOUNDS or (i >= 2 and w.word_end(i - 2) >= i)
        if not compound:
            return skip("number as a name (số N)", i)
    if prev == "top" or w.low[max(0, i - 2) : i] == ["xếp", "hạng"]:
        return Result([Draft(i, i + 1, value, "rank", "rank")], used={i})
    if match_before(w.low, j, lex.cue("age")):
        return skip("age", i)
    k = match_before(w.low, j, lex.place_designators)
    if k and not match_before(w.low, j - k, lex.cue("repeat_before")):
        unit = read_unit(w, i + 1)
        if unit is None or (unit.kind == "count" and not match_after(w.low, i + 1, lex.cue("members"))):
            return skip("numbered place", i)
    k = match_before(w.low, j, lex.other_designators)
    # "mỗi tuần 3 buổi", "hằng đợt 20 người": a designator after "mỗi"/"hằng" is "every", not a name
    designated = (bool(k) and not match_before(w.low, j - k, lex.cue("repeat_before"))) or (
        i > 0 and w.syls[i - 1].acronym
    )
    if s.text.isdigit() and is_year(s.text) and prev in _DASHES and is_year(w.text_at(i - 2)):
        return skip("year", i)  # the end of "2021-2025"
    if s.text.isdigit() and is_year(s.text):
        unit = read_unit(w, i + 1)
        after = w.low_at(i + 1)
        if (
            match_before(w.low, i, lex.cue("year_before"))
            or unit is None
            or unit.kind == "duration"
            or (after in _DASHES and is_year(w.text_at(i + 2)))
        ):
            return skip("year", i)
    # "hằng tháng 5 triệu đồng" (every), "3 ngày 3 đêm" (a length): no date
    every = match_before(w.low, i - 1, lex.cue("repeat_before")) or (i >= 2 and w.syls[i - 2].is_num)
    if s.text.isdigit() and not every and (
        (value <= 31 and match_before(w.low, i, lex.cue("date_before"))) or (prev == "tháng" and value <= 12)
    ):
        unit = read_unit(w, _range(w, i, value)[3])
        if unit is None or unit.kind in ("count", "duration"):
            return skip("date" if prev != "tháng" else "month", i)
    k = i + 1
    if (
        w.low_at(k) in _DASHES | {"và", ","}
        and k + 1 < len(w)
        and w.syls[k + 1].is_num
        and w.text_at(k + 2) == "/"
        and w.glued(k + 1, k + 2)
    ):
        return skip("date", i)
    return designated or None


def _range(w: Window, i: int, value: float) -> tuple[float | None, int, float, int]:
    """Rule 4, ranges: (value_max, index after the last number, multiplier, index after it)."""
    factor_a, k = multiplier(w, i + 1)
    pct = w.text_at(k) == "%"
    k2 = k + 1 if pct else k
    if w.low_at(k2) in _DASHES and k2 + 1 < len(w) and w.syls[k2 + 1].is_num:
        b_i = k2 + 1
        if not (w.text_at(b_i + 1) == "/" and w.glued(b_i, b_i + 1)):
            b = parse_number(w.syls[b_i].text, w.style)
            factor_b, after = multiplier(w, b_i + 1)
            if pct and w.text_at(after) != "%":
                b = None
            if b is not None:
                fa = factor_a if factor_a != 1.0 else factor_b
                lo, hi = scale(value, fa), scale(b, factor_b)
                if lo is not None and hi is not None and hi > lo:
                    return hi, b_i, factor_b if factor_a == 1.0 else factor_a, after
    return None, i, factor_a, k


def analyze(w: Window, i: int) -> Result:
    """Decide what the number at syllable ``i`` is (see the module docstring)."""
    lex = lexicon()
    shape = shape_skip(w, i)
    if shape is not None:
        return shape
    value = parse_number(w.syls[i].text, w.style)
    if value is None:
        return skip("unreadable or absurd number", i)
    if w.text_at(i + 1) == "/" and i + 2 < len(w) and w.syls[i + 2].is_num and w.glued(i, i + 1) \
            and w.glued(i + 1, i + 2):
        return slash(w, i, value)
    left = _left_skip(w, i, value)
    if isinstance(left, Result):
        return left
    designated = left is True
    value_max, last_num, factor, k = _range(w, i, value)
    used = {i, last_num}
    scaled = scale(value, factor)
    if scaled is None:
        return Result(skip="unreadable or absurd number", used=used)
    if match_after(w.low, k, lex.cue("age")):
        return Result(skip="age", used=used)
    unit = read_unit(w, k)
    draft = _typed(w, i, k, scaled, factor, unit, designated)
    if isinstance(draft, str):
        return Result(skip=draft, used=used)
    draft.value_max = value_max
    _hedge(w, draft)
    if value_max is None:
        _unit_range(w, draft, used)
    return Result([draft], used=used)


def _unit_range(w: Window, d: Draft, used: set[int]) -> None:
    """"từ 300.000 đồng đến 2 triệu đồng/kg": a range whose ends both carry the unit is one fact."""
    k = d.last
    if w.low_at(k) not in _DASHES or k + 1 >= len(w) or not w.syls[k + 1].is_num:
        return
    other = analyze(w, k + 1)
    if len(other.drafts) != 1:
        return
    b = other.drafts[0]
    if b.kind == d.kind and b.value > d.value and (b.unit == d.unit or d.kind == "money"):
        d.value_max, d.last, d.unit = b.value, b.last, b.unit
        used |= other.used


def _typed(w: Window, i: int, k: int, value: float, factor: float, unit: UnitRead | None,
           designated: bool) -> Draft | str:
    """Rule 4/5: kind and unit from what follows the number, or a skip reason."""
    lex = lexicon()
    if unit is None:
        if factor != 1.0:
            kind = "money" if _money_context(w, i) else "count"
            return Draft(i, k, value, kind, "đồng" if kind == "money" else None)
        borrowed = _borrowed_unit(w, k)
        if borrowed is None and (designated or not _quantity_before(w, i)):
            return "number without unit"
        return Draft(i, k, value, "count", borrowed.unit if borrowed else None)
    if unit.kind in ("count", "duration") and designated:
        return "number as a name"
    if unit.kind == "duration":
        if match_after(w.low, unit.end, lex.cue("age")):
            return "age"
        if _anniversary(w, i, unit.end):
            return "anniversary"
        if unit.unit == "giờ" and (
            (unit.end < len(w) and w.syls[unit.end].is_num)
            or w.low_at(unit.end) in ("sáng", "chiều", "tối", "trưa", "đêm", "ngày", "hôm")
            or match_before(w.low, i, lex.cue("clock_before"))
            or (w.low_at(unit.end) in _DASHES and w.low_at(unit.end + 2) == "giờ")  # "7 giờ đến 11 giờ"
        ):
            return "clock"
    return Draft(i, unit.end, value, unit.kind, unit.unit, attrs=dict(unit.attrs), noun_at=unit.noun_at)


def _money_context(w: Window, i: int) -> bool:
    cues = lexicon().cue("money_context")
    return any(match_after(w.low, j, cues) for j in range(max(0, i - 12), i))


def _quantity_before(w: Window, i: int) -> bool:
    lex = lexicon()
    j = i - match_before(w.low, i, lex.hedges)
    return bool(match_before(w.low, j, lex.cue("quantity_before")))


def _borrowed_unit(w: Window, k: int) -> UnitRead | None:
    """"1 trong 4 mường", "1 trong số 5 xã": the bare number counts the noun of the second one."""
    if w.low_at(k) != "trong":
        return None
    k += 2 if w.low_at(k + 1) == "số" else 1
    if k < len(w) and w.syls[k].is_num:
        unit = read_unit(w, k + 1)
        if unit is not None and unit.kind == "count":
            return unit
    return None


def _anniversary(w: Window, i: int, end: int) -> bool:
    """"Kỷ niệm 90 năm", "truyền thống 77 năm", "75 năm thành lập": years named, not lasted."""
    lex = lexicon()
    if w.low_at(end - 1) != "năm":
        return False
    j = i - match_before(w.low, i, lex.hedges)
    if match_before(w.low, j, lex.cue("anniversary_before")):
        return True
    return bool(match_after(w.low, end, lex.cue("anniversary_after")))


def _hedge(w: Window, d: Draft) -> None:
    """Set approx from a hedge before the number (or before "từ") or "trở lên" after it."""
    lex = lexicon()
    j = d.first - 1 if w.low_at(d.first - 1) == "từ" else d.first
    h = match_before(w.low, j, lex.hedges)
    d.hedge_at = j - h
    if h or w.low[d.last : d.last + 2] in (["trở", "lên"], ["trở", "xuống"]):
        d.approx = True
