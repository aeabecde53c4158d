"""Regenerate the derived gazetteer file ``extract/data/admin_units.tsv``.

Why a build step: the extractor must not import ``vietnamadminunits`` at run time (it loads a 7 MB
SQLite file and pandas), yet its data is the best open list of Vietnam's administrative units in both
eras. This script reads the installed package's data once (``dataset.db`` for the units of each era,
``converter_2025.json`` for which old province/commune went into which new one), adds the
team-written aliases of ``extract/data/admin_aliases.tsv``, and writes one compact, sorted,
diff-friendly TSV. Run it after upgrading vietnamadminunits or editing the alias file:

    .venv/bin/python scripts/build_gazetteers.py          # rewrite admin_units.tsv
    .venv/bin/python scripts/build_gazetteers.py --check  # exit 1 if the committed file is stale

vietnamadminunits is MIT-licensed (Copyright (c) 2025 Tran Ngoc Minh Hieu); see
extract/data/README.md for the credit.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baodantoc.extract.gazetteer import gazetteer_key  # noqa: E402  (after the path fix, for a plain script)
from baodantoc.extract.normalize import fold_tone_placement  # noqa: E402

DATA = ROOT / "extract" / "data"
OUT = DATA / "admin_units.tsv"
ALIASES = DATA / "admin_aliases.tsv"
COLUMNS = ("code", "era", "level", "kind", "name", "gso_code", "parent_code", "province_code",
           "province", "province_2025", "aliases", "successors")

PROVINCE_KINDS = {"Tỉnh": "tỉnh", "Thành phố": "thành phố"}
DISTRICT_KINDS = {"Quận": "quận", "Huyện": "huyện", "Thị xã": "thị xã", "Thành phố": "thành phố thuộc tỉnh"}
COMMUNE_KINDS = {"Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn", "Đặc khu": "đặc khu"}


@dataclass
class Unit:
    """One output row while it is being built (aliases and successors are filled in later)."""

    code: str
    era: str
    level: str
    kind: str
    name: str
    gso_code: str
    parent_code: str
    province_code: str
    province: str
    province_2025: str = ""
    aliases: list[str] = field(default_factory=list)
    successors: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        return [self.code, self.era, self.level, self.kind, self.name, self.gso_code, self.parent_code,
                self.province_code, self.province, self.province_2025, "|".join(self.aliases),
                "|".join(self.successors)]


def clean(text: str) -> str:
    """NFC, new tone placement, single spaces: the spelling every data file is written in."""
    return " ".join(fold_tone_placement(unicodedata.normalize("NFC", text)).split())


def split_kind(full: str, kinds: dict[str, str], declared: str | None) -> tuple[str, str]:
    """'Huyện Kỳ Anh' -> ('huyện', 'Kỳ Anh').

    The name is cut from the full name because the package's *Short columns add '(Huyện)' to tell
    duplicates apart. The kind is read from the full name too: a few source rows declare a type that
    contradicts it ('Thị trấn Ngọc Lặc' typed 'Xã'), and the written name is the official one.
    """
    full = clean(full)
    for label in sorted(kinds, key=len, reverse=True):
        if full.lower().startswith(label.lower() + " "):  # the source has "Thành Phố Bắc Kạn"
            if declared is not None and label != declared:
                MISMATCHES.append(f"{full} (declared {declared})")
            return kinds[label], full[len(label) + 1:]
    raise ValueError(f"unit {full!r} starts with none of {sorted(kinds)}")


MISMATCHES: list[str] = []


def dak_variants(name: str) -> list[str]:
    """The press writes Đắk and Đăk interchangeably in Central Highlands names ("Đăk Glei")."""
    out = []
    for a, b in (("Đắk", "Đăk"), ("Đăk", "Đắk")):
        if a in name.split():
            out.append(" ".join(b if w == a else w for w in name.split()))
    return out


def package_data() -> Path:
    """The installed package's data folder, found without importing it (its import loads pandas)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("vietnamadminunits is not installed: pip install vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def build(data_dir: Path) -> list[Unit]:
    """All units of both eras, with province_2025 and successors set (see the module docstring)."""
    db = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    units: dict[str, Unit] = {}
    old_key_to_code: dict[str, str] = {}  # package keys ("tinhlaocai", "p_d_w") -> our codes
    new_key_to_code: dict[tuple[str, str], str] = {}

    for row in db.execute(
        "SELECT province, provinceCode, provinceKey, district, districtType, districtCode, districtKey,"
        " ward, wardType, wardCode, wardKey FROM admin_units_legacy"
    ):
        prov, pcode, pkey, dist, dtype, dcode, dkey, ward, wtype, wcode, wkey = row
        pkind, pname = split_kind(prov, PROVINCE_KINDS, None)
        pc = f"old-{pcode}"
        units.setdefault(pc, Unit(pc, "old", "province", pkind, pname, pcode, "", pc, pname))
        old_key_to_code[pkey] = pc
        dc = f"old-{dcode}"
        units.setdefault(dc, Unit(dc, "old", "district", *split_kind(dist, DISTRICT_KINDS, dtype),
                                  dcode, pc, pc, pname))
        old_key_to_code[f"{pkey}_{dkey}_"] = dc
        if ward is None:  # island districts without communes (Lý Sơn, Côn Đảo, Hoàng Sa...)
            continue
        wc = f"old-{wcode}"
        units[wc] = Unit(wc, "old", "commune", *split_kind(ward, COMMUNE_KINDS, wtype), wcode, dc, pc,
                         pname)
        old_key_to_code[f"{pkey}_{dkey}_{wkey}"] = wc

    for row in db.execute(
        "SELECT province, provinceCode, provinceKey, ward, wardType, wardCode, wardKey FROM admin_units"
    ):
        prov, pcode, pkey, ward, wtype, wcode, wkey = row
        pkind, pname = split_kind(prov, PROVINCE_KINDS, None)
        pc = f"2025-{pcode}"
        units.setdefault(pc, Unit(pc, "2025", "province", pkind, pname, pcode, "", pc, pname,
                                  province_2025=pname))
        new_key_to_code[(pkey, "")] = pc
        wc = f"2025-{wcode}"
        units[wc] = Unit(wc, "2025", "commune", *split_kind(ward, COMMUNE_KINDS, wtype), wcode, pc, pc,
                         pname, province_2025=pname)
        new_key_to_code[(pkey, wkey)] = wc

    # Province mergers: whole provinces were merged, so every old unit follows its province.
    new_of_old_province: dict[str, str] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            new_of_old_province[old_key_to_code[old_key]] = units[new_key_to_code[(new_key, "")]].name
    for u in units.values():
        if u.era == "old":
            u.province_2025 = new_of_old_province[u.province_code]

    # Commune successors: a new commune lists the old ones it absorbed; a divided old commune lists
    # the new ones that share it (the default one first).
    successors: dict[str, list[str]] = defaultdict(list)
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for old in olds:
                successors[old_key_to_code[old]].append(new_key_to_code[(pkey, wkey)])
    for pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            ordered = sorted(parts, key=lambda p: not p["isDefaultNewWard"])
            successors[old_key_to_code[old]].extend(new_key_to_code[(pkey, p["newWardKey"])] for p in ordered)
    for code, new_codes in successors.items():
        units[code].successors = list(dict.fromkeys(new_codes))

    for u in units.values():
        u.aliases = dak_variants(u.name)
    return sorted(units.values(), key=lambda u: (u.era != "old", len(u.gso_code), u.gso_code))


