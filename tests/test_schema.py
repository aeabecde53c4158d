"""One record, three representations: the migration's tables, the record types and the exports agree.

Each record type of ``baodantoc.records`` is the single description of a table. The migrations
write the CREATE TABLE statements out by hand (a shipped migration is never edited), and the
export schema is derived from the records; these tests tie the three together column by column:
names, SQLite type per field kind, NOT NULL only where the record cannot hold None, and
every exported column read from a stored one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pyarrow as pa
import pytest

from baodantoc.export.schema import TABLES
from baodantoc.records import (
    ARTICLE_FIELDS,
    ENTITY_FIELDS,
    FACT_FIELDS,
    MENTION_FIELDS,
    SENTENCE_FIELDS,
    Article,
    EntityRow,
    FactRow,
    FieldInfo,
    MentionRow,
    SentenceRow,
)
from baodantoc.store import connect

#: Store table -> (record type, its fields).
RECORD_TABLES: dict[str, tuple[type, tuple[FieldInfo, ...]]] = {
    "articles": (Article, ARTICLE_FIELDS),
    "sentences": (SentenceRow, SENTENCE_FIELDS),
    "mentions": (MentionRow, MENTION_FIELDS),
    "entities": (EntityRow, ENTITY_FIELDS),
    "facts": (FactRow, FACT_FIELDS),
}
#: SQLite declared type of each field kind (baodantoc.records.fields.KINDS).
SQL_TYPE = {"text": "TEXT", "timestamp": "TEXT", "list": "TEXT", "images": "TEXT", "json": "TEXT",
            "int": "INTEGER", "count": "INTEGER", "bool": "INTEGER", "real": "REAL"}
#: Arrow type of each field kind in the exports (docs/DATA_DICTIONARY.md).
ARROW_TYPE = {"text": pa.string(), "int": pa.int32(), "count": pa.int64(), "real": pa.float64(),
              "bool": pa.bool_(), "timestamp": pa.timestamp("us", tz="+07:00"), "list": pa.list_(pa.string()),
              "images": pa.list_(pa.struct([("src", pa.string()), ("caption", pa.string())])), "json": pa.string()}


@pytest.fixture(scope="module")
def table_info() -> dict[str, list[tuple[Any, ...]]]:
    db = connect(":memory:")
    try:
        return {t: [tuple(r) for r in db.execute(f"PRAGMA table_info({t})")] for t in RECORD_TABLES}
    finally:
        db.close()


def test_every_record_table_and_every_exported_table_exists() -> None:
    db = connect(":memory:")
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert set(RECORD_TABLES) <= names
    assert set(TABLES) <= set(RECORD_TABLES), "an exported table without a record type"


@pytest.mark.parametrize("table", sorted(RECORD_TABLES))
def test_the_migrated_columns_are_the_record_fields(table: str, table_info: dict) -> None:
    """Same names, each once. Not the same order: a later migration can only append a column
    (ALTER TABLE ... ADD COLUMN), wherever the record declares the field; every reader and writer
    names its columns, and the exports follow the record's order."""
    _, fields = RECORD_TABLES[table]
    columns = [c[1] for c in table_info[table]]
    assert len(columns) == len(set(columns))
    assert set(columns) == {f.name for f in fields}, (
        f"{table}: only in the store {sorted(set(columns) - {f.name for f in fields})}, "
        f"only in the record {sorted({f.name for f in fields} - set(columns))}")


@pytest.mark.parametrize("table", sorted(RECORD_TABLES))
def test_each_column_has_the_sql_type_of_its_field_kind(table: str, table_info: dict) -> None:
    _, fields = RECORD_TABLES[table]
    declared = {c[1]: c[2] for c in table_info[table]}
    wrong = {f.name: (declared.get(f.name), f.kind) for f in fields if declared.get(f.name) != SQL_TYPE[f.kind]}
    assert not wrong, f"{table}: column type vs field kind {wrong}"


def _optional(record_type: type, name: str) -> bool:
    return "None" in str(record_type.__dataclass_fields__[name].type)


@pytest.mark.parametrize("table", sorted(RECORD_TABLES))
def test_a_not_null_column_is_a_field_that_cannot_be_none(table: str, table_info: dict) -> None:
    record_type, _ = RECORD_TABLES[table]
    mismatched = [c[1] for c in table_info[table] if c[3] and not c[5] and _optional(record_type, c[1])]
    assert not mismatched, f"{table}: NOT NULL columns whose field admits None: {mismatched}"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_the_export_columns_are_the_record_fields_then_the_lifted_keys(table: str, table_info: dict) -> None:
    _, fields = RECORD_TABLES[table]
    columns = TABLES[table].columns
    assert [c.name for c in columns[: len(fields)]] == [f.name for f in fields]
    extra = columns[len(fields):]
    assert all(c.kind == "lifted" for c in extra), f"{table}: export-only columns must be lifted from attributes"
    if extra:
        assert "attributes" in {c[1] for c in table_info[table]}, f"{table}: lifted columns need an attributes column"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_exported_column_has_the_arrow_type_of_its_field_kind(table: str) -> None:
    _, fields = RECORD_TABLES[table]
    schema = TABLES[table].arrow_schema()
    for f in fields:
        assert schema.field(f.name).type == ARROW_TYPE[f.kind], f"{table}.{f.name} ({f.kind})"
    assert schema.names == [c.name for c in TABLES[table].columns]


def test_the_store_rejects_what_the_schema_forbids() -> None:
    """The NOT NULL and key constraints the tests above read are live, not comments."""
    db = connect(":memory:")
    db.execute("INSERT INTO mentions (article_id, mention_id, type, text, start, end) VALUES ('a', 'm0', 'PER', 'An', 0, 2)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO mentions (article_id, mention_id, type, text, start, end) VALUES ('a', 'm0', 'PER', 'An', 0, 2)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO facts (article_id, fact_id, text, start, end) VALUES ('a', 'f0', '5 hộ', 0, 4)")
    db.close()
