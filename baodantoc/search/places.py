"""Which provinces a place filter covers, before and after the 2025 reorganization (63 → 34).

Why: a journalist who filters on "Lào Cai" today means the province as it is now, which includes
the old Yên Bái; the paper's articles before July 2025 name the old units. The mapping comes from
the extractor's gazetteer (``extract/data/admin_units.tsv``): one source for the whole project.
"""

from __future__ import annotations

from functools import lru_cache

from ..extract.gazetteer import ProvinceInfo, load_gazetteer
from ..store.folding import fold_name


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """A place name as search compares it: folded, without an administrative or village prefix
    ("tỉnh Lào Cai", "tinh lao cai" → "lao cai")."""
    return fold_name(load_gazetteer().split_place_prefix(" ".join(name.split()), unaccented=True)[1])


def province_area(name: str, *, strict: bool = False) -> tuple[str, ...]:
    """Folded names of the provinces (old and new) whose territory ``name`` covers today.

    "Lào Cai" → ("lao cai", "yen bai"): the new province and the old ones merged into it.
    An old province that was merged away ("Yên Bái") → just itself. With ``strict`` or a name
    that is no province at all, only the name itself is returned (folded, prefix removed).
    """
    key = place_key(name)
    if strict:
        return (key,)
    info = _provinces_by_folded_name().get(key)
    if info is None or info.new is None or not info.merged_from:
        return (key,)
    return tuple(sorted({key, *(fold_name(n) for n in info.merged_from)}))


@lru_cache(maxsize=1)
def _provinces_by_folded_name() -> dict[str, ProvinceInfo]:
    """The gazetteer's provinces (names and aliases of both eras) keyed as search folds them, so a
    name typed without diacritics ("lao cai") finds its province too."""
    return {fold_name(key): info for key, info in load_gazetteer().provinces.items()}


#: what a journalist types for the whole country (folded): national figures are its facts
WHOLE_COUNTRY = frozenset({"viet nam", "vn", "ca nuoc", "toan quoc"})


def is_whole_country(name: str) -> bool:
    """"Việt Nam", "cả nước", "toàn quốc": a filter that national figures satisfy."""
    return place_key(name) in WHOLE_COUNTRY
