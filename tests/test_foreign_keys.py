"""Migration 006 declares the foreign keys of sentences, mentions and facts (issue 12): every row,
rowid, index, trigger, view and full-text entry survives the rebuild, and a finished store has no
dangling key."""

from __future__ import annotations

from pathlib import Path

import pytest
from outputs_helpers import sample_store, synthetic_store

from baodantoc.store import connect
from baodantoc.store.migrations import MIGRATIONS, apply_migrations
from baodantoc.store.search_index import rebuild_search_index

EXPECTED = {"sentences": {("article_id", "articles", "article_id")},
            "mentions": {("article_id", "articles", "article_id"), ("entity_id", "entities", "entity_id")},
            "facts": {("article_id", "articles", "article_id"), ("place", "entities", "entity_id")}}


def foreign_keys(db, table: str) -> set[tuple[str, str, str]]:
    return {(r[3], r[2], r[4]) for r in db.execute(f"PRAGMA foreign_key_list({table})")}  # from, table, to


def schema_objects(db) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("fk") / "store.sqlite", articles=60)


def test_a_new_store_declares_its_foreign_keys(store: Path) -> None:
    db = connect(store)
    for table, keys in EXPECTED.items():
        assert foreign_keys(db, table) == keys
    # every row points to an existing article (the generator's fact places may name unlisted units)
    assert [tuple(r) for r in db.execute("PRAGMA foreign_key_check") if r[2] == "articles"] == []
    db.close()


def test_the_extracted_sample_site_has_no_dangling_key(request: pytest.FixtureRequest) -> None:
    db = connect(sample_store(request), readonly=True)
    assert [tuple(r) for r in db.execute("PRAGMA foreign_key_check")] == []
    db.close()


def test_the_migration_keeps_every_row_rowid_index_trigger_and_fts_entry(store: Path, tmp_path: Path) -> None:
    """Build a store with the migrations before 006, fill it, then apply 006 alone."""
    old = tmp_path / "old.sqlite"
    import sqlite3

    db = sqlite3.connect(old)
    db.isolation_level = None
    from baodantoc.store.folding import register_functions

    register_functions(db)
    before_006 = [m for m in MIGRATIONS if m[0] < "006"]
    apply_migrations(db, before_006)
    db.execute("ATTACH ? AS src", (str(store),))
    db.execute("BEGIN")
    for table in ("articles", "sentences", "mentions", "facts", "entities"):
        cols = ", ".join(r[1] for r in db.execute(f"PRAGMA main.table_info({table})"))
        db.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table}")
    db.execute("COMMIT")
    db.execute("DETACH src")
    db.execute("ALTER TABLE facts ADD COLUMN province_2025 TEXT")  # a colleague's column, added before 006
    db.execute("UPDATE facts SET province_2025 = 'Lào Cai' WHERE rowid % 3 = 0")
    snapshot = {t: db.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
                for t in ("sentences", "mentions", "facts")}
    fts = {t: db.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
           for t in ("sentences_fts", "facts_fts")}
    objects = schema_objects(db)
    assert apply_migrations(db, [m for m in MIGRATIONS if m[0] < "007"]) == ["006_foreign_keys"]
    assert schema_objects(db) == objects  # every index, trigger, view and FTS table is back
    for table, rows in snapshot.items():
        assert db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall() == rows
        assert foreign_keys(db, table) == EXPECTED[table]
    for table, rows in fts.items():
        assert db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall() == rows
    # the triggers still keep the index current, and a rebuild finds the same entries
    db.execute("UPDATE facts SET subject = 'tỷ lệ hộ nghèo đa chiều' WHERE rowid = 1")
    assert db.execute("SELECT count(*) FROM facts_fts WHERE facts_fts MATCH 'chieu' AND rowid = 1").fetchone()[0] == 1
    db.isolation_level = ""
    rebuild_search_index(db)
    assert db.execute("SELECT count(*) FROM facts_fts").fetchone()[0] == len(snapshot["facts"])
    db.close()
