"""Cross-posts in the store: the rows that link a story republished under another id to ours.

Which stored article a copy republishes is the crawler's decision (``baodantoc.crawler.crossposts``
compares bodies); these functions only read the candidates and write the outcome, inside the
caller's transaction.
"""

from __future__ import annotations

import sqlite3

from ..records import now_iso
from .db import from_json, to_json

#: Tables that hang off an article id (extraction output), cleared when a copy is folded away.
_CHILD_TABLES = ("sentences", "mentions", "facts", "extraction_state")


def fingerprints(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(article_id, fingerprint) of every stored article that has a fingerprint."""
    return [(r[0], r[1]) for r in
            db.execute("SELECT article_id, fingerprint FROM articles WHERE fingerprint IS NOT NULL")]


def body(db: sqlite3.Connection, article_id: str) -> str | None:
    """The stored body of one article (None when it is not stored)."""
    row = db.execute("SELECT body FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    return (row[0] or "") if row else None


def non_numeric_articles(db: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(article_id, canonical_url, fingerprint, body) of stored articles whose id is not numeric
    (ids of other systems start with a letter) and that have a fingerprint.

    Ids of other systems start with a letter, and ':' sorts right after '9': a primary-key range
    scan over the few non-numeric ids instead of a pass over every article on each insert.
    """
    return [tuple(r) for r in db.execute(
        "SELECT article_id, canonical_url, fingerprint, body FROM articles "
        "WHERE article_id >= ':' AND fingerprint IS NOT NULL")]


def link(db: sqlite3.Connection, url: str, foreign_id: str, original_id: str, fingerprint: str | None) -> None:
    """Record the page at ``url`` (id ``foreign_id`` of another system) as a copy of ``original_id``,
    and add ``url`` to the original's ``alternate_urls``."""
    db.execute(
        "INSERT INTO crossposts (url, foreign_id, article_id, fingerprint, seen_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id, fingerprint = excluded.fingerprint, "
        "seen_at = excluded.seen_at",
        (url, foreign_id, original_id, fingerprint, now_iso()),
    )
    row = db.execute("SELECT alternate_urls FROM articles WHERE article_id = ?", (original_id,)).fetchone()
    alternates = set(from_json(row[0], [])) if row else set()
    alternates.add(url)
    db.execute("UPDATE articles SET alternate_urls = ? WHERE article_id = ?", (to_json(sorted(alternates)), original_id))


def delete_article(db: sqlite3.Connection, article_id: str) -> None:
    """Remove an article and everything extracted from it (a copy folded into its original)."""
    for table in _CHILD_TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))


def known_foreign_ids(db: sqlite3.Connection, since: str | None = None) -> set[str]:
    """Foreign ids already linked (since the ISO instant ``since``, when given): an incremental
    crawl, or a resumed refresh, need not fetch those copies again."""
    if since is None:
        return {row[0] for row in db.execute("SELECT foreign_id FROM crossposts WHERE foreign_id IS NOT NULL")}
    return {row[0] for row in db.execute("SELECT foreign_id FROM crossposts WHERE foreign_id IS NOT NULL"
                                         " AND julianday(seen_at) >= julianday(?)", (since,))}
