"""The subject of a fact: the noun phrase that is counted or measured, and its head noun.

Vietnamese noun phrases are head-first ("hộ nghèo", "trạm thu phát sóng thông tin di động") and a
quantity stands right before what it counts, or after the predicate of what it measures. So:

* a count reads its subject AFTER the number, from the counted noun ("1.200 hộ nghèo"), unless a
  noun phrase stands right before it with only a hedge between ("dân số hơn 17.000 người": what is
  measured is "dân số");
* a percent reads it after the "%" ("85% số hộ") unless a predicate stands before the number
  ("đồng bào DTTS chiếm 64,1% dân số": the subject is before, "dân số" is the base);
* money, measures and durations read it BEFORE the number when there is one ("thu nhập hơn 40 triệu
  đồng", "tỷ lệ hộ nghèo của tỉnh hiện là 22,87%"), else after ("2.000ha cà phê").

Reading backwards skips the predicate ("là", "đạt", "chiếm", "giảm từ"…), hedges and adverbs
("hiện", "bình quân", "mỗi năm"), then takes the noun phrase that ends there; a phrase introduced
by a preposition ("của tỉnh", "trên địa bàn", "ở Đắk Nông") is a modifier, so the walk hops over it
to the phrase it modifies (up to :data:`MAX_HOPS` times). A fact with no subject of its own takes the
previous fact's in the same sentence ("giảm tỷ lệ hộ nghèo xuống dưới 40%, mỗi năm giảm 6 - 7%").

The head is the phrase's first word, past quantity words ("số", "tổng", "tổng số": "số hộ" -> "hộ",
"tổng dư nợ" -> "dư nợ") and past a classifier ("con bò" -> "bò").
"""

from __future__ import annotations

from .lexicon import PhraseSet, lexicon, match_after, match_before
from .shapes import Draft
from .window import Window

#: Longest subject read after / before the number, in syllables; calibrated on the project's gold
#: (tests/gold): subjects such as "tổng dư nợ các chương trình tín dụng chính sách" run to 11.
MAX_AFTER = 8
MAX_BEFORE = 12
MAX_HOPS = 3
_PREDICATE = PhraseSet.of([
    "là", "đạt", "chiếm", "còn", "có", "tăng", "giảm", "lên", "xuống", "bằng", "được", "với", "đến",
    "gồm", "từ", "ước đạt", "ước tính", "tổng cộng", "tăng thêm", "giảm xuống", "tăng lên", "giảm còn",
    "đạt được", "lên tới", "lên đến", "vào khoảng", "khoảng", "dự kiến", "xuống còn", "giảm từ",
    "tăng từ", "hiện", "hiện nay", "nay", "mỗi năm", "hằng năm", "hàng năm",
    "mỗi tháng", "chỉ", "cũng", "đã", "vẫn", "mới", "sẽ", "chỉ còn", "lần lượt", "ở mức", "khoảng hơn",
    "thứ", "đứng", "xếp", "xếp hạng", "top", "số",
])
_PERCENT_PREDICATE = PhraseSet.of(["chiếm", "đạt", "là", "còn", "giảm", "tăng", "xuống", "lên", "từ",
                                   "ước đạt", "giảm còn", "xuống còn", "bằng"])
_PREPOSITIONS = PhraseSet.of(["của", "tại", "ở", "trên", "cho", "thuộc", "trong", "về", "trên địa bàn"])
_HEAD_SKIP = PhraseSet.of(["số", "tổng", "tổng số", "số lượng", "con số", "các", "những", "mọi", "toàn",
                           "cả", "toàn bộ"])
