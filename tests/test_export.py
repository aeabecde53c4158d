"""baodantoc export: typed Parquet, Excel-ready CSV, atomic, reproducible, documented."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from outputs_helpers import ROOT, sample_store, synthetic_store

from baodantoc.cli import cli
from baodantoc.export import writer as exporting
from baodantoc.export.schema import TABLES, render_data_dictionary
from baodantoc.export.writer import ExportError, export_store
from baodantoc.store import connect

VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("export") / "store.sqlite", articles=120)


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    export_store(store, out, progress=False)
    return out


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_every_table_in_both_formats_with_the_store_row_counts(store: Path, exported: Path) -> None:
    db = connect(store)
    manifest = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    for name, table in TABLES.items():
        rows = db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        assert rows > 0 and manifest["tables"][name]["rows"] == rows
        parquet = pq.read_table(exported / f"{name}.parquet")
        assert parquet.schema.equals(table.arrow_schema()) and parquet.num_rows == rows
        frame = pd.read_csv(exported / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == [c.name for c in table.columns] and len(frame) == rows
        assert manifest["files"][f"{name}.parquet"] == hashlib.sha256((exported / f"{name}.parquet").read_bytes()).hexdigest()
    db.close()


def test_parquet_values_keep_types_time_zone_and_lists(store: Path, exported: Path) -> None:
    db = connect(store)
    row = db.execute("SELECT * FROM articles ORDER BY article_id LIMIT 1").fetchone()
    table = pq.read_table(exported / "articles.parquet").slice(0, 1).to_pylist()[0]
    assert table["article_id"] == row["article_id"]
    assert str(table["published_at"].tzinfo) == "UTC+07:00"
    assert table["published_at"] == datetime.fromisoformat(row["published_at"])
    assert table["section_path"] == json.loads(row["section_path"]) and isinstance(table["tags"], list)
    assert table["images"] == json.loads(row["images"])
    fact = pq.read_table(exported / "facts.parquet").slice(0, 1).to_pylist()[0]
    assert isinstance(fact["value"], float) and isinstance(fact["approx"], bool) and isinstance(fact["start"], int)
    entity = pq.read_table(exported / "entities.parquet").to_pandas()
    loc = entity[entity["entity_id"] == "LOC:lao-cai"]
    if len(loc):  # lifted columns agree with the JSON attributes
        assert loc.iloc[0]["province_2025"] == json.loads(loc.iloc[0]["attributes"])["province_2025"]
    db.close()


def test_csv_opens_in_excel(exported: Path) -> None:
    raw = (exported / "facts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then decodes Vietnamese correctly
    text = raw[3:].decode("utf-8")
    assert text.split("\n", 1)[0].endswith("\r") and text.endswith("\r\n")  # CRLF record ends
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    sentence = rows[1][header.index("sentence")]
    assert "," in sentence or "%" in sentence  # commas inside a field are quoted (RFC 4180)
    articles = (exported / "articles.csv").read_bytes()[3:].decode("utf-8")
    parsed = list(csv.DictReader(io.StringIO(articles, newline="")))
    assert "\n\n" in parsed[0]["body"] or "\n\n" in parsed[0]["text"]  # multi-line fields survive
    assert parsed[0]["published_at"].endswith("+07:00")
    assert json.loads(parsed[0]["section_path"])


def test_export_is_reproducible_and_rerunning_adds_nothing(store: Path, exported: Path, tmp_path: Path) -> None:
    export_store(store, tmp_path, progress=False)
    export_store(store, tmp_path, progress=False)
    assert digests(tmp_path) == digests(exported)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_small_chunks_give_the_same_records(store: Path, exported: Path, tmp_path: Path) -> None:
    export_store(store, tmp_path, formats=["parquet", "csv"], progress=False, chunk_rows=7)
    for name in TABLES:
        assert pq.read_table(tmp_path / f"{name}.parquet").equals(pq.read_table(exported / f"{name}.parquet"))
        assert (tmp_path / f"{name}.csv").read_bytes() == (exported / f"{name}.csv").read_bytes()


def test_a_failed_export_leaves_the_previous_files(store: Path, exported: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(exported, tmp_path, dirs_exist_ok=True)
    before = digests(tmp_path)
    calls = {"n": 0}
    real = exporting._arrow_columns

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(exporting, "_arrow_columns", failing)
    with pytest.raises(ExportError, match=r"cannot write to .*: disk full"):
        export_store(store, tmp_path, progress=False, chunk_rows=50)
    assert digests(tmp_path) == before  # nothing half-written, no temporary file left


def test_tables_subset_keeps_the_manifest_of_the_others(store: Path, tmp_path: Path) -> None:
    export_store(store, tmp_path, progress=False)
    export_store(store, tmp_path, formats=["csv"], tables=["facts"], progress=False)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(TABLES) and "articles.parquet" in manifest["files"]


def test_unreadable_values_are_exported_empty_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    with connect(path) as db:
        db.execute("INSERT INTO articles (article_id, url, text, published_at, fetched_at, tags) VALUES "
                   "('1', 'u', 'Tỉnh \"Lào Cai\", năm 2024\nxuống dòng', 'hôm qua', '2024-05-01T10:00:00', 'not json')")
    report = export_store(path, tmp_path / "out", progress=False)
    assert report.bad_values == {"published_at: not a timestamp": 1, "tags: not JSON": 1}
    row = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()[0]
    assert row["published_at"] is None and row["tags"] == []
    assert row["fetched_at"] == datetime(2024, 5, 1, 10, 0, tzinfo=VN)  # no offset: read as +07:00
    parsed = list(csv.DictReader(io.StringIO((tmp_path / "out" / "articles.csv").read_text("utf-8-sig"), newline="")))
    assert parsed[0]["text"] == 'Tỉnh "Lào Cai", năm 2024\nxuống dòng'


def test_empty_store_gives_empty_typed_files(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    connect(path).close()
    result = CliRunner().invoke(cli, ["export", "--store", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0 and "the store is empty: run `baodantoc crawl`" in result.output
    assert pq.read_table(tmp_path / "out" / "facts.parquet").schema.equals(TABLES["facts"].arrow_schema())


@pytest.mark.parametrize(("args", "message"), [
    (["--store", "{tmp}/missing.sqlite"], "Error: no store at {tmp}/missing.sqlite: run `baodantoc crawl`"),
    (["--store", "{store}", "--tables", "articles,people"], "Error: unknown table 'people': choose from articles"),
    (["--store", "{tmp}/junk.sqlite"], "Error: {tmp}/junk.sqlite is not a SQLite database (SQLite cannot read it"),
])
def test_cli_errors_are_one_line(store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 1000)
    args = [a.format(tmp=tmp_path, store=store) for a in args]
    result = CliRunner().invoke(cli, ["export", *args, "--output", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(message.format(tmp=tmp_path)) and len(result.output.strip().splitlines()) == 1


def test_unwritable_output_is_one_line(store: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["export", "--store", str(store), "-o", str(blocker / "sub")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: cannot write to {blocker / 'sub'}")


def test_cli_export_subset(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--store", str(store), "-o", str(tmp_path), "--format", "parquet",
                                      "--tables", "facts", "--tables", "entities"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DATA_DICTIONARY.md", "entities.parquet", "facts.parquet",
                                                          "manifest.json"]


def test_data_dictionary_matches_the_schema() -> None:
    committed = (ROOT / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == render_data_dictionary(), (
        "docs/DATA_DICTIONARY.md is stale: python -m baodantoc.export > docs/DATA_DICTIONARY.md")
    for table in TABLES.values():
        for column in table.columns:
            assert f"| `{column.name}` |" in committed


def test_export_of_the_sample_site_output(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    path = sample_store(request)
    report = export_store(path, tmp_path, progress=False)
    assert report.rows["articles"] > 0 and not report.bad_values
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == report.rows["articles"]
