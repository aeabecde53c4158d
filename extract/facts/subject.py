"""The subject of a fact: the noun phrase a number counts or measures, and its head noun.

Vietnamese noun phrases are head-first ("hộ nghèo", "trạm thu phát sóng thông tin di động") and a
quantity stands right before what it counts, or after the predicate of what it measures. Each kind
reads its subject its own way (the word lists are data/subjects.txt; phrase boundaries
:mod:`baodantoc.extract.facts.phrases`):

* **count** — the counted noun after the number with its modifiers ("1.200 hộ nghèo"); a group of
  people measured by a population noun before it ("dân số hơn 17.000 người"); a bare classifier or
  counter after a possessive counts the phrase before ("đàn bò đã có 3 con", "khám thai từ 3 lần").
* **percent** — the noun after it ("85% số hộ"), unless a share predicate says that noun is the
  whole ("đồng bào Mông chiếm 77% dân số": the subject is before); else a rate named earlier in the
  clause ("tỷ lệ trẻ … đạt 95,2%"), else the phrase before.
* **money** — in this order: a money noun right after it ("85 triệu đồng tiền mặt"); what is valued
  ("mỗi con trị giá 18 triệu đồng"); the phrase before a comparative ("giá cao hơn thị trường 2.000
  đồng/kg"); the nearest money noun before it in its clause, as the phrase it heads ("Tổng vốn
  Chương trình … giao cho tỉnh là 783,6 tỷ đồng"); the item of a distributive ("mỗi căn 80 triệu
  đồng"); a transfer verb's purpose ("dành 1,5 tỷ đồng cho công tác bảo tồn"), recipient ("hợp tác xã
  được hỗ trợ 1,8 tỷ đồng") or the verb itself ("anh vay 50 triệu đồng").
* **measure** — the phrase before a dimension ("con đường dài 2,7 km", "thôn cách trung tâm xã 20
  km", "đường từ A đến B dài 45 km"); the material after it ("2.000 ha cà phê"); the nearest measure
  noun before it ("trên diện tích 3.000 m²").
* **duration** — a time noun before it ("thời hạn vay đến 10 năm"); what "kéo dài"/"trong" it
  ("mùa mưa kéo dài 6 tháng"); the activity after it ("sau 10 năm thực hiện …", "2 tháng qua, bộ máy
  … vận hành").

A clause that opens with its predicate ("…, chiếm 15,2% dân số", "…, tăng 386 tỷ đồng", "…, rộng
3,5 m") has no subject of its own: it takes the previous fact's in the sentence; so does a figure
said of a place with the previous fact's unit ("1.200 ha sơn tra, riêng xã Xà Hồ có 415 ha").
The head (:func:`baodantoc.extract.facts.phrases.head_of`) is the phrase's first word past quantity words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import lexicon, match_after, match_before
from .phrases import (
    at,
    clause_start,
    head_of,
    inside,
    is_word,
    np_after,
    np_before,
    skip_back,
    verb_at,
    whole,
    word_end,
    words,
)
from .reading import (
    SAME,
    Span,
    after_phrase,
    anchor,
    before_phrase,
    clause_initial,
    comparative_phrase,
    rate_noun,
)
from .shapes import Draft
from .window import Window

#: "đường từ A đến B dài …": how far back the "từ" of a route is looked for.
ROUTE_REACH = 10


@dataclass
class Previous:
    """What the sentence's previous fact leaves to the next one."""

    last: int = 0  # index after it
    subject: tuple[str | None, str | None] = (None, None)
    kind: str | None = None
    unit: str | None = None

    def floor(self, w: Window, d: Draft, start: int) -> int:
        """Where the search for a measured noun stops: the clause start, or a previous fact of the same
        kind ("mức hỗ trợ là 60 triệu đồng/căn làm mới và 30 triệu đồng/căn": the second has none of its
        own); one of another kind is part of the phrase ("giá trị sản xuất trên 1 ha … đạt …")."""
        return max(clause_start(w, start), self.last if self.kind == d.kind else 0)


