"""Whether a fact is a target or a change, and the article's date.

Where and when a fact holds are read by :mod:`.where` and :mod:`.when` (with the expressions of
:mod:`.periods`).

**Role** — ``attributes["role"]``: "target" after a target word ("mục tiêu", "phấn đấu", "kế
hoạch"…) within :data:`TARGET_REACH` syllables with no "đã" (done) in between; "change" right after
"tăng"/"giảm" (with ``attributes["direction"]``). ``attributes["compared_to"]`` holds the phrase after
"so với" ("cùng kỳ năm trước").
"""

from __future__ import annotations

from datetime import date

from ..doc import Doc
from .lexicon import lexicon, match_after, match_before
from .shapes import Draft
from .window import Window

#: How far back (syllables) a target word still governs a number; calibrated by reading the paper's
#: sentences ("Mục tiêu đến năm 2025, tỷ lệ hộ nghèo giảm còn 5%" puts 10 syllables between).
TARGET_REACH = 14


def published(doc: Doc) -> date | None:
    """The article's date from ``meta["published_at"]`` (ISO string), or None."""
    value = doc.meta.get("published_at")
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
