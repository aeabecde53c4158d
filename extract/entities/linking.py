"""Entity linking: short forms to their full form within an article, and one id per entity.

Within an article, "ông Hưng" is the "Nguyễn Hồng Hưng" named earlier (a PER mention equal to the
last syllables of a longer PER name), and "UBDT" is "Ủy ban Dân tộc" (same expanded form).

Across the corpus, ids are DERIVED from a canonical key, not assigned from a counter: the same
entity gets the same id in every article and every run, with no shared state, so articles can be
extracted in parallel and re-extracted alone. The key folds spelling variants (Ủy/Uỷ, UBND/Ủy ban
nhân dân, case, hyphens). The price: two different people with the same full name share an id —
recorded in the docs as a known limit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..doc import Doc, Mention
from ..normalize import fold_tone_placement

SUB_PROVINCE = ("district", "commune", "village")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII id part: 'Lào Cai' -> 'lao-cai', 'Đắk Lắk' -> 'dak-lak', "H'Mông" -> 'hmong'."""
    s = fold_tone_placement(text).lower().replace("đ", "d").replace("'", "")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", s).strip("-")


def canonical_key(m: Mention) -> str:
    """What an id is derived from: the canonical name (set by the attribute component); for a
    place also its level, and its province below province level ("Tân Sơn" exists in many)."""
    name = m.attributes.get("canonical") or m.text
    if m.type != "LOC":
        return name
    level = m.attributes.get("level", "place")
    province = m.attributes.get("province") if level in SUB_PROVINCE else None
    return f"{level} {name}" + (f" {province}" if province else "")


def link_people(doc: Doc) -> None:
    """Point short person forms at the longest full name in the article that ends with them."""
    full = sorted({m.text for m in doc.mentions if m.type == "PER" and " " in m.text}, key=len, reverse=True)
    for m in doc.mentions:
        if m.type != "PER":
            continue
        key = fold_tone_placement(m.text).lower()
        for name in full:
            folded = fold_tone_placement(name).lower()
            if folded != key and (folded.endswith(" " + key)):
                m.attributes.setdefault("canonical", name)
                break


def assign_ids(doc: Doc, key_of: Callable[[Mention], str] = canonical_key) -> None:
    """entity_id = '<type>:<slug of the canonical key>' (LOC keys carry level and province)."""
    for m in doc.mentions:
        m.entity_id = f"{m.type.lower()}:{slug(key_of(m))}"


def link(doc: Doc) -> Doc:
    """Pipeline component: within-article links, then corpus-wide ids."""
    link_people(doc)
    assign_ids(doc)
    return doc
