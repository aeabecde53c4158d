"""Where a headed body's name ends: its name part, a lower-case domain, its place scope.

The rules of :mod:`.rules_orgs` find a head ("Sở", "UBND", "Công ty", "Ban Quản lý") and ask this
module how far the body's name runs after it: a proper-name part ("Hòa Phát", "THCS Nậm Chày"), a
kind name in lower case ("Cục Quản lý | lao động ngoài nước"), a committee's domain ("Ban Chỉ đạo |
phòng, chống dịch ..."), the body's place ("| tỉnh Lào Cai"), or the body it is a unit of
("Đảng bộ cơ quan | Ủy ban Dân tộc"). Kept apart from the rules because the same reading of a name's
end serves every kind of head, and is where the long tail of agency names is decided.
"""

from __future__ import annotations

from .features import foreign
from .rules_places import NUMBERED_ADMIN, PLACE_PREPS, place_name_end
from .view import PLACE_TAGS, SentenceView

JOIN = frozenset({"và", "-", "–", "&"})
#: verb pairs that open a committee's domain in lower case ("Ban Chỉ đạo phòng, chống dịch ...")
PAIRED_VERBS = (("phòng", ",", "chống"), ("phòng", "chống"))
MAX_LOWER = 7  # syllables (and joiners) a name may run on in lower case after its capitalized part
CONTINUATION_STOP = frozenset({"BND", "PFXA", "PFXV", "PFX", "PFXD", "HON", "ROLE", "ORGH"})
STOP_TAGS = frozenset({"HON", "ROLE"})
#: military units named by a number alone ("Sư đoàn 312", "Quân khu 7", "Trung đoàn 88")
NUMBERED_UNITS = frozenset({"quân khu", "quân đoàn", "sư đoàn", "lữ đoàn", "trung đoàn", "tiểu đoàn"})
#: the head of a political party's name ("Đảng Dân chủ"): its name is capitalized in full, so
#: lower-case words after it are the sentence's ("Đảng Cộng hòa | tranh cãi")
PARTY = "đảng"


def scope_end(v: SentenceView, j: int) -> int | None:
    """End of a scope ("tỉnh Lào Cai", "huyện Mường Khương", "Việt Nam") starting at ``j``."""
    pm = v.longest(j, {"PFXA", "PFXV"})
    glued = v.longest(j, PLACE_TAGS)
    if pm is not None and glued is not None and glued.end > pm.end:
        return glued.end  # a place written with its prefix glued: "TP.HCM"
    if pm is not None:
        if v.digit(pm.end) and "PFXV" not in pm.tags and v.surface(j, pm.end) not in NUMBERED_ADMIN:
            return None  # "Công an xã 4 ...": a number after "xã" is no commune
        found = place_name_end(v, pm.end, allow_unknown=True)
        return found[0] if found else None
    known = v.longest(j, {"COUNTRY", "REGION"})
    if known is not None and v.cap(j):
        return known.end
    return None


def _place_ends_at(v: SentenceView, j: int) -> bool:
    """Does a province, city or country end right before j ("... Hà Nội | công bố")?"""
    return any(m.end == j and m.tags & {"PROV", "CITY", "COUNTRY"} for m in v.matches)


def _glued_place(v: SentenceView, j: int) -> bool:
    """Does a known place written with its prefix and a dot, no space, start at j ("TP.HCM")?"""
    pm, place = v.longest(j, {"PFXA", "PFXV"}), v.longest(j, PLACE_TAGS)
    return pm is not None and place is not None and place.end > pm.end


def _longer_word(v: SentenceView, j: int, tags: set[str]) -> bool:
    """Is the match with ``tags`` at j the start of a longer common word ("Lễ" of "Lễ nghi")?"""
    m, common = v.longest(j, tags), v.longest(j, {"DICT"})
    return m is not None and common is not None and common.end > m.end


def _opens_word(v: SentenceView, j: int) -> bool:
    """Does a capitalized place word at j open a common word in the name's kind ("Xã hội" of
    "Lao động - Thương binh và Xã hội", "Thành phố" stays a place word: its next syllable is
    capitalized or no common word follows)?"""
    common = v.longest(j, {"DICT"})
    return v.cap(j) and common is not None and common.end - j >= 2 and not v.cap(j + 1)


