"""Files that survive Excel and pandas (issue 12): the XLSX workbook, datapackage.json and the
pandas lines of the data dictionary, JSON Lines, and an export folder replaced whole (issue 10:
a killed export leaves the old set or the new one, never a mix, and no temporary files after the
next run)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from outputs_helpers import ROOT, synthetic_store

from baodantoc.export import folder
from baodantoc.export.schema import TABLES, render_data_dictionary
from baodantoc.export.writer import ExportError, export_store
from baodantoc.export.xlsx import MAX_CELL_CHARS
from baodantoc.store import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("formats") / "store.sqlite", articles=80)


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("formats_out") / "export"
    export_store(store, out, formats=["parquet", "csv", "xlsx", "jsonl"], progress=False)
    return out


def digests(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())}


# --- XLSX ----------------------------------------------------------------------------------------

def test_workbook_has_a_typed_sheet_per_table(store: Path, exported: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(exported / "baodantoc.xlsx")
    assert book.sheetnames == [*TABLES, "columns"]
    db = connect(store)
    for name, table in TABLES.items():
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        assert header == [c.name for c in table.columns]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
        assert all(c.comment and c.comment.text for c in sheet[1])  # column notes
        assert sheet.max_row - 1 == db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    articles = book["articles"]
    col = {c.value: i for i, c in enumerate(articles[1])}
    first = next(articles.iter_rows(min_row=2, max_row=2))
    row = db.execute("SELECT article_id, published_at, http_status FROM articles ORDER BY article_id LIMIT 1").fetchone()
    ident, published = first[col["article_id"]], first[col["published_at"]]
    assert ident.data_type == "s" and ident.value == row["article_id"]  # text, not 1.55893E+12
    assert published.is_date and published.value == datetime.fromisoformat(row["published_at"]).replace(tzinfo=None)
    assert first[col["http_status"]].data_type == "n"
    facts = book["facts"]
    fcol = {c.value: i for i, c in enumerate(facts[1])}
    cells = next(facts.iter_rows(min_row=2, max_row=2))
    assert cells[fcol["value"]].data_type == "n" and cells[fcol["approx"]].data_type == "b"
    assert cells[fcol["fact_id"]].data_type == "s"
    db.close()


def test_workbook_cuts_what_excel_cannot_hold_and_says_so(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "long.sqlite"
    long_body = "Đồng bào " * 5000  # 45,000 characters
    with connect(path) as db:
        db.execute("INSERT INTO articles (article_id, url, title, body, text) VALUES ('1', 'u', '=1+1', ?, ?)",
                   (long_body, long_body))
    report = export_store(path, tmp_path / "out", formats=["xlsx", "parquet"], progress=False)
    assert report.bad_values == {"articles.body: cut to 32,767 characters in xlsx": 1,
                                 "articles.text: cut to 32,767 characters in xlsx": 1}
    sheet = openpyxl.load_workbook(tmp_path / "out" / "baodantoc.xlsx")["articles"]
    col = {c.value: i for i, c in enumerate(sheet[1])}
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    assert len(row[col["body"]].value) == MAX_CELL_CHARS and row[col["body"]].value.endswith("…")
    assert row[col["title"]].value == "=1+1" and row[col["title"]].data_type == "s"  # text, never a formula
    assert pq.read_table(tmp_path / "out" / "articles.parquet").column("body")[0].as_py() == long_body


def test_workbook_is_reproducible(store: Path, exported: Path, tmp_path: Path) -> None:
    export_store(store, tmp_path / "again", formats=["xlsx"], progress=False)
    assert (tmp_path / "again" / "baodantoc.xlsx").read_bytes() == (exported / "baodantoc.xlsx").read_bytes()


# --- CSV typed: the dictionary's pandas lines and datapackage.json ------------------------------------

def test_the_data_dictionary_is_in_the_folder(exported: Path) -> None:
    assert (exported / "DATA_DICTIONARY.md").read_text(encoding="utf-8") == render_data_dictionary()


def test_pandas_lines_load_the_csvs_typed(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (exported / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(exported)
    frames: dict = {"pd": pd}
    exec(code, frames)
    articles, facts, mentions = frames["articles"], frames["facts"], frames["mentions"]
    parquet = pd.read_parquet(exported / "articles.parquet")
    assert articles["article_id"].tolist() == parquet["article_id"].tolist()
    assert pd.api.types.is_string_dtype(articles["article_id"])
    assert str(articles["published_at"].dtype).startswith("datetime64") and str(articles["published_at"].dt.tz) == "UTC+07:00"
    assert (articles["published_at"] == parquet["published_at"]).all()
    assert str(articles["modified_at"].dtype).startswith("datetime64")  # not float64, even when all empty
    assert str(facts["approx"].dtype) == "boolean" and str(facts["start"].dtype) == "Int32"
    joined = mentions.merge(parquet[["article_id", "title"]], on="article_id", how="left")
    assert joined["title"].notna().all()  # CSV ids join Parquet ids


def test_datapackage_describes_types_and_keys(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLES) and package["profile"] == "tabular-data-package"
    facts = resources["facts"]["schema"]
    types = {f["name"]: f["type"] for f in facts["fields"]}
    assert (types["article_id"], types["value"], types["approx"], types["start"]) == ("string", "number", "boolean",
                                                                                      "integer")
    assert facts["primaryKey"] == ["article_id", "fact_id"]
    assert {"fields": "place", "reference": {"resource": "entities", "fields": "entity_id"}} in facts["foreignKeys"]
    assert {f["name"]: f["type"] for f in resources["articles"]["schema"]["fields"]}["published_at"] == "datetime"
    assert resources["articles"]["stats"]["rows"] == len(pd.read_parquet(exported / "articles.parquet"))


def test_datapackage_types_match_the_csv(exported: Path) -> None:
    """Every value of the CSV reads as its declared Table Schema type (a small validator of our own)."""
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    checks = {"integer": lambda v: int(v) == float(v), "number": float, "boolean": lambda v: v in ("true", "false"),
              "datetime": datetime.fromisoformat, "array": lambda v: isinstance(json.loads(v), list),
              "object": lambda v: isinstance(json.loads(v), dict), "string": str}
    for resource in package["resources"]:
        frame = pd.read_csv(exported / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for f in resource["schema"]["fields"]:
            for value in frame[f["name"]]:
                if value != "":
                    checks[f["type"]](value)


# --- JSON Lines ------------------------------------------------------------------------------------

def test_jsonl_rows_are_typed_objects(exported: Path) -> None:
    lines = (exported / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    parquet = pq.read_table(exported / "entities.parquet").to_pylist()
    assert len(lines) == len(parquet)
    first = json.loads(lines[0])
    assert list(first) == [c.name for c in TABLES["entities"].columns]
    assert isinstance(first["attributes"], dict) and isinstance(first["aliases"], list)
    assert first["entity_id"] == parquet[0]["entity_id"]
    article = json.loads((exported / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert article["published_at"].endswith("+07:00") and isinstance(article["article_id"], str)


# --- the folder is replaced whole ------------------------------------------------------------------

KILLABLE = """
import sys, time
from pathlib import Path
from baodantoc.export import writer
real = writer._arrow_columns
calls = []
def slow(*args, **kwargs):
    calls.append(1)
    if len(calls) == 3:
        print("half-way", flush=True)
        time.sleep(60)
    return real(*args, **kwargs)