_INNER_JOINERS = frozenset({"và"})
_TIME_WORDS = frozenset({"năm", "tháng", "ngày", "quý", "tuần"})
_RATE_NOUNS = PhraseSet.of(["tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "tốc độ tăng trưởng"])
#: How far back (syllables) a rate noun still names what a percent measures; the project's gold has
#: "tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ ở vùng đồng bào Chứt đã đạt 95,2%" (19).
RATE_REACH = 24


def verb_at(w: Window, i: int) -> int:
    """Length of a verb of the list that is a whole word at ``i`` ("thu" is none in "thu nhập")."""
    k = match_after(w.low, i, lexicon().verbs)
    return k if k and w.word_end(i) <= i + k else 0


def _stop(w: Window, i: int) -> bool:
    """Syllable ``i`` ends a noun phrase: not a word, or a stop word that is a whole word."""
    if not w.syls[i].is_word:
        return True
    k = match_after(w.low, i, lexicon().stopwords)
    return bool(k) and w.word_end(i) <= i + k


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


def _skip_back(w: Window, j: int, words: PhraseSet) -> int:
    lex = lexicon()
    for _ in range(8):
        k = match_before(w.low, j, words) or match_before(w.low, j, lex.hedges)
        if not k:
            break
        j -= k
    return j


def _np_before(w: Window, b: int) -> int:
    """Start of the noun phrase ending at ``b`` ("và" may join two nouns inside it)."""
    a = b
    while a > 0 and b - a < MAX_BEFORE:
        joiner = w.low[a - 1] in _INNER_JOINERS and a >= 2 and a < b and not _stop(w, a - 2)
        if _stop(w, a - 1) and not joiner:
            break
        a -= 1
    return a


def _skip_times(w: Window, b: int) -> int:
    """Skip back over predicates, hedges and time phrases ("năm 2018", "đầu năm 2024", "tháng 6")."""
    for _ in range(4):
        b = _skip_back(w, b, _PREDICATE)
        if b >= 2 and w.syls[b - 1].is_num and w.low[b - 2] in _TIME_WORDS:
            b -= 2
            if b >= 1 and w.low[b - 1] in ("đầu", "cuối", "giữa"):
                b -= 1
        else:
            break
    return b


def _rate_noun(w: Window, start: int) -> tuple[int, int] | None:
    """A percent said of a rate named earlier in its clause ("tỷ lệ trẻ dưới 5 tuổi … đạt 95,2%")."""
    for j in range(start - 1, max(-1, start - RATE_REACH - 1), -1):
        if w.syls[j].text in (";", ".", ":") or (w.syls[j].is_num and w.text_at(j + 1) == "%"):
            return None  # the clause ends, or an earlier percent has the rate
        if match_after(w.low, j, _RATE_NOUNS):
            return _after(w, j)
    return None


def _before(w: Window, start: int) -> tuple[int, int] | None:
    """Span of the noun phrase the number at ``start`` is said of (see the module docstring)."""
    b = _skip_times(w, start)
    if w.text_at(b - 1) == "," and match_after(w.low, b, _PERCENT_PREDICATE):
        b -= 1  # "đồng bào Khmer, chiếm 31,5%"
    a = _np_before(w, b)
    if b - a == 1 and w.low[a] in _TIME_WORDS and a > 0:  # "… năm 2015 xuống còn": a time, not a noun
        b = _skip_back(w, a - 1 if w.syls[a - 1].is_num else a, _PREDICATE)
        a = _np_before(w, b)
    for _ in range(MAX_HOPS):
        k = match_before(w.low, a, _PREPOSITIONS)
        if not k or a == b:
            break
        a2 = _np_before(w, a - k)
        if a2 == a - k:
            break
        b, a = a - k, a2
    if a < b and tuple(w.low[a:b]) in lexicon().cue("adverb_phrases"):
        return None
    # "Trạch A làm đường nông thôn dài 1,8 km", "nhận giải thưởng 100 triệu đồng": a clause, whose
    # object after its last verb is what is measured
    for j in range(b - 1, a - 1, -1):
        k = verb_at(w, j)
        if k and j + k < b and w.low[j + k] not in _INNER_JOINERS:
            a = j + k
            break
    return (a, b) if a < b else None


def _population_before(w: Window, start: int) -> tuple[int, int] | None:
    """The group a count of people measures, when the phrase before it starts with a population
    noun ("đồng bào DTTS có khoảng 400.000 người", "dân số hơn 17.000 người")."""
    span = _before(w, start)
    if span and match_after(w.low, span[0], lexicon().cue("population_nouns")):
        return span
    return None


def head_of(w: Window, a: int, b: int) -> str:
    """The head noun of the phrase ``a..b`` (see the module docstring)."""
    lex = lexicon()
    k = match_after(w.low, a, _HEAD_SKIP)
    if k and a + k < b:
        a += k
    if w.low[a] in lex.classifiers and a + 1 < b and w.word_end(a) == a + 1:
        a += 1
    return w.join(a, min(w.word_end(a), b)).lower()


def _span(w: Window, d: Draft) -> tuple[int, int] | None:
    start = d.hedge_at if d.hedge_at >= 0 else d.first
    if d.kind == "rank":
        return _before(w, start)
    if d.kind == "count":
        span = None
        if d.unit == "người":
            span = _population_before(w, start)
        return span or (_after(w, d.noun_at) if d.noun_at >= 0 else _before(w, start))
    if d.kind == "ratio" and d.noun_at >= 0:
        return _after(w, d.noun_at)
    if d.kind in ("measure", "duration"):
        return _after(w, d.last) or _before(w, start)
    if d.kind == "percent":
        if w.low_at(d.last) == "là" and _after(w, d.last + 1):  # "trên 95% là đồng bào Mông"
            return _after(w, d.last + 1)
        predicate = match_before(w.low, _skip_back(w, start, PhraseSet.of([])), _PERCENT_PREDICATE)
        after = _after(w, d.last)
        if after and not predicate:
            return after
        # with a predicate, the subject is before: a rate named in the clause, else the phrase
        # before; none found -> none (the component then reuses the sentence's previous subject:
        # "giảm từ 40,1% năm 2010 xuống còn 15,3%")
        return (_rate_noun(w, start) or _before(w, start)) if predicate else after
    return _before(w, start) or _after(w, d.last)


def find_subject(w: Window, d: Draft) -> tuple[str | None, str | None]:
    """(subject, head) of draft ``d``; (None, None) when no noun phrase is found."""
    span = _span(w, d)
    if span is None:
        return None, None
    a, b = span
    return w.join(a, b), head_of(w, a, b)
