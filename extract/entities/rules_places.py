"""High-precision patterns for places (LOC) and ethnic groups (ETH).

- An admin or site prefix directly before a name: the prefix joins the span ("xã Tân Sơn",
  "sông Hồng", "thôn 7"); descriptive words in between leave it out ("huyện vùng cao Mường
  Khương" -> "Mường Khương"). A list after a prefixed place continues it ("các xã Tân Sơn, Bản
  Lầu và Nậm Chảy").
- A known province, country, region or world city standing alone as a whole capitalized run.
- An ethnic-group name after "dân tộc"/"người"/"đồng bào" or in a list of groups; unambiguous
  group names anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lexicon import Match
from .view import PLACE_TAGS, Cand, SentenceView

#: confidence of each pattern: calibrated by hand on the team's own gold (tests/gold), as the
#: order in which overlapping candidates win (higher wins), not as probabilities.
CONF_PREFIX_KNOWN = 0.97  # prefix + a name the gazetteer knows
CONF_PREFIX_VILLAGE = 0.93  # village-level prefix + any capitalized name or a number
CONF_PREFIX_SITE = 0.88  # a site prefix ("sông", "chợ", "đường") + a capitalized name
CONF_DESCRIBED = 0.9  # prefix + descriptive words + a known name
CONF_LIST = 0.88  # list continuation after a prefixed place
CONF_BARE_KNOWN = 0.86  # a known province/country/region alone
CONF_ETH_CUE = 0.98
CONF_ETH_BARE = 0.9
CONF_ETH_LIST = 0.9

ETH_CUES = frozenset({"tộc", "người", "bào", "con"})  # dân tộc, người, đồng bào, bà con
LIST_JOINERS = frozenset({",", "và", "với", "cùng", ";", "hoặc"})
PERSON_START = frozenset({"FAM", "HON", "ROLE", "ORGH"})
PREFIX_TAGS = frozenset({"PFXA", "PFXV", "PFX"})
NAME_JOIN = frozenset({"-", "–", "&"})
NUMBERED_ADMIN = frozenset({"phường", "quận", "p.", "q.", "khu phố", "tổ dân phố"})
FOREIGN_TAGS = frozenset({"COUNTRY", "CITY", "REGION"})
ADMIN_TAGS = frozenset({"PROV", "DIST", "COMM"})
#: words after which a bare place name is expected ("ở Cương Gián", "sang Nhật")
PLACE_PREPS = frozenset({"ở", "tại", "sang", "đến", "tới", "từ", "về", "nước", "qua", "khắp", "ra", "vào", "quê"})
CONF_AFTER_PREP = 0.8
#: site words that before a code name a broadcast channel, no canal ("kênh STV", "kênh VTV5"):
#: the channel is ORG, without the word (the guideline's "VTV5")
CHANNEL_WORDS = frozenset({"kênh"})
CONF_PARENTHESIZED = 0.86


def place_name_end(v: SentenceView, k: int, allow_unknown: bool) -> tuple[int, bool] | None:
    """End of the place name starting at ``k`` and whether the gazetteer knows it.

    A longer capitalized run than the known name is cut where a person or a body starts
    ("tỉnh Lào Cai Trịnh Xuân Trường" -> "Lào Cai").
    """
    if v.digit(k):
        return k + 1, False
    run = v.cap_run(k, limit=6)
    if run == k:
        return None
    known = v.longest(k, PLACE_TAGS)
    if known is not None and known.end > run:  # "Bắc Trung Bộ | và Duyên hải ...": the part in capitals
        known = next((m for m in v.starts.get(k, ()) if m.end <= run and m.tags & PLACE_TAGS), known)
    if known is not None and known.end < run and _person_shaped(v, k, run):
        return None  # "tỉnh Vương Gia Bảo": a place named "Vương" does not make the person one
    if known is not None and known.end <= run:
        if known.end == run:
            return run, True
        after = known.end + 1 if v.low(known.end) in NAME_JOIN else known.end
        if v.tags_at(after) & PERSON_START or v.tags_at(after) & PLACE_TAGS:
            return known.end, True  # "Lào Cai Trịnh Xuân Trường", "Hồ Chí Minh - Đông Nam bộ"
        return run, True
    if not allow_unknown or _person_shaped(v, k, run):
        return None
    for t in range(k + 1, run):  # "miền Nam VN": an unknown name stops where a known place starts
        if v.tags_at(t) & {"COUNTRY", "PROV", "REGION", "CITY"}:
            return (t - 1 if v.low(t - 1) in NAME_JOIN else t), False
    return run, False


def _person_shaped(v: SentenceView, k: int, end: int) -> bool:
    """Is the unknown capitalized run k..end a person's name: a family name, a middle name, a
    given name or two ("Chủ tịch UBND tỉnh | Hoàng Gia Long", "Bí thư Chi bộ bản | Sùng A Pha")?
    The gazetteer knows every province, district and commune, and a village is not named like a
    person, so such a run after a place word is the person the sentence goes on to name."""
    return 3 <= end - k <= 4 and "FAM" in v.tags_at(k) and "MID" in v.tags_at(k + 1)


def _road_number(v: SentenceView, m: Match) -> bool:
    """A road word and the number that names the road ("Đường 9", "quốc lộ 14C"), not a distance
    or a count after it ("đường 9 km")."""
    if "PFXR" not in m.tags or v.sylls[m.end : m.end + 1] == [] or v.sylls[m.end].shape not in ("0", "0A"):
        return False
    if v.cap(m.start):
        return True  # "Đường 9 rồi rẽ ...": capitalized, a name
    nxt = m.end + 1
    return not (nxt < len(v) and v.sylls[nxt].shape == "a" and not v.tags_at(nxt) & {"BND", "PFXA", "PFXV"})


def _glued_level(v: SentenceView, k: int, end: int) -> bool:
    """An admin or village word that underthesea joined to the word before it, though together
    they are no common word, and a number or a capitalized name follows ("Người có uy tín thôn 5")."""
    return (v.sylls[k].wpos == "I" and not v.inner[k] & {"DICT", "HON", "ROLE", "ORGH", "ORGN", "PFXD"}
            and bool(v.tags_at(k) & {"PFXA", "PFXV"}) and (v.digit(end) or v.cap(end)) and not v.cap(k))


def _prefix_at(v: SentenceView, k: int):
    m = v.longest(k, PREFIX_TAGS)
    if m is not None and _glued_level(v, k, m.end):
        return m  # "uy tín | thôn 5": the segmenter glued the place word to the word before
    if m is None or v.word_inner(k) or v.inside(k, {"HON", "ROLE", "ORGH", "ORGN", "PFXD"}):
        return None  # "làng" in "già làng", "phố" in "Thành phố" ... of a cue, a body, a descriptor ("miền núi")
    longer = v.starts.get(k, [])[0]
    if longer.end > m.end and longer.tags & {"ORGH", "ROLE", "NON"}:
        return None  # "Huyện ủy", "Tỉnh ủy": a body, not a place prefix
    if v.cap(k) and k > 0 and not v.punct(k - 1) and "PFXA" not in m.tags and not _road_number(v, m):
        return None  # a capitalized site word mid-sentence is part of a name ("Chợ Mới"), not "Đường 9"
    if v.cap(k) and k > 0 and v.cap(k - 1):
        return None  # inside a capitalized name ("Đảng bộ Xã ...", "Sông Đà 5")
    return m


def prefixed_places(v: SentenceView) -> Iterator[Cand]:
    """A place prefix and the name after it, as the module docstring lists: keyed with the word
    ("miền Trung"), a known or capitalized name (or a number after "thôn"/"phường"), then a list
    continuing it; after an admin prefix, a known name a few descriptive words later."""
    n = len(v)
    k = 0
    while k < n:
        pm = _prefix_at(v, k)
        if pm is None:
            k += 1
            continue
        admin = "PFXA" in pm.tags
        village = "PFXV" in pm.tags
        prefix = v.surface(k, pm.end)
        j = pm.end
        keyed = v.longest(k, PLACE_TAGS)
        if keyed is not None and keyed.end > j and any(v.cap(t) for t in range(j, keyed.end)):
            # "miền Trung", "sông Hồng": keyed with the word (a name is capitalized: "Miền núi
            # thành lập" holds the key of "Núi Thành" in lower case, no place)
            yield Cand("LOC", k, keyed.end, CONF_PREFIX_KNOWN, "rule:known-place")
            k = keyed.end
            continue
        if _road_number(v, pm):
            yield Cand("LOC", k, j + 1, CONF_PREFIX_VILLAGE, "rule:prefix", (("prefix", prefix),))
            k = j + 1  # "Đường 9", "quốc lộ 14C": a road named by its number
            continue
        if v.digit(j) and not (village or prefix in NUMBERED_ADMIN):
            k += 1  # "xã 4" is no place; "phường 3", "thôn 7" are
            continue
        found = place_name_end(v, j, allow_unknown=True)
        if found is not None and (village or v.cap(j) or v.digit(j)):
            end, known = found
            whole = v.longest(j, FOREIGN_TAGS)
            if not admin and whole is not None and whole.end == end:
                # "làng Hàn Quốc", "phố Pusan": a country or foreign city is named on its own
                yield Cand("LOC", j, end, CONF_PREFIX_KNOWN, "rule:known-place")
                k = end
                continue
            if admin and known and v.has_match(j, end, {"REGION"}) and not v.has_match(j, end, ADMIN_TAGS):
                # "các tỉnh Bắc Trung Bộ": the provinces of a region; the region is the place
                yield Cand("LOC", j, end, CONF_DESCRIBED, "rule:described", (("prefix", prefix),))
                yield from _list_continuation(v, end, False)
                k = end
                continue
            if prefix in CHANNEL_WORDS and all(v.sylls[t].shape in ("AA", "A0") for t in range(j, end)):
                yield Cand("ORG", j, end, CONF_PREFIX_KNOWN, "rule:channel")  # "kênh STV": a channel
                k = end
                continue
            if not known and v.has_match(j, end, {"NON"}):
                k = end  # "xã ĐBKK": a category of commune (abbreviated), no name
                continue
            if not (admin or known) and v.splits_word(j, end):
                k = end  # "mọi miền Tổ quốc", "các chùa Phật giáo": a capitalized common word, no name
                continue
            group = v.longest(j, {"ETH"})
            if not (admin or village) and not known and group is not None and group.end == end:
                k = j  # "chùa Khmer", "nhà rông Ba Na": the group's, no place (the group is ETH)
                continue
            if village and _numbered(v, end):
                end += 1  # "thôn Long Láy 1", "bản Kon Lốc 2"
            if known:
                conf = CONF_PREFIX_KNOWN
            else:
                conf = CONF_PREFIX_VILLAGE if (admin or village) else CONF_PREFIX_SITE
            yield Cand("LOC", k, end, conf, "rule:prefix", (("prefix", prefix),))
            yield from _list_continuation(v, end, village or admin)
            k = end
            continue
        if admin or village:  # descriptive words between the prefix and a known name
            for gap in range(1, 4):
                t = j + gap
                if t >= n or v.punct(t - 1) or v.cap(t - 1):
                    break  # descriptive words are lower case ("vùng cao"), a capital is a name's
                if v.cap(t):
                    found = place_name_end(v, t, allow_unknown=False)
                    if found is not None:
                        yield Cand("LOC", t, found[0], CONF_DESCRIBED, "rule:described", (("prefix", prefix),))
                        k = found[0]
                    break
        k = max(k + 1, pm.end)


def _numbered(v: SentenceView, k: int) -> bool:
    """A short number that ends a village name, not a count ("thôn Thanh 1, xã ..." but not
    "thôn Thanh 300 hộ")."""
    if not v.digit(k) or len(v.sylls[k].text) > 2 or v.cap(k - 1) is False:
        return False
    return k + 1 >= len(v) or v.punct(k + 1) or bool(v.tags_at(k + 1) & {"BND", "PFXA", "PFXV"})


def _list_continuation(v: SentenceView, end: int, unknown_ok: bool) -> Iterator[Cand]:
    """ "xã A, B và C": B and C are places of the same level as A."""
    k = end
    while v.low(k) in LIST_JOINERS and v.cap(k + 1):
        if v.longest(k + 1, PREFIX_TAGS | {"ORGH", "HON", "ROLE", "NON", "FAM"}):
            return
        found = place_name_end(v, k + 1, allow_unknown=unknown_ok)
        if found is None:
            return
        yield Cand("LOC", k + 1, found[0], CONF_LIST, "rule:list")
        k = found[0]


def described_places(v: SentenceView) -> Iterator[Cand]:
    """A descriptor that stays out of the span before a known place: "vùng Tây Bắc" -> "Tây Bắc"."""
    for k in range(len(v) - 1):
        d = v.longest(k, {"PFXD"})
        if d is None or not v.cap(d.end):
            continue
        found = place_name_end(v, d.end, allow_unknown=False)
        if found is not None:
            yield Cand("LOC", d.end, found[0], CONF_DESCRIBED, "rule:described")


def bare_places(v: SentenceView) -> Iterator[Cand]:
    """A known province/country/region/city that is a whole capitalized run by itself."""
    for k in range(len(v)):
        if not v.cap(k) or (k > 0 and v.cap(k - 1)):
            continue
        m = v.longest(k, {"PROV", "COUNTRY", "REGION", "CITY", "SITE"})
        if m is None or "NON" in m.tags or "AMB" in m.tags:
            continue
        run = v.cap_run(k, limit=8)
        if m.end < run and not (v.tags_at(m.end) & PERSON_START):
            continue  # part of a longer name; a known name may end in lower case: "Đông Nam bộ"
        if k > 0 and v.longest(k - 1, {"HON"}) is not None and "COUNTRY" not in m.tags:
            continue  # "ông Hà Nam"... a person named like a place
        if m.tags & {"FAM"} and m.end - m.start == 1 and "COUNTRY" not in m.tags:
            continue
        yield Cand("LOC", k, m.end, CONF_BARE_KNOWN, "rule:known-place")


def parenthesized_places(v: SentenceView) -> Iterator[Cand]:
    """A known district or province alone in parentheses: "xã Cán Khê (Như Thanh)"."""
    for k in range(1, len(v) - 1):
        if v.low(k - 1) != "(" or not v.cap(k):
            continue
        m = v.longest(k, {"PROV", "DIST", "CITY", "COUNTRY"})
        if m is not None and v.low(m.end) == ")" and not m.tags & {"NON", "ORGN"}:
            yield Cand("LOC", k, m.end, CONF_PARENTHESIZED, "rule:parenthesized")


def places_after_prepositions(v: SentenceView) -> Iterator[Cand]:
    """A name the gazetteer knows only as ambiguous or as a district/commune, right after a
    place preposition: "sang Nhật", "ở Cương Gián"."""
    for k in range(1, len(v)):
        if v.low(k - 1) not in PLACE_PREPS or not v.cap(k):
            continue
        m = v.longest(k, PLACE_TAGS)
        if m is None or m.end != v.cap_run(k) or m.tags & {"NON", "ORGN", "ETH"}:
            continue
        yield Cand("LOC", k, m.end, CONF_AFTER_PREP, "rule:after-preposition")


def ethnic_groups(v: SentenceView) -> Iterator[Cand]:
    """Group names after a cue, in a list, or unambiguous ones anywhere; then, in a sentence that
    already names a group, the ambiguous names that stand as list items ("Lào 16 người; Kháng 11
    người; Hoa 8 người")."""
    found = list(_ethnic_groups(v))
    yield from found
    # a list of groups also follows a sentence's word for them and a colon: "4 dân tộc cùng sinh
    # sống: Thái 1.204 người, Lào 23 người, Hoa 9 người và Kinh 71 người" (all four ambiguous)
    announced = next((t for t in range(len(v) - 1) if v.surface(t, t + 2) == "dân tộc"), None)
    colon = next((t for t in range(announced or 0, len(v)) if v.low(t) == ":"), None) if announced is not None else None
    if not found and colon is None:
        return
    taken = {c.i for c in found}
    for k in range(len(v)):
        if k in taken or not v.cap(k) or (k > 0 and v.cap(k - 1)) or (not found and colon is not None and k < colon):
            continue
        m = v.longest(k, {"ETH", "ETH_AMB"})
        if m is None or v.cap(m.end) or v.starts.get(k, [m])[0].end > m.end:
            continue
        before, after = v.low(k - 1), v.low(m.end)
        counted = v.sylls[m.end].shape in ("0", "0.") if m.end < len(v) else False  # "Thái 1.204 người"
        if before in LIST_JOINERS | {"là", ":", "gồm"} and (after in LIST_JOINERS or counted or after in (".", "")):
            yield Cand("ETH", k, m.end, CONF_ETH_LIST, "rule:ethnic-list")


def _ethnic_groups(v: SentenceView) -> Iterator[Cand]:
    prev_end = -10
    for k in range(len(v)):
        if not v.cap(k):
            continue
        m = v.longest(k, {"ETH", "ETH_AMB"})
        if m is None:
            continue
        before = v.low(k - 1)
        cue = before in ETH_CUES or (before in LIST_JOINERS and prev_end >= k - 2)
        longer = v.starts.get(k, [])[0]
        if longer.end > m.end and longer.tags & PLACE_TAGS:
            continue  # "Mường Tè", "Mông Cổ": a place that starts like a group
        if v.cap(m.end) and not cue:
            continue  # part of a longer name
        if cue:
            yield Cand("ETH", k, m.end, CONF_ETH_CUE, "rule:ethnic-cue")
            prev_end = m.end
        elif "ETH_AMB" not in m.tags and "ETH" in m.tags:
            # an unambiguous group name, even after a word for people ("học trò Cơ Tu"); the
            # ambiguous ones ("anh Thái", "ông Hoa") need a cue and are persons otherwise
            yield Cand("ETH", k, m.end, CONF_ETH_BARE, "rule:ethnic")
            prev_end = m.end

