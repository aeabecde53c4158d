"""Fact quality beyond F1: is the unit right, is the subject's head right (pure functions).

Gold and predicted facts are paired exactly as the scorer pairs them (per article, in gold order,
the first unused prediction with the same kind and a value within 0.5%:
:func:`baodantoc.extract.evaluation.fact_matches`). Then:

* **unit agreement** — on matched facts only. Both units are normalized the same way
  (:func:`norm_unit`); they agree when equal or, for counts and ratios, when one is a whole-word
  prefix or suffix of the other: the guideline asks for "the counted noun head", and annotators write
  it at different lengths ("người" / "người có uy tín", "cầu" / "cây cầu"), so a shared head agrees
  while two different nouns ("khẩu" / "súng") do not.
* **subject head** — on every gold fact that has a "head" (a missed fact counts as wrong). Heads are
  compared the same way, after dropping a leading quantity word ("tổng", "số"): "tổng dư nợ" and "dư
  nợ" name the same thing, "đường biên giới" and "đường" share their head.

* **fact context** (:func:`fact_context`) — on matched facts of gold that carries where and when
  (``place_level``, ``province``, ``period``: the guideline's "Fact context"): the province is right
  when both name the same province (folded), for a national figure (``place_level`` country, place
  Việt Nam) when ours is marked ``scope: national``, for a figure abroad when ours has no province
  and its place is that country; only facts whose gold names a place at province level or below,
  or a country, count. The period is right when equal; a gold period of null is also matched by
  our fallback to the article's date (``period_source: article_date``), which says it was not stated.

What these do NOT measure: units and subjects of spurious facts (F1 counts those), whether both
sides agree on a wrong head, and the ``place`` entity itself below the province (a fact placed at
the district of the right province counts as right).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..evaluation import fact_matches
from ..normalize import fold_tone_placement

_SPELLING = {
    "m2": "m²", "km2": "km²", "m3": "m³", "vnđ": "đồng", "vnd": "đồng", "đ": "đồng",
    "héc-ta": "ha", "hecta": "ha", "ki-lô-mét": "km", "kilômét": "km", "kilogam": "kg",
    "ki-lô-gam": "kg",
}
_QUANTITY_PREFIX = re.compile(r"^(tổng số|số lượng|tổng|số)\s+")

Docs = Mapping[Any, Mapping[str, Any]]


def norm_unit(unit: Any) -> str:
    """Lower-case NFC, new tone placement, commas read as spaces ("xã, phường" lists the nouns
    counted together), no spaces around "/", one spelling per unit ("m2" -> "m²", "VNĐ" -> "đồng")."""
    if unit is None:
        return ""
    s = fold_tone_placement(str(unit)).lower()
    s = re.sub(r"\s*/\s*", "/", re.sub(r"[\s,;]+", " ", s)).strip()
    return "/".join(_SPELLING.get(part, part) for part in s.split("/"))


def _share_head(a: str, b: str) -> bool:
    aw, bw = a.split(" "), b.split(" ")
    short, long_ = (aw, bw) if len(aw) <= len(bw) else (bw, aw)
    return long_[: len(short)] == short or long_[-len(short) :] == short


def units_agree(kind: str, gold: Any, pred: Any) -> bool:
    """See the module docstring."""
    g, p = norm_unit(gold), norm_unit(pred)
    if g == p:
        return True
    return kind in ("count", "ratio") and bool(g) and bool(p) and _share_head(g, p)


def heads_agree(gold: Any, pred: Any) -> bool:
    """See the module docstring."""
    g = _QUANTITY_PREFIX.sub("", norm_unit(gold))
    p = _QUANTITY_PREFIX.sub("", norm_unit(pred))
    return bool(g) and bool(p) and (g == p or _share_head(g, p))


def pair_facts(gold: Docs, pred: Docs) -> list[tuple[Any, Mapping[str, Any], Mapping[str, Any] | None]]:
    """(doc id, gold fact, matched predicted fact or None) for every gold fact."""
    pairs = []
    for doc_id, g in gold.items():
        pf = list((pred.get(doc_id) or {}).get("facts", []))
        used: set[int] = set()
        for gx in g.get("facts", []):
            hit = next((j for j, px in enumerate(pf) if j not in used and fact_matches(gx, px)), None)
            if hit is not None:
                used.add(hit)
            pairs.append((doc_id, gx, pf[hit] if hit is not None else None))
    return pairs


def unit_agreement(gold: Docs, pred: Docs) -> tuple[Counter[str], list[tuple]]:
    """Per kind: "<kind>:matched" and "<kind>:agree" counts; plus the disagreeing pairs."""
    counts: Counter[str] = Counter()
    wrong: list[tuple] = []
    for doc_id, gx, px in pair_facts(gold, pred):
        if px is None:
            continue
        kind = gx["kind"]
        counts[f"{kind}:matched"] += 1
        if units_agree(kind, gx.get("unit"), px.get("unit")):
            counts[f"{kind}:agree"] += 1
        else:
            wrong.append((doc_id, kind, gx.get("text"), gx.get("unit"), px.get("unit")))
    return counts, wrong


def _pred_head(px: Mapping[str, Any]) -> Any:
    attrs = px.get("attributes") or {}
    return attrs.get("head") if isinstance(attrs, Mapping) else None


def subject_heads(gold: Docs, pred: Docs) -> tuple[int, int, list[tuple]]:
    """(right, total, wrong pairs) over gold facts that carry a "head"."""
    right = total = 0
    wrong: list[tuple] = []
    for doc_id, gx, px in pair_facts(gold, pred):
        if not gx.get("head"):
            continue
        total += 1
        got = _pred_head(px) if px is not None else None
        if heads_agree(gx["head"], got):
            right += 1
        else:
            wrong.append((doc_id, gx.get("text"), gx["head"], got, (px or {}).get("subject")))
    return right, total, wrong


#: gold place levels whose province is scored (regions, "other" and unplaced facts are not)
SCORED_LEVELS = ("province", "district", "commune", "village", "country")
_VIETNAM = ("viet nam", "vn")


def _fold(text: Any) -> str:
    s = unicodedata.normalize("NFD", fold_tone_placement(str(text or "")).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def province_right(gold: Mapping[str, Any], pred: Mapping[str, Any], entities: Mapping[str, Mapping[str, Any]]) -> bool:
    """Does the predicted fact hold in the gold fact's province (or country)? ``entities``: the
    predicted mentions' attributes by entity id (to read a place abroad)."""
    if gold.get("place_level") == "country":
        if _fold(gold.get("place")) in _VIETNAM:
            return pred.get("scope") == "national"
        place = entities.get(str(pred.get("place")), {})
        return not pred.get("province") and _fold(place.get("name") or place.get("canonical")) == _fold(gold.get("place"))
    return bool(pred.get("province")) and _fold(pred.get("province")) == _fold(gold.get("province"))


