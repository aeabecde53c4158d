"""High-precision patterns for organizations (ORG).

An organization name is a head ("Sở", "UBND", "Công ty", "Đồn Biên phòng"), a name part
("Tài nguyên và Môi trường", "Hòa Phát", "THCS Nậm Chày") and a scope ("tỉnh Lào Cai").

Whether it is a *named* body or a generic one ("UBND tỉnh", "Sở Y tế", "Ban Dân tộc tỉnh" are
generic by the guideline) follows Vietnamese capitalization: a kind of body capitalizes only the
first syllable of each word ("Tài nguyên", "Y tế"), a proper name capitalizes every syllable ("Tân
Tiến", "Nậm Chày"). So a body is named when it has a scope with a place, a proper-name part, or a
national-level head ("Bộ Công an"); generic candidates are still returned (``generic`` attribute)
so that nothing inside them is taken for a person or a place, but they are not output.

How far a name runs after its head is :mod:`.org_extent`'s; bodies named without a head word
(codes, quoted names, corporate tails, brands) are :mod:`.rules_org_names`'.
"""

from __future__ import annotations

from collections.abc import Iterator

from .org_extent import (
    PARTY,
    company_short_name,
    known_org_end,
    org_extent,
    stops,
    unit_of_body,
)
from .rules_places import PLACE_PREPS
from .view import PLACE_TAGS, Cand, SentenceView

CONF_KNOWN_ORG = 0.97
CONF_SCOPED_ORG = 0.96
CONF_PROPER_ORG = 0.93
CONF_GENERIC_ORG = 0.95  # high: a generic body must block the words inside it

#: heads that running text writes in lower case before a name ("đội tuyển Việt Nam", "báo Nhân
#: Dân"); any other head must be capitalized ("tổ chức" is also the verb "to organize")
LOWER_HEADS = frozenset({"đội tuyển", "tuyển", "báo", "tờ", "hãng", "hãng tin", "đài", "câu lạc bộ", "công ty",
                         "tập đoàn", "nhà xuất bản", "bệnh viện", "ngân hàng", "quỹ", "tạp chí"})
#: heads that, before a word for a task, name a group sent on it ("Đoàn công tác", "Tổ kiểm tra
#: liên ngành"): no body (the guideline's unnamed "Tổ công tác"); the place or body after it is
#: the sender, an entity of its own ("Đoàn công tác tỉnh Hà Giang" -> LOC "tỉnh Hà Giang")
DELEGATION_HEADS = frozenset({"đoàn", "tổ"})
#: the tasks such a group is named by (lower case, as running text writes them)
DELEGATION_TASKS = ("công tác", "kiểm tra", "giám sát", "khảo sát", "thanh tra", "liên ngành",
                    "cứu trợ", "thiện nguyện", "tình nguyện", "tuyên truyền", "y tế", "y bác sĩ")


def _is_bare_level(v: SentenceView, j: int) -> int | None:
    """ "tỉnh", "huyện", "xã" with no name after it: the generic scope of "UBND tỉnh"."""
    pm = v.longest(j, {"PFXA"})
    if pm is not None and not v.cap(pm.end) and not v.digit(pm.end):
        return pm.end
    return None


def _delegation_end(v: SentenceView, head_end: int) -> int | None:
    """End of the task words (and a "của" after them) of a delegation whose head ends at
    ``head_end``, or None when no task word follows in lower case (:data:`DELEGATION_TASKS`)."""
    t = head_end
    while True:
        task = next((w for w in DELEGATION_TASKS if v.surface(t, t + len(w.split())) == w
                     and not v.cap(t)), None)
        if task is None:
            break
        t += len(task.split())
    if t == head_end:
        return None
    return t + 1 if v.low(t) == "của" else t


def _person_not_body(v: SentenceView, k: int, head_end: int) -> bool:
    """A one-syllable head that is also a family name, opening a run of capitalized syllables
    only ("Đoàn Văn An"), is a person; a kind name continues a word ("Đoàn Thanh niên")."""
    if head_end - k != 1 or "FAM" not in v.tags_at(k) or not v.cap(k + 1):
        return False
    end = v.cap_run(k, limit=5)
    return 2 <= end - k <= 4 and not (end < len(v) and v.sylls[end].wpos == "I")


#: head words that running text writes in lower case before a known body's capitalized name
#: ("bộ Công an", "đảng Cộng hòa"): the known name is the body, with its head word
LOWER_KNOWN_HEADS = frozenset({"bộ", "đảng"})


