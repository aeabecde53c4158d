"""Overlap resolution: which candidates become mentions (a named, swappable policy).

Candidates come from the rules and the CRF and overlap freely ("UBND tỉnh Lào Cai" as ORG and
"tỉnh Lào Cai" as LOC inside it; a CRF span that swallows a person after a body). The annotation is
flat, so one of each overlapping group must win. The default policy, ``outermost_then_confident``:

1. among rule candidates, a confident one that strictly contains another removes it (flat
   annotation keeps the outermost entity: ORG "UBND tỉnh Lào Cai", not LOC "tỉnh Lào Cai");
2. confident rule candidates ("hard", conf >= HARD_RULE_CONF) are taken first: a statistical
   span may not cut through a pattern the rules are sure of ("Đảng ủy" + "Nông Quốc Tuấn" must not
   become one ORG because the CRF hesitated less on the whole);
3. the rest are taken greedily by confidence, then length, skipping any that overlaps a taken one.

Before these steps, a confident statistical ORG span that *extends* rule candidates replaces them
(:func:`extend_rules`): the rules read an organization's name up to where its capitalization or
their word lists stop ("Viện Vệ sinh | dịch tễ Trung ương", "Tổng công ty Hạ tầng | mạng
Viettel"), and the CRF, trained on whole names, often reads on to the real end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .view import Cand

#: a rule candidate at least this confident may remove the candidates nested inside it
CONTAINMENT_CONF = 0.85
#: rule candidates at least this confident are placed before any statistical candidate
HARD_RULE_CONF = 0.88
#: a CRF organization at least this confident may replace the rule candidates it extends.
#: Calibrated on tests/gold and the paper's dev text: 0.95 and above lose right extensions on the
#: news gold; 0.8 (every CRF organization kept) adds a wrong one on the paper's text
EXTEND_CONF = 0.85
#: types a rule candidate inside the extended span may have: the name's own parts and its place
#: scope ("Hội Văn học nghệ thuật các dân tộc thiểu số | Việt Nam"); never a person, whom a span
#: must not swallow ("Đảng ủy" + "Nông Quốc Tuấn")
EXTENDABLE = frozenset({"ORG", "LOC"})

Policy = Callable[[Sequence[Cand]], list[Cand]]


def _overlaps(a: Cand, b: Cand) -> bool:
    return a.i < b.j and b.i < a.j


def outermost_then_confident(cands: Sequence[Cand]) -> list[Cand]:
    """The default policy (see module docstring); returns the winners sorted by position."""
    pool = extend_rules(list(dict.fromkeys(cands)))
    inner = set()
    for a in pool:
        if a.conf < CONTAINMENT_CONF or not a.method.startswith("rule"):
            continue
        for b in pool:
            if b is not a and a.i <= b.i and b.j <= a.j and (a.j - a.i) > (b.j - b.i):
                inner.add(b)
    pool = [c for c in pool if c not in inner]
    return _greedy(sorted(pool, key=lambda c: (not _hard(c), -c.conf, -(c.j - c.i), c.i)))


def extend_rules(pool: list[Cand]) -> list[Cand]:
    """Let a confident CRF organization replace the rule candidates it extends: it starts where a
    rule organization starts, is longer, and every rule candidate it touches lies inside it and is
    an organization or a place. The winner keeps the rule's confidence (so it is as hard as the
    rule it replaces) and says both methods ("rule+crf")."""
    rules = [c for c in pool if c.method.startswith("rule")]
    out = list(pool)
    for c in pool:
        if c.method != "crf" or c.type != "ORG" or c.conf < EXTEND_CONF:
            continue
        touched = [r for r in rules if _overlaps(r, c)]
        heads = [r for r in touched if r.type == "ORG" and r.i == c.i and r.j < c.j]
        if not heads or any(r.i < c.i or r.j > c.j or r.type not in EXTENDABLE for r in touched):
            continue
        conf = max(r.conf for r in heads)
        out = [x for x in out if x not in touched and x is not c]
        out.append(Cand("ORG", c.i, c.j, conf, "rule+crf"))
    return out


def _greedy(ordered: Sequence[Cand]) -> list[Cand]:
    """Take candidates in the given order, skipping any that overlaps one taken; by position."""
    taken: list[Cand] = []
    for c in ordered:
        if not any(_overlaps(c, t) for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.i)
    return taken


def _hard(c: Cand) -> bool:
    return c.method.startswith("rule") and c.conf >= HARD_RULE_CONF


def most_confident(cands: Sequence[Cand]) -> list[Cand]:
    """Alternative policy: confidence alone decides (no containment rule)."""
    return _greedy(sorted(dict.fromkeys(cands), key=lambda c: (-c.conf, -(c.j - c.i), c.i)))