def period_right(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Is the predicted period the gold one (a null gold period: none stated, see the module docstring)?"""
    if gold.get("period") is None:
        return pred.get("period") in (None, "") or pred.get("period_source") == "article_date"
    return pred.get("period") == gold["period"]


def fact_context(gold: Docs, pred: Docs) -> tuple[Counter[str], list[tuple]]:
    """Counts "province"/"province:n", "period"/"period:n", "head"/"head:n" over matched facts of gold
    that carries fact context, and the wrong ones (doc id, what, fact text, gold, ours)."""
    counts: Counter[str] = Counter()
    wrong: list[tuple] = []
    for doc_id, gx, px in pair_facts(gold, pred):
        if px is None or "period" not in gx:
            continue
        entities = {str(e.get("entity_id")): e.get("attributes") or {}
                    for e in (pred.get(doc_id) or {}).get("entities", [])}
        if gx.get("place_level") in SCORED_LEVELS:
            counts["province:n"] += 1
            if province_right(gx, px, entities):
                counts["province"] += 1
            else:
                ours = "national" if px.get("scope") == "national" else px.get("province") or px.get("place")
                wrong.append((doc_id, "province", gx.get("text"), gx.get("province") or gx.get("place"), ours))
        counts["period:n"] += 1
        if period_right(gx, px):
            counts["period"] += 1
        else:
            wrong.append((doc_id, "period", gx.get("text"), gx.get("period"), px.get("period")))
        if gx.get("subject_head"):
            counts["head:n"] += 1
            counts["head"] += heads_agree(gx["subject_head"], _pred_head(px))
    return counts, wrong