def _lower_led(v: SentenceView, k: int, end: int) -> bool:
    """Is the known body at k..end written with its head word in lower case ("bộ Công an", "đảng
    Dân chủ")? The head must be a word of its own ("toàn bộ", "cán bộ", "Đảng bộ" are not), and
    every word after it capitalized, as the body's name is ("Công an", "Cộng hòa")."""
    return (v.low(k) in LOWER_KNOWN_HEADS and end - k >= 2 and not v.word_inner(k) and v.cap(k + 1)
            and not v.inside(k, {"DICT"}) and all(v.cap(t) or v.word_inner(t) for t in range(k + 1, end)))


def _longer_company(v: SentenceView, j: int) -> int:
    """A known company's name that goes on capitalized is a longer name that starts like it
    ("Ngân hàng TMCP Sài Gòn | Thương Tín" is not "Ngân hàng TMCP Sài Gòn"); a person, a place
    scope, a body or a cue after it is the sentence's ("Giám đốc Ngân hàng X | Nguyễn Văn An")."""
    if not v.cap(j) or v.tags_at(j) & (PLACE_TAGS | {"FAM", "ORGH", "ORGN", "ROLE", "HON", "NON"}):
        return j
    return v.cap_run(j, limit=3)


def organizations(v: SentenceView, national_heads: frozenset[str]) -> Iterator[Cand]:
    """Known bodies ("Quốc hội", "UBDT") with their scope, then head-led names ("Sở Y tế tỉnh Lào
    Cai"). ``national_heads`` are heads that exist once nationally ("Bộ"): with any domain after
    them they name one body, so they are no generic reference. A head that is really a place, a
    common word or a family name is dropped first; what stays generic ("UBND tỉnh") is yielded
    with ``generic`` so that it still blocks the words inside it (module docstring)."""
    n = len(v)
    k = 0
    while k < n:
        named = v.longest(k, {"ORGN"})
        head = v.longest(k, {"ORGH"})
        if named is not None and (head is None or named.end >= head.end) and (v.cap(k) or v.sylls[k].shape == "AA"
                                                                             or _lower_led(v, k, named.end)):
            end = known_org_end(v, named.end)
            if end == named.end and v.longest(k, {"ORGHC"}) is not None:
                end = _longer_company(v, end)
            seat = "ORGN_SEAT" in named.tags and v.low(k - 1) in PLACE_PREPS
            yield Cand("LOC" if seat else "ORG", k, end, CONF_KNOWN_ORG, "rule:known-org")
            k = end
            continue
        national = _nationality(v, k, head.end) if head is not None and v.surface(k, head.end) in LOWER_HEADS \
            and "ORGHT" not in head.tags else None
        if national is not None:  # "các hãng Trung Quốc như ...": a nationality, no body
            yield Cand("LOC", national[0], national[1], CONF_PROPER_ORG, "rule:nationality")
            k = national[1]
            continue
        place = v.longest(k, PLACE_TAGS)
        if head is not None and place is not None and place.end > head.end:
            head = None  # "Đài Loan", "Hội An" are places, not the head "Đài"/"Hội" + a name
        if head is not None and not v.cap(k) and (v.inside(k, {"HON", "ROLE"})
                                                  or (v.inside(k, {"DICT"}) and v.low(k - 1) not in LOWER_HEADS)):
            head = None  # "báo" of "nhà báo" (a journalist), of "dự báo" (a forecast); not of "tờ báo"
        common = v.longest(k, {"DICT"})
        if (head is not None and common is not None and common.end > head.end
                and all(v.sylls[t].shape == "a" for t in range(head.end, common.end))):
            head = None  # "Hội nghị", "Trường hợp", "Ban hành": a common word, not a head (but
            # "Ban Phát thanh" is: a common word "ban phát" is not written with its second capital)
        if head is not None and _person_not_body(v, k, head.end):
            head = None  # "Đoàn Văn An": the head is a family name
        head_key = v.surface(k, head.end) if head is not None else ""
        if head_key == PARTY and v.inside(k, {"NON"}):
            head = None  # "Trung ương Đảng" (generic by the guideline), "Bí thư Trung ương Đảng"
        task = _delegation_end(v, head.end) if head_key in DELEGATION_HEADS else None
        if task is not None:
            k = task  # "Đoàn công tác | tỉnh Hà Giang", "Đoàn kiểm tra của | Bộ Y tế"
            continue
        if head is None or not (v.cap(k) or (head_key in LOWER_HEADS and v.cap(head.end))):
            k += 1
            continue
        if not v.cap(k) and v.longest(head.end, {"ORGH", "ORGN"}) is not None:
            k = head.end  # "tờ Báo Dân tộc và Phát triển": the name starts at the capitalized head
            continue
        after_role = any(v.longest(t, {"ROLE"}) is not None for t in range(max(0, k - 3), k))
        if "ORGHB" in head.tags and after_role:
            if not v.cap(head.end):  # "Chủ tịch HĐQT, cho biết": the title's board, no body at all
                yield Cand("ORG", k, head.end, CONF_GENERIC_ORG, "rule:generic-org", (("generic", "1"),))
            k = head.end  # "Chủ tịch HĐQT | Vietcombank": the board is the title's, the body follows
            continue
        unit = unit_of_body(v, head.end) if "ORGHU" in head.tags and v.cap(k) else None
        inner = v.longest(head.end, {"ORGHU"}) if unit is None and v.cap(k) and v.cap(head.end) else None
        if inner is not None:  # "Văn phòng | Ban cán sự đảng cơ quan Ủy ban Dân tộc"
            unit = unit_of_body(v, inner.end)
        if unit is not None:
            yield Cand("ORG", k, unit, CONF_SCOPED_ORG, "rule:org-unit")
            k = unit
            continue
        members = _members_of(v, head.end) if head_key in ASSOCIATION_HEADS else None
        if members is not None:  # "Hiệp hội | các nhà bán lẻ | Việt Nam"
            yield Cand("ORG", k, members, CONF_SCOPED_ORG, "rule:org-pattern")
            k = members
            continue
        end, proper, scoped = org_extent(v, head.end, after_role, "ORGHS" in head.tags, "ORGHT" in head.tags)
        if not proper and end - 1 > head.end and v.digit(end - 1) and not v.digit(end - 2):
            proper = True  # a kind name and its number: "Bệnh viện Nhi đồng 1", "Trường Mầm non 2"
        if scoped or proper or (end > head.end and head_key in national_heads):
            conf = CONF_SCOPED_ORG if scoped else CONF_PROPER_ORG
            short = company_short_name(v, head.end, end) if "ORGHC" in head.tags else None
            yield Cand("ORG", k, end, conf, "rule:org-pattern", (("short", short),) if short else ())
        else:
            bare = _is_bare_level(v, end)
            yield Cand("ORG", k, bare or end, CONF_GENERIC_ORG, "rule:generic-org", (("generic", "1"),))
            end = bare or end
        k = max(end, k + 1)


