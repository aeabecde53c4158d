"""Types read from context: clubs in a sports report, aliases in parentheses, items of a list.

News writes a body in full once and then by a short name ("Hiệp hội Cà phê - Ca cao Việt Nam
(Vicofa) ... Chủ tịch Vicofa"), lists bodies of one kind together ("Intimex, Simexco Đắk Lắk và
Vĩnh Hiệp") and names clubs after their cities ("Liverpool"). A bare short name or brand looks
like a person or a place to the sentence-level rules and the CRF; its neighbours say what it is.

- :func:`clubs`: rule candidates, in a text that is a sports report;
- :func:`context_types`: after the overlap policy, on the resolved candidates of a sentence:
  an alias in parentheses after an organization is one, and the names of a list that holds a
  confidently found organization (and nothing that is surely a person or a place) are ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .features import foreign
from .view import PLACE_TAGS, Cand, SentenceView

#: words before a club's city name that make it the city: "tại Liverpool", "sân ở Hải Phòng"
CITY_PREPS = frozenset({"ở", "tại", "đến", "tới", "từ", "sang", "về", "qua", "khắp", "thành phố", "tỉnh"})
CONF_CLUB = 0.9  # above a bare known place (0.86): in a sports report the club wins


def clubs(v: SentenceView) -> Iterator[Cand]:
    """In a sports report, a club known by its city's name ("Liverpool", "Barcelona": ambiguous
    names of org_names.tsv, category sport) is the club, and so is a province named as a side of
    a match ("Hải Phòng gỡ hòa"), unless a preposition or a place word makes it the place
    ("trận đấu tại Barcelona", "tỉnh Hải Phòng")."""
    n = len(v)
    for k in range(n):
        sponsored = _sponsor_initial(v, k)
        if sponsored is not None:
            yield Cand("ORG", k, sponsored, CONF_CLUB, "rule:club")
            continue
        if not v.cap(k) or (k > 0 and v.cap(k - 1)):
            continue
        m = v.longest(k, {"ORGN_TEAM"})
        if m is not None and "ORGN" in m.tags:
            continue  # an unambiguous club is a known organization already
        if m is None:
            # a province named as a side of a match ("Hải Phòng gỡ hòa", "thắng Nam Định 2-1",
            # "giữa Quảng Nam và Hải Phòng"); a province's delegation at a games wins medals and
            # stays a place; a country without a team word stays the country (docs/ANNOTATION.md)
            m = v.longest(k, {"PROV"})
            if m is None or not (_in_a_match(v, k, m.end) or _second_side(v, k)):
                continue
        if m.end != v.cap_run(k) or v.low(k - 1) in CITY_PREPS or v.surface(max(0, k - 2), k) in CITY_PREPS:
            continue
        if k > 0 and v.longest(k - 1, {"PFXA", "PFXV", "PFX"}) is not None:
            continue  # "tỉnh Hải Phòng": the province
        yield Cand("ORG", k, m.end, CONF_CLUB, "rule:club")


MAX_PLAYER = 1  # a name alone ("Messi"); full foreign names are the CRF's (a run of 2-3 words cost VLSP PER)
CONF_PLAYER = 0.9  # over the CRF in a sports report, below cues and the gazetteer (a known club wins the name)
#: tags that make a capitalized foreign word something else than a player's name
NOT_A_PLAYER = PLACE_TAGS | {"ORGN", "ORGN_AMB", "ORGH", "NON", "ROLE", "HON", "SPORT", "ORGT", "ORGC"}


def players(v: SentenceView) -> Iterator[Cand]:
    """In a sports report, a foreign word written alone with a capital ("Messi tỏa sáng", "hơn
    Ronaldo năm bàn") that no gazetteer knows is a player's or a coach's name: the clubs, leagues
    and places of such reports are known, the people are too many to list."""
    k = 0
    while k < len(v):
        if not v.cap(k) or v.cap(k - 1):
            k += 1
            continue
        end = v.cap_run(k, limit=MAX_PLAYER + 1)
        if end - k <= MAX_PLAYER and _player_name(v, k, end):
            yield Cand("PER", k, end, CONF_PLAYER, "rule:player")
        k = end


def _player_name(v: SentenceView, i: int, j: int) -> bool:
    """Is the capitalized run i..j foreign words only ("Messi", "Antoine Griezmann"), none of them
    known to a gazetteer as anything, and not glued to a code ("A.Madrid", "V.League")?"""
    if (v.low(j) in (".", "-") and v.cap(j + 1)) or (v.low(i - 1) in (".", "-") and v.glued(i)):
        return False  # part of a code or a short form: "A.Madrid", "V.League"
    return all(v.sylls[t].shape == "Aa" and foreign(v.sylls[t].lower) and not v.tags_at(t) & NOT_A_PLAYER
               and not v.inside(t, NOT_A_PLAYER) for t in range(i, j))


#: letters of a sponsor's (or a name's) initial glued to a club's city ("B.Bình Dương", "T.Quảng Ninh", "A.Madrid")
MAX_SPONSOR_INITIAL = 4


def _sponsor_initial(v: SentenceView, k: int) -> int | None:
    """End of a club named by its sponsor's initial and its province, the dot written inside
    ("S.Khánh Hòa"), or None. Only a sports report calls :func:`clubs`: elsewhere "B." is an initial."""
    syl = v.sylls[k]
    if not (syl.text.isalpha() and syl.text.isupper() and len(syl.text) <= MAX_SPONSOR_INITIAL):
        return None
    if k + 2 >= len(v) or v.low(k + 1) != "." or not (v.glued(k + 1) and v.glued(k + 2)):
        return None
    city = v.longest(k + 2, {"PROV", "CITY"})  # "A.Madrid": a foreign club's short form too
    return city.end if city is not None and v.cap(k + 2) else None


#: verbs of a match written next to a team ("Hải Phòng gỡ hòa", "thắng Nam Định")
MATCH_VERBS = frozenset({"thắng", "thua", "hòa", "gỡ hòa", "cầm hòa", "đánh bại", "vượt qua", "hạ", "gặp",
                         "tiếp", "tiếp đón", "làm khách", "đấu", "trước", "dẫn", "giữa"})


def _second_side(v: SentenceView, k: int) -> bool:
    """Is the name at k the second of "giữa X và Y" ("trận đấu giữa Quảng Nam và | Hải Phòng"),
    or the second side after a club known as one ("SLNA và | Hải Phòng")?"""
    if v.low(k - 1) != "và":
        return False
    for s in range(max(0, k - 6), k - 1):
        side = v.longest(s, {"PROV", "ORGN_TEAM"})
        if side is not None and side.end == k - 1:
            return v.low(s - 1) == "giữa" or bool(side.tags & {"ORGN_TEAM"})
    return False


def _in_a_match(v: SentenceView, i: int, j: int) -> bool:
    """Is the name at i..j a side of a match: a match verb right before or after it, or a score
    within the next few syllables ("Hải Phòng 2-1 Hà Nội")?"""
    before = {v.low(i - 1), v.surface(max(0, i - 2), i)}
    after = {v.low(j), v.surface(j, j + 2)}
    if (before | after) & MATCH_VERBS:
        return True
    return any(v.digit(t) and v.low(t + 1) in ("-", "–") and v.digit(t + 2) for t in range(j, min(j + 4, len(v))))


CONF_ALIAS = 0.92  # an alias in parentheses: as sure as the body it follows (seeds propagation)
CONF_LIST_ORG = 0.88
#: an organization at least this confident makes its list a list of organizations
LIST_SEED_CONF = 0.9
LIST_JOINERS = frozenset({",", "và", "hoặc", "hay", "cùng", "với"})
#: words before a fronted adverbial ("Tại Việt Nam, ...", "Theo Reuters, ..."): no list starts there
OPENERS = frozenset({"tại", "ở", "theo", "từ", "trong", "với", "ngoài", "sau", "trước", "khi", "tại các"})
MAX_ALIAS = 4  # syllables of an alias ("Viettel Networks", "C03", "DHG Pharma")
MAX_ITEM = 4  # syllables of a bare list item
#: methods whose type a list may not overturn: a person found by a cue or a family name, a place
#: found by its prefix or the gazetteer, a group
SURE = ("rule:cue", "rule:family-name", "rule:prefix", "rule:known-place", "rule:described",
        "rule:list", "rule:ethnic", "rule:credit", "rule:uncle-ho", "rule:role-country")


def context_types(v: SentenceView, resolved: Sequence[Cand]) -> list[Cand]:
    """The resolved candidates with the types their context gives (module docstring)."""
    out = list(resolved)
    out = _aliases(v, out)
    out = _org_lists(v, out)
    return _person_lists(v, out)


def _aliases(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """ "X (ALIAS)" or "X (ALIAS, ...)": after a named organization, the capitalized run in
    parentheses is its short name ("(Vicofa)", "(C03, Bộ Công an)", "(Viettel Networks)")."""
    by_start = {c.i: c for c in cands}
    out = list(cands)
    for c in cands:
        if c.type != "ORG" or dict(c.attrs).get("generic") or v.low(c.j) != "(":
            continue
        k = c.j + 1
        end = _alias_end(v, k)
        if end is None:
            continue
        there = by_start.get(k)
        if there is not None and (there.j != end or there.type == "ORG"):
            continue  # something else is found there (or the alias is already an organization)
        if there is not None:
            out.remove(there)
        out.append(Cand("ORG", k, end, CONF_ALIAS, "rule:alias"))
    return sorted(out, key=lambda c: c.i)


def _alias_end(v: SentenceView, k: int) -> int | None:
    """End of a short name at k, closed by ")" or ",": capitalized syllables, acronyms and codes
    ("C03"), joined by "-" or "&"; None when it is no name (a place, a year, a lower-case note)."""
    if k >= len(v) or not (v.cap(k) or v.sylls[k].shape == "A0"):
        return None
    end = k
    while end < len(v) and end - k < MAX_ALIAS and (v.cap(end) or v.sylls[end].shape in ("A0", "0")
                                                  or (end > k and v.low(end) in ("-", "&", "."))):
        end += 1
    if v.low(end) not in (")", ","):
        return None
    if v.longest(k, PLACE_TAGS | {"HON", "ROLE", "NON"}) is not None:
        return None  # "(Quảng Nam)": the body's place, not its name
    return end


def _org_lists(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """Names listed with a confidently found organization are organizations ("Xiaomi, Oppo",
    "CGV, Lotte Cinema và Galaxy Cinema"), unless a rule is sure they are a person or a place."""
    items = _list_items(v, cands)
    out = list(cands)
    for group in items:
        if not any(c is not None and c.type == "ORG" and c.conf >= LIST_SEED_CONF
                   and not dict(c.attrs).get("generic") for _, _, c in group):
            continue
        if any(c is not None and c.type != "ORG" and not _known_org_span(v, c)
               and (c.method.startswith(SURE) or _sure(v, c)) for _, _, c in group):
            continue  # a person or a place that the rules or the gazetteer are sure of: a mixed list
        _relabel(out, group, "ORG", CONF_LIST_ORG, "rule:list-org")
    return sorted(out, key=lambda c: c.i)


def _relabel(out: list[Cand], items: Sequence[tuple[int, int, Cand | None]], type_: str, conf: float,
             method: str) -> None:
    """Give every item of a list the list's type, in place: a candidate of another type is replaced."""
    for i, j, c in items:
        if c is not None and c.type == type_:
            continue
        if c is not None:
            out.remove(c)
        out.append(Cand(type_, i, j, conf, method))


CONF_LIST_PER = 0.88
#: methods of a person found by the words before the name ("các cầu thủ Công Phượng, ...")
PERSON_SEEDS = ("rule:cue",)


def _person_lists(v: SentenceView, cands: list[Cand]) -> list[Cand]:
    """The names listed after a person found by a plural cue are people too ("các cầu thủ Công Phượng,
    Tuấn Anh, Xuân Trường": the district's name is the third player), unless one of them is
    surely a body or a well-known place (then the list mixes kinds and each keeps its own)."""
    out = list(cands)
    for group in _list_items(v, cands):
        first = group[0][2]
        if (first is None or first.type != "PER" or not first.method.startswith(PERSON_SEEDS)
                or not _plural_cue(v, first.i)):
            continue
        if any(c is not None and c.type != "PER" and ((c.type == "ORG" and c.conf >= LIST_SEED_CONF) or _sure(v, c)
                                                     or c.method.startswith(("rule:known-place", "rule:ethnic")))
               for _, _, c in group[1:]):
            continue
        _relabel(out, group[1:], "PER", CONF_LIST_PER, "rule:list-per")
    return sorted(out, key=lambda c: c.i)


#: words that announce several people before their cue ("các cầu thủ", "hai nghi phạm")
PLURAL = frozenset({"các", "những", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "cặp"})
PLURAL_REACH = 4  # syllables of the cue between the plural word and the first name ("các nữ ca sĩ")


def _plural_cue(v: SentenceView, i: int) -> bool:
    """Is the person at i announced as one of several ("các cầu thủ | Công Phượng")?"""
    return any(v.low(t) in PLURAL or v.digit(t) for t in range(max(0, i - PLURAL_REACH), i))


def _known_org_span(v: SentenceView, c: Cand) -> bool:
    """Is the candidate exactly a known organization whose name is also a person's or a place's
    ("Mai Linh", "Phương Trang": ambiguous names of org_names.tsv)? In a list of bodies it is the
    body, whatever the family-name rule read ("Vinasun và Mai Linh")."""
    m = v.longest(c.i, {"ORGN_AMB"})
    return m is not None and m.end == c.j


def _sure(v: SentenceView, c: Cand) -> bool:
    """A place the gazetteer knows as a country, province, city or region ("Israel", "Hà Nội"),
    or a person whose name is made of Vietnamese name parts ("Yến Nhi"): no list makes it a body."""
    if c.type == "LOC":
        return v.has_match(c.i, c.j, {"COUNTRY", "PROV", "CITY", "REGION"}) or _known_site(v, c.i, c.j)
    return c.type == "PER" and any(v.tags_at(k) & {"FAM", "GIV", "MID"} for k in range(c.i, c.j))


def _known_site(v: SentenceView, i: int, j: int) -> bool:
    """Is i..j exactly an unambiguous world place of two syllables or more that is no country,
    province, city or region: an ocean, a sea, a mountain ("Đại Tây Dương", "Địa Trung Hải")?"""
    return j - i >= 2 and any(m.end == j and "SITE" in m.tags and "AMB" not in m.tags for m in v.starts.get(i, ()))


def _list_items(v: SentenceView, cands: list[Cand]) -> list[list[tuple[int, int, Cand | None]]]:
    """Runs of two or more names joined by list words: (start, end, the candidate there or None).
    A name is a resolved candidate, or a capitalized run of up to MAX_ITEM syllables that is no
    common capitalized word, not at the sentence's start."""
    by_start = {c.i: c for c in cands}
    ends = {k: c.j for c in cands for k in range(c.i + 1, c.j)}  # inside a candidate: skip to its end
    groups: list[list[tuple[int, int, Cand | None]]] = []
    cur: list[tuple[int, int, Cand | None]] = []
    k = 0
    n = len(v)
    while k < n:
        item = None if k in ends else _item_at(v, k, by_start)
        if item is None:
            if len(cur) >= 2:
                groups.append(cur)
            cur = []
            k = ends.get(k, k + 1)
            continue
        cur.append(item)
        k = item[1]
        if v.low(k) in LIST_JOINERS and k + 1 < n:
            k += 1
            if v.low(k) == "và" and v.low(k - 1) == ",":
                k += 1
            continue
        if len(cur) >= 2:
            groups.append(cur)
        cur = []
    if len(cur) >= 2:
        groups.append(cur)
    return groups


def _item_at(v: SentenceView, k: int, by_start: dict[int, Cand]) -> tuple[int, int, Cand | None] | None:
    if v.low(k - 1) in OPENERS or v.surface(max(0, k - 2), k) in OPENERS:
        return None  # "Tại Việt Nam, X và Y": the comma ends an adverbial, not a list item
    c = by_start.get(k)
    if c is not None:
        return (c.i, c.j, c)
    if k == 0 or (v.punct(k - 1) and v.low(k - 1) != ",") or not v.cap(k) or v.cap(k - 1):
        return None
    end = v.cap_run(k, limit=MAX_ITEM + 1)
    nxt = min((i for i in by_start if k < i < end), default=end)
    if nxt < end:
        return None  # a bare run that a candidate cuts ("Thụy Điển | Ericsson"): not one name
    if v.low(end) == "." and v.glued(end) and v.glued(end + 1):
        return None  # "Co.opmart": a name the dot runs through
    if end - k > MAX_ITEM or v.has_match(k, end, {"NON", "ROLE", "HON", "ORGH", "FAM", "PFXA"}):
        return None
    if "FAM" in v.tags_at(k) or v.longest(k, {"NON", "ROLE", "HON"}) is not None:
        return None  # a person's name or a capitalized common word
    return (k, end, None)
