"""The province of a place no gazetteer pins down, from the places named with it.

Run after each LOC mention got what the gazetteer alone says (``attributes._loc``), in two steps:

1. **Chains.** Places written one after another — "bản Nậm Khao, xã Tà Tổng, huyện Mường Tè",
   "xã Cát Tân (Như Xuân)", "thôn Yên Cốc (xã Yên Nguyên, huyện Chiêm Hóa, Tuyên Quang)" — name a
   place and its parents. An ambiguous name takes the unit that lies in (or holds) another member's
   unit ("xã Hồ Đắc Kiện, huyện Châu Thành": the Châu Thành of Sóc Trăng); a member the gazetteer
   does not know (a village, a commune spelled otherwise) takes the province of the nearest member
   after it, its parent (``province_source: "nearby"``).
2. **The article.** A village or commune still without a province takes the province the article
   names most, when one leads (``province_source: "article"``); an ambiguous name only when that
   province has a unit of the name.

Linear: one pass over the mentions; a chain compares the few units of its own members.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..doc import Doc, Mention
from ..gazetteer import AdminUnit, Gazetteer, gazetteer_key

#: what may stand between two places of a chain: a comma, a parenthesis, "thuộc"
_CHAIN_GAP = re.compile(r"^\s*[,(–-]?\s*(?:\(\s*)?(?:thuộc\s+|của\s+)?$", re.I)
SUB_PROVINCE = frozenset({"district", "commune", "village"})
#: how many neighbours on each side of a chain member may be its parents (village, commune,
#: district, province: three above the lowest)
CHAIN_REACH = 3
_ADMIN_LEVELS = ("province", "district", "commune")


def units_of(m: Mention, gaz: Gazetteer) -> tuple[AdminUnit, ...]:
    """The units a LOC mention may name, by its bare name (or its numbered form) and its level."""
    a = m.attributes
    name, prefix, level = str(a.get("name") or m.text), a.get("prefix"), a.get("level")
    units = gaz.admin_units(gazetteer_key(name))
    if not units and prefix:
        units = gaz.admin_units(gazetteer_key(f"{prefix} {name}"))
    if level in _ADMIN_LEVELS:
        units = tuple(u for u in units if u.level == level) or units
    elif level is not None:  # a village, a river, a site: no administrative unit
        return ()
    return units


def set_unit(m: Mention, unit: AdminUnit) -> None:
    """Record what a resolved unit says about a place."""
    m.attributes.update(level=unit.level, province=unit.province, province_2025=unit.province_2025,
                        code=unit.code, era=unit.era)


def _set_province(m: Mention, province: str, province_2025: Any, source: str) -> None:
    m.attributes.update(province=province, province_2025=province_2025, province_source=source)


def _related(u: AdminUnit, w: AdminUnit, gaz: Gazetteer) -> bool:
    """Does one unit lie in the other?"""
    return any(p.code == w.code for p in gaz.admin_path(u)) or any(p.code == u.code for p in gaz.admin_path(w))


def _resolve_chain(chain: list[Mention], gaz: Gazetteer) -> None:
    if len(chain) < 2:
        return
    options = {id(m): units_of(m, gaz) for m in chain}
    for i, m in enumerate(chain):
        units = options[id(m)]
        if m.attributes.get("code") or len(units) < 2:
            continue
        # a place and its parents are at most four deep: only near members can be its parents
        near = chain[max(0, i - CHAIN_REACH) : i] + chain[i + 1 : i + 1 + CHAIN_REACH]
        others = [w for n in near for w in options[id(n)]]
        fits = [u for u in units if any(_related(u, w, gaz) for w in others)]
        if len({u.province for u in fits}) == 1:
            set_unit(m, fits[0])
            options[id(m)] = (fits[0],)
    for i, m in enumerate(chain):
        if m.attributes.get("province") or m.attributes.get("level") not in SUB_PROVINCE:
            continue
        # the parent comes after: "bản A, xã B, huyện C"; else any member before
        for n in [*chain[i + 1 : i + 1 + CHAIN_REACH], *reversed(chain[max(0, i - CHAIN_REACH) : i])]:
            if n.attributes.get("province"):
                _set_province(m, n.attributes["province"], n.attributes.get("province_2025"), "nearby")
                break


def _leading_province(doc: Doc) -> tuple[str, Any] | None:
    counts: Counter[str] = Counter()
    new: dict[str, Any] = {}
    for m in doc.mentions:
        province = m.attributes.get("province") if m.type in ("LOC", "ORG") else None
        if province:
            counts[province] += 1
            new.setdefault(province, m.attributes.get("province_2025"))
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0], new[top[0][0]]


def chains(doc: Doc) -> Iterator[list[Mention]]:
    """The LOC mentions of a document grouped into runs written one after another ("bản A, xã B,
    huyện C"), in order; a place named alone is a run of one."""
    chain: list[Mention] = []
    for m in sorted((m for m in doc.mentions if m.type == "LOC"), key=lambda m: m.start):
        if chain and chain[-1].sentence_index == m.sentence_index and chain[-1].end <= m.start \
                and _CHAIN_GAP.match(doc.text[chain[-1].end : m.start]):
            chain.append(m)
            continue
        if chain:
            yield chain
        chain = [m]
    if chain:
        yield chain


def infer_provinces(doc: Doc, gaz: Gazetteer) -> None:
    """Fill the province of LOC mentions the gazetteer left open (see the module docstring)."""
    locs = [m for m in doc.mentions if m.type == "LOC"]
    for chain in chains(doc):
        _resolve_chain(chain, gaz)
    open_ = [m for m in locs if not m.attributes.get("province") and m.attributes.get("level") in SUB_PROVINCE]
    if not open_:
        return
    leading = _leading_province(doc)
    if leading is None:
        return
    for m in open_:
        units = units_of(m, gaz)
        if units:
            here = [u for u in units if u.province == leading[0]]
            if len(here) == 1:
                set_unit(m, here[0])
        else:
            _set_province(m, leading[0], leading[1], "article")
