"""Bodies named without a head word: a police code ("PC46"), a name in quotation marks after a
head, a foreign-style name with a corporate tail ("CJ Entertainment"), and brands after a cue
("thương hiệu Prada"). Each is one small pattern; the headed bodies are :mod:`.rules_orgs`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .org_extent import scope_end
from .view import PLACE_TAGS, Cand, SentenceView

CONF_TAILED_ORG = 0.9
CONF_BRAND = 0.88
BRAND_GAP = 4  # lower-case words allowed between a brand cue and the name
BRAND_GAP_WORDS = frozenset({"nổi", "tiếng", "quen", "thuộc", "lớn", "cao", "cấp", "ngoại", "nội", "như", "là",
                             "của", "quốc", "tế", "thời", "trang"})
#: the code of a provincial police department ("PC45", "PC67", "PA83", "PK02"): P, the branch's letter
#: (A security, C police, K logistics, V/X others, H other), its number; it names one body alone
POLICE_CODE = re.compile(r"P[ACKVHX]\d{2,3}[A-Z]?")
CONF_POLICE_CODE = 0.9


def police_codes(v: SentenceView) -> Iterator[Cand]:
    """A police department named by its code alone ("phối hợp PC46 điều tra"). Codes inside a
    longer name ("Phòng PC45 Công an tỉnh Nghệ An") are left to the head's rule, which wins on length."""
    for k, syl in enumerate(v.sylls):
        if POLICE_CODE.fullmatch(syl.text):
            yield Cand("ORG", k, k + 1, CONF_POLICE_CODE, "rule:police-code")


OPEN_QUOTES = frozenset({'"', "“", "«", "'"})
CLOSE_QUOTES = frozenset({'"', "”", "»", "'"})
MAX_QUOTED = 10  # syllables of a name in quotation marks ("Phụ nữ làm kinh tế giỏi", "Nông nghiệp Xanh")
CONF_QUOTED = 0.95


def quoted_bodies(v: SentenceView) -> Iterator[Cand]:
    """A capitalized head, then a name in quotation marks and the body's place: "Hợp tác xã
    "Nông nghiệp Xanh"", "Câu lạc bộ "Phụ nữ làm kinh tế giỏi" xã Tân Lập". The quotes are part
    of the name as written; what is inside them is no person or place of its own."""
    n = len(v)
    for k in range(n):
        head = v.longest(k, {"ORGH"})
        if head is None or not v.cap(k) or v.low(head.end) not in OPEN_QUOTES:
            continue
        close = next((t for t in range(head.end + 1, min(n, head.end + MAX_QUOTED + 2))
                      if v.low(t) in CLOSE_QUOTES or (v.punct(t) and v.low(t) not in ("-", ",", "&"))), None)
        if close is None or v.low(close) not in CLOSE_QUOTES or close == head.end + 1 or not v.cap(head.end + 1):
            continue
        end = close + 1
        yield Cand("ORG", k, scope_end(v, end) or end, CONF_QUOTED, "rule:quoted-org")


def tailed_organizations(v: SentenceView) -> Iterator[Cand]:
    """A capitalized run ending with a corporate word: "CJ Entertainment", "Hòa Phát Group"."""
    n = len(v)
    k = 0
    while k < n:
        if not v.cap(k) or (k > 0 and v.cap(k - 1)):
            k += 1
            continue
        end = v.cap_run(k, limit=6)
        if end - k >= 2 and "ORGT" in v.tags_at(end - 1):
            yield Cand("ORG", k, end, CONF_TAILED_ORG, "rule:org-tail")
        k = max(end, k + 1)


def brands(v: SentenceView) -> Iterator[Cand]:
    """A capitalized name after a brand cue ("hàng hiệu Valentino", "thương hiệu Prada"), and the
    capitalized items of the list it opens ("Louis Vuitton, Gucci, Burberry")."""
    n = len(v)
    for k in range(n):
        cue = v.longest(k, {"ORGC"})
        if cue is None or v.cap(k) or v.word_inner(k) or v.inside(k, {"DICT"}):
            continue  # not "hiệu" of "huy hiệu", "đội" of "đồng đội"
        j = cue.end
        while j < min(cue.end + BRAND_GAP, n) and not v.cap(j) and v.low(j) in BRAND_GAP_WORDS | {"như"}:
            j += 1  # "thương hiệu nổi tiếng như Mango"
        if not v.cap(j):
            continue
        while j < n and v.cap(j):
            end = v.cap_run(j, limit=4)
            if v.longest(j, PLACE_TAGS | {"HON", "ROLE", "NON"}) is not None:
                break
            yield Cand("ORG", j, end, CONF_BRAND, "rule:brand")
            if v.low(end) in (",", "và", "hay", "hoặc") and v.cap(end + 1):
                j = end + 1
                continue
            break
