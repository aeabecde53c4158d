"""Building the entity model: the gazetteers compiled into one lexicon, plus the CRF.

The lexicon's tags are documented in :mod:`.lexicon`; this module says which gazetteer record
gives which tag. Built once per process (``load_entity_model`` is cached): about a second, most of
it the 14,000 admin units.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Gazetteer, load_gazetteer
from .credits import CreditFinder
from .lexicon import Lexicon
from .recognize import EntityModel, load_tagger

ADMIN_LEVEL_TAG = {"province": "PROV", "district": "DIST", "commune": "COMM"}
WORLD_KIND_TAG = {"country": "COUNTRY", "territory": "COUNTRY", "city": "CITY", "province": "CITY",
                  "state": "CITY", "continent": "REGION", "vn_region": "REGION", "world_region": "REGION"}
PREFIX_CATEGORY_TAG = {"admin": "PFXA", "village": "PFXV"}
NAME_ROLE_TAG = {"family": "FAM", "given": "GIV", "middle": "MID", "prefix": "NPFX"}


def build_lexicon(gaz: Gazetteer) -> Lexicon:
    """One n-gram index over every gazetteer table (keys are already gazetteer keys)."""
    lex = Lexicon()
    descriptors = tuple(k + " " for k, p in gaz.table("place_prefix").items() if not p.in_span)  # type: ignore[attr-defined]
    for key, units in gaz.table("admin").items():
        if key.startswith(descriptors):
            continue  # "thủ đô Hà Nội": the descriptor stays out of the span (docs/ANNOTATION.md)
        lex.add(key, {ADMIN_LEVEL_TAG[u.level] for u in units})  # type: ignore[attr-defined,union-attr]
    for key, place in gaz.table("world").items():
        tags = {WORLD_KIND_TAG.get(place.kind, "SITE")}  # type: ignore[attr-defined]
        if place.ambiguous:  # type: ignore[attr-defined]
            tags.add("AMB")
        lex.add(key, tags)
    for key, group in gaz.table("ethnic").items():
        lex.add(key, {"ETH_AMB" if group.ambiguous else "ETH"})  # type: ignore[attr-defined]
        for sub in group.subgroups:  # type: ignore[attr-defined]
            lex.add(sub, {"ETH_AMB"})  # "người Xa Phó": a local group, named after a cue
    for key, head in gaz.table("org_head").items():
        # ORGHS: a head followed by a place scope, never by a proper name ("Đảng ủy", "UBND")
        tags = {"ORGH", "ORGHS"} if head.follows == "scope" else {"ORGH"}  # type: ignore[attr-defined]
        if head.category == "sport":  # type: ignore[attr-defined]
            tags.add("ORGHT")  # a team head: a place after it names the team ("tuyển Thái Lan")
        if head.category in ("company", "bank") and head.follows == "name":  # type: ignore[attr-defined]
            tags.add("ORGHC")  # a company's head: the name after it is also its short name
        if head.category in ("party", "mass", "board"):  # type: ignore[attr-defined]
            tags.add("ORGHU")  # a unit inside another body: "Đảng bộ cơ quan Ủy ban Dân tộc"
        if head.category == "board":  # type: ignore[attr-defined]
            tags.add("ORGHB")  # a body's board: after a role it is the title's ("Chủ tịch HĐQT")
        lex.add(key, tags)
    for key, org in gaz.table("org_name").items():
        if " của " in key:
            continue  # "Hội đồng Dân tộc của Quốc hội" is two bodies in the annotation
        tags = {"ORGN_AMB" if org.ambiguous else "ORGN"}  # type: ignore[attr-defined]
        if org.category == "sport":  # type: ignore[attr-defined]
            tags.add("ORGN_TEAM")
        if org.category == "seat":  # type: ignore[attr-defined]
            tags.add("ORGN_SEAT")  # "Nhà Trắng": the government, or after "tại" the building  # a club or federation: "Liverpool" is the club in a sports report
        lex.add(key, tags)
        if " " in key and "-" in org.canonical:  # type: ignore[attr-defined]
            # "Bộ Lao động - Thương binh và Xã hội" is also written with a comma
            lex.add(org.canonical.replace(" - ", ", "), {"ORGN"})  # type: ignore[attr-defined]
    for key, abbr in gaz.table("abbreviation").items():
        if abbr.org_head:  # type: ignore[attr-defined]
            lex.add(key, {"ORGH"})
    for key, cue in gaz.table("person_cue").items():
        lex.add(key, {"HON" if cue.type == "honorific" else "ROLE"})  # type: ignore[attr-defined]
    for key, parts in gaz.table("name_part").items():
        lex.add(key, {NAME_ROLE_TAG[p.role] for p in parts})  # type: ignore[attr-defined,union-attr]
    for key, non in gaz.table("nonentity").items():
        # EVENT: an event's name ("Hội thi", "Lễ"): the committee before it is the event's, no body
        lex.add(key, {"NON", "EVENT"} if non.reason == "event" else {"NON"})  # type: ignore[attr-defined]
    for key in gaz.table("org_tail"):
        lex.add(key, {"ORGT"})
    for key in gaz.table("org_cue"):
        lex.add(key, {"ORGC"})
    for key in gaz.table("name_boundary"):
        lex.add(key, {"BND"})
    for key in gaz.table("sport_word"):
        lex.add(key, {"SPORT"})
    for key in gaz.table("person_world"):
        lex.add(key, {"PERN"})  # a well-known person of world news ("Merkel", "Tập Cận Bình")
    for key, prefix in gaz.table("place_prefix").items():
        # PFXD: a descriptor before a name that stays out of the span ("vùng", "địa bàn")
        in_span = prefix.in_span  # type: ignore[attr-defined]
        tags = {PREFIX_CATEGORY_TAG.get(prefix.category, "PFX") if in_span else "PFXD"}  # type: ignore[attr-defined]
        if prefix.category == "road":  # type: ignore[attr-defined]
            tags.add("PFXR")  # a road: a number names it ("Đường 9", "quốc lộ 14C")
        lex.add(key, tags)
    return lex


def add_dictionary(lex: Lexicon) -> None:
    """Words of underthesea's Viet74K dictionary (shipped with it, read offline) of two syllables
    or more: DICT for a common word ("lãnh đạo", "công đoàn"), VNAME for a proper name written
    capitalized there. A capitalized syllable that starts a common word is rarely a name."""
    from underthesea.corpus import DictionaryLoader

    for word in DictionaryLoader("Viet74K.txt").words:
        if " " not in word.strip():
            continue
        lex.add(word, {"VNAME" if word[:1].isupper() else "DICT"})


def national_heads(gaz: Gazetteer) -> frozenset[str]:
    """Heads of bodies that exist once nationally ("Bộ", "Cục"): with a domain they are named."""
    return frozenset(k for k, h in gaz.table("org_head").items() if not h.scope)  # type: ignore[attr-defined]


def credit_finder(gaz: Gazetteer) -> CreditFinder:
    """The credit labels and fillers of extract/data/credit_words.tsv."""
    words = gaz.table("credit").values()
    return CreditFinder({w.word: w.role for w in words if w.kind == "label"},  # type: ignore[attr-defined]
                        [w.word for w in words if w.kind == "filler"])  # type: ignore[attr-defined]


@lru_cache(maxsize=2)
def load_entity_model(with_tagger: bool = True) -> EntityModel:
    """The lexicon and the CRF, loaded once per process."""
    gaz = load_gazetteer()
    lexicon = build_lexicon(gaz)
    add_dictionary(lexicon)
    return EntityModel(lexicon=lexicon, national_heads=national_heads(gaz),
                       tagger=load_tagger() if with_tagger else None, credits=credit_finder(gaz))
