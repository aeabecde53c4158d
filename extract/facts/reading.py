"""What phrase a number is said of, read from the words around it (used by every fact kind).

:mod:`baodantoc.extract.facts.subject` decides, per kind, which of these readers to trust; they only find a
phrase: the one before the number's predicate (:func:`before_phrase`), the one right after it
(:func:`after_phrase`), the nearest noun of a word list in the clause (:func:`anchor`: "tổng vốn … là
783,6 tỷ đồng"), the phrase before a comparative (:func:`comparative_phrase`) or a rate noun named earlier
(:func:`rate_noun`). :data:`SAME` stands for "the previous fact's subject" (a clause that opens with
its predicate has none of its own: :func:`clause_initial`).
"""

from __future__ import annotations

from .lexicon import lexicon, match_after, match_before
from .phrases import at, clause_start, inside, np_after, np_before, skip_back, stop_at, verb_at, whole, words
from .window import Window

MAX_HOPS = 3
#: How far back (syllables) a rate noun still names what a percent measures; the project's gold has
#: "tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ ở vùng đồng bào Chứt đã đạt 95,2%" (19).
RATE_REACH = 24
SAME = "same"  # the previous fact's subject
Span = tuple[int, int]


def clause_initial(w: Window, start: int) -> bool:
    """The clause opens with the number's predicate ("…, chiếm 15,2%"): it has no subject."""
    b = skip_back(w, start, "predicates", "comparatives", "dimensions")
    return b < start and w.text_at(b - 1) in (",", ";")

def skip_left(w: Window, b: int) -> int:
    """Skip back over predicates, hedges, time phrases ("đầu năm 2024") and a demonstrative."""
    time_words = words("time_words")
    for _ in range(4):
        b = skip_back(w, b, "predicates")
        if b >= 2 and w.syls[b - 1].is_num and (w.low[b - 2],) in time_words:
            b -= 2
            if b >= 1 and w.low[b - 1] in ("đầu", "cuối", "giữa"):
                b -= 1
        elif match_before(w.low, b, words("demonstratives")) == 1 and b >= 2 and not stop_at(w, b - 2):
            b -= 1  # "công việc này"
        else:
            break
    return b

def before_phrase(w: Window, start: int) -> Span | None:
    """The noun phrase the number at ``start`` is said of: skip its predicate, take the phrase that
    ends there, hop over prepositional modifiers ("của tỉnh") to the phrase they modify, and keep a
    clause's object after its last verb ("Trạch A làm đường nông thôn dài 1,8 km")."""
    time_words = words("time_words")
    b = skip_left(w, start)
    a = np_before(w, b)
    k = match_before(w.low, b, lexicon().verbs)
    if a == b and k and whole(w, b - k, k):  # "hôn nhân … đã không còn xảy ra trong 3 năm"
        b = skip_back(w, b - k, "predicates")
        a = np_before(w, b)
    if b - a == 1 and (w.low[a],) in time_words and a > 0:  # "… năm 2015 xuống còn": a time
        b = skip_back(w, a - 1 if w.syls[a - 1].is_num else a, "predicates")
        a = np_before(w, b)
    for _ in range(MAX_HOPS):
        k = match_before(w.low, a, words("prepositions"))
        if not k or a == b:
            break
        a2 = np_before(w, a - k)
        if a2 == a - k:
            break
        b, a = a - k, a2
    if a < b and a >= 2 and w.syls[a - 1].is_num and match_after(w.low, a, lexicon().unit_phrases) == b - a:
        a2 = np_before(w, a - 1)  # "Đường dây 35 kV dài 12 km": a rating inside the phrase
        a = a2 if a2 < a - 1 else a
    a += at(w, a, words("openers")) if a < b else 0
    if a < b and tuple(w.low[a:b]) in lexicon().cue("adverb_phrases"):
        return None
    for j in range(b - 1, a - 1, -1):
        k = verb_at(w, j)
        if k and j + k < b and w.low[j + k] != "và":
            a = j + k
            a += at(w, a, words("complements")) if a + 1 < b else 0
            break
    return (a, b) if a < b else None

