"""Where and when a fact holds, and whether it is a target or a change.

**Period** — a string in ISO 8601 interval style, the most specific the sentence states:

=========================  ====================  =============================================
sentence says              period                note
=========================  ====================  =============================================
"năm 2022", "2022"         ``2022``              a year
"giai đoạn 2021-2025"      ``2021/2025``         a range of years
"6 tháng đầu năm 2023"     ``2023-01/2023-06``   first/last N months (year of the article when
                                                 none is written)
"quý II/2023"              ``2023-04/2023-06``   a quarter
"tháng 10/2022"            ``2022-10``           a month
"đến nay", "hiện nay"      ``../2024-05-10``     up to the article's date (open start)
(nothing)                  ``2024-05-10``        the article's date (``meta["published_at"]``)
=========================  ====================  =============================================

The expression nearest before the number wins, else the first after it; one inside a comparison
("so với năm 2021") is the comparison's period, not the fact's.

**Place** — the ``entity_id`` of the LOC mention nearest before the number in its sentence (else the
first after it), else the article's main place (its most mentioned LOC entity); None without
mentions (the entity components may be absent).

**Role** — ``attributes["role"]``: "target" after a target word ("mục tiêu", "phấn đấu", "kế
hoạch"…) within :data:`TARGET_REACH` syllables with no "đã" (done) in between; "change" right after
"tăng"/"giảm" (with ``attributes["direction"]``). ``attributes["compared_to"]`` holds the phrase after
"so với" ("cùng kỳ năm trước").
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..doc import Doc
from .lexicon import lexicon, match_after, match_before
from .shapes import Draft
from .window import Window

#: How far back (syllables) a target word still governs a number; calibrated by reading the paper's
#: sentences ("Mục tiêu đến năm 2025, tỷ lệ hộ nghèo giảm còn 5%" puts 10 syllables between).
TARGET_REACH = 14
_YEAR = r"((?:19|20)\d\d)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIODS = [
    ("range", re.compile(rf"{_YEAR}\s*(?:-|đến|tới)\s*(?:năm\s+)?{_YEAR}(?![\d/])")),
    ("months", re.compile(rf"(\d{{1,2}}) tháng (đầu|cuối) năm(?:\s+{_YEAR})?", re.I)),
    ("quarter", re.compile(rf"quý (iv|iii|ii|i|[1-4])\b(?:\s*(?:/|năm)\s*{_YEAR})?", re.I)),
    ("month", re.compile(rf"tháng (\d{{1,2}})\s*(?:/|năm)\s*{_YEAR}", re.I)),
    ("year", re.compile(rf"(?<![\d/])(?<!\d[.,]){_YEAR}(?![\d%])(?![/.,]\d)")),
    ("now", re.compile(r"(?:tính )?đến nay|hiện nay|hiện tại|năm nay", re.I)),
]


def published(doc: Doc) -> date | None:
    """The article's date from ``meta["published_at"]`` (ISO string), or None."""
    value = doc.meta.get("published_at")
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _period_value(kind: str, m: re.Match[str], pub: date | None) -> str | None:
    g = m.groups()
    if kind == "range":
        return f"{g[0]}/{g[1]}" if g[0] < g[1] else None
    if kind == "months":
        year = g[2] or (str(pub.year) if pub else None)
        n = int(g[0])
        if not year or not 1 <= n <= 12:
            return None
        first, last = (1, n) if g[1].lower() == "đầu" else (13 - n, 12)
        return f"{year}-{first:02d}/{year}-{last:02d}"
    if kind == "quarter":
        year = g[1] or (str(pub.year) if pub else None)
        q = _ROMAN.get(g[0].lower()) or int(g[0])
        return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}" if year else None
    if kind == "month":
        month = int(g[0])
        return f"{g[1]}-{month:02d}" if 1 <= month <= 12 else None
    if kind == "year":
        return g[0]
    if m.group().lower() == "năm nay":
        return str(pub.year) if pub else None
    return f"../{pub.isoformat()}" if pub else None


def sentence_periods(text: str, base: int, pub: date | None) -> list[tuple[int, int, str]]:
    """(start, end, period) of each period expression in a sentence (offsets shifted by base)."""
    found: list[tuple[int, int, str]] = []
    for kind, rx in _PERIODS:
        for m in rx.finditer(text):
            s, e = base + m.start(), base + m.end()
            if any(s < fe and fs < e for fs, fe, _ in found):
                continue
            value = _period_value(kind, m, pub)
            if value:
                found.append((s, e, value))
    return sorted(found)


def pick_period(periods: list[tuple[int, int, str]], at: int, exclude: tuple[int, int] | None,
                pub: date | None) -> str | None:
    """The period for a number at offset ``at`` (see the module docstring)."""
    usable = [p for p in periods if not (exclude and exclude[0] <= p[0] < exclude[1])]
    before = [p for p in usable if p[1] <= at]
    if before:
        return before[-1][2]
    after = [p for p in usable if p[0] >= at]
    if after:
        return after[0][2]
    return pub.isoformat() if pub else None


def main_place(doc: Doc) -> str | None:
    """The article's most mentioned LOC entity (first mentioned on a tie), or None."""
    ids = [m.entity_id for m in doc.mentions if m.type == "LOC" and m.entity_id]
    if not ids:
        return None
    counts = Counter(ids)
    return max(ids, key=lambda e: (counts[e], -ids.index(e)))


def pick_place(doc: Doc, sent_start: int, sent_end: int, at: int, fallback: str | None) -> str | None:
    """The LOC entity the sentence is about, for a number at offset ``at``."""
    locs = [m for m in doc.mentions
            if m.type == "LOC" and m.entity_id and sent_start <= m.start < sent_end]
    before = [m for m in locs if m.end <= at]
    if before:
        return max(before, key=lambda m: m.end).entity_id
    after = [m for m in locs if m.start >= at]
    if after:
        return min(after, key=lambda m: m.start).entity_id
    return fallback


def roles(w: Window, d: Draft) -> tuple[int, int] | None:
    """Fill role/direction/compared_to in ``d.attrs``; return the comparison's syllable span."""
    lex = lexicon()
    start = d.hedge_at if d.hedge_at >= 0 else d.first
    k = match_before(w.low, start, lex.cue("change_before"))
    if k:
        d.attrs["role"] = "change"
        d.attrs["direction"] = "increase" if w.low[start - k] == "tăng" else "decrease"
    else:
        targets = lex.cue("target_before")
        for j in range(start - 1, max(-1, start - TARGET_REACH - 1), -1):
            if w.low[j] == "đã":
                break
            if match_after(w.low, j, targets):
                # "thực hiện kế hoạch", "vượt kế hoạch": the plan is done, not stated
                if not match_before(w.low, j, lex.cue("target_done_before")):
                    d.attrs["role"] = "target"
                break
    compared = lex.cue("compared")
    for j in range(d.last, min(len(w), d.last + 5)):
        n = match_after(w.low, j, compared)
        if n:
            a = b = j + n
            while b < len(w) and b - a < 8 and (w.syls[b].is_word or w.syls[b].is_num):
                b += 1
            if b > a:
                d.attrs["compared_to"] = w.join(a, b)
                return j, b
            return None
    return None