def _distributive(w: Window, start: int) -> Span | None:
    """"mỗi căn 80 triệu đồng", "Mỗi em được hỗ trợ …": the item a clause opens with. "mỗi ha" is a
    rate, not an item; "mỗi năm" a time, unless only a predicate follows ("mỗi tháng được 10 triệu")."""
    lex = lexicon()
    j = clause_start(w, start)
    j += at(w, j, words("openers"))
    if w.low_at(j) in ("bình", "trung"):
        j += at(w, j, words("head_skip"))
    if w.low_at(j) not in ("mỗi", "từng") or j + 1 >= start:
        return None
    k = match_after(w.low, j + 1, lex.unit_phrases)
    if k and lex.units[tuple(w.low[j + 1 : j + 1 + k])][1] in ("measure", "money"):
        return None  # "mỗi ha quế cho thu hoạch …": a rate, not an item
    span = np_after(w, j + 1, start)
    if span is None:
        return None
    b = max(j + 2, skip_back(w, span[1], "predicates"))
    if (w.low[j + 1],) in words("time_words"):
        return (j, j + 2) if skip_back(w, start, "predicates") <= j + 2 else None
    return j, b


def _purpose(w: Window, i: int, marked: bool = False) -> Span | None:
    """What money after ``i`` is for: "… cho công tác bảo tồn", "… để mua bò giống", "… sửa chữa 2
    điểm trường" (a verb right after the sum, unless ``marked``: only after a purpose word)."""
    k = at(w, i, words("purpose"))
    if k:
        return np_after(w, i + k)
    if verb_at(w, i) and not marked:
        return np_after(w, i) or (i, word_end(w, i))
    return None


def _transfer(w: Window, d: Draft, start: int) -> Span | str | None:
    """Money moved by a verb right before it (see the module docstring)."""
    transfer = words("transfer_verbs")
    j = start - (1 if w.low_at(start - 1) in ("thêm", "được") else 0)
    k = match_before(w.low, j, transfer)
    if not k and w.low_at(j - 1) not in ("cho",):  # "phân bổ cho huyện 12,5 tỷ đồng"
        c = j - 1
        while c > max(0, j - 7) and w.low[c] != "cho" and is_word(w, c):
            c -= 1
        if w.low_at(c) == "cho" and c < j - 1:
            j, k = c, match_before(w.low, c, transfer)
    v = j - k
    if not k or inside(w, v) or not whole(w, v, k) or match_before(w.low, v, words("money_nouns")):
        return None  # "vốn đầu tư hơn 2 nghìn tỷ": a noun, not a verb
    if w.low_at(v - 1) == "được":  # passive: who receives it, unless what for is said
        if w.low_at(d.last) == "cho" and (span := np_after(w, d.last + 1)):
            return span
        if w.text_at(v - 2) in (",", ";"):  # "…dài 18 km, được đầu tư 27 tỷ đồng"
            return SAME
        return before_phrase(w, v) or (v, v + k)
    return _purpose(w, d.last) or (v, v + k)


def _elided(w: Window, d: Draft, start: int, prev: Previous) -> bool:
    """"…1.200 ha sơn tra, riêng xã Xà Hồ có 415 ha": a figure of the previous fact's kind and unit
    said of a place measures what the previous fact measured."""
    if prev.subject[0] is None or prev.kind != d.kind or prev.unit != d.unit:
        return False
    span = before_phrase(w, start)
    if span is None:
        return True
    a, b = span
    lex = lexicon()
    level = match_after(w.low, a, lex.cue("place_level_after")) or match_after(w.low, a, lex.place_designators)
    return w.low_at(a - 1) in ("ở", "tại") or (level > 0 and a + level < b and w.syls[a + level].capitalized)


