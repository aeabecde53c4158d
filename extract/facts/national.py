"""What in a sentence says a figure is about the whole country, and how firmly.

Markers are the phrases of ``cues.txt`` section ``national`` ("cả nước", "toàn quốc", "nước ta",
"ngân sách trung ương"), counts of provinces ("63 tỉnh, thành phố", "47/63 tỉnh", "52 tỉnh") and
the country's ethnic groups ("54 dân tộc", "53 dân tộc thiểu số").

A marker is **firm** where the country is what the clause is about: as its subject ("cả nước có
1.552 xã", "nước ta hiện có", "tỷ lệ này của cả nước chỉ còn 2,93%") or after a place preposition
("trên phạm vi cả nước"); a count of provinces always is. It is **weak** as a noun's complement: "74
huyện nghèo của cả nước", "chiếm 14,6% dân số cả nước", "thủ phủ điều của cả nước" name the
country as the whole a place belongs to, so a place of the sentence wins over it. A marker that is a
comparison's standard ("thứ 10/63 cả nước", "cao nhất cả nước", "so với bình quân cả nước") marks
nothing, and neither does "Việt Nam" in that position ("ít nhất Việt Nam").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

#: "47/63 tỉnh", "52 tỉnh, thành phố", "30 tỉnh" — never "năm 2021 tỉnh…" or a rank "thứ 10/63 tỉnh"
_PROVINCE_COUNT = re.compile(r"(?<![\d.,/])(?<!năm\s)(?<!thứ\s)(\d{1,2})(/63)?\s+tỉnh(,?\s+thành(?:\s+phố)?)?"
                             r"(?![^\W\d_])", re.I)
#: "54 dân tộc", "53 dân tộc thiểu số": the country's ethnic groups, all of them or all minorities
_ALL_GROUPS = re.compile(r"(?<![\d.,/])5[34]\s+dân\s+tộc(?![^\W\d_])", re.I)
#: fewer provinces than this, counted bare ("3 tỉnh"), are a group of provinces, not the country;
#: more than 63 is no count of provinces (there were 63, there are 34)
MIN_PROVINCES, MAX_PROVINCES = 10, 63
#: what makes the country after it the standard of a comparison or a rank
COMPARED_TO = re.compile(r"(?:so\s+với|hơn|nhất|đầu|thứ\s+\d+(?:/\d+)?|\d+/\d+|bình\s+quân(?:\s+chung)?"
                         r"|trung\s+bình|mức)\s+(?:của\s+)?(?:trong\s+)?(?:toàn\s+)?$", re.I)
#: before a firm marker: the start of the clause, a place preposition, a time adverb
_FIRM_BEFORE = re.compile(r"(?:^|[,;:(]|(?<![^\W\d_])(?:trên|tại|ở|khắp|phạm\s+vi|trong|toàn|nay|đó|thì|mà|và"
                          r"|hiện|cho\s+biết|theo))\s*$", re.I)
#: after a firm marker: what a subject does ("có", "đã", "hiện có", "chỉ còn"…)
_FIRM_AFTER = re.compile(r"\s*(?:có|đã|hiện|đang|còn|đạt|ghi\s+nhận|giảm|tăng|chỉ|vẫn|sẽ|cần|gồm|mới|từng|là)"
                         r"(?![^\W\d_])", re.I)


@lru_cache(maxsize=1)
def _markers() -> re.Pattern[str]:
    words = sorted((" ".join(p) for p in lexicon().cue("national").phrases), key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])", re.I)


def firm(text: str, start: int, end: int) -> bool:
    """Is the country named at ``text[start:end]`` what its clause is about (module docstring)?"""
    return bool(_FIRM_BEFORE.search(text, max(0, start - 20), start) or _FIRM_AFTER.match(text, end))


def compared(text: str, start: int) -> bool:
    """Is the country named at ``start`` the standard of a comparison or a rank?"""
    return bool(COMPARED_TO.search(text, max(0, start - 30), start))


def national_spans(text: str, base: int) -> list[tuple[int, int, bool]]:
    """(start, end, firm) in document offsets of the national markers of a sentence."""
    spans = [(base + m.start(), base + m.end(), firm(text, m.start(), m.end())) for m in _markers().finditer(text)
             if not compared(text, m.start())]
    for m in _PROVINCE_COUNT.finditer(text):
        n = int(m.group(1))
        if n <= MAX_PROVINCES and (m.group(2) or m.group(3) or n >= MIN_PROVINCES):
            spans.append((base + m.start(), base + m.end(), True))
    spans += [(base + m.start(), base + m.end(), True) for m in _ALL_GROUPS.finditer(text)]
    return sorted(spans)
