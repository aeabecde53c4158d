"""Store migrations: a store written by an older release is upgraded in place (issue 11: fact context)."""

from __future__ import annotations

import sqlite3

from baodantoc.records import FACT_FIELDS
from baodantoc.store.migrations import MIGRATIONS, apply_migrations


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_every_fact_field_is_a_column_of_facts() -> None:
    db = sqlite3.connect(":memory:")
    apply_migrations(db)
    assert set(f.name for f in FACT_FIELDS) <= set(_columns(db, "facts"))


def test_a_store_from_before_fact_context_keeps_its_facts_and_gains_the_columns() -> None:
    db = sqlite3.connect(":memory:")
    before = [m for m in MIGRATIONS if m[0] < "007"]
    apply_migrations(db, before)
    db.execute("INSERT INTO articles (article_id, url, published_at) VALUES ('1', 'u', '2024-01-02T08:00:00+07:00')")
    db.execute("INSERT INTO facts (article_id, fact_id, text, start, end, value, kind, period) "
               "VALUES ('1', 'f0', '120 hộ', 0, 6, 120, 'count', '2023')")
    assert apply_migrations(db, [m for m in MIGRATIONS if m[0] < "008"]) == ["007_fact_context"]
    assert db.execute("SELECT value, period, province, province_2025, scope, period_source FROM facts").fetchall() == [
        (120.0, "2023", None, None, None, None)]
    db.execute("UPDATE facts SET province = 'Yên Bái', province_2025 = 'Lào Cai', period_source = 'stated'")
    row = db.execute("SELECT year, province, province_2025, scope, period, period_source FROM fact_details").fetchone()
    assert row == ("2024", "Yên Bái", "Lào Cai", None, "2023", "stated")
    indexes = {r[1] for r in db.execute("PRAGMA index_list(facts)")}
    assert {"facts_province", "facts_province_2025"} <= indexes


def test_fact_context_keeps_a_column_a_store_has_already() -> None:
    db = sqlite3.connect(":memory:")
    apply_migrations(db, [m for m in MIGRATIONS if m[0] < "007"])
    db.execute("ALTER TABLE facts ADD COLUMN province_2025 TEXT")
    assert apply_migrations(db, [m for m in MIGRATIONS if m[0] < "008"]) == ["007_fact_context"]
    assert {"province", "province_2025", "scope", "period_source"} <= set(_columns(db, "facts"))


def test_a_store_from_before_credits_gains_a_people_view_without_them() -> None:
    """Migration 008 (issue 11): ``people`` leaves out entities named only in photo credits and
    bylines (``attributes.credit_only``), ``credits`` lists them; an old store's rows stay."""
    db = sqlite3.connect(":memory:")
    apply_migrations(db, [m for m in MIGRATIONS if m[0] < "008"])
    db.executemany("INSERT INTO entities (entity_id, type, canonical_name, attributes, article_count, mention_count)"
                   " VALUES (?, 'PER', ?, ?, 1, 1)",
                   [("per:a", "Lò Văn Muôn", '{"role": "Chủ tịch"}'), ("per:b", "Hồng Minh", None),
                    ("per:c", "Thu Hà", '{"role": "photographer", "credit_only": true, "credit_mentions": 3}'),
                    ("per:d", "Bad", "not json")])
    assert [r[0] for r in db.execute("SELECT name FROM people ORDER BY name")] == ["Bad", "Hồng Minh", "Lò Văn Muôn",
                                                                                "Thu Hà"]
    assert apply_migrations(db, [m for m in MIGRATIONS if m[0] < "009"]) == ["008_people_without_credits"]
    assert [r[0] for r in db.execute("SELECT name FROM people ORDER BY name")] == ["Bad", "Hồng Minh", "Lò Văn Muôn"]
    assert db.execute("SELECT name, role FROM credits").fetchall() == [("Thu Hà", "photographer")]
