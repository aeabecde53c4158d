"""Clauses of a sentence: where the time or place of a number is looked for first.

A fact's period and place are read from its own clause before the rest of the sentence: in "Tỷ lệ
hộ nghèo của tỉnh Sơn La là 19,67%, trong khi của cả nước chỉ còn 2,93%" each figure has its own
place. A clause ends at ``;``, ``:`` or a comma that is not a decimal comma ("1,5") nor lists
administrative units or a place's parents (:data:`_BREAK`). Parentheses do
not end a clause: "(giai đoạn 2016 - 2018)", "(Lai Châu)" qualify what stands before them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

#: a comma before an administrative or village word lists units ("52 tỉnh, thành phố") or names a
#: place's parents ("bản A, xã B, huyện C"): no clause ends there
_BREAK = re.compile(r"[;:]|,(?!\d)(?!\s*(?:tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn"
                    r"|thôn|bản|làng|buôn|ấp|sóc|xóm|tổ\s+dân\s+phố)(?![^\W\d_]))", re.I)


@dataclass(frozen=True, slots=True)
class Clauses:
    """Clause boundaries of one sentence, as document offsets."""

    start: int
    end: int
    #: offsets where a clause ends (the separator's offset), ascending
    breaks: tuple[int, ...]

    @classmethod
    def of(cls, text: str, start: int, facts: Iterable[tuple[int, int]] = ()) -> Clauses:
        """The clauses of ``text``, a sentence starting at document offset ``start``; a comma inside
        a fact ("52 tỉnh, thành phố") ends no clause."""
        spans = sorted(facts)
        breaks = []
        for m in _BREAK.finditer(text):
            at = start + m.start()
            i = bisect_right(spans, (at, at)) - 1
            if i >= 0 and spans[i][0] <= at < spans[i][1]:
                continue
            breaks.append(at)
        return cls(start, start + len(text), tuple(breaks))

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the clause holding ``offset``."""
        i = bisect_right(self.breaks, offset - 1)
        lo = self.breaks[i - 1] + 1 if i > 0 else self.start
        hi = self.breaks[i] if i < len(self.breaks) else self.end
        return lo, hi