def has_proper_part(v: SentenceView, a: int, b: int) -> bool:
    """Does the name part a..b contain a proper name (see the module docstring)?"""
    for k in range(a, b):
        syl = v.sylls[k]
        if syl.shape in ("A0", "A'a") or "ORGN" in v.tags_at(k):
            return True
        if syl.shape == "AA" and not v.tags_at(k) & {"ORGH", "NON", "PFXA"}:
            return True  # an acronym that is no kind of body ("MBC", "TVM", "AIA"; not "THCS")
        if v.cap(k) and k > a and v.cap(k - 1):
            return True
        # a Vietnamese syllable before lower-case ones starts a kind name even past the part
        # ("Trung tâm Chống | độc"); a foreign word is a name whatever follows ("Đại học Melbourne")
        last = b if foreign(syl.lower) else len(v)
        if v.cap(k) and syl.shape == "Aa" and syl.wpos == "S" and not (k + 1 < last and v.sylls[k + 1].shape == "a"):
            return True  # a capitalized one-syllable word that is no common word: "Công ty Viettel"
    return False


def org_extent(v: SentenceView, head_end: int, after_role: bool,
               scope_only: bool = False, team: bool = False) -> tuple[int, bool, bool]:
    """(end, has a proper-name part, has a place scope) of the body whose head ends at head_end.

    ``scope_only``: the head takes a place scope, not a name ("Đảng ủy", "UBND"), so a person's
    name right after it is the person ("Bí thư Thường trực Đảng ủy Nguyễn Thu Minh")."""
    n = len(v)
    j = head_end
    if scope_only and "FAM" in v.tags_at(j) and v.cap(j + 1) and v.longest(j, PLACE_TAGS) is None:
        return j, False, False
    named = _domain_then_name(v, head_end)
    if named is not None:
        return named, True, False
    scoped = _domain_then_scope(v, head_end)
    if scoped is not None:
        return scoped, False, True
    if team:
        place = v.longest(head_end, PLACE_TAGS)
        if place is not None:
            return place.end, True, False  # "đội tuyển Việt Nam", "tuyển miền Nam": the team
    while j < n:
        # a place word opens the scope, also when the segmenter glued it to the word before
        # ("Tôn giáo tỉnh | Lâm Đồng") but a capitalized name follows it
        if (v.longest(j, {"PFXA", "PFXV"}) is not None and (not v.word_inner(j) or v.cap(j + 1) or _glued_place(v, j))
                and not _opens_word(v, j)):
            scope = scope_end(v, j)
            if scope is not None:
                return scope, has_proper_part(v, head_end, j), True
            break
        if j > head_end and v.tags_at(j) & STOP_TAGS:
            break
        if "EVENT" in v.tags_at(j) and v.cap(j) and not _longer_word(v, j, {"EVENT"}):
            break  # "Ban Tổ chức | Lễ Tuyên dương": the committee of an event is named by its kind only
        if j == head_end and v.digit(j) and v.surface(head_end - 2, head_end) in NUMBERED_UNITS:
            return j + 1, True, False  # "Sư đoàn 312": the number is the whole name
        if v.cap(j) or (v.digit(j) and j > head_end):
            if after_role and "FAM" in v.tags_at(j) and v.cap(j + 1) and _not_a_place(v, j):
                break  # "Giám đốc Sở Y tế Nguyễn Văn An": the person starts here
            j += 1
            continue
        if (j > head_end and v.low(j) == "," and v.cap(j + 1) and not has_proper_part(v, head_end, j)
                and v.longest(j + 1, PLACE_TAGS | {"ORGH", "ORGN", "HON", "ROLE", "FAM"}) is None):
            j += 1  # "Sở Văn hóa, Thể thao và Du lịch": a comma inside a kind name
            continue
        if j > head_end and v.low(j) in JOIN and v.cap(j + 1):
            if v.longest(j + 1, {"ORGH", "ORGN", "HON", "ROLE"}) is not None:
                break  # "Trường X và Ngân hàng Y": two bodies
            if v.low(j) == "và" and has_proper_part(v, head_end, j):
                break  # "Đại học Melbourne và RMIT": a name is complete, "và" joins two bodies
            j += 1
            continue
        if j > head_end and v.word_inner(j) and v.sylls[j].shape == "a" and not _place_ends_at(v, j):
            j += 1  # (but "Hà Nội | công bố": the dictionary's "nội công" does not glue a verb on)  # the rest of a word whose first syllable is capitalized ("Tài nguyên", "Miền núi")
            continue
        region = v.longest(j, {"REGION", "COUNTRY"})
        if j > head_end and region is not None:
            return region.end, has_proper_part(v, head_end, j), True  # "... Luật miền Nam"
        if j > head_end:  # a few lower-case words, then a scope: "Ban Chỉ đạo Chuyển đổi số tỉnh Lào Cai"
            for t in range(j, min(j + 3, n)):
                if v.punct(t) or v.cap(t) or v.low(t) in PLACE_PREPS:
                    break  # "Công ty Rạng Đông | ở quận Thanh Xuân": where the body is, not its name
                if v.longest(t, {"PFXA"}) is not None:
                    scope = scope_end(v, t)
                    if scope is not None:
                        return scope, has_proper_part(v, head_end, t), True
                    break
            cont = None if has_proper_part(v, head_end, j) or v.low(head_end - 1) == PARTY else lower_continuation(v, j)
            if cont is not None:
                return cont, True, False
        break
    return j, has_proper_part(v, head_end, j), False


