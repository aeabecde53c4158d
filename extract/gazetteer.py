"""The gazetteers the entity extractor matches against, loaded once per process.

Why this module exists: names, cues and head words are data (extract/data/*.tsv, described in
extract/data/README.md), kept apart from the rules that use them, so a missed place or spelling is
fixed by adding a line. The loader turns the files into plain dicts keyed by ONE normalization,
:func:`gazetteer_key`, so a lookup succeeds whatever the spelling in the text: old or new tone
placement ("Hoà Bình"/"Hòa Bình"), NFD or NFC, case, hyphen or space ("Ê-đê"/"Ê Đê", "Bà Rịa-Vũng
Tàu"/"Bà Rịa - Vũng Tàu"), curly or straight apostrophe ("H’Mông"). The files store each name once,
in NFC and the new placement; the old-placement spellings are produced here, not stored twice.

Keys are case-folded, so "Anh" (England) and "anh" (brother) share a key: records carry an
``ambiguous`` flag and the matcher must look at the surface case and context itself.

Usage::

    gaz = load_gazetteer()
    gaz.admin_units(gazetteer_key("Mường Khương"))   # -> [AdminUnit(...)]
    province_2025("Yên Bái")                          # -> "Lào Cai"

Pure: reads only its own data files; no Scrapy, SQLite or network (DESIGN.md, extract/).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from .gazetteer_load import build_tables
from .gazetteer_types import (
    Abbreviation,
    AdminUnit,
    EthnicGroup,
    GazetteerError,
    NamePart,
    NonEntity,
    OrgHead,
    OrgName,
    PersonCue,
    PlacePrefix,
    ProvinceInfo,
    WorldPlace,
)
from .normalize import fold_tone_placement

__all__ = [
    "Abbreviation", "AdminUnit", "EthnicGroup", "Gazetteer", "GazetteerError", "NamePart", "NonEntity",
    "OrgHead", "OrgName", "PersonCue", "PlacePrefix", "ProvinceInfo", "WorldPlace", "admin_path",
    "gazetteer_key", "load_gazetteer", "province_2025", "spelling_variants",
]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
                              "\u00b4": "'", "\u2032": "'"})
# A dash between syllables is a spelling choice ("Ê-đê", "Bà Rịa - Vũng Tàu"), not a word.
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")


def gazetteer_key(text: str) -> str:
    """The lookup key of a surface: NFC, new tone placement, lower case, dashes and runs of spaces
    collapsed to one space, apostrophes unified. Dots are kept ("TP." and "TP" are distinct
    prefixes). Use the same function for the data and for the text, so both sides always agree."""
    s = fold_tone_placement(text).translate(_APOSTROPHES).lower()
    return " ".join(_DASHES.sub(" ", s).split())


@lru_cache(maxsize=1)
def _old_placement() -> tuple[re.Pattern[str], dict[str, str]]:
    """new -> old two-letter swaps, inverted from baodantoc.extract.normalize so the two stay in step."""
    from .normalize import _SWAPS  # the one source of the old/new pairs

    table = {new: old for old, new in _SWAPS.items()}
    alternatives = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    # Same context rule as normalize._OLD_TONE: open syllable only, and not after "q".
    return re.compile(r"(?<![qQ])(" + alternatives + r")(?![^\W\d_])"), table


def spelling_variants(text: str) -> tuple[str, ...]:
    """The new-placement spelling of ``text`` and, when it differs, the old one ("Hòa Bình",
    "Hoà Bình"): for matchers that search raw text instead of the normalized view."""
    new = fold_tone_placement(text)
    pattern, table = _old_placement()
    old = pattern.sub(lambda m: table[m.group(1)], new)
    return (new,) if old == new else (new, old)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All gazetteer tables, keyed by :func:`gazetteer_key`; build it with :func:`load_gazetteer`.

    Each lookup takes a key (already normalized) and returns a record, a tuple of records or None.
    ``max_len[table]`` is the longest key of a table in syllables (space-separated parts), so an
    n-gram matcher knows how far to look; ``table(name)`` exposes a whole table read-only, for a
    matcher that compiles its own index. Table names: see ``TABLE_FILES`` in gazetteer_load.
    """

    tables: Mapping[str, Mapping[str, object]]
    units_by_code: Mapping[str, AdminUnit]
    provinces: Mapping[str, ProvinceInfo]
    max_len: Mapping[str, int]

    def table(self, name: str) -> Mapping[str, object]:
        """A read-only view of one table: key -> record (or tuple of records for ``admin``)."""
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"no gazetteer table {name!r}; known: {sorted(self.tables)}") from None

    def admin_units(self, key: str) -> tuple[AdminUnit, ...]:
        """Units of BOTH eras named ``key`` (by name or alias). Names made only of digits ("Phường 1")
        are keyed with their kind ("phường 1"), so a bare number never matches a place."""
        return self.tables["admin"].get(key, ())  # type: ignore[return-value]

    def unit(self, code: str) -> AdminUnit | None:
        return self.units_by_code.get(code)

    def province(self, key: str) -> ProvinceInfo | None:
        """What a province name means before and after the 2025 reorganization."""
        return self.provinces.get(key)

    def world_place(self, key: str) -> WorldPlace | None:
        return self.tables["world"].get(key)  # type: ignore[return-value]

    def ethnic_group(self, key: str) -> EthnicGroup | None:
        return self.tables["ethnic"].get(key)  # type: ignore[return-value]

    def org_head(self, key: str) -> OrgHead | None:
        return self.tables["org_head"].get(key)  # type: ignore[return-value]

    def org_name(self, key: str) -> OrgName | None:
        return self.tables["org_name"].get(key)  # type: ignore[return-value]

    def abbreviation(self, key: str) -> Abbreviation | None:
        return self.tables["abbreviation"].get(key)  # type: ignore[return-value]

    def person_cue(self, key: str) -> PersonCue | None:
        return self.tables["person_cue"].get(key)  # type: ignore[return-value]

    def name_parts(self, key: str) -> tuple[NamePart, ...]:
        """Every role a name part plays ("Hoàng": family and given)."""
        return self.tables["name_part"].get(key, ())  # type: ignore[return-value]

    def family_name(self, key: str) -> NamePart | None:
        return self._part(key, "family")

    def given_name(self, key: str) -> NamePart | None:
        return self._part(key, "given")

    def name_prefix(self, key: str) -> NamePart | None:
        """Ethnic-minority name particles written before a name ("Y", "H'", "K'", "Ksor" is family)."""
        return self._part(key, "prefix")

    def _part(self, key: str, role: str) -> NamePart | None:
        for part in self.name_parts(key):
            if part.role == role:
                return part
        return None

    def is_nonentity(self, key: str) -> bool:
        return key in self.tables["nonentity"]

    def nonentity(self, key: str) -> NonEntity | None:
        return self.tables["nonentity"].get(key)  # type: ignore[return-value]

    def place_prefix(self, key: str) -> PlacePrefix | None:
        return self.tables["place_prefix"].get(key)  # type: ignore[return-value]

    def split_place_prefix(self, text: str, *, unaccented: bool = False) -> tuple[str, str, PlacePrefix | None]:
        """("xã", "Tân Sơn", PlacePrefix) for "xã Tân Sơn"; ("", text, None) without a prefix.

        The one place-prefix splitter of the project (extraction, province lookup, search filters),
        reading the prefixes from place_prefixes.tsv. ``unaccented``: also accept an administrative
        or village prefix typed without diacritics ("tinh Lao Cai", as a search box gets it).
        """
        words = text.split(" ")
        for n in (3, 2, 1):
            if len(words) > n:
                head = " ".join(words[:n])
                prefix = self.place_prefix(gazetteer_key(head))
                if prefix is None and unaccented:
                    prefix = _unaccented_prefixes(self).get(_unaccent(gazetteer_key(head)))
                if prefix is not None:
                    return head, " ".join(words[n:]), prefix
        return "", text, None

    def admin_path(self, unit: AdminUnit) -> list[AdminUnit]:
        """The unit and its parents up to its province: commune -> district -> province (old era),
        commune -> province (2025)."""
        path = [unit]
        seen = {unit.code}
        while path[-1].parent_code:
            parent = self.units_by_code.get(path[-1].parent_code)
            if parent is None or parent.code in seen:  # a broken file must not loop forever
                raise GazetteerError(f"admin unit {path[-1].code}: bad parent {path[-1].parent_code!r}")
            seen.add(parent.code)
            path.append(parent)
        return path

    def province_2025(self, name: str) -> str | None:
        """Old or new province name (any spelling, with or without "tỉnh"/"thành phố"/"TP.") -> the
        post-2025 province that holds it; None when ``name`` is not a province."""
        key = gazetteer_key(name)
        info = self.provinces.get(key) or self.provinces.get(gazetteer_key(self.split_place_prefix(name)[1]))
        return info.province_2025 if info else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read every data file once per process (about 0.2 s; see extract/data/README.md)."""
    tables, units_by_code, provinces = build_tables(gazetteer_key)
    frozen = {name: MappingProxyType(t) for name, t in tables.items()}
    max_len = {name: _max_syllables(t) for name, t in tables.items()}
    return Gazetteer(
        tables=MappingProxyType(frozen),
        units_by_code=MappingProxyType(units_by_code),
        provinces=MappingProxyType(provinces),
        max_len=MappingProxyType(max_len),
    )


def _unaccent(key: str) -> str:
    decomposed = unicodedata.normalize("NFD", key.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_UNACCENTED: dict[int, tuple[Gazetteer, dict[str, PlacePrefix]]] = {}


def _unaccented_prefixes(gaz: Gazetteer) -> dict[str, PlacePrefix]:
    """Administrative and village prefixes keyed without diacritics ("tinh", "thi xa", "ban"),
    built once per gazetteer (kept with it, so a recycled id never returns another's table)."""
    cached = _UNACCENTED.get(id(gaz))
    if cached is None or cached[0] is not gaz:
        table: dict[str, PlacePrefix] = {}
        for key, prefix in gaz.table("place_prefix").items():
            if isinstance(prefix, PlacePrefix) and prefix.category in ("admin", "village"):
                table.setdefault(_unaccent(key), prefix)
        cached = _UNACCENTED[id(gaz)] = (gaz, table)
    return cached[1]


def _max_syllables(keys: Iterable[str]) -> int:
    return max((k.count(" ") + 1 for k in keys), default=0)


def province_2025(name: str) -> str | None:
    """Module-level shortcut for :meth:`Gazetteer.province_2025` on the shared gazetteer."""
    return load_gazetteer().province_2025(name)


def admin_path(unit: AdminUnit) -> list[AdminUnit]:
    """Module-level shortcut for :meth:`Gazetteer.admin_path` on the shared gazetteer."""
    return load_gazetteer().admin_path(unit)

