"""Time expressions of a sentence, and what each one says a number's period is.

A period is written in ISO 8601 interval style (``docs/FACTS.md`` has the table):

=======================================  ====================  ===============================
text                                     period                kind
=======================================  ====================  ===============================
"năm 2022", "2022"                       ``2022``              year
"giai đoạn 2021-2025", "2021 đến 2025"   ``2021/2025``         range
"các năm 2009, 2014 và 2019"             ``2009/2019``         years (first to last)
"6 tháng đầu năm 2023", "9 tháng 2023"   ``2023-01/2023-06``   months
"quý II/2023"                            ``2023-04/2023-06``   quarter
"tháng 10/2022", "tháng 5"               ``2022-10``           month
"ngày 12/5/2021", "sáng 23/10"           ``2021-05``           day (an event: its month)
"tính đến ngày 23/3/2020"                ``../2020-03-23``     a day or month after "tính đến"
"từ năm 2019 đến nay" / "từ năm 2019"    ``2019/now`` ``2019/..``  after "từ"
"thu ngân sách 5 tháng" after "tháng 5"  ``2022-01/2022-05``   ytd (a monthly report's N months)
"đến nay", "hiện nay", "hiện có", ", nay"  ``../now``            now
"năm nay"                                the article's year    this_year
=======================================  ====================  ===============================

An expression that writes no year ("6 tháng đầu năm", "tháng 5", "quý II", "sáng 23/10") takes the
year the same sentence states, else the article's year (``published_at``), else the last year the
article stated before (then the period is *carried*); without any it gives no period.

Never a period: a date after "so với" (a comparison's), after a document number ("Quyết định số
3271/QĐ-UBND ngày 20/12/2021") or after "sinh" (a birth); such expressions are kept with
``skip`` so they still hide nothing and are never chosen. A 4-digit number that is itself a fact
("2000 hộ") is no year. "nhiều năm nay", "N năm qua" state no period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ..doc import Token

_Y = r"((?:19|20)\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d/.,])"
_NOT_NUM_AFTER = r"(?![\d%])(?![/.,]\d)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DAY_CUES = r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|mùng|mồng)"

#: (kind, pattern); earlier kinds win where matches overlap. Matched on the lower-cased sentence
#: (case-insensitive matching costs several times more on Vietnamese).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(rf"{_NOT_NUM_BEFORE}{_Y}\s*(?:-|–|đến|tới)\s*(?:năm\s+)?{_Y}{_NOT_NUM_AFTER}")),
    ("years", re.compile(rf"{_NOT_NUM_BEFORE}{_Y}(?:\s*,\s*(?:19|20)\d\d)*\s*(?:,|và)\s*{_Y}{_NOT_NUM_AFTER}")),
    ("months", re.compile(rf"(?<![\d.,])(\d{{1,2}})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(?:nay|{_Y}))?")),
    ("months", re.compile(rf"(?<![\d.,])(\d{{1,2}})\s+tháng\s*(?:năm\s+|/\s*){_Y}{_NOT_NUM_AFTER}")),
    ("ytd", re.compile(r"(?<![\d.,])(\d{1,2})\s+tháng(?![^\W\d_])(?!\s*(?:đầu|cuối|qua|tới|trước|sau|nay|năm|tuổi|lương|/|\d))")),
    ("quarter", re.compile(rf"quý\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|năm)\s*{_Y})?")),
    ("day", re.compile(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/{_Y}{_NOT_NUM_AFTER}")),
    ("day", re.compile(rf"{_DAY_CUES}\s+(\d{{1,2}})(?:\s*(?:và|,|-|–)\s*\d{{1,2}})?/(\d{{1,2}})(?![/\d])")),
    ("month", re.compile(rf"tháng\s+(\d{{1,2}})(?:\s*(?:/|năm)\s*{_Y})?(?![\d/])")),
    ("year", re.compile(rf"{_NOT_NUM_BEFORE}(?<!\d[.,]){_Y}{_NOT_NUM_AFTER}")),
    ("now", re.compile(r"(?:đến|tới)\s+(?:nay|thời\s+điểm\s+(?:này|hiện\s+tại))|hiện\s+(?:nay|tại|giờ)|giờ\s+đây"
                       r"|thời\s+điểm\s+(?:này|hiện\s+tại)")),
    ("now", re.compile(r"(?<![^\W\d_])hiện(?![^\W\d_])")),  # "hiện có": checked against the words
    ("now", re.compile(r"(?:^|(?<=[,;:]\s)|(?<=[,;:]))\s*(?:ngày\s+)?nay(?![^\W\d_])")),  # ", nay thôn còn 9 hộ"
    ("this_year", re.compile(r"(?<![^\W\d_])năm\s+nay")),
]
#: words before "N tháng" that make it a length of time ("trong 3 tháng"), not the first N months of
#: the year a monthly report means ("thu ngân sách 5 tháng ước đạt …")
_DURATION_WORDS = frozenset({"trong", "sau", "mất", "khoảng", "gần", "hơn", "suốt", "vòng", "chừng", "ngót", "được",
                             "có", "thêm", "trên", "dưới", "tới", "đến", "cách", "dài", "mỗi", "hàng", "từ", "vài",
                             "những", "các", "mấy", "nhiều", "còn", "tối", "đủ"})
#: "lũy kế 9 tháng", "tính chung 9 tháng": the first months of the year, whatever month is reported
_YEAR_TO_DATE = re.compile(r"(?:lũy\s+kế|luỹ\s+kế|tính\s+chung|cộng\s+dồn)\s+$", re.I)
#: a sentence without any of these has no time expression (checked first: it is most sentences)
_ANY_TIME = re.compile(r"\d|nay|hiện|giờ|thời\s+điểm", re.I)
#: what stands right before a date that is no period of the sentence's numbers
_SKIP_BEFORE = re.compile(
    r"(?:so\s+với\s+(?:cùng\s+kỳ\s+)?(?:(?:năm|tháng|quý)\s+)?"  # a comparison's
    r"|\d+(?:/\d+)*/[A-ZĐ][\w-]*\s*,?\s*(?:ngày\s+)?"  # a document's ("1719/QĐ-TTg ngày 25/11/2022")
    r"|sinh\s+(?:(?:vào\s+)?(?:năm|ngày|tháng)\s+)?)$", re.I)
_UNTIL_BEFORE = re.compile(r"(?:tính\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+|tháng\s+|năm\s+)?"
                           r"|(?:đến|tới)\s+(?:hết\s+)?ngày\s+)$", re.I)
_SINCE_BEFORE = re.compile(r"(?:kể\s+)?từ\s+(?:đầu\s+)?(?:(?:năm|tháng)\s+)?$", re.I)
_NOW_AFTER = re.compile(r"\s*(?:đến|tới)\s+nay", re.I)
#: words before "năm nay" that make it "for N years" ("nhiều năm nay"), not "this year"
_SPAN_WORDS = frozenset({"nhiều", "mấy", "các", "những", "bao", "vài", "hàng", "hai", "ba", "mươi"})
#: "hiện" is "now" only as a word of its own ("hiện có", "Hiện toàn xã"), not inside "thực hiện",
#: "hiện đại"; without tokens, the words that glue to it before or after say so
_HIEN_BEFORE = frozenset({"thực", "xuất", "phát", "thể", "biểu", "tái", "hiển", "trình", "hiện", "ẩn"})
_HIEN_AFTER = frozenset({"đại", "tượng", "trạng", "thực", "vật", "hành", "diện", "hữu", "thân", "hình", "ra",
                         "lên", "rõ", "nay", "tại", "giờ", "trường"})


@dataclass(frozen=True, slots=True)
class Expr:
    """A time expression: where it is, what it says, and whether it may be a fact's period."""

    start: int
    end: int
    kind: str
    year: int | None = None  # the year written, None when the text leaves it to context
    a: int = 0  # range/years: first year; months: first month; quarter; month
    b: int = 0  # range/years: last year; months: last month
    day: int = 0
    bound: str = ""  # "until" (tính đến …), "since" (từ …), "since_now" (từ … đến nay)
    skip: bool = False  # a comparison's or a document's date: blocks nothing, never chosen

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.kind in ("range", "years", "now")