def after_phrase(w: Window, i: int, verbs: bool = False) -> Span | None:
    """The noun phrase right after ``i``; none when a time phrase, an adverb or (unless ``verbs``:
    what lasted may be an activity, "10 năm thực hiện …") a verb starts there."""
    span = np_after(w, i)
    if span is None or (not verbs and verb_at(w, i)) or at(w, i, words("dimensions")):
        return None  # "Đường dây 35 kV dài 12 km": "dài" starts no phrase of the 35 kV
    a, b = span
    if (w.low[a],) in words("time_words") and (a + 1 >= len(w) or w.syls[a + 1].is_num or b == a + 1):
        return None
    if tuple(w.low[a:b]) in lexicon().cue("adverb_phrases"):
        return None
    return span


def anchor(w: Window, start: int, floor: int, section: str) -> Span | None:
    """The nearest noun of ``section`` before ``start`` (not before ``floor``), as a phrase that runs
    to the predicate: "Tổng vốn Chương trình MTQG … giao cho tỉnh là 783,6 tỷ đồng" -> "Tổng vốn
    Chương trình MTQG". A bare "mức" ("theo mức 40 triệu đồng") is kept only when nothing better is
    found further back."""
    nouns = words(section)
    fallback = None
    for j in range(start - 1, floor - 1, -1):
        if not w.syls[j].is_word or inside(w, j):
            continue
        k = at(w, j, nouns)
        if not k:
            continue
        for back in range(1, nouns.longest):  # a longer entry that covers it: "nhu cầu vốn", "tổng vốn"
            k2 = match_after(w.low, j - back, nouns) if j - back >= floor else 0
            if k2 > back and whole(w, j - back, k2):
                j, k = j - back, k2
                break
        a = np_before(w, j)  # "Tổng trị giá các nguồn lực", "vốn ngân sách": the head is the first noun
        for i in range(max(a, floor), j):
            if (k2 := at(w, i, nouns)) and not inside(w, i):
                j, k = i, k2
                break
        span = _anchor_span(w, j, k, start)
        if w.low[j : j + k] == ["mức"] and span[1] == j + 1:
            fallback = fallback or span
            continue
        return span
    return fallback

def _anchor_span(w: Window, j: int, k: int, start: int) -> Span:
    span = np_after(w, j, start)
    b = span[1] if span else j + k
    b = max(j + k, skip_back(w, b, "predicates"))
    time_words = words("time_words")
    for i in range(j + k, b):  # "vốn phân bổ năm 2022", "doanh thu năm nay": the time is no part
        if (w.low[i],) in time_words and (i + 1 >= len(w) or w.syls[i + 1].is_num or w.low[i + 1] == "nay"
                                          or w.low[i - 1] in ("hằng", "hàng", "mỗi")):
            return j, i - (w.low[i - 1] in ("hằng", "hàng", "mỗi") and i - 1 >= j + k)
    return j, b

def comparative_phrase(w: Window, start: int) -> Span | str | None:
    """"giá cao hơn thị trường 5%": the phrase before the comparative (the previous fact's subject
    when the clause opens with it)."""
    c0 = clause_start(w, start)
    for j in range(start - 1, c0 - 1, -1):
        k = at(w, j, words("comparatives"))
        if k and j + k <= start:
            return SAME if j == c0 and w.text_at(j - 1) == "," else before_phrase(w, j)
    return None

def rate_noun(w: Window, start: int) -> Span | None:
    """A percent said of a rate named earlier in its clause ("tỷ lệ trẻ dưới 5 tuổi … đạt 95,2%")."""
    for j in range(start - 1, max(-1, start - RATE_REACH - 1), -1):
        if w.syls[j].text in (";", ".", ":") or (w.syls[j].is_num and w.text_at(j + 1) == "%"):
            return None  # the clause ends, or an earlier percent has the rate
        if at(w, j, words("rate_nouns")) and not inside(w, j):
            return np_after(w, j)
    return None
