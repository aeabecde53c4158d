"""Records of the gazetteers (see extract/gazetteer.py for the loader and extract/data/README.md for
the files they come from).

Every record is a frozen, slotted dataclass: the loader builds tens of thousands of them once per
process, and the matcher shares them between threads, so they must be small and immutable. Tuples,
not lists, for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass


class GazetteerError(ValueError):
    """A data file is missing, malformed or inconsistent (raised at load time, with file:line)."""


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """A Vietnamese administrative unit of one era.

    ``code`` is unique across both eras ("old-00004", "2025-00004": the official GSO codes were
    reused by the 2025 reorganization, so the era is part of our code). ``gso_code`` is the official
    code as published. ``province_2025`` is the post-2025 province that contains the unit today
    (for a 2025 unit its own province), so any mention can be counted under today's map.
    ``successors`` lists, for an old commune, the 2025 communes it went into (the main one first).
    """

    code: str
    era: str  # "old" (before 2025-07-01) | "2025"
    level: str  # province | district | commune
    kind: str  # tỉnh | thành phố | huyện | quận | thị xã | thành phố thuộc tỉnh | xã | phường | thị trấn | đặc khu
    name: str  # without the kind word: "Lào Cai", "Mường Khương", "1" (for "Phường 1")
    gso_code: str
    parent_code: str  # "" for a province
    province_code: str
    province: str  # the name of its province in its own era
    province_2025: str
    aliases: tuple[str, ...]
    successors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProvinceInfo:
    """What a province name means across the 2025 reorganization.

    ``old`` is the pre-2025 province of that name (None if the name is only post-2025), ``new`` the
    2025 province of that name (None when it was merged into another), ``province_2025`` the
    province that holds it today, and ``merged_from`` the old provinces that form ``province_2025``.
    """

    name: str
    old: AdminUnit | None
    new: AdminUnit | None
    province_2025: str
    merged_from: tuple[str, ...]

    @property
    def merged(self) -> bool:
        """True when the province no longer exists under its own name (Yên Bái, Hà Giang...)."""
        return self.new is None


@dataclass(frozen=True, slots=True)
class WorldPlace:
    """A country, territory, continent, foreign city, Vietnamese region or natural feature/site.

    ``ambiguous`` is about the *surface that was looked up*: "Anh" (also a pronoun) is ambiguous,
    "Vương quốc Anh" is not, though both lead to the same place.
    """

    name: str
    kind: str
    country: str  # the country it lies in ("" for countries, continents, oceans)
    aliases: tuple[str, ...]
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    """One of the 54 official ethnic groups; ``ambiguous`` is about the surface looked up ("Thái",
    "Hoa", "Lào" need a cue such as "dân tộc"/"người"/"đồng bào" or a list of groups)."""

    name: str  # canonical, as in the official list ("Mông", "Ê Đê", "Bru - Vân Kiều")
    number: int  # its number in the official list (1 = Kinh ... 54 = Rơ Măm)
    variants: tuple[str, ...]
    subgroups: tuple[str, ...]  # local groups written in the press ("Dao Đỏ", "Thái Đen")
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class OrgHead:
    """A word or phrase that starts an organization name ("Sở", "UBND", "Đồn Biên phòng").

    ``follows`` says what comes after the head in a full name: a place ``scope`` ("UBND tỉnh X"), a
    ``domain`` then an optional scope ("Sở Y tế tỉnh X"), a proper ``name`` ("Công ty TNHH X"), or
    ``none`` (the head is the whole name). ``generic_alone`` marks heads that, alone or followed only
    by a bare level word ("UBND tỉnh", "Tỉnh ủy"), are NOT entities.
    """

    head: str
    category: str
    scope: bool
    follows: str
    generic_alone: bool
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgName:
    """A named organization that is an entity on its own ("Quốc hội", "UBDT", "Viettel").

    ``successor`` is the body that took over after a 2025 merger or rename ("Ủy ban Dân tộc" ->
    "Bộ Dân tộc và Tôn giáo"), so counts can follow an institution across the reform.
    ``ambiguous`` is about the surface looked up ("Nhân Dân", "Thanh Niên", "Apple").
    """

    canonical: str
    aliases: tuple[str, ...]
    category: str
    abbreviation: str
    successor: str
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation used inside entity names; ``org_head`` when it starts an organization name
    (UBND, HĐND, BĐBP), ``kind`` what it stands for otherwise (place word, school level, title...)."""

    abbreviation: str
    expansion: str
    org_head: bool
    kind: str


@dataclass(frozen=True, slots=True)
class PersonCue:
    """A word before a person's name: an ``honorific`` (kinship, address, rank, academic title; never
    in the PER span) or a ``role`` (a position, usually followed by its body before the name)."""

    cue: str
    type: str  # honorific | role
    category: str
    gender: str  # "m" | "f" | ""
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NamePart:
    """A part of a person's name and the naming traditions it is typical of."""

    part: str
    role: str  # family | middle | given | prefix
    groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlacePrefix:
    """A generic place word written before a name ("xã", "sông", "TP.").

    ``in_span``: the word belongs to the LOC span under docs/ANNOTATION.md ("tỉnh Lào Cai");
    ``admin``: it names an administrative level, ``level``/``kinds`` which one(s); ``category`` groups
    the rest (village, region, natural, site, road, continent, descriptor).
    """

    prefix: str
    category: str
    level: str
    kinds: tuple[str, ...]
    admin: bool
    in_span: bool
    note: str


@dataclass(frozen=True, slots=True)
class NonEntity:
    """A capitalized word or phrase that is not an entity on its own, with the reason."""

    phrase: str
    reason: str


@dataclass(frozen=True, slots=True)
class CreditWord:
    """A word of photo credits and bylines: a ``label`` before a colon ("Ảnh", "Bài và ảnh") with
    the ``role`` of the names after it, or a ``filler`` that names nobody ("NVCC", "Internet")."""

    word: str
    kind: str  # label | filler
    role: str  # photographer | author | source ("" for a filler)