def apply_aliases(units: list[Unit], path: Path) -> None:
    """Add the team-written aliases; a row that matches no unit is an error (a typo must not hide)."""
    index: dict[tuple[str, str, str], list[Unit]] = defaultdict(list)
    for u in units:
        index[(u.era, u.level, gazetteer_key(u.name))].append(u)
    with path.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            eras = ("old", "2025") if rec["era"] == "both" else (rec["era"],)
            hits = [u for era in eras for u in index.get((era, rec["level"], gazetteer_key(rec["name"])), [])]
            if not hits:
                raise SystemExit(f"{path.name}:{n}: no {rec['level']} named {rec['name']!r} in era {rec['era']}")
            for u in hits:
                own = {gazetteer_key(u.name), *map(gazetteer_key, u.aliases)}
                for alias in rec["aliases"].split("|"):
                    alias = clean(alias)
                    if alias and gazetteer_key(alias) not in own:
                        own.add(gazetteer_key(alias))
                        u.aliases.append(alias)


def render(units: list[Unit]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
    writer.writerow(COLUMNS)
    for u in units:
        writer.writerow(u.row())
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args(argv)
    units = build(package_data())
    apply_aliases(units, ALIASES)
    text = render(units)
    counts = defaultdict(int)
    for u in units:
        counts[(u.era, u.level)] += 1
    summary = ", ".join(f"{era}/{level}: {n}" for (era, level), n in sorted(counts.items()))
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run scripts/build_gazetteers.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date ({summary})")
        return 0
    OUT.write_text(text, encoding="utf-8")
    for m in MISMATCHES:
        print(f"note: kind taken from the full name: {m}", file=sys.stderr)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(units)} units ({summary}), {len(text.encode()) // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
