"""Headline numbers of a store: row counts and the most mentioned entities (the run's summary)."""

from __future__ import annotations

import sqlite3

from ..records import ENTITY_TYPES

#: Tables whose rows the summary counts.
COUNTED_TABLES = ("articles", "mentions", "entities", "facts")


def totals(db: sqlite3.Connection) -> dict[str, int]:
    """Rows per table."""
    return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}


#: SQL condition: the entity is named somewhere besides photo credits, bylines and source lines
#: (``attributes.credit_only``, written by ``annotations.rebuild_entities``)
NOT_CREDIT_ONLY = ("NOT coalesce(CASE WHEN json_valid(attributes) THEN json_extract(attributes, '$.credit_only') END,"
                   " 0)")


def most_mentioned(db: sqlite3.Connection, per_type: int = 5,
                   include_credits: bool = False) -> dict[str, list[tuple[str, int]]]:
    """The entities of each type that the most articles mention: (canonical name, article count).

    Entities named only in photo credits, bylines and source lines (the paper's photographers,
    "Theo TTXVN") are left out unless ``include_credits``: they are in nearly every article, and
    a reader takes "most mentioned people" for the people in the news.
    """
    credit_filter = "" if include_credits else f" AND {NOT_CREDIT_ONLY}"
    top = {}
    for typ in ENTITY_TYPES:
        rows = db.execute(f"SELECT canonical_name, article_count FROM entities WHERE type = ?{credit_filter}"
                          " ORDER BY article_count DESC, mention_count DESC, canonical_name LIMIT ?", (typ, per_type))
        top[typ] = [(r[0], r[1]) for r in rows]
    return top
