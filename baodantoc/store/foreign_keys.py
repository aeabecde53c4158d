"""Migration 006: declare the foreign keys of sentences, mentions and facts in the schema.

Why: tools read links from the schema. Datasette turns a declared foreign key into a link to the
row it points to, labelled with that row's name (a fact's place shows "Lào Cai", not
``loc:province-lao-cai``), and lists on an article's or entity's page the rows that point to it;
the export's ``datapackage.json`` carries the same keys. Which column points where is said once,
on the record fields (``references=`` in :mod:`baodantoc.records.annotations`).

SQLite cannot add a constraint to a table, so each table is rebuilt (SQLite's documented
procedure, "Making Other Kinds Of Table Schema Changes"): a new table with the same columns, read
from the table as it is (so a column another migration added is kept, wherever that migration
sits in the list), every row copied with its rowid (the FTS indexes join on it), the old table
dropped, the new one renamed, and its indexes and triggers (the FTS triggers) created again from
their stored SQL. Views are dropped first and created again last, since a rename checks every
view of the schema. All of it runs in the migration's one transaction.

The keys are declared, not enforced per statement (:func:`baodantoc.store.db.connect` leaves
``PRAGMA foreign_keys`` off): ``entities`` is an aggregate rebuilt from ``mentions`` after a batch
of articles, so in between a new mention names an entity that has no row yet. ``PRAGMA
foreign_key_check`` on a finished store finds no violation (tests check it).
"""

from __future__ import annotations

import sqlite3

from ..records import FACT_FIELDS, MENTION_FIELDS, SENTENCE_FIELDS, FieldInfo

#: The tables rebuilt, with the record fields that say where their columns point.
_TABLES: dict[str, tuple[FieldInfo, ...]] = {"sentences": SENTENCE_FIELDS, "mentions": MENTION_FIELDS,
                                             "facts": FACT_FIELDS}


def references(table: str) -> dict[str, tuple[str, str]]:
    """{column: (table, column)} of the foreign keys of ``table`` (from the record fields)."""
    return {f.name: tuple(f.references.split(".")) for f in _TABLES.get(table, ()) if f.references}  # type: ignore[misc]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_sql(db: sqlite3.Connection, table: str, new_name: str) -> tuple[str, list[str]]:
    """CREATE TABLE for ``new_name`` with the columns of ``table`` as they are, plus its foreign
    keys; and the column names in order."""
    info = db.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    refs = references(table)
    columns, keys = [], []
    for _cid, name, type_, notnull, default, pk in info:
        parts = [_quote(name), type_ or ""]
        if notnull:
            parts.append("NOT NULL")
        if default is not None:
            parts.append(f"DEFAULT {default}")
        if name in refs:
            other, column = refs[name]
            parts.append(f"REFERENCES {other}({column})")
        columns.append(" ".join(p for p in parts if p))
        if pk:
            keys.append((pk, name))
    if keys:
        columns.append("PRIMARY KEY (" + ", ".join(_quote(n) for _, n in sorted(keys)) + ")")
    return f"CREATE TABLE {_quote(new_name)} (\n    " + ",\n    ".join(columns) + "\n)", [r[1] for r in info]


def _rebuild(db: sqlite3.Connection, table: str) -> None:
    temporary = f"_{table}_with_keys"
    create, names = _create_sql(db, table, temporary)
    attached = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
        "ORDER BY type, name", (table,))]
    count = db.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]
    cols = ", ".join(_quote(n) for n in names)
    db.execute(create)
    db.execute(f"INSERT INTO {_quote(temporary)} (rowid, {cols}) SELECT rowid, {cols} FROM {_quote(table)}")
    db.execute(f"DROP TABLE {_quote(table)}")  # its indexes and triggers go with it
    db.execute(f"ALTER TABLE {_quote(temporary)} RENAME TO {_quote(table)}")
    for sql in attached:
        db.execute(sql)
    copied = db.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]
    if copied != count:  # cannot happen; if it did, the whole migration rolls back
        raise sqlite3.IntegrityError(f"rebuilding {table} copied {copied} of {count} rows")


def add_foreign_keys(db: sqlite3.Connection) -> None:
    """Migration 006: rebuild sentences, mentions and facts with their foreign keys declared."""
    views = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name").fetchall()
    for name, _sql in views:
        db.execute(f"DROP VIEW {_quote(name)}")
    for table in _TABLES:
        if not references(table).keys() <= {r[1] for r in db.execute(f"PRAGMA table_info({_quote(table)})")}:
            continue  # a column to point from is missing: nothing to declare
        _rebuild(db, table)
    for _name, sql in views:
        db.execute(sql)
