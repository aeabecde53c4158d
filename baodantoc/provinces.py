"""Provinces before and after the 2025 reorganization (63 → 34, effective 2025-07-01).

Why: a journalist who filters on "Lào Cai" today means the province as it is now, which includes
the old Yên Bái; the paper's articles before July 2025 name the old units. The mapping ships with
``underthesea.address`` (built from vietnamadminunits, offline). We read its data file directly
rather than importing ``underthesea``, whose package import loads far more than a name table.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .folding import fold_name

log = logging.getLogger(__name__)

#: Generic words a user may put before a province name ("tỉnh Lào Cai", "TP Hà Nội").
_PREFIXES = ("tinh ", "thanh pho ", "tp ")


@dataclass(frozen=True)
class ProvinceMap:
    """Province names keyed by their folded short name ("lao cai")."""

    old_to_new: dict[str, str]  # folded old short name -> new short name (display form)
    new_to_old: dict[str, tuple[str, ...]]  # folded new short name -> old short names merged into it
    display: dict[str, str]  # folded short name (old or new) -> display form


def mapping_path() -> Path:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("underthesea is not installed: its address mapping is needed")
    return Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"


@lru_cache(maxsize=1)
def province_map() -> ProvinceMap:
    """The old→new province mapping, loaded once per process."""
    with mapping_path().open(encoding="utf-8") as f:
        data = json.load(f)
    old_names = data["old_province_names"]
    new_names = data["province_names"]
    old_to_new: dict[str, str] = {}
    new_to_old: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for old_key, new_key in data["province_mapping"].items():
        old_short = old_names[old_key]["short"]
        new_short = new_names[new_key]["short"]
        old_to_new[fold_name(old_short)] = new_short
        new_to_old.setdefault(fold_name(new_short), []).append(old_short)
        display[fold_name(old_short)] = old_short
        display[fold_name(new_short)] = new_short
    return ProvinceMap(old_to_new, {k: tuple(sorted(v)) for k, v in new_to_old.items()}, display)


def strip_prefix(folded: str) -> str:
    """A folded place name without a leading "tinh"/"thanh pho"/"tp"."""
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


def province_area(name: str, *, strict: bool = False) -> tuple[str, ...]:
    """Folded names of the provinces (old and new) whose territory ``name`` covers today.

    "Lào Cai" → ("lao cai", "yen bai"): the new province and the old ones merged into it.
    An old province that was merged away ("Yên Bái") → just itself. With ``strict`` or a name
    that is no province at all, only the name itself is returned (folded, prefix removed).
    """
    key = strip_prefix(fold_name(name))
    if strict:
        return (key,)
    try:
        mapping = province_map()
    except (OSError, ValueError, KeyError) as exc:  # a broken or missing underthesea install
        log.warning("no province mapping (%s): --place %r covers only itself", exc, name)
        return (key,)
    merged = mapping.new_to_old.get(key)
    if not merged:
        return (key,)
    return tuple(sorted({key, *(fold_name(n) for n in merged)}))