def _percent(w: Window, d: Draft, start: int, prev: Previous) -> Span | str | None:
    if w.low_at(d.last) == "là" and (span := np_after(w, d.last + 1)):  # "trên 95% là đồng bào Mông"
        return span
    after = after_phrase(w, d.last)
    share = match_before(w.low, skip_back(w, start), words("percent_predicates"))
    comparative = comparative_phrase(w, start)
    if after and not share and comparative is None:
        return after
    if comparative is not None:
        return comparative
    if clause_initial(w, start):
        return SAME
    rate = rate_noun(w, start)
    if rate is None and prev.kind == "percent" and tuple((prev.subject[1] or "").split()) in words("rate_nouns"):
        return SAME  # "tỷ lệ … ở cấp tiểu học đạt 99,2%, cấp trung học cơ sở đạt 94,5%"
    return rate or before_phrase(w, start) or after


def _count(w: Window, d: Draft, start: int) -> Span | None:
    if d.noun_at < 0:
        return before_phrase(w, start)
    if d.unit == "người":
        span = before_phrase(w, start)  # "đồng bào DTTS có khoảng 400.000 người", "dân số hơn 17.000 người"
        if span and match_after(w.low, span[0], lexicon().cue("population_nouns")):
            return span
    lex = lexicon()
    n = d.noun_at
    noun = at(w, n, words("noun_classifiers"))  # "có 600 cây": trees are what is counted
    if np_after(w, n) == (n, n + 1) and not noun and (w.low[n] in lex.classifiers or at(w, n, words("bare_counters"))):
        possessed = match_before(w.low, skip_back(w, d.first), words("possessives")) > 0
        if possessed or at(w, n, words("bare_counters")):  # "đàn bò đã có 3 con", "khám thai 3 lần"
            return before_phrase(w, start) or (n, n + 1)
    c = n - 1  # "1.100 cây cà phê": a classifier that is itself what is counted
    if c > d.first and w.syls[c].is_word and at(w, c, words("noun_classifiers")):
        n = c
    return np_after(w, n) or before_phrase(w, start)


def _money(w: Window, d: Draft, start: int, prev: Previous) -> Span | str | None:
    if at(w, d.last, words("money_nouns")) and (span := after_phrase(w, d.last)):  # "85 triệu đồng tiền mặt"
        return span
    if clause_initial(w, start):
        return _distributive(w, start) or SAME  # "…, mỗi tháng được 10 triệu đồng" has its item
    b = skip_back(w, start)
    k = match_before(w.low, b, words("valued"))
    if k and match_before(w.low, b, words("money_nouns")) <= k:  # "mỗi con trị giá 18 triệu đồng"
        return before_phrase(w, b - k)
    floor = prev.floor(w, d, start)
    found = (comparative_phrase(w, start) or anchor(w, start, floor, "money_nouns") or _distributive(w, start)
             or _transfer(w, d, start))
    if found:
        return found
    before = before_phrase(w, start)
    if before is None and (purpose := _purpose(w, d.last, marked=True)):
        return purpose  # "trong đó 6,2 tỷ đồng dành cho phát triển sản xuất"
    if _elided(w, d, start, prev):
        return SAME  # the figure of a place, after another one
    return before or after_phrase(w, d.last)


def _dimension(w: Window, start: int, prev: Previous) -> Span | str | None:
    """The phrase a dimension is said of ("con đường dài 2,7 km"; "thôn cách trung tâm xã 20 km",
    whose reference point stands between; "đường từ A đến B dài 45 km", a route)."""
    c0 = clause_start(w, start)
    b = skip_back(w, start, "possessives")
    k = match_before(w.low, b, words("dimensions"))
    c = b - k if k and whole(w, b - k, k) else -1
    for j in range(start - 1, c0 - 1, -1) if c < 0 else ():
        if w.low[j] == "cách" and not inside(w, j) and whole(w, j, 1):
            c = j
            break
    if c < 0:
        return None
    if c == c0 and w.text_at(c - 1) in (",", ";"):  # "…, rộng 3,5 m": the previous fact's subject
        return SAME if w.low[c] != "cách" or prev.subject[0] else np_after(w, c + 1, start)
    span = before_phrase(w, c)
    if span and w.low_at(span[0] - 1) in ("đến", "tới"):
        for t in range(span[0] - 2, max(-1, span[0] - ROUTE_REACH), -1):
            if w.low[t] == "từ" and (a := np_before(w, t)) < t:
                return a + at(w, a, words("openers")), c
            if not is_word(w, t):
                break
    return span