def _expr(kind: str, m: re.Match[str], base: int) -> Expr | None:
    g = m.groups()
    s, e = base + m.start(), base + m.end()
    if kind in ("range", "years"):
        first, last = int(g[0]), int(g[-1])
        return Expr(s, e, kind, a=first, b=last) if first < last else None
    if kind in ("ytd", "months") and len(g) == 1:  # "5 tháng" of a monthly report, "lũy kế 9 tháng"
        n = int(g[0])
        return Expr(s, e, kind, a=1, b=n) if 2 <= n <= 12 else None
    if kind == "months":
        n = int(g[0])
        if not 1 <= n <= 12:
            return None
        year = g[-1] if g[-1] and g[-1].isdigit() else None
        first, last = (13 - n, 12) if len(g) == 3 and (g[1] or "").lower() == "cuối" else (1, n)
        this = "nay" in m.group().lower()
        return Expr(s, e, "this_year" if this else kind, int(year) if year else None, first, last)
    if kind == "quarter":
        q = _ROMAN.get(g[0].lower()) or int(g[0])
        return Expr(s, e, kind, int(g[1]) if g[1] else None, q)
    if kind == "day":
        day, month = int(g[0]), int(g[1])
        year = int(g[2]) if len(g) > 2 and g[2] else None
        try:  # "31/2/2020" is no day; without a year, 29/2 may be one
            date(year or 2000, month, day)
        except ValueError:
            return None
        return Expr(s, e, kind, year, month, day=day)
    if kind == "month":
        month = int(g[0])
        return Expr(s, e, kind, int(g[1]) if g[1] else None, month) if 1 <= month <= 12 else None
    if kind == "year":
        return Expr(s, e, kind, int(g[0]))
    return Expr(s, e, kind)


