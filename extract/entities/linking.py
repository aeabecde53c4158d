"""Entity linking: short forms to their full form within an article, and one id per entity.

Within an article, "ông Hưng" is the "Nguyễn Hồng Hưng" named earlier (a PER mention equal to the
last syllables of a longer PER name), "UBDT" is "Ủy ban Dân tộc" (same expanded form), and a
generic reference "UBND tỉnh" is the "UBND tỉnh Lào Cai" the article names.

Across the corpus, ids are DERIVED from a canonical key, not assigned from a counter: the same
entity gets the same id in every article and every run, with no shared state, so articles can be
extracted in parallel and re-extracted alone. The key folds spelling variants (Ủy/Uỷ, UBND/Ủy ban
nhân dân, case, hyphens). The price: two different people with the same full name share an id —
recorded in the docs as a known limit.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable

from ...records import CREDIT_ROLES
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
    """Point short person forms at the longest full name in the article that ends with them (a
    photographer's name in a credit is no full form of "anh Minh" in the story).

    Every word-suffix of every full name is indexed once, so each mention is one lookup: the
    scan of all full names per mention this replaces was quadratic in a long text (issue 10)."""
    full = sorted({m.text for m in doc.mentions if m.type == "PER" and " " in m.text
                   and m.attributes.get("role") not in CREDIT_ROLES}, key=lambda n: (-len(n), n))
    ending: dict[str, str] = {}
    for name in full:
        words = fold_tone_placement(name).lower().split(" ")
        for k in range(1, len(words)):
            ending.setdefault(" ".join(words[k:]), name)
    for m in doc.mentions:
        if m.type == "PER":
            name = ending.get(fold_tone_placement(m.text).lower())
            if name is not None:
                m.attributes.setdefault("canonical", name)


def dominant_province(doc: Doc) -> str | None:
    """The province an article is about: the one its places belong to, when it holds at least two
    thirds of them (and two or more mentions)."""
    counts = Counter(m.attributes.get("province") for m in doc.mentions
                     if m.type == "LOC" and m.attributes.get("province"))
    if not counts:
        return None
    province, n = counts.most_common(1)[0]
    return province if n >= 2 and n * 3 >= 2 * sum(counts.values()) else None


def link_generic_bodies(doc: Doc) -> None:
    """Resolve "UBND tỉnh" to the "UBND tỉnh Lào Cai" of the same article (the nearest named body
    before it that starts with the same expanded words, else the nearest after it); a province-
    level reference with no named form is resolved by the article's dominant province ("Ban Dân
    tộc tỉnh" in an article about Sơn La). Drop what nothing resolves: a generic body is no
    entity by itself.

    Named bodies are indexed by every word-prefix of their name, in text order, so a reference
    finds its nearest match by bisection (a scan of all named bodies per reference was
    quadratic in a long text, issue 10)."""
    by_prefix: dict[str, list[Mention]] = defaultdict(list)
    for n in doc.mentions:
        if n.type == "ORG" and not n.attributes.get("generic"):
            words = fold_tone_placement(n.attributes.get("canonical") or n.text).lower().split(" ")
            for k in range(1, len(words)):
                by_prefix[" ".join(words[:k]) + " "].append(n)
    province = dominant_province(doc)
    kept: list[Mention] = []
    for m in doc.mentions:
        if not m.attributes.get("generic"):
            kept.append(m)
            continue
        stem = fold_tone_placement(m.attributes.get("canonical") or m.text).lower() + " "
        matches = by_prefix.get(stem)
        if not matches:
            if province and stem.endswith(" tỉnh "):
                m.attributes["canonical"] = f"{m.attributes.get('canonical') or m.text} {province}"
                m.attributes["province"] = province
                kept.append(m)
            continue
        before = bisect_left(matches, m.start, key=lambda n: n.start)
        target = matches[before - 1] if before else matches[0]
        m.attributes["canonical"] = target.attributes.get("canonical") or target.text
        m.attributes["refers_to"] = target.text
        kept.append(m)
    doc.mentions = kept


def assign_ids(doc: Doc, key_of: Callable[[Mention], str] = canonical_key) -> None:
    """entity_id = '<type>:<slug of the canonical key>' (LOC keys carry level and province)."""
    for m in doc.mentions:
        m.entity_id = f"{m.type.lower()}:{slug(key_of(m))}"


def link(doc: Doc) -> Doc:
    """Pipeline component: within-article links, then corpus-wide ids."""
    link_people(doc)
    link_generic_bodies(doc)
    assign_ids(doc)
    return doc