#: places that end a company's name as its location, not as its name ("... Việt Nam", "... Lào Cai");
#: a site or a commune may be the name itself ("Tập đoàn Đèo Cả", "Công ty Thuận An")
REGION_TAGS = frozenset({"PROV", "COUNTRY", "CITY", "REGION"})
#: legal forms between a company's head and its name ("Công ty TNHH | Hòa Phát")
LEGAL_FORMS = ("trách nhiệm hữu hạn", "một thành viên", "cổ phần", "tnhh", "tmcp", "mtv", "cp", "jsc")


def company_short_name(v: SentenceView, head_end: int, end: int) -> str | None:
    """The name a company is called by later in the article: what follows its head and legal
    form, when that is a proper name ("Tập đoàn | Đèo Cả", "Công ty Cổ phần Tập đoàn | Thuận An",
    "Công ty | Unimedia"): two capitalized syllables or more, or one foreign word or acronym, not
    ending in a country, province or city ("Tổng công ty Thép Việt Nam" has none)."""
    i = head_end
    while i < end:
        legal = next((f for f in LEGAL_FORMS if v.surface(i, i + len(f.split())) == f), None)
        inner = v.longest(i, {"ORGHC"})
        if legal is None and (inner is None or inner.end > end):
            break
        i += len(legal.split()) if legal is not None else inner.end - i  # type: ignore[union-attr]
    if i >= end or not all(v.cap(t) for t in range(i, end)):
        return None
    if end - i == 1 and not (v.sylls[i].shape == "AA" or foreign(v.low(i))):
        return None
    if any(v.has_match(t, end, REGION_TAGS) for t in range(i, end)):
        return None  # the company's country, province or city ends its name
    return v.text_between(i, end)


def _not_a_place(v: SentenceView, j: int) -> bool:
    """A family name that opens no known province or country of two syllables or more ("Lâm
    Đồng", "Hà Giang" start with family names)."""
    place = v.longest(j, {"PROV", "COUNTRY"})
    return place is None or place.end - j < 2


def stops(v: SentenceView, t: int) -> bool:
    """Does syllable t end a lower-case run of a name? A boundary word, a cue or a head does; a
    place word does unless it opens a common word ("xã" of "xã hội") or continues one."""
    if v.word_inner(t):
        return False
    tags = v.tags_at(t) & CONTINUATION_STOP
    if tags and tags <= {"PFXA", "PFXV", "PFX", "PFXD"}:
        common = v.longest(t, {"DICT"})
        if common is not None and common.end - t >= 2:
            return False
        word = v.longest(t, {"PFXA", "PFXV", "PFX", "PFXD"})
        # a site word with no name after it is a common noun of the name ("Cảnh sát biển | đã")
        return not (word is not None and not word.tags & {"PFXA", "PFXV"}
                    and not (v.cap(word.end) or v.digit(word.end)))
    return bool(tags)


