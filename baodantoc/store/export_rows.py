"""Reading whole tables for the exports: one snapshot, rows in key order, conversions in SQL.

The export layer says which columns it wants and how each is read (``plain``, ``json``: passed
through only when valid JSON, ``lifted``: a key of the ``attributes`` JSON); this module writes
the SQL. Rows come as plain tuples in column order, streamed from one cursor.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


@contextmanager
def snapshot(db: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: every table read inside agrees with the others, even while a crawl writes."""
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.rollback()


def tables(db: sqlite3.Connection) -> set[str]:
    """Names of the tables in the file (to tell a baodantoc store from another SQLite file)."""
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    """Columns the table has (an older store may lack newer ones)."""
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def row_count(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def invalid_json_count(db: sqlite3.Connection, table: str, column: str) -> int:
    """Values of a JSON column that are not valid JSON (exported empty, and reported)."""
    return int(db.execute(f'SELECT count(*) FROM {table} WHERE "{column}" IS NOT NULL AND "{column}" <> \'\' '
                          f'AND NOT json_valid("{column}")').fetchone()[0])


def select(table: str, wanted: Sequence[tuple[str, str]], present: set[str], order_by: str) -> str:
    """The SELECT of ``wanted`` (name, how) columns: conversions SQLite does faster than Python.

    A JSON column passes through as stored (the store writes canonical JSON) unless it is not
    valid JSON, which becomes NULL; a ``lifted`` column is that key of ``attributes``; a column an
    older store lacks is NULL.
    """
    parts = []
    for name, how in wanted:
        if how == "lifted":
            expr = (f"CAST(CASE WHEN json_valid(attributes) THEN json_extract(attributes, '$.{name}') END AS TEXT)"
                    if "attributes" in present else "NULL")
        elif name not in present:
            expr = "NULL"
        elif how == "json":
            expr = f'CASE WHEN json_valid("{name}") THEN "{name}" END'
        else:
            expr = f'"{name}"'
        parts.append(f'{expr} AS "{name}"')
    return f"SELECT {', '.join(parts)} FROM {table} ORDER BY {order_by}"


def rows(db: sqlite3.Connection, table: str, wanted: Sequence[tuple[str, str]], order_by: str,
         chunk_rows: int) -> Iterator[list[tuple]]:
    """The table's rows as tuples in ``wanted`` order, ``chunk_rows`` at a time."""
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples: column lists are built by position
    cursor.execute(select(table, wanted, columns(db, table), order_by))
    while chunk := cursor.fetchmany(chunk_rows):
        yield chunk
