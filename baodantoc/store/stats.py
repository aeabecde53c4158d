"""Headline numbers of a store: row counts and the most mentioned entities (the run's summary)."""

from __future__ import annotations

import sqlite3

from ..records import ENTITY_TYPES

#: Tables whose rows the summary counts.
COUNTED_TABLES = ("articles", "mentions", "entities", "facts")


def totals(db: sqlite3.Connection) -> dict[str, int]:
    """Rows per table."""
    return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}


def most_mentioned(db: sqlite3.Connection, per_type: int = 5) -> dict[str, list[tuple[str, int]]]:
    """The entities of each type that the most articles mention: (canonical name, article count)."""
    top = {}
    for typ in ENTITY_TYPES:
        rows = db.execute("SELECT canonical_name, article_count FROM entities WHERE type = ?"
                          " ORDER BY article_count DESC, mention_count DESC, canonical_name LIMIT ?", (typ, per_type))
        top[typ] = [(r[0], r[1]) for r in rows]
    return top