def _domain_then_name(v: SentenceView, head_end: int) -> int | None:
    """A head, lower-case domain words, then a proper name or place: "Đài phát thanh Sài Gòn",
    "Trường kỹ thuật Cao Thắng", "Công ty bảo hiểm AIA". Returns the end, or None."""
    n = len(v)
    t = head_end
    while t < n and t - head_end < MAX_LOWER:
        paired = next((p for p in PAIRED_VERBS if tuple(v.low(x) for x in range(t, t + len(p))) == p), None)
        if paired is not None:
            t += len(paired)  # "Ban Chỉ đạo phòng, chống dịch ...": one domain
        elif v.sylls[t].shape == "a":
            if stops(v, t):
                return None
            t += 1
        else:
            break
    if t == head_end or t >= n or not (v.cap(t) or v.sylls[t].shape in ("AA", "A0")):
        return None
    coded = v.sylls[t].shape == "AA" and v.low(t + 1) == "-" and v.digit(t + 2)  # "COVID-19"
    if v.tags_at(t) & {"HON", "ROLE", "ORGH", "NON"} and not coded:
        return None
    place = v.longest(t, PLACE_TAGS)
    if place is not None and not (v.cap(place.end) and foreign(v.low(place.end))
                                  and not place.tags & {"COUNTRY", "PROV", "CITY"}):
        return place.end  # (a foreign word after a river's or region's name goes on: "Mekong | Capital")
    end = v.cap_run(t, limit=5)
    glued = next((m for m in map(lambda x: v.longest(x, PLACE_TAGS), range(t + 1, end)) if m is not None), None)
    if glued is not None and glued.end > end:
        end = glued.end  # the name's place has a dot inside: "Sở GD&ĐT | TP.HCM"
    if v.low(end) == "-" and v.digit(end + 1) and v.glued(end):
        end += 2  # a code with its number: "COVID-19"
    return scope_end(v, end) or end  # and the body's place: "... tỉnh Gia Lai"


#: syllables of a lower-case domain before a body's place ("Ban Quản lý | dự án đầu tư xây dựng
#: công trình giao thông | tỉnh Bắc Giang": 8; committees run to 10 and more)
MAX_SCOPED_DOMAIN = 14
#: function words inside such a domain ("phòng, chống thiên tai và tìm kiếm cứu nạn", "các công
#: trình dân dụng và công nghiệp")
DOMAIN_INNER = frozenset({"và", "các", "về", "cho", "vì", "những"})


def _domain_then_scope(v: SentenceView, head_end: int) -> int | None:
    """A head, a long lower-case domain, then the body's place: "Ban Chỉ huy phòng, chống thiên
    tai và tìm kiếm cứu nạn tỉnh Quảng Ngãi", "Ban Quản lý dự án đầu tư xây dựng công trình giao
    thông tỉnh Bắc Giang". The place is the anchor: any boundary word, capital or punctuation
    before it (but a comma between two lower-case words of the domain) means the words are the
    sentence's, and so do places after "các" ("... hướng dẫn các xã"). Returns the end or None."""
    n = len(v)
    t = head_end
    while t < n and t - head_end < MAX_SCOPED_DOMAIN:
        if t > head_end and v.longest(t, {"PFXA"}) is not None and not v.word_inner(t):
            if v.low(t - 1) in DOMAIN_INNER:
                return None  # "các xã ...": places the sentence lists
            return scope_end(v, t)
        low = v.low(t)
        if low == "," and t > head_end and v.sylls[t + 1 : t + 2] and v.sylls[t + 1].shape == "a":
            t += 1
            continue
        if v.sylls[t].shape != "a":
            return None
        if low not in DOMAIN_INNER and stops(v, t):
            return None
        t += 1
    return None


#: words after which "về" opens the rest of a unit's name ("Cục Cảnh sát điều tra tội phạm về
#: tham nhũng", "Phòng Cảnh sát điều tra tội phạm về ma túy"), not a verb's complement
DOMAIN_OF = frozenset({"tội phạm"})