writer._arrow_columns = slow
writer.export_store(Path(sys.argv[1]), Path(sys.argv[2]), formats=["parquet", "csv"], chunk_rows=20)
"""


def test_a_killed_export_leaves_the_old_set_and_the_next_run_cleans_up(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "export"
    export_store(store, target, tables=["entities"], progress=False)
    before = digests(target)
    child = subprocess.Popen([sys.executable, "-c", KILLABLE, str(store), str(target)], stdout=subprocess.PIPE,
                             text=True, cwd=ROOT)
    try:
        assert child.stdout.readline().strip() == "half-way"
        staged = [p.name for p in tmp_path.iterdir() if p.name.startswith(".export.new-")]
        assert staged == [f".export.new-{child.pid}"]  # the new set is being written aside
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
        child.stdout.close()
    assert digests(target) == before  # the old set, whole and alone
    export_store(store, target, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]  # nothing left of the killed run
    assert set(json.loads((target / "manifest.json").read_text())["tables"]) == set(TABLES)


@pytest.mark.parametrize("new_complete", [True, False])
def test_a_kill_between_the_two_renames_is_put_right(tmp_path: Path, new_complete: bool) -> None:
    target = tmp_path / "export"
    old, new = tmp_path / ".export.old-999999999", tmp_path / ".export.new-999999999"  # a pid that is not running
    for path, label in ((old, "old"), (new, "new")):
        path.mkdir()
        (path / "facts.csv").write_text(label)
        if label == "old" or new_complete:
            (path / "manifest.json").write_text("{}")
    folder.recover(target)
    assert (target / "facts.csv").read_text() == ("new" if new_complete else "old")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_a_running_exports_folder_is_left_alone(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = tmp_path / f".export.new-{sleeper.pid}"
        busy.mkdir()
        folder.recover(tmp_path / "export")
        assert busy.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_folder_of_other_files_is_not_replaced(store: Path, tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_text("mine")
    with pytest.raises(ExportError, match="holds files but no export"):
        export_store(store, tmp_path, progress=False)
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.docx"]


def test_a_subset_keeps_other_tables_and_drops_stale_formats(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "export"
    export_store(store, target, formats=["parquet", "csv", "xlsx"], progress=False)
    (target / "notes.txt").write_text("kept")
    entities = digests(target)["entities.parquet"]
    time.sleep(0.01)
    report = export_store(store, target, formats=["parquet"], tables=["facts"], progress=False)
    names = {p.name for p in target.iterdir()}
    assert "facts.parquet" in names and "facts.csv" not in names  # an old CSV of facts would be stale
    assert "baodantoc.xlsx" not in names  # the workbook held the old facts
    assert {"entities.parquet", "entities.csv", "articles.csv", "notes.txt"} <= names
    assert digests(target)["entities.parquet"] == entities and "notes.txt" in report.carried
    manifest = json.loads((target / "manifest.json").read_text())
    assert set(manifest["tables"]) == set(TABLES) and "facts.csv" not in manifest["files"]
    package = json.loads((target / "datapackage.json").read_text())
    assert "facts" not in {r["name"] for r in package["resources"]}  # no facts.csv any more