def _measure(w: Window, d: Draft, start: int, prev: Previous) -> Span | str | None:
    after = after_phrase(w, d.last)
    if after and "cách" in w.low[clause_start(w, start) : start]:
        return after  # "cách trung tâm huyện hơn 40 km đường đèo": what the distance is of
    found = (_dimension(w, start, prev) or after
             or anchor(w, start, prev.floor(w, d, start), "measure_nouns"))
    if found:
        return found
    if clause_initial(w, start) or _elided(w, d, start, prev):
        return SAME
    return before_phrase(w, start)


def _duration(w: Window, d: Draft, start: int, prev: Previous) -> Span | str | None:
    found = anchor(w, start, prev.floor(w, d, start), "duration_nouns")
    if found:
        return found
    b = skip_back(w, start)
    c0 = clause_start(w, start)
    k = match_before(w.low, b, words("lasting"))
    if k and b - k > c0 and (span := before_phrase(w, b - k)):
        return span  # "mùa mưa kéo dài 6 tháng"
    opens = skip_back(w, start, "duration_predicates", "duration_openers") == c0
    j = d.last
    for _ in range(3):  # "2 tháng qua, bộ máy …", "20 năm là Người có uy tín"
        if w.text_at(j) == "," and not opens:
            break  # "Lễ hội … diễn ra trong 3 ngày, thu hút …": the next clause is another one
        j += at(w, j, words("duration_lead"))
    found = after_phrase(w, j, verbs=True)
    if found:
        return found
    k = match_before(w.low, b, words("duration_predicates"))
    if k and b - k > c0 and (span := before_phrase(w, b - k)):
        return span  # "làm xong giấy chứng nhận chỉ trong 7 ngày"
    if clause_initial(w, start):
        return SAME
    return before_phrase(w, start)


def _span(w: Window, d: Draft, prev: Previous) -> Span | str | None:
    start = d.hedge_at if d.hedge_at >= 0 else d.first
    if d.kind == "rank":  # "đứng thứ 5/51 tỉnh": one of the 51 provinces
        after = after_phrase(w, d.last) if d.attrs.get("out_of") else None
        return after if after and clause_initial(w, start) else before_phrase(w, start) or after
    if d.kind == "count":
        return _count(w, d, start)
    if d.kind == "ratio" and d.noun_at >= 0:
        return np_after(w, d.noun_at)
    if d.kind == "percent":
        return _percent(w, d, start, prev)
    if d.kind == "money":
        return _money(w, d, start, prev)
    if d.kind == "measure":
        return _measure(w, d, start, prev)
    if d.kind == "duration":
        return _duration(w, d, start, prev)
    return before_phrase(w, start) or after_phrase(w, d.last)


def find_subject(w: Window, d: Draft, prev: Previous | None = None) -> tuple[str | None, str | None]:
    """(subject, head) of draft ``d``; (None, None) when no noun phrase is found. ``prev`` is what the
    sentence's previous fact left (its subject is reused by a clause with none of its own)."""
    prev = prev or Previous()
    span = _span(w, d, prev)
    if span == SAME:
        if prev.subject[0] is not None:
            return prev.subject
        c = clause_start(w, d.first)  # no previous fact: the phrase before the comma
        span = before_phrase(w, c - 1) if w.text_at(c - 1) == "," else None
    if span is None or isinstance(span, str):
        return None, None
    a, b = span
    return w.join(a, b), head_of(w, a, b)
