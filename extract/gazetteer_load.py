"""Reading extract/data/*.tsv into the tables of extract/gazetteer.py.

Kept apart from the lookup API so that each file's parsing rules (which columns, how aliases and
ambiguity flags become keys) sit in one short function per file. A malformed file raises
:class:`GazetteerError` naming the file and line: the data is ours and shipped with the code, so a
broken line is a bug to fix, not input to skip.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from .gazetteer_types import (
    Abbreviation,
    AdminUnit,
    CreditWord,
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

DATA_DIR = Path(__file__).parent / "data"
#: a name that is only a Roman numeral (keys are lower case): "iii" of "Phường III" (Vị Thanh)
_ROMAN_NUMERAL = re.compile(r"^[ivxlc]+$")

#: table name -> (file stem, required columns). The file is read as <stem>.tsv or <stem>.tsv.gz.
TABLE_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "admin": ("admin_units", ("code", "era", "level", "kind", "name", "gso_code", "parent_code",
                              "province_code", "province", "province_2025", "aliases", "successors")),
    "world": ("places_world", ("name", "kind", "country", "aliases", "ambiguous", "ambiguous_aliases")),
    "ethnic": ("ethnic_groups", ("number", "name", "variants", "subgroups", "ambiguous",
                                 "ambiguous_variants")),
    "org_head": ("org_heads", ("head", "category", "scope", "follows", "generic_alone", "variants")),
    "org_name": ("org_names", ("canonical", "aliases", "category", "abbreviation", "successor",
                               "ambiguous_aliases")),
    "abbreviation": ("abbreviations", ("abbreviation", "expansion", "org_head", "kind")),
    "person_cue": ("person_cues", ("cue", "type", "category", "gender", "variants")),
    "name_part": ("person_names", ("part", "role", "groups")),
    "nonentity": ("nonentity_caps", ("phrase", "reason")),
    "place_prefix": ("place_prefixes", ("prefix", "category", "level", "kinds", "admin", "in_span", "note")),
    "org_tail": ("org_tails", ("tail", "note")),
    "org_cue": ("org_cues", ("cue", "note")),
    "name_boundary": ("name_boundaries", ("word", "note")),
    "sport_word": ("sport_words", ("word", "note")),
    "person_world": ("people_world", ("name", "note")),
    "credit": ("credit_words", ("word", "kind", "role", "note")),
}

Row = dict[str, str]
KeyFn = Callable[[str], str]


def read_rows(stem: str, columns: tuple[str, ...], data_dir: Path = DATA_DIR) -> Iterator[tuple[int, Row]]:
    """(line number, row) for each data line of a TSV file with a header row.

    Blank lines and lines starting with "#" are comments (the hand-written files use them to
    group entries). Text is NFC-normalized here too, so a file saved by an editor in NFD still loads.
    """
    path = data_dir / f"{stem}.tsv"
    if path.exists():
        raw = path.read_bytes()
    elif path.with_suffix(".tsv.gz").exists():
        path = path.with_suffix(".tsv.gz")
        raw = gzip.decompress(path.read_bytes())
    else:
        raise GazetteerError(f"gazetteer file {path} is missing")
    text = unicodedata.normalize("NFC", raw.decode("utf-8"))
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise GazetteerError(f"{path.name}: header lacks columns {missing}")
    for n, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise GazetteerError(f"{path.name}:{n}: {len(cells)} cells, header has {len(header)}")
        yield n, {h: c.strip() for h, c in zip(header, cells, strict=True)}


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def flag(cell: str, where: str) -> bool:
    if cell in ("1", "0", ""):
        return cell == "1"
    raise GazetteerError(f"{where}: expected 0 or 1, got {cell!r}")


def _unique(table: dict[str, object], key: str, value: object, where: str) -> None:
    """One key, one record per table: a collision in hand-written data is an authoring error."""
    if not key:
        raise GazetteerError(f"{where}: empty name")
    old = table.get(key)
    if old is not None and old != value:
        raise GazetteerError(f"{where}: key {key!r} already used by {old!r}")
    table[key] = value


def _admin(key: KeyFn, data_dir: Path) -> tuple[dict, dict[str, AdminUnit], dict[str, ProvinceInfo]]:
    by_key: dict[str, list[AdminUnit]] = defaultdict(list)
    by_code: dict[str, AdminUnit] = {}
    for n, r in read_rows(*TABLE_FILES["admin"], data_dir=data_dir):
        unit = AdminUnit(r["code"], r["era"], r["level"], r["kind"], r["name"], r["gso_code"], r["parent_code"],
                         r["province_code"], r["province"], r["province_2025"], split_list(r["aliases"]),
                         split_list(r["successors"]))
        if not unit.name or unit.code in by_code:
            raise GazetteerError(f"admin_units.tsv:{n}: empty name or duplicate code {unit.code!r}")
        by_code[unit.code] = unit
        for surface in (unit.name, *unit.aliases):
            k = key(surface)
            if k.replace(" ", "").isdigit() or _ROMAN_NUMERAL.match(k):
                # "Phường 1", "Phường III": never let a bare number be a place ("xã khu vực III" is a
                # category of communes, "lần thứ III" a session)
                k = f"{key(unit.kind)} {k}"
            if unit not in by_key[k]:
                by_key[k].append(unit)
    admin = {k: tuple(v) for k, v in by_key.items()}
    return admin, by_code, _provinces(admin)


def _provinces(admin: dict[str, tuple[AdminUnit, ...]]) -> dict[str, ProvinceInfo]:
    merged_from: dict[str, list[str]] = defaultdict(list)
    for units in admin.values():
        for u in units:
            if u.level == "province" and u.era == "old" and u.name not in merged_from[u.province_2025]:
                merged_from[u.province_2025].append(u.name)
    out: dict[str, ProvinceInfo] = {}
    for k, units in admin.items():
        old = next((u for u in units if u.level == "province" and u.era == "old"), None)
        new = next((u for u in units if u.level == "province" and u.era == "2025"), None)
        if old is None and new is None:
            continue
        target = new.name if new else old.province_2025  # type: ignore[union-attr]
        out[k] = ProvinceInfo((old or new).name, old, new, target,  # type: ignore[union-attr]
                              tuple(sorted(merged_from[target])))
    return out


def _with_ambiguity(table: dict, key: KeyFn, surfaces: tuple[str, ...], ambiguous: set[str],
                    make: Callable[[bool], object], where: str) -> None:
    """One record per surface, each with its own ``ambiguous`` flag."""
    amb_keys = {key(s) for s in ambiguous}
    for surface in surfaces:
        k = key(surface)
        _unique(table, k, make(k in amb_keys), where)


def build_tables(key: KeyFn, data_dir: Path = DATA_DIR) -> tuple[dict[str, dict], dict, dict]:
    """All tables (name -> {key: record}), the admin units by code, and the province index."""
    admin, by_code, provinces = _admin(key, data_dir)
    t: dict[str, dict] = {name: {} for name in TABLE_FILES}
    t["admin"] = admin
    f = "places_world.tsv"
    for n, r in read_rows(*TABLE_FILES["world"], data_dir=data_dir):
        aliases = split_list(r["aliases"])
        amb = set(split_list(r["ambiguous_aliases"])) | ({r["name"]} if flag(r["ambiguous"], f"{f}:{n}") else set())
        _with_ambiguity(t["world"], key, (r["name"], *aliases), amb,
                        lambda a, r=r, al=aliases: WorldPlace(r["name"], r["kind"], r["country"], al, a), f"{f}:{n}")
    f = "ethnic_groups.tsv"
    for n, r in read_rows(*TABLE_FILES["ethnic"], data_dir=data_dir):
        variants, subgroups = split_list(r["variants"]), split_list(r["subgroups"])
        amb = set(split_list(r["ambiguous_variants"])) | ({r["name"]} if flag(r["ambiguous"], f"{f}:{n}") else set())
        _with_ambiguity(t["ethnic"], key, (r["name"], *variants), amb,
                        lambda a, r=r, v=variants, s=subgroups: EthnicGroup(r["name"], int(r["number"]), v, s, a),
                        f"{f}:{n}")
    f = "org_heads.tsv"
    for n, r in read_rows(*TABLE_FILES["org_head"], data_dir=data_dir):
        w = f"{f}:{n}"
        head = OrgHead(r["head"], r["category"], flag(r["scope"], w), r["follows"], flag(r["generic_alone"], w),
                       split_list(r["variants"]))
        for surface in (head.head, *head.variants):
            _unique(t["org_head"], key(surface), head, w)
    f = "org_names.tsv"
    for n, r in read_rows(*TABLE_FILES["org_name"], data_dir=data_dir):
        aliases = split_list(r["aliases"])
        surfaces = (r["canonical"], *aliases, *((r["abbreviation"],) if r["abbreviation"] else ()))
        _with_ambiguity(t["org_name"], key, surfaces, set(split_list(r["ambiguous_aliases"])),
                        lambda a, r=r, al=aliases: OrgName(r["canonical"], al, r["category"], r["abbreviation"],
                                                           r["successor"], a), f"{f}:{n}")
    f = "abbreviations.tsv"
    for n, r in read_rows(*TABLE_FILES["abbreviation"], data_dir=data_dir):
        w = f"{f}:{n}"
        _unique(t["abbreviation"], key(r["abbreviation"]),
                Abbreviation(r["abbreviation"], r["expansion"], flag(r["org_head"], w), r["kind"]), w)
    f = "person_cues.tsv"
    for n, r in read_rows(*TABLE_FILES["person_cue"], data_dir=data_dir):
        cue = PersonCue(r["cue"], r["type"], r["category"], r["gender"], split_list(r["variants"]))
        for surface in (cue.cue, *cue.variants):
            _unique(t["person_cue"], key(surface), cue, f"{f}:{n}")
    parts: dict[str, list[NamePart]] = defaultdict(list)
    for n, r in read_rows(*TABLE_FILES["name_part"], data_dir=data_dir):
        part = NamePart(r["part"], r["role"], split_list(r["groups"]))
        k = key(part.part)
        if not k or any(p.role == part.role for p in parts[k]):
            raise GazetteerError(f"person_names.tsv:{n}: empty or repeated part/role {part.part!r}/{part.role}")
        parts[k].append(part)
    t["name_part"] = {k: tuple(v) for k, v in parts.items()}
    for n, r in read_rows(*TABLE_FILES["nonentity"], data_dir=data_dir):
        _unique(t["nonentity"], key(r["phrase"]), NonEntity(r["phrase"], r["reason"]), f"nonentity_caps.tsv:{n}")
    f = "place_prefixes.tsv"
    for n, r in read_rows(*TABLE_FILES["place_prefix"], data_dir=data_dir):
        w = f"{f}:{n}"
        _unique(t["place_prefix"], key(r["prefix"]),
                PlacePrefix(r["prefix"], r["category"], r["level"], split_list(r["kinds"]), flag(r["admin"], w),
                            flag(r["in_span"], w), r["note"]), w)
    for n, r in read_rows(*TABLE_FILES["credit"], data_dir=data_dir):
        w = f"credit_words.tsv:{n}"
        if r["kind"] not in ("label", "filler") or (r["kind"] == "label") != bool(r["role"]):
            raise GazetteerError(f"{w}: kind must be label (with a role) or filler (without one)")
        _unique(t["credit"], key(r["word"]), CreditWord(r["word"], r["kind"], r["role"]), w)
    for table, column in (("org_tail", "tail"), ("org_cue", "cue"), ("name_boundary", "word"), ("sport_word", "word"),
                          ("person_world", "name")):
        stem = TABLE_FILES[table][0]
        for n, r in read_rows(*TABLE_FILES[table], data_dir=data_dir):
            _unique(t[table], key(r[column]), r[column], f"{stem}.tsv:{n}")
    return t, by_code, provinces
