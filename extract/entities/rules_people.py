"""High-precision patterns for people (PER).

- A cue before a name: an honorific ("ông", "chị", "già làng") or a role ("Chủ tịch", "Bí thư"),
  possibly followed by the body the role belongs to and more roles ("Bí thư Đảng ủy, Thứ trưởng,
  Phó Chủ nhiệm Nông Quốc Tuấn"): the capitalized run after the chain is the name. The span is the
  name only (VLSP); the role goes to the mention's attributes.
- A family name opening a run of 2–4 capitalized syllables ("Nguyễn Hồng Hưng nói") when the run
  is no known place or body.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .features import foreign
from .view import PLACE_TAGS, Cand, SentenceView

CONF_HONORIFIC = 0.95
CONF_ROLE = 0.93
CONF_FAMILY_NAME = 0.8
CONF_UNCLE_HO = 0.85
CONF_ROLE_COUNTRY = 0.9
CONF_ROLE_BODY = 0.9
MAX_NAME = 5  # syllables; longer capitalized runs after a cue are headings, not names

NOT_NAME_START = frozenset({"PFXA", "ORGH", "ORGN", "NON", "ROLE", "HON"})


def _cue_ok(v: SentenceView, k: int, end: int, honorific: bool) -> bool:
    """Honorifics are lower-case words ("ông"); capitalized only at a sentence or clause start."""
    if not honorific:
        return True
    if not v.cap(k):
        return True
    return k == 0 or v.punct(k - 1) or not v.cap(end)


def people(v: SentenceView, taken: Sequence[Cand]) -> Iterator[Cand]:
    """Cue-led names; ``taken`` are the ORG/LOC candidates a role chain may pass over."""
    by_start = {c.i: c for c in taken if c.type in ("ORG", "LOC")}
    n = len(v)
    k = 0
    while k < n:
        cue = v.longest(k, {"HON", "ROLE"})
        if cue is None:
            k += 1
            continue
        honorific = "HON" in cue.tags and "ROLE" not in cue.tags
        if honorific and v.inside(k, {"DICT"}):
            k += 1  # "Làng trẻ em | SOS": the end of a common word ("trẻ em", "anh em") is no honorific
            continue
        if not _cue_ok(v, k, cue.end, honorific) or v.inside(k, PLACE_TAGS):
            # (a role's words inside a place's name are no role: "Trung | Quốc Vương Nghị")
            k += 1
            continue
        cue_text = " ".join(s.text for s in v.sylls[k : cue.end])
        j = cue.end
        for _ in range(8):  # walk the chain of roles and bodies
            if j in by_start:
                j = by_start[j].j
                continue
            nxt = v.longest(j + 1, {"ROLE"}) if v.low(j) in (",", "kiêm", "và") else None
            if nxt is not None:
                j = nxt.end
                continue
            more = v.longest(j, {"ROLE", "HON"})
            if more is not None:
                j = more.end
                continue
            break
        country = _country_of_role(v, j)
        if country is not None:  # "Tổng thống Mỹ Donald Trump": the role's country, then the name
            yield Cand("LOC", j, country, CONF_ROLE_COUNTRY, "rule:role-country")
            j = country
        body = None if honorific else _body_before_name(v, j)
        if body is not None:  # "Chủ tịch HoREA Lê Hoàng Châu": the role's body, then the name
            yield Cand("ORG", j, body, CONF_ROLE_BODY, "rule:role-body")
            j = body
        if v.cap(j) and not (v.tags_at(j) & NOT_NAME_START):
            end = v.cap_run(j, limit=MAX_NAME + 1)
            if v.has_match(j, end, {"ORGN_AMB", "ETH"}):
                k = end  # "PV Tuổi Trẻ": a newspaper; "học trò La Hủ": a group, not a person
                continue
            if _role_of_a_place(v, k, cue.end, j, honorific):
                k = end  # "ông Lò Văn Xiên, Trưởng bản Huổi Lếch": the village, the person is named
                continue
            if end - j <= MAX_NAME and not v.splits_word(j, end):
                conf = CONF_HONORIFIC if honorific else CONF_ROLE
                # the role reads as written, bodies included: "Chủ tịch UBND tỉnh Lào Cai"
                role = v.text_between(k, j).strip(" ,")
                attrs = (("cue", cue_text),) if honorific else (("role", role),)
                yield Cand("PER", j, end, conf, "rule:cue", attrs)
                k = end
                continue
        k = max(k + 1, cue.end)


def _country_of_role(v: SentenceView, j: int) -> int | None:
    """End of a country written between a role and a name ("Tổng thống Mỹ Donald Trump", "Ngoại
    trưởng Nga Sergei Lavrov", "Thủ tướng Nhật Bản Ishiba"): the country is the role's, the name
    follows it. None when no name follows (the country may then be the name's start: "ông Hà
    Nam" reads as a person elsewhere)."""
    m = v.longest(j, {"COUNTRY"})
    if m is None or not v.cap(j) or not v.cap(m.end) or v.tags_at(m.end) & NOT_NAME_START:
        return None
    if v.cap_run(m.end, limit=2) - m.end == 1 and not foreign(v.low(m.end)):
        return None  # "Ca sĩ Mỹ Tâm": one Vietnamese syllable after it, the country word is the name's
    whole = v.longest(j, PLACE_TAGS | {"FAM"})
    return m.end if whole is None or whole.end <= m.end else None


def _body_before_name(v: SentenceView, j: int) -> int | None:
    """End of an acronym body between a role and a name ("Chủ tịch HoREA | Lê Hoàng Châu", "Tổng
    giám đốc VNPT | Tô Dũng Thái"): the run opens with acronyms (capitals, or capitals inside a
    word), then a family name opens the rest. None otherwise: a foreign-looking word may be an
    ethnic-minority family name ("Alăng Văn Hạnh")."""
    end = v.cap_run(j, limit=MAX_NAME + 2)
    p = j
    while p < end and (v.sylls[p].shape == "AA" or _camel(v.sylls[p].text)):
        p += 1
    if p == j or p >= end - 1 or "FAM" not in v.tags_at(p) or not v.cap(p + 1):
        return None
    return p


def _camel(word: str) -> bool:
    """Capitals inside a word: an acronym-like brand ("HoREA", "VinFast", "PetroVietnam")."""
    return word[:1].isupper() and any(c.isupper() for c in word[1:])


def _role_of_a_place(v: SentenceView, k: int, cue_end: int, j: int, honorific: bool) -> bool:
    """A role ending with a place word ("Trưởng bản", "Trưởng thôn"), in apposition to a name just
    written ("Lò Văn Xiên, Trưởng bản ..."): what follows names the place the role is of, not the
    person (the place rules and the tagger read it)."""
    return (not honorific and j == cue_end and k >= 2 and v.low(k - 1) == "," and v.cap(k - 2)
            and bool(v.tags_at(cue_end - 1) & {"PFXA", "PFXV"}))


def family_named(v: SentenceView) -> Iterator[Cand]:
    """A capitalized run of 2–4 syllables opened by a family name, not a known place or body."""
    n = len(v)
    k = 0
    while k < n:
        if not v.cap(k) or (k > 0 and v.cap(k - 1)) or "FAM" not in v.tags_at(k):
            k += 1
            continue
        if v.longest(k, {"ROLE", "HON", "NON", "ORGH", "ORGN"}) is not None:
            k += 1  # "Phó Chủ nhiệm": a role that starts with a family-name syllable
            continue
        end = v.cap_run(k, limit=5)
        end = next((t for t in range(k + 1, end) if v.tags_at(t) & {"PFXA", "PFXV"}), end)  # "Từ | TP. Đông Hà"
        if 2 <= end - k <= 4:
            whole = v.longest(k, PLACE_TAGS | {"ORGN", "ORGH", "NON", "ETH"})
            if whole is None or whole.end < end:
                yield Cand("PER", k, end, CONF_FAMILY_NAME, "rule:family-name")
        k = max(end, k + 1)


CONF_KNOWN_PERSON = 0.93  # as sure as a cue: the name is listed (extract/data/people_world.tsv)


def known_people(v: SentenceView) -> Iterator[Cand]:
    """A well-known person of world news written as the whole capitalized run ("Merkel và Abe",
    "Tập Cận Bình"): the press names them by surname alone, with no cue. A run that goes on past
    the known name is some other name ("Obama Care"), left to the other rules."""
    n = len(v)
    for k in range(n):
        if not v.cap(k) or (k > 0 and v.cap(k - 1)):
            continue
        m = v.longest(k, {"PERN"})
        if m is None or m.end != v.cap_run(k, limit=6) or (v.low(k - 1) in ("-", ".") and v.glued(k)):
            continue
        yield Cand("PER", k, m.end, CONF_KNOWN_PERSON, "rule:known-person")


def uncle_ho(v: SentenceView) -> Iterator[Cand]:
    """ "Bác" capitalized inside a sentence, with no name after it, is President Hồ Chí Minh."""
    for k in range(1, len(v)):
        if v.sylls[k].text == "Bác" and not v.punct(k - 1) and not v.cap(k + 1):
            yield Cand("PER", k, k + 1, CONF_UNCLE_HO, "rule:uncle-ho")


def role_before(v: SentenceView, i: int, resolved: Sequence[Cand]) -> str | None:
    """The role written before a name at ``i`` that the cue rule did not see (a CRF-found name):
    a role, then only bodies, places and commas up to the name."""
    covered = {k for c in resolved if c.type in ("ORG", "LOC") for k in range(c.i, c.j)}
    k = i - 1
    while k >= 0 and (k in covered or v.low(k) == ","):
        k -= 1
    for start in range(max(0, k - 3), k + 1):
        m = v.longest(start, {"ROLE"})
        if m is not None and m.end == k + 1 and "HON" not in m.tags:
            return v.text_between(start, i).strip(" ,")
    return None