def _is_word_hien(text: str, m: re.Match[str], base: int, tokens: list[Token]) -> bool:
    """Is the "hiện" at ``m`` the adverb "now" (a word of its own)?"""
    start = base + m.start()
    if tokens:
        return any(t.start == start and t.end == base + m.end() for t in tokens)
    before = text[max(0, m.start() - 20) : m.start()].split()[-1:]
    after = text[m.end() : m.end() + 20].split()[:1]
    return not (before and before[0].lower() in _HIEN_BEFORE) and not (after and after[0].lower() in _HIEN_AFTER)


def find_exprs(text: str, base: int, tokens: Iterable[Token] = (), facts: Iterable[tuple[int, int]] = ()
               ) -> list[Expr]:
    """The time expressions of a sentence (``text`` starts at document offset ``base``), in order.

    ``tokens``: the sentence's words, to tell the adverb "hiện" from "thực hiện"; ``facts``: spans
    of the sentence's facts, so that "2000 hộ" is not read as the year 2000.
    """
    if not _ANY_TIME.search(text):  # most sentences: no digit, no "nay"/"hiện"/"giờ"/"thời điểm"
        return []
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets, lower the rest
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    toks = list(tokens)
    fact_spans = list(facts)
    found: list[Expr] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(low):
            s, e = base + m.start(), base + m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind in ("year", "month") and any(s < fe and fs < e for fs, fe in fact_spans):
                continue  # "2000 hộ" is no year, "hằng tháng 5 - 6 triệu đồng" no May
            if kind == "now" and m.group() == "hiện" and not _is_word_hien(low, m, base, toks):
                continue
            before = low[max(0, m.start() - 20) : m.start()].split()[-1:] if kind in ("ytd", "this_year") else []
            if kind == "ytd":
                if before and before[0] in _DURATION_WORDS:
                    continue
                if _YEAR_TO_DATE.search(low, max(0, m.start() - 20), m.start()):  # "lũy kế 9 tháng": the year so far
                    kind = "months"
            if kind == "this_year" and before and (before[0] in _SPAN_WORDS or before[0].isdigit()):
                continue
            x = _expr(kind, m, base)
            if x is None:
                continue
            x = _bounds(text, m, x)
            found.append(x)
            taken.append((x.start, x.end))
    return sorted(found, key=lambda x: x.start)


def _bounds(text: str, m: re.Match[str], x: Expr) -> Expr:
    """Mark what the words before an expression make of it: a skip, an end or a start."""
    before = text[max(0, m.start() - 40) : m.start()]
    if x.kind not in ("now", "this_year") and _SKIP_BEFORE.search(before):
        return replace(x, skip=True)
    if x.kind in ("day", "month", "year", "quarter") and _UNTIL_BEFORE.search(before):
        return replace(x, bound="until")
    if x.kind in ("month", "year") and _SINCE_BEFORE.search(before):
        now = _NOW_AFTER.match(text, m.end())
        if now:  # "từ năm 2019 đến nay": one expression, its "đến nay" is no "now" of its own
            return replace(x, bound="since_now", end=x.end + now.end() - m.end())
        return replace(x, bound="since")
    return x


def render(x: Expr, year: int | None) -> str | None:
    """The period an expression states, given the year it lacks (None: it cannot say)."""
    if x.kind in ("range", "years"):
        return f"{x.a}/{x.b}"
    if x.kind == "now":
        return "../now"
    y = x.year if x.year is not None else year
    if y is None:
        return None
    if x.kind == "year":
        value = str(y)
    elif x.kind == "this_year":
        value = str(y) if not x.b else f"{y}-{x.a:02d}/{y}-{x.b:02d}"
    elif x.kind in ("months", "ytd"):
        value = f"{y}-{x.a:02d}/{y}-{x.b:02d}"
    elif x.kind == "quarter":
        value = f"{y}-{3 * x.a - 2:02d}/{y}-{3 * x.a:02d}"
    else:  # month, day
        value = f"{y}-{x.a:02d}"
        if x.kind == "day" and x.bound == "until":
            value += f"-{x.day:02d}"
    if x.bound == "until":
        return f"../{value}"
    if x.bound == "since":
        return f"{value}/.."
    if x.bound == "since_now":
        return f"{value}/now"
    return value
