"""Gazetteer files (extract/data) and their loader (extract/gazetteer.py).

Three kinds of checks: the files are sound (headers, NFC, new tone placement, unique codes, both
eras complete and linked), lookups succeed whatever the spelling in the text, and the loader fails
loudly on a broken file. Load speed is checked by counting work (each file read once, one build per
process, total size), never by wall-clock time.
"""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from baodantoc.extract import gazetteer_load
from baodantoc.extract.gazetteer import (
    GazetteerError,
    admin_path,
    gazetteer_key,
    load_gazetteer,
    province_2025,
    spelling_variants,
)
from baodantoc.extract.normalize import fold_tone_placement

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extract" / "data"
HAND_WRITTEN = ["places_world", "ethnic_groups", "org_heads", "org_names", "abbreviations", "person_cues",
                "person_names", "nonentity_caps", "place_prefixes", "admin_aliases"]

# The 54 groups of the official list, in its order (a test fixture: the data file must agree).
OFFICIAL_54 = [
    "Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Mông", "Dao", "Gia Rai", "Ngái", "Ê Đê",
    "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra Glai", "Xtiêng",
    "Bru - Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Giẻ Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro",
    "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô",
    "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def k(text: str) -> str:
    return gazetteer_key(text)


# ---------------------------------------------------------------- file integrity

@pytest.mark.parametrize("path", sorted(DATA.glob("*.tsv")), ids=lambda p: p.name)
def test_files_are_nfc_new_tone_placement_and_rectangular(path: Path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert fold_tone_placement(text) == text, "old tone placement stored: the loader folds it, store it once"
    lines = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
    width = lines[0].count("\t")
    bad = [i for i, ln in enumerate(lines[1:], start=2) if ln.count("\t") != width]
    assert not bad, f"rows with the wrong number of cells: {bad[:5]}"
    assert all(ln.split("\t")[0].strip() for ln in lines[1:]), "a row has an empty first column"


@pytest.mark.parametrize("stem", HAND_WRITTEN)
def test_hand_written_files_have_no_repeated_primary_name(stem: str):
    rows = [ln.split("\t") for ln in (DATA / f"{stem}.tsv").read_text(encoding="utf-8").split("\n")[1:]
            if ln and not ln.startswith("#")]
    if stem in ("person_names", "admin_aliases"):  # one row per (part, role) / (era, level, name)
        firsts = [tuple(r[:2]) if stem == "person_names" else tuple(r[:3]) for r in rows]
    else:
        firsts = [k(r[1] if stem == "ethnic_groups" else r[0]) for r in rows]
    assert len(firsts) == len(set(firsts))


def test_every_table_file_has_its_columns():
    for stem, columns in gazetteer_load.TABLE_FILES.values():
        header = (DATA / f"{stem}.tsv").read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
        assert set(columns) <= set(header), stem


def test_data_folder_stays_small():
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    assert total < 5 * 1024 * 1024


# ---------------------------------------------------------------- administrative units

def test_both_eras_are_complete(gaz):
    units = list(gaz.units_by_code.values())
    count = {(era, level): 0 for era in ("old", "2025") for level in ("province", "district", "commune")}
    for u in units:
        count[(u.era, u.level)] += 1
    assert count[("old", "province")] == 63
    assert count[("2025", "province")] == 34
    assert count[("2025", "district")] == 0
    assert 650 <= count[("old", "district")] <= 720
    assert 9_500 <= count[("old", "commune")] <= 10_700
    assert 3_200 <= count[("2025", "commune")] <= 3_400


def test_codes_are_unique_and_parents_exist(gaz):
    rows = (DATA / "admin_units.tsv").read_text(encoding="utf-8").split("\n")[1:]
    codes = [r.split("\t", 1)[0] for r in rows if r]
    assert len(codes) == len(set(codes)) == len(gaz.units_by_code)
    for u in gaz.units_by_code.values():
        assert u.name
        if u.level == "province":
            assert u.parent_code == "" and u.province_code == u.code
        else:
            parent = gaz.unit(u.parent_code)
            assert parent is not None and parent.era == u.era
            assert gaz.unit(u.province_code).name == u.province


def test_every_old_unit_maps_to_a_2025_province(gaz):
    new_provinces = {u.name for u in gaz.units_by_code.values() if u.era == "2025" and u.level == "province"}
    for u in gaz.units_by_code.values():
        assert u.province_2025 in new_provinces, u
        if u.era == "2025":
            assert u.province_2025 == u.province


def test_old_communes_have_2025_successors_in_the_same_new_province(gaz):
    old_communes = [u for u in gaz.units_by_code.values() if u.era == "old" and u.level == "commune"]
    assert all(u.successors for u in old_communes)
    for u in old_communes:
        for code in u.successors:
            new = gaz.unit(code)
            assert new is not None and new.era == "2025" and new.level == "commune"
            assert new.province == u.province_2025


@pytest.mark.parametrize(("old", "new"), [
    ("Yên Bái", "Lào Cai"), ("Hà Giang", "Tuyên Quang"), ("Đắk Nông", "Lâm Đồng"), ("Kon Tum", "Quảng Ngãi"),
    ("Bình Định", "Gia Lai"), ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Hà Nam", "Ninh Bình"), ("Quảng Bình", "Quảng Trị"), ("Bắc Kạn", "Thái Nguyên"), ("Hòa Bình", "Phú Thọ"),
    ("Sóc Trăng", "Cần Thơ"), ("Phú Yên", "Đắk Lắk"), ("Lào Cai", "Lào Cai"), ("Cao Bằng", "Cao Bằng"),
    # spellings: prefix, old tone placement, case, hyphen, alias
    ("tỉnh Yên Bái", "Lào Cai"), ("Hoà Bình", "Phú Thọ"), ("HÀ GIANG", "Tuyên Quang"),
    ("Bà Rịa-Vũng Tàu", "Hồ Chí Minh"), ("TP.HCM", "Hồ Chí Minh"), ("Thừa Thiên Huế", "Huế"),
    ("Đắc Lắc", "Đắk Lắk"), ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("thành phố Cần Thơ", "Cần Thơ"),
])
def test_province_2025_mergers(old: str, new: str):
    assert province_2025(old) == new


@pytest.mark.parametrize("name", ["Paris", "Mường Khương", "", "tỉnh", "Tây Nguyên"])
def test_province_2025_of_a_non_province_is_none(name: str):
    assert province_2025(name) is None


def test_province_info_tells_old_new_and_merger(gaz):
    yen_bai = gaz.province(k("Yên Bái"))
    assert yen_bai.merged and yen_bai.old is not None and yen_bai.province_2025 == "Lào Cai"
    lao_cai = gaz.province(k("Lào Cai"))
    assert not lao_cai.merged and lao_cai.old.era == "old" and lao_cai.new.era == "2025"
    assert lao_cai.merged_from == ("Lào Cai", "Yên Bái")
    assert gaz.province(k("Hồ Chí Minh")).merged_from == ("Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh")


def test_admin_units_of_both_eras_and_their_path(gaz):
    units = gaz.admin_units(k("Mường Khương"))
    assert {(u.era, u.level) for u in units} >= {("old", "district"), ("old", "commune"), ("2025", "commune")}
    commune = next(u for u in units if u.era == "old" and u.level == "commune")
    assert [u.level for u in admin_path(commune)] == ["commune", "district", "province"]
    assert [u.name for u in admin_path(commune)] == ["Mường Khương", "Mường Khương", "Lào Cai"]
    new = next(u for u in units if u.era == "2025")
    assert [u.level for u in gaz.admin_path(new)] == ["commune", "province"]


@pytest.mark.parametrize(("surface", "expected"), [
    ("Hoà Bình", "Hòa Bình"),          # old tone placement
    ("Thủy Nguyên", "Thủy Nguyên"),
    ("Thuỷ Nguyên", "Thủy Nguyên"),
    ("LÀO CAI", "Lào Cai"),            # case
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),  # hyphen without spaces
    ("Đăk Glei", "Đắk Glei"),          # Đắk/Đăk generated variant
    ("Cư M’gar", "Cư M'gar"),          # curly apostrophe
    ("Sapa", "Sa Pa"),                 # team alias
    ("TP.HCM", "Hồ Chí Minh"),
    (unicodedata.normalize("NFD", "Điện Biên"), "Điện Biên"),  # decomposed input
])
def test_admin_lookup_by_spelling_variant(gaz, surface: str, expected: str):
    assert expected in {u.name for u in gaz.admin_units(k(surface))}


def test_numbered_units_need_their_kind(gaz):
    assert gaz.admin_units(k("Phường 1"))
    assert all(u.kind == "phường" for u in gaz.admin_units(k("phường 1")))
    assert gaz.admin_units("1") == ()


# ---------------------------------------------------------------- ethnic groups

def test_the_54_groups_in_official_order(gaz):
    rows = [ln.split("\t") for ln in (DATA / "ethnic_groups.tsv").read_text(encoding="utf-8").split("\n")[1:]
            if ln and not ln.startswith("#")]
    assert [int(r[0]) for r in rows] == list(range(1, 55))
    assert [r[1] for r in rows] == OFFICIAL_54
    for number, name in enumerate(OFFICIAL_54, start=1):
        group = gaz.ethnic_group(k(name))
        assert group is not None and group.number == number and group.name == name


@pytest.mark.parametrize(("surface", "canonical"), [
    ("Mông", "Mông"), ("H'Mông", "Mông"), ("H’Mông", "Mông"), ("Hmông", "Mông"), ("HMông", "Mông"),
    ("Hmong", "Mông"), ("Ê Đê", "Ê Đê"), ("Ê-đê", "Ê Đê"), ("Êđê", "Ê Đê"), ("Ede", "Ê Đê"),
    ("Khơ-me", "Khmer"), ("Khơ me", "Khmer"), ("Gia-rai", "Gia Rai"), ("Jrai", "Gia Rai"), ("Jarai", "Gia Rai"),
    ("Ba-na", "Ba Na"), ("Bahnar", "Ba Na"), ("X'tiêng", "Xtiêng"), ("S'tiêng", "Xtiêng"), ("K'Ho", "Cơ Ho"),
    ("Cơ-ho", "Cơ Ho"), ("M'Nông", "Mnông"), ("Mơ Nông", "Mnông"), ("Raglai", "Ra Glai"), ("Ra-glai", "Ra Glai"),
    ("Bru-Vân Kiều", "Bru - Vân Kiều"), ("Vân Kiều", "Bru - Vân Kiều"), ("Bru", "Bru - Vân Kiều"),
    ("Cao Lan", "Sán Chay"), ("Sán Chỉ", "Sán Chay"), ("Khơ mú", "Khơ Mú"), ("Kmhmu", "Khơ Mú"),
    ("H're", "Hrê"), ("Xơ-đăng", "Xơ Đăng"), ("Tà-ôi", "Tà Ôi"), ("Gié Triêng", "Giẻ Triêng"),
])
def test_ethnic_variants(gaz, surface: str, canonical: str):
    group = gaz.ethnic_group(k(surface))
    assert group is not None and group.name == canonical


@pytest.mark.parametrize(("surface", "ambiguous"), [
    ("Thái", True), ("Hoa", True), ("Lào", True), ("Kinh", True), ("Mạ", True), ("Co", True), ("Thổ", True),
    ("Kháng", True), ("Cống", True), ("Mảng", True), ("Lự", True), ("Ngái", True), ("Mèo", True),
    ("Ê Đê", False), ("H'Mông", False), ("Xơ Đăng", False), ("Cơ Tu", False),
])
def test_ethnic_ambiguity_is_per_surface(gaz, surface: str, ambiguous: bool):
    assert gaz.ethnic_group(k(surface)).ambiguous is ambiguous


# ---------------------------------------------------------------- world places, organizations, people

@pytest.mark.parametrize(("surface", "name", "ambiguous"), [
    ("Mỹ", "Hoa Kỳ", True), ("Hoa Kỳ", "Hoa Kỳ", False), ("Anh", "Vương quốc Anh", True),
    ("Vương quốc Anh", "Vương quốc Anh", False), ("Mát-xcơ-va", "Moskva", False), ("Moscow", "Moskva", False),
    ("Viêng Chăn", "Viêng Chăn", False), ("Phnom Penh", "Phnôm Pênh", False), ("châu Á", "châu Á", False),
    ("Tây Nguyên", "Tây Nguyên", False), ("ĐBSCL", "Đồng bằng sông Cửu Long", False), ("Biển Đông", "Biển Đông", False),
    ("Liên bang Nga", "Liên bang Nga", False), ("Nga", "Liên bang Nga", True), ("Lào", "Lào", True),
    ("sông Hồng", "sông Hồng", False), ("đèo Ô Quy Hồ", "đèo Ô Quy Hồ", False), ("Trường Sa", "Trường Sa", False),
])
def test_world_places(gaz, surface: str, name: str, ambiguous: bool):
    place = gaz.world_place(k(surface))
    assert place is not None and place.name == name and place.ambiguous is ambiguous


def test_generic_words_alone_are_not_world_places(gaz):
    for word in ("á", "hồng", "sông", "châu", "miền"):
        assert gaz.world_place(word) is None


def test_org_heads(gaz):
    head = gaz.org_head(k("UBND"))
    assert head.head == "Ủy ban nhân dân" and head.generic_alone and head.scope and head.follows == "scope"
    assert gaz.org_head(k("Uỷ ban nhân dân")) is head  # old tone placement
    assert gaz.org_head(k("Đồn Biên phòng")).category == "military"
    assert gaz.org_head(k("HTX")).head == "Hợp tác xã"


@pytest.mark.parametrize(("surface", "canonical", "successor"), [
    ("UBDT", "Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ("Uỷ ban Dân tộc", "Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội", "Bộ Nội vụ"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Môi trường"),
    ("Ngân hàng Thế giới", "World Bank", ""), ("NHCSXH", "Ngân hàng Chính sách xã hội", ""),
    ("Liên hợp quốc", "Liên Hợp Quốc", ""), ("Quốc hội", "Quốc hội", ""),
])
def test_org_names(gaz, surface: str, canonical: str, successor: str):
    org = gaz.org_name(k(surface))
    assert org is not None and org.canonical == canonical and org.successor == successor


def test_every_successor_is_a_known_organization(gaz):
    for org in gaz.table("org_name").values():
        if org.successor:
            assert gaz.org_name(k(org.successor)) is not None, org


def test_abbreviations_person_cues_and_names(gaz):
    assert gaz.abbreviation(k("HĐND")).org_head
    assert not gaz.abbreviation(k("THPT")).org_head
    assert gaz.person_cue(k("ông")).gender == "m" and gaz.person_cue(k("ông")).type == "honorific"
    assert gaz.person_cue(k("Chủ tịch")).type == "role"
    assert gaz.person_cue(k("Đ/c")).cue == "đồng chí"
    assert gaz.person_cue(k("NSƯT")).cue == "Nghệ sĩ Ưu tú"
    for family in ("Nguyễn", "Giàng", "Ksor", "Rơ Mah", "Niê", "Thạch", "Lò"):
        assert gaz.family_name(k(family)) is not None, family
    assert {p.role for p in gaz.name_parts(k("Hoàng"))} >= {"family", "given"}
    assert gaz.name_prefix(k("H'")) is not None and gaz.name_prefix(k("H’")) is not None
    assert gaz.given_name(k("Hưng")) is not None


def test_name_lists_have_the_expected_breadth(gaz):
    parts = [p for ps in gaz.table("name_part").values() for p in ps]
    assert sum(p.role == "family" for p in parts) >= 200
    assert sum(p.role == "given" for p in parts) >= 400
    assert len({p.canonical for p in gaz.table("org_name").values()}) >= 300
    assert sum(p.kind == "country" for p in {*gaz.table("world").values()}) >= 190


def test_nonentities_and_place_prefixes(gaz):
    assert gaz.is_nonentity(k("Tết")) and gaz.is_nonentity(k("covid-19")) and gaz.is_nonentity(k("Zalo"))
    assert not gaz.is_nonentity(k("Quốc hội"))
    xa = gaz.place_prefix(k("xã"))
    assert xa.admin and xa.in_span and xa.level == "commune"
    assert gaz.place_prefix(k("TP.")).admin
    assert not gaz.place_prefix(k("vùng")).in_span
    assert gaz.place_prefix(k("thôn")).level == "village" and not gaz.place_prefix(k("thôn")).admin


# ---------------------------------------------------------------- keys and loader behaviour

@pytest.mark.parametrize(("text", "key"), [
    ("Hoà Bình", "hòa bình"), ("HÒA BÌNH", "hòa bình"), ("HOÀ BÌNH", "hòa bình"), ("Bộ LĐ–TB&XH", "bộ lđ tb&xh"), ("Ê-đê", "ê đê"), ("Bà Rịa – Vũng Tàu", "bà rịa vũng tàu"),
    ("H’Mông", "h'mông"), ("  Lào   Cai ", "lào cai"), ("TP.HCM", "tp.hcm"), ("Quý", "quý"),
    (unicodedata.normalize("NFD", "Thuỷ"), "thủy"), ("", ""),
])
def test_gazetteer_key(text: str, key: str):
    assert gazetteer_key(text) == key


@pytest.mark.parametrize(("text", "variants"), [
    ("Hòa Bình", ("Hòa Bình", "Hoà Bình")), ("Hoà Bình", ("Hòa Bình", "Hoà Bình")),
    ("Khánh Hòa", ("Khánh Hòa", "Khánh Hoà")), ("Lào Cai", ("Lào Cai",)), ("quý", ("quý",)),
    ("Thủy", ("Thủy", "Thuỷ")),
])
def test_spelling_variants(text: str, variants: tuple[str, ...]):
    assert spelling_variants(text) == variants


def test_max_len_matches_the_keys(gaz):
    for name, table in gaz.tables.items():
        assert gaz.max_len[name] == max(key.count(" ") + 1 for key in table)
    assert gaz.max_len["org_name"] >= 8 and gaz.max_len["admin"] >= 4


def test_built_once_and_read_only(gaz):
    assert load_gazetteer() is gaz
    with pytest.raises(TypeError):
        gaz.tables["world"]["x"] = None  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        gaz.world_place(k("Lào")).name = "x"  # type: ignore[misc]
    with pytest.raises(KeyError, match="no gazetteer table"):
        gaz.table("nope")


def test_each_file_is_read_once_per_build(monkeypatch):
    calls: list[str] = []
    real = gazetteer_load.read_rows

    def counting(stem, columns, data_dir=gazetteer_load.DATA_DIR):
        calls.append(stem)
        return real(stem, columns, data_dir)

    monkeypatch.setattr(gazetteer_load, "read_rows", counting)
    gazetteer_load.build_tables(gazetteer_key)
    assert sorted(calls) == sorted(stem for stem, _ in gazetteer_load.TABLE_FILES.values())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_gzipped_file_loads_the_same(data_copy: Path):
    src = data_copy / "admin_units.tsv"
    (data_copy / "admin_units.tsv.gz").write_bytes(gzip.compress(src.read_bytes()))
    src.unlink()
    _, by_code, _ = gazetteer_load.build_tables(gazetteer_key, data_dir=data_copy)
    assert len(by_code) == len(load_gazetteer().units_by_code)


@pytest.mark.parametrize(("stem", "line", "message"), [
    ("places_world", "Atlantis\tcity\n", "cells"),
    ("ethnic_groups", "55\tKinh\t\t\t0\t\n", "already used"),
    ("org_heads", "Sở\tgovernment\t1\tdomain\t2\t\n", "expected 0 or 1"),
    ("person_names", "Nguyễn\tfamily\tKinh\n", "repeated"),
])
def test_a_broken_line_is_an_error_naming_file_and_line(data_copy: Path, stem: str, line: str, message: str):
    path = data_copy / f"{stem}.tsv"
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as err:
        gazetteer_load.build_tables(gazetteer_key, data_dir=data_copy)
    assert f"{stem}.tsv" in str(err.value)


def test_a_missing_file_or_column_is_an_error(data_copy: Path):
    (data_copy / "org_names.tsv").unlink()
    with pytest.raises(GazetteerError, match="missing"):
        gazetteer_load.build_tables(gazetteer_key, data_dir=data_copy)
    path = data_copy / "abbreviations.tsv"
    path.write_text("abbr\texpansion\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="header lacks"):
        list(gazetteer_load.read_rows("abbreviations", gazetteer_load.TABLE_FILES["abbreviation"][1], data_copy))


def test_the_extractor_never_imports_the_admin_packages():
    code = ("import sys; from baodantoc.extract.gazetteer import load_gazetteer; load_gazetteer(); "
            "bad = [m for m in ('vietnamadminunits', 'underthesea', 'pandas', 'scrapy', 'sqlite3') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_admin_units_match_the_build_script(capsys, monkeypatch):
    """admin_units.tsv is derived data: it must be what the script makes from the installed package."""
    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "scripts" / "build_gazetteers.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_gazetteers", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, capsys.readouterr().err
