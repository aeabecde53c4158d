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

from .view import PLACE_TAGS, Cand, SentenceView

CONF_HONORIFIC = 0.95
CONF_ROLE = 0.93
CONF_FAMILY_NAME = 0.8
CONF_UNCLE_HO = 0.85
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
        if not _cue_ok(v, k, cue.end, honorific):
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
        if 2 <= end - k <= 4:
            whole = v.longest(k, PLACE_TAGS | {"ORGN", "ORGH", "NON", "ETH"})
            if whole is None or whole.end < end:
                yield Cand("PER", k, end, CONF_FAMILY_NAME, "rule:family-name")
        k = max(end, k + 1)


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
