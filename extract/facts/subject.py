"""The subject of a fact: the noun phrase that is counted or measured, and its head noun.

Vietnamese noun phrases are head-first ("hộ nghèo", "trạm thu phát sóng thông tin di động"), and a
quantity stands right before what it counts. So the subject is read:

* after the number, from the counted noun (a count: "1.200 hộ nghèo") or from the word after the
  unit ("85% số hộ", "2.000ha cà phê"), up to the first stop word, punctuation or number;
* else before the number, walking back over the predicate ("là", "đạt", "chiếm", "tăng"…) to the
  noun phrase that ends there ("thu nhập hơn 40 triệu đồng", "tỷ lệ hộ nghèo giảm còn 5%").

A parenthesized acronym right after the phrase belongs to it ("trạm thu phát sóng (BTS)"). The head
is the phrase's first word, past the quantity nouns "số", "tổng số", "số lượng" ("số hộ" -> "hộ").
"""

from __future__ import annotations

from .lexicon import PhraseSet, lexicon, match_after, match_before
from .rules import Draft
from .window import Window

#: Longest subject read after / before the number, in syllables (longer runs are whole clauses).
MAX_AFTER = 8
MAX_BEFORE = 6
#: Words between a noun phrase and the number that follows it: the predicate.
_PREDICATE = PhraseSet.of([
    "là", "đạt", "chiếm", "còn", "có", "tăng", "giảm", "lên", "xuống", "bằng", "được", "với", "đến",
    "gồm", "ước đạt", "ước tính", "tổng cộng", "tăng thêm", "giảm xuống", "tăng lên", "giảm còn",
    "đạt được", "lên tới", "lên đến", "vào khoảng", "khoảng",
])
_QUANTITY_NOUNS = PhraseSet.of(["số", "tổng số", "số lượng", "con số"])


def _stop(w: Window, i: int) -> bool:
    s = w.syls[i]
    return not s.is_word or bool(match_after(w.low, i, lexicon().stopwords))


def _after(w: Window, a: int) -> tuple[int, int] | None:
    """Span of the noun phrase starting at ``a``, or None when no noun starts there."""
    n = len(w)
    if a >= n or _stop(w, a):
        return None
    b = a
    while b < n and b - a < MAX_AFTER and not _stop(w, b):
        b = w.word_end(b)
    b = min(b, n)
    if b + 2 < n and w.syls[b].text == "(" and w.syls[b + 1].acronym and w.syls[b + 2].text == ")":
        b += 3
    return a, b


def _before(w: Window, start: int) -> tuple[int, int] | None:
    """Span of the noun phrase that ends before ``start``, past the predicate."""
    lex = lexicon()
    j = start
    for _ in range(4):
        k = match_before(w.low, j, _PREDICATE) or match_before(w.low, j, lex.hedges)
        if not k:
            break
        j -= k
    b = j
    a = b
    while a > 0 and b - a < MAX_BEFORE and not _stop(w, a - 1):
        a -= 1
    return (a, b) if a < b else None


def head_of(w: Window, a: int, b: int) -> str:
    """The head noun of the phrase ``a..b``: its first word, past "số"/"tổng số"/"số lượng"."""
    k = match_after(w.low, a, _QUANTITY_NOUNS)
    if k and a + k < b:
        a += k
    return w.join(a, min(w.word_end(a), b)).lower()


def find_subject(w: Window, d: Draft) -> tuple[str | None, str | None]:
    """(subject, head) of draft ``d``; (None, None) when no noun phrase is found."""
    if d.kind == "rank":
        span = _before(w, d.hedge_at if d.hedge_at >= 0 else d.first)
    elif d.noun_at >= 0:
        span = _after(w, d.noun_at)
    else:
        span = _after(w, d.last)
        if span is None:
            span = _before(w, d.hedge_at if d.hedge_at >= 0 else d.first)
    if span is None:
        return None, None
    a, b = span
    return w.join(a, b), head_of(w, a, b)