def lower_continuation(v: SentenceView, j: int) -> int | None:
    """End of lower-case words that continue a name ("Cục Quản lý | lao động ngoài nước", "Trường
    đại học Nghệ thuật | tổng hợp quốc gia HQ"), or None when the words read as the sentence's own
    (a boundary word such as "đã", "cho biết" comes first, or the run does not close)."""
    n = len(v)
    t = j
    while t < n and t - j < MAX_LOWER:
        if v.low(t) in ("-", "&") and v.sylls[t + 1 : t + 2] and v.sylls[t + 1].shape == "a":
            t += 1  # "Bộ Lao động - thương binh & xã hội"
            continue
        if v.low(t) == "về" and v.surface(t - 2, t) in DOMAIN_OF and v.sylls[t + 1 : t + 2] and v.sylls[t + 1].shape == "a":
            t += 1  # "Phòng Cảnh sát điều tra tội phạm | về | ma túy"
            continue
        if v.sylls[t].shape != "a" or stops(v, t):
            break
        t += 1
    if t == j:
        return None
    if t < n and v.cap(t):
        place = v.longest(t, {"COUNTRY", "PROV", "REGION", "CITY"})
        if place is not None:
            return place.end  # a trailing country or place: "... tổng hợp quốc gia HQ"
        return None
    if t < n and v.low(t) in ("các", "những") and v.longest(t + 1, {"PFXA", "PFXV"}) is not None:
        return None  # "Sở Y tế | hướng dẫn các xã ...": a verb and the places it acts on
    if t >= n or v.punct(t) or "BND" in v.tags_at(t):
        return t
    return None


def known_org_end(v: SentenceView, j: int) -> int:
    """A known body's name may go on with its branch and place: "Ngân hàng Chính sách xã hội chi
    nhánh tỉnh Gia Lai", "Viettel Lào Cai", "Chính phủ Nhật Bản"."""
    if v.surface(j, j + 2) == "chi nhánh":
        return scope_end(v, j + 2) or j + 2
    scope = scope_end(v, j)
    if scope is not None:
        return scope
    place = v.longest(j, {"PROV", "COUNTRY"})
    if place is not None and v.cap(j):
        return place.end
    branch = v.longest(j, {"DIST", "COMM"})  # "Big C | Thăng Long", "BIDV | Sở Giao dịch": a branch
    if (branch is not None and v.cap(j) and branch.end == v.cap_run(j) and "FAM" not in v.tags_at(j)
            and not any(v.longest(t, {"ROLE"}) for t in range(max(0, j - 4), j))):
        return branch.end
    return j


#: words between a party or mass body and the body it is the unit of ("Đảng bộ cơ quan Ủy ban
#: Dân tộc", "Công đoàn khối Bộ Y tế")
UNIT_LINKS = ("cơ quan", "khối")


def unit_of_body(v: SentenceView, j: int) -> int | None:
    """End of the named body whose party or mass unit a head names: "Đảng bộ cơ quan | Ủy ban
    Dân tộc", "Ban cán sự đảng | Chính phủ", "Công đoàn | Bộ Y tế", "Chi bộ | Ban Dân tộc tỉnh Sơn
    La". One organization by its full name: the annotation keeps the outermost (docs/ANNOTATION.md);
    with "của" between them they stay two ("Hội đồng Dân tộc của Quốc hội"). None when no named
    body follows."""
    if v.surface(j, j + 2) in UNIT_LINKS:
        j += 2
    if not v.cap(j):
        return None
    named = v.longest(j, {"ORGN"})
    if named is not None and "ORGN_AMB" not in v.tags_at(j):
        return known_org_end(v, named.end)
    head = v.longest(j, {"ORGH"})
    if head is None or "ORGHU" in head.tags or v.longest(j, PLACE_TAGS | {"DICT"}) not in (None, head):
        return None
    end, proper, scoped = org_extent(v, head.end, False, "ORGHS" in head.tags, "ORGHT" in head.tags)
    return end if (proper or scoped) else None