#: heads of bodies named by their members: "Hiệp hội các nhà bán lẻ Việt Nam", "Liên hiệp các hội ..."
ASSOCIATION_HEADS = frozenset({"hiệp hội", "liên minh", "liên đoàn", "hội", "liên hiệp"})
MAX_MEMBERS = 6  # lower-case syllables naming the members ("các doanh nghiệp nhỏ và vừa")


def _members_of(v: SentenceView, head_end: int) -> int | None:
    """End of "các" + lower-case words naming the members + a country or region after an
    association's head ("Hiệp hội | các nhà bán lẻ Việt Nam"), or None: without the place the
    words are the sentence's ("Hội | các cựu chiến binh đã ...")."""
    if v.low(head_end) != "các":
        return None
    t = head_end + 1
    while t < len(v) and t - head_end <= MAX_MEMBERS and v.sylls[t].shape == "a" and (v.low(t) == "và" or not stops(v, t)):
        t += 1
    if t == head_end + 1 or not v.cap(t):
        return None
    place = v.longest(t, {"COUNTRY", "REGION"})
    return place.end if place is not None and not v.cap(place.end) else None


#: lower-case words a kind of company may take before its nationality ("hãng viễn thông Thụy Điển")
MAX_NATIONALITY_DOMAIN = 3


def _nationality(v: SentenceView, k: int, head_end: int) -> tuple[int, int] | None:
    """A company word, a few lower-case words, then a country and no name: the country is the
    companies' nationality, and no body is named ("các hãng Trung Quốc như Xiaomi", "ngân hàng
    Mỹ"). Returns the country's (start, end), or None. A capitalized head mid-sentence names a
    body ("Ngân hàng Việt Nam Thịnh Vượng"), so only a lower-case head, or a sentence-initial one
    followed by lower-case words, reads this way. (When a name follows the country, "hãng viễn
    thông Thụy Điển Ericsson", the CRF decides: a rule for it cost a little on general news.)"""
    t = head_end
    while t < len(v) and t - head_end < MAX_NATIONALITY_DOMAIN and v.sylls[t].shape == "a" and not stops(v, t):
        t += 1
    if v.cap(k) and not ((k == 0 or v.punct(k - 1)) and t > head_end):
        return None
    country = v.longest(t, {"COUNTRY"})
    if country is None or not v.cap(t) or v.cap(country.end):
        return None
    return t, country.end
