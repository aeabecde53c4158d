"""Mention attributes: what the span alone does not say.

- LOC: the generic prefix and the bare name, the admin level, the province (as of the article's
  date) and the province after the 2025 reorganization, the unit code when the name is resolved.
  A commune name shared by many provinces ("Tân Sơn") is resolved by the places named with it
  ("xã Tân Sơn, huyện Kim Bôi"), else by the provinces the article mentions elsewhere; a village or
  commune no gazetteer lists takes its province from the places named with it, else from the
  article (:mod:`.provinces`, ``province_source``).
- ORG: the expanded form ("UBND tỉnh Lào Cai" -> "Ủy ban nhân dân tỉnh Lào Cai"), the canonical
  name of a known body ("UBDT" -> "Ủy ban Dân tộc") and the place of its scope, with that place's
  level and province when the gazetteer knows it.
- ETH: the official name of the group ("H'Mông" -> "Mông") and its number in the official list.
- PER: the role or honorific found before the name (set by recognition).

``attributes["canonical"]`` is the entity's display name; the corpus-wide id is derived from it
(with the level and province for places, see linking).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..doc import Doc, Mention
from ..gazetteer import AdminUnit, Gazetteer, gazetteer_key, load_gazetteer
from .provinces import infer_provinces

NEW_ERA_FROM = "2025-07-01"  # the 2025 reorganization took effect on this date


def _era(doc: Doc) -> str:
    published = str(doc.meta.get("published_at") or "")
    return "2025" if published[:10] >= NEW_ERA_FROM else "old"


LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}


def _pick_unit(units: tuple[AdminUnit, ...], level: str | None, era: str, provinces: Counter[str]) -> AdminUnit | None:
    if level in ("province", "district", "commune"):
        units = tuple(u for u in units if u.level == level) or units
    else:  # a bare name means the highest unit that bears it: "Lào Cai" is the province
        top = min(LEVEL_RANK[u.level] for u in units)
        units = tuple(u for u in units if LEVEL_RANK[u.level] == top)
    in_era = tuple(u for u in units if u.era == era) or units
    if len({(u.level, u.province) for u in in_era}) == 1:
        return in_era[0]
    ranked = sorted(in_era, key=lambda u: (provinces.get(u.province, 0) + provinces.get(u.province_2025, 0)),
                    reverse=True)
    best, second = ranked[0], ranked[1]
    score = provinces.get(best.province, 0) + provinces.get(best.province_2025, 0)
    if score and score > provinces.get(second.province, 0) + provinces.get(second.province_2025, 0):
        return best
    return None


def _loc(m: Mention, gaz: Gazetteer, era: str, provinces: Counter[str]) -> None:
    prefix, name, pp = gaz.split_place_prefix(m.text)
    level = pp.level or pp.category if pp is not None else None
    attrs: dict[str, Any] = {"name": name}
    if prefix:
        attrs["prefix"] = prefix
    key = gazetteer_key(name)
    # numbered units are keyed with their kind: "Phường 3", "Phường III" (see gazetteer_load)
    units = gaz.admin_units(key) or (gaz.admin_units(gazetteer_key(f"{prefix} {name}")) if prefix else ())
    unit = _pick_unit(units, level, era, provinces) if units else None
    if unit is not None and level not in ("village", "natural", "site", "road"):
        attrs.update(level=unit.level, province=unit.province, province_2025=unit.province_2025,
                     code=unit.code, era=unit.era)
    else:
        world = gaz.world_place(gazetteer_key(m.text)) or gaz.world_place(key)
        if world is not None:
            attrs.update(level=world.kind, name=world.name)
            if world.country:
                attrs["country"] = world.country
        elif level:
            attrs["level"] = level
    attrs["canonical"] = attrs["name"]
    m.attributes.update(attrs)


def expand(text: str, gaz: Gazetteer) -> str:
    """Abbreviations written out: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh", "TP." -> "thành phố"."""
    out = []
    for word in text.split(" "):
        if not _abbreviated(word):
            out.append(word)  # "Đầu tư" is no "TƯ" (Trung ương): keys are case-folded
            continue
        abbr = gaz.abbreviation(gazetteer_key(word))
        out.append(abbr.expansion if abbr is not None else word)
    return " ".join(out)


def _abbreviated(word: str) -> bool:
    """Is a word written as an abbreviation: two capitals or more ("UBND", "TP.", "GD&ĐT"), or a
    capital and a dot ("Tp.")?"""
    return sum(c.isupper() for c in word) >= 2 or (word[:1].isupper() and word.endswith("."))


def _org(m: Mention, gaz: Gazetteer, era: str, provinces: Counter[str]) -> None:
    known = gaz.org_name(gazetteer_key(m.text))
    if known is not None:
        m.attributes["canonical"] = known.canonical
        if known.successor:
            m.attributes["successor"] = known.successor
        return
    expanded = expand(m.text, gaz)
    if expanded != m.text:
        m.attributes["expanded"] = expanded
    words = expanded.split(" ")
    for i in range(1, len(words)):
        pp = gaz.place_prefix(gazetteer_key(words[i]))
        if pp is not None and pp.admin and i + 1 < len(words) and words[i + 1][:1].isupper():
            _org_place(m, " ".join(words[i + 1 :]), pp.level, gaz, era, provinces)
            break
    m.attributes["canonical"] = expanded


def _org_place(m: Mention, place: str, level: str, gaz: Gazetteer, era: str, provinces: Counter[str]) -> None:
    """The place an agency's name carries ("UBND huyện Nậm Pồ" -> Nậm Pồ, Điện Biên), so a number
    the agency reports can be placed by it."""
    m.attributes["place"] = place
    units = gaz.admin_units(gazetteer_key(place))
    unit = _pick_unit(units, level, era, provinces) if units else None
    if unit is not None:
        m.attributes.update(place_level=unit.level, province=unit.province, province_2025=unit.province_2025)
        return
    province = gaz.province_2025(place)
    if province:
        m.attributes["province_2025"] = province


def _eth(m: Mention, gaz: Gazetteer) -> None:
    group = gaz.ethnic_group(gazetteer_key(m.text))
    if group is not None:
        m.attributes.update(canonical=group.name, number=group.number)


def context_provinces(doc: Doc, gaz: Gazetteer) -> Counter[str]:
    """How often each province is named in the article (as a place or an ORG scope)."""
    counts: Counter[str] = Counter()
    for m in doc.mentions:
        if m.type not in ("LOC", "ORG"):
            continue
        words = m.text.split(" ")
        for i in range(len(words)):
            info = gaz.province(gazetteer_key(" ".join(words[i:])))
            if info is not None:
                counts[info.name] += 1
                break
    return counts


def describe(doc: Doc, gaz: Gazetteer | None = None) -> Doc:
    """Fill attributes of every mention in ``doc``."""
    gaz = gaz or load_gazetteer()
    era = _era(doc)
    provinces = context_provinces(doc, gaz)
    for m in doc.mentions:
        if m.type == "LOC":
            _loc(m, gaz, era, provinces)
        elif m.type == "ORG":
            _org(m, gaz, era, provinces)
        elif m.type == "ETH":
            _eth(m, gaz)
    infer_provinces(doc, gaz)
    return doc
