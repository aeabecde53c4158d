"""Which files are stores: ours are marked, ours from before the mark are recognized and marked, a
stranger's SQLite file (or no SQLite file at all) is refused by every command and left byte-identical."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fault_helpers import damage, file_digest
from outputs_helpers import synthetic_store

from baodantoc.cli import cli
from baodantoc.store import StoreError, connect
from baodantoc.store.db import NotAStoreError
from baodantoc.store.identity import APPLICATION_ID, identify
from baodantoc.store.migrations import MIGRATIONS, apply_migrations

ROOT = Path(__file__).resolve().parent.parent


def foreign_db(path: Path, wal: bool = False) -> Path:
    """Another application's database: one table, a row, optionally in WAL mode; closed cleanly."""
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('ghi chú của người khác')")
    db.commit()
    db.close()
    return path


def header_marks(path: Path) -> tuple[int, int]:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA application_id").fetchone()[0], db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def test_a_new_store_is_marked(tmp_path: Path) -> None:
    connect(tmp_path / "new.sqlite").close()
    assert header_marks(tmp_path / "new.sqlite") == (APPLICATION_ID, len(MIGRATIONS))
    assert identify(tmp_path / "new.sqlite").kind == "ours"


def test_an_unmarked_store_of_ours_opens_and_is_marked(tmp_path: Path) -> None:
    """A store written before the mark existed: recognized by its _migrations table."""
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    apply_migrations(db, MIGRATIONS[:5])           # the steps of the last release without the mark
    db.execute("PRAGMA application_id = 0")
    db.execute("PRAGMA user_version = 0")
    db.execute("INSERT INTO articles (article_id, url, text) VALUES ('1', 'u', 't')")
    db.commit()
    db.close()
    assert identify(path).kind == "unmarked"
    store = connect(path)
    assert store.execute("SELECT article_id FROM articles").fetchall()[0][0] == "1"
    assert {r[0] for r in store.execute("SELECT name FROM _migrations")} == {name for name, _ in MIGRATIONS}
    store.close()
    assert header_marks(path) == (APPLICATION_ID, len(MIGRATIONS)) and identify(path).kind == "ours"


@pytest.mark.parametrize("content", [b"", None])
def test_an_empty_file_or_blank_database_is_adopted(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "blank.sqlite"
    if content is None:
        sqlite3.connect(path).execute("VACUUM")       # a valid database with no tables
    else:
        path.write_bytes(content)
    assert identify(path).kind == "new"
    connect(path).close()
    assert identify(path).kind == "ours"


@pytest.mark.parametrize("wal", [False, True])
def test_a_foreign_database_is_refused_and_untouched(tmp_path: Path, wal: bool) -> None:
    path = foreign_db(tmp_path / "theirs.db", wal)
    before, files = file_digest(path), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(NotAStoreError, match=r"theirs.db is not a baodantoc store \(it holds other tables \(notes\)"):
        connect(path)
    with pytest.raises(NotAStoreError):
        connect(path, readonly=True)
    assert file_digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == files  # no -wal, -shm


def test_another_applications_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geo.gpkg"
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
    db.execute("CREATE TABLE _migrations (name TEXT)")  # even a table named like ours does not make it ours
    db.commit()
    db.close()
    with pytest.raises(NotAStoreError, match="application_id is 0x47504b47"):
        connect(path)


@pytest.mark.parametrize(("content", "why"), [(b"SQLite format 3\x00" + b"\xff" * 200, "SQLite cannot read it"),
                                              ("text, not a database\n" * 50, "SQLite cannot read it")])
def test_a_file_that_is_no_database_is_refused(tmp_path: Path, content: bytes | str, why: str) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = file_digest(path)
    with pytest.raises(StoreError, match=f"is not a SQLite database \\({why}"):
        connect(path)
    assert file_digest(path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="it is a folder"):
        connect(tmp_path)


# -- every command, on a stranger's file -----------------------------------------------------------

COMMANDS = [
    ["extract", "--store", "{db}"],
    ["search", "--store", "{db}", "lao cai"],
    ["search", "--store", "{db}", "--fts", "lao"],
    ["export", "--store", "{db}", "--output", "{tmp}/export"],
    ["serve", "--store", "{db}", "--port", "{port}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[3:4]))
def test_every_command_refuses_a_foreign_database_and_leaves_it_byte_identical(tmp_path: Path,
                                                                                command: list[str]) -> None:
    path = foreign_db(tmp_path / "theirs.db", wal=True)
    before = file_digest(path)
    args = [a.format(db=path, tmp=tmp_path, port=_free_port()) for a in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "is not a baodantoc store" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("theirs")) == ["theirs.db"]


@pytest.mark.slow
def test_crawl_and_run_refuse_a_foreign_database_in_their_output_folder(tmp_path: Path) -> None:
    path = foreign_db(tmp_path / "baodantoc.sqlite")
    before = file_digest(path)
    for command in (["crawl", "--sample", "-o", str(tmp_path)], ["run", "--sample", "-o", str(tmp_path)]):
        proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", *command], capture_output=True, text=True,
                              cwd=ROOT, timeout=300)
        assert proc.returncode == 1 and "is not a baodantoc store" in proc.stderr, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr
        assert file_digest(path) == before


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- a damaged store of ours: one line that says how to salvage it ---------------------------------

DAMAGED_COMMANDS = [
    ["extract", "--store", "{db}"],
    ["search", "--store", "{db}", "lao cai"],
    ["export", "--store", "{db}", "--output", "{tmp}/export"],
    ["serve", "--store", "{db}", "--port", "{port}"],
]


@pytest.fixture(scope="module")
def damaged_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = synthetic_store(tmp_path_factory.mktemp("damaged") / "baodantoc.sqlite", articles=40)
    damage(path)
    return path


@pytest.mark.parametrize("command", DAMAGED_COMMANDS, ids=lambda c: c[0])
def test_every_command_on_a_damaged_store_ends_in_one_line(damaged_store: Path, tmp_path: Path,
                                                             command: list[str]) -> None:
    args = [a.format(db=damaged_store, tmp=tmp_path, port=_free_port()) for a in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and ("is damaged" in lines[0] or "malformed" in lines[0]), lines
    if command[0] != "export":  # export words its own errors ("cannot read ...")
        assert f"sqlite3 {damaged_store} .recover" in lines[0]


@pytest.mark.slow
def test_a_crawl_into_a_damaged_store_stops_with_one_line(damaged_store: Path, tmp_path: Path) -> None:
    (tmp_path / "baodantoc.sqlite").write_bytes(damaged_store.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "crawl", "--sample", "-o", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith(f"Error: the store {tmp_path}/baodantoc.sqlite is damaged")
