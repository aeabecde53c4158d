"""Scoring predicted entities and facts against gold annotations (pure functions).

Three views, as the project's evaluation contract (DESIGN.md) defines them:

- document level: per article, the SET of (type, normalized surface) — an entity counts once per
  article however often it occurs; the normalization forgives spelling variants that name the same
  thing (case, tone placement, hyphen spacing, common abbreviations, a LOC's admin prefix, "dân
  tộc"/"người" before an ethnic group, an honorific before a person);
- mention level: exact (type, start, end), only for gold that carries offsets;
- facts: (kind, value within 0.5%), each gold fact matched at most once.

What these scores do NOT measure: attributes (roles, provinces), entity linking, fact subject,
place and period; and the document-level view hides how many occurrences were found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..records import ENTITY_TYPES
from .normalize import fold_tone_placement

ADMIN_PREFIX = re.compile(
    r"^((tỉnh|huyện|xã|thành phố|tp\.?|thị xã|thị trấn|quận|phường|thôn|bản|làng|buôn|ấp|sóc"
    r"|tổ dân phố|khu phố|xóm|plei|bon)\s+)+"
)
ETH_PREFIX = re.compile(r"^(đồng bào|dân tộc|người)\s+")
PER_PREFIX = re.compile(r"^(ông|bà|anh|chị|em|cô|chú|đồng chí|già làng|cụ|nghệ nhân)\s+")
ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "mttq": "mặt trận tổ quốc",
    "nhcsxh": "ngân hàng chính sách xã hội", "tp": "thành phố", "ubdt": "ủy ban dân tộc",
    "bđbp": "bộ đội biên phòng", "tw": "trung ương", "ctmtqg": "chương trình mục tiêu quốc gia",
}


def normalize_surface(text: str, typ: str | None = None) -> str:
    """The form two surfaces must share to count as the same entity of type ``typ``."""
    s = fold_tone_placement(text).lower()
    s = re.sub(r"[\u2010-\u2015\-]", " - ", s)
    s = re.sub(r"[’'`ʼ]", "'", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.;:()\"“”")
    s = " ".join(ABBREVIATIONS.get(t.strip("."), t) for t in s.split(" "))
    if typ == "LOC":
        s = ADMIN_PREFIX.sub("", s)
    elif typ == "ETH":
        s = ETH_PREFIX.sub("", s).replace(" ", "").replace("-", "").replace("'", "")
    elif typ == "PER":
        s = PER_PREFIX.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class Counts:
    """True positives, false positives, false negatives; P/R/F1 derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Scores:
    """Per-key counts (types, "F:<kind>" for facts, "M:<type>" for mentions) and error lists."""

    counts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[tuple[Any, str, str, str]] = field(default_factory=list)

    def total(self, prefix: str = "", keys: Iterable[str] | None = None) -> Counts:
        """Sum over keys (default: all keys starting with ``prefix``, types when prefix is '')."""
        out = Counts()
        for k, c in self.counts.items():
            if keys is not None:
                if k in keys:
                    out.add(c)
            elif (prefix and k.startswith(prefix)) or (not prefix and ":" not in k):
                out.add(c)
        return out


def fact_matches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Same kind and value within 0.5% (the project's fact matching rule)."""
    if gold.get("kind") != pred.get("kind"):
        return False
    try:
        if pred.get("value") is None:
            return False  # no value is no match, not a value of 0
        gv, pv = float(gold["value"]), float(pred["value"])
    except (TypeError, ValueError):
        return False
    return abs(gv - pv) <= max(abs(gv) * 0.005, 1e-9)


def score(gold: Mapping[Any, Mapping[str, Any]], pred: Mapping[Any, Mapping[str, Any]],
          types: tuple[str, ...] = ENTITY_TYPES, keep_errors: bool = False) -> Scores:
    """Score predictions keyed by document id against gold keyed the same way."""
    out = Scores()
    # a gold set with no facts (entities) at all was not annotated for them: do not count ours as errors
    facts_annotated = any(g.get("facts") for g in gold.values())
    entities_annotated = any(g.get("entities") for g in gold.values())
    for doc_id, g in gold.items():
        p = pred.get(doc_id) or {"entities": [], "facts": []}
        for t in types if entities_annotated else ():
            gs = {normalize_surface(e["text"], t) for e in g.get("entities", []) if e["type"] == t} - {""}
            ps = {normalize_surface(e["text"], t) for e in p.get("entities", []) if e.get("type") == t} - {""}
            c = out.counts[t]
            c.tp += len(gs & ps)
            c.fp += len(ps - gs)
            c.fn += len(gs - ps)
            if keep_errors:
                out.errors += [(doc_id, t, "FP", x) for x in sorted(ps - gs)]
                out.errors += [(doc_id, t, "FN", x) for x in sorted(gs - ps)]
        if facts_annotated:
            _score_facts(doc_id, g.get("facts", []), p.get("facts", []), out, keep_errors)
        _score_mentions(g, p, types, out)
    return out


def _score_facts(doc_id: Any, gold: list, pred: list, out: Scores, keep_errors: bool) -> None:
    used: set[int] = set()
    for gx in gold:
        hit = next((j for j, px in enumerate(pred) if j not in used and fact_matches(gx, px)), None)
        key = "F:" + str(gx.get("kind"))
        if hit is None:
            out.counts[key].fn += 1
            if keep_errors:
                out.errors.append((doc_id, key, "FN", gx.get("text", "")))
        else:
            used.add(hit)
            out.counts[key].tp += 1
    for j, px in enumerate(pred):
        if j not in used:
            key = "F:" + str(px.get("kind"))
            out.counts[key].fp += 1
            if keep_errors:
                out.errors.append((doc_id, key, "FP", px.get("text", "")))


def _score_mentions(gold: Mapping[str, Any], pred: Mapping[str, Any], types: tuple[str, ...], out: Scores) -> None:
    ge = [e for e in gold.get("entities", []) if "start" in e and e["type"] in types]
    if not ge:
        return
    gs = {(e["type"], e["start"], e["end"]) for e in ge}
    ps = {(e["type"], e.get("start"), e.get("end")) for e in pred.get("entities", []) if e.get("type") in types}
    for t in types:
        g_t = {x for x in gs if x[0] == t}
        p_t = {x for x in ps if x[0] == t}
        c = out.counts["M:" + t]
        c.tp += len(g_t & p_t)
        c.fp += len(p_t - g_t)
        c.fn += len(g_t - p_t)
