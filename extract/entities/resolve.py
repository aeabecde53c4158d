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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .view import Cand

#: a rule candidate at least this confident may remove the candidates nested inside it
CONTAINMENT_CONF = 0.85
#: rule candidates at least this confident are placed before any statistical candidate
HARD_RULE_CONF = 0.88

Policy = Callable[[Sequence[Cand]], list[Cand]]


def _overlaps(a: Cand, b: Cand) -> bool:
    return a.i < b.j and b.i < a.j


def outermost_then_confident(cands: Sequence[Cand]) -> list[Cand]:
    """The default policy (see module docstring); returns the winners sorted by position."""
    pool = list(dict.fromkeys(cands))
    inner = set()
    for a in pool:
        if a.conf < CONTAINMENT_CONF or not a.method.startswith("rule"):
            continue
        for b in pool:
            if b is not a and a.i <= b.i and b.j <= a.j and (a.j - a.i) > (b.j - b.i):
                inner.add(b)
    pool = [c for c in pool if c not in inner]
    return _greedy(sorted(pool, key=lambda c: (not _hard(c), -c.conf, -(c.j - c.i), c.i)))


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
