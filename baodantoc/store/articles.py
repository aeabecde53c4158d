"""Article rows: upsert by article_id, telling new, updated and unchanged apart by content_hash.

The columns are the fields of :class:`baodantoc.records.Article`, in order; list and dict fields are
stored as JSON text. Nothing here restates the list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Literal

from ..records import ARTICLE_FIELD_NAMES, ARTICLE_FIELDS, JSON_KINDS, Article, content_hash, now_iso
from .db import from_json, to_json

#: Every column of ``articles``, in schema order (the fields of the record).
ARTICLE_COLUMNS = ARTICLE_FIELD_NAMES
#: Columns of ``articles`` holding JSON (lists or dicts).
JSON_COLUMNS = tuple(f.name for f in ARTICLE_FIELDS if f.kind in JSON_KINDS)
#: Decoded value of a NULL JSON column.
_EMPTY = {f.name: ({} if f.kind == "json" else []) for f in ARTICLE_FIELDS if f.kind in JSON_KINDS}

UpsertResult = Literal["new", "updated", "unchanged"]


def _row(article: Article) -> dict[str, Any]:
    row = {col: getattr(article, col) for col in ARTICLE_COLUMNS}
    if not row["content_hash"]:
        row["content_hash"] = content_hash(row["text"] or "")
    for col in JSON_COLUMNS:
        row[col] = to_json(row[col])
    return row


def upsert_article(db: sqlite3.Connection, article: Article) -> UpsertResult:
    """Insert or update one article.

    Returns ``"new"``, ``"updated"`` (text changed) or ``"unchanged"`` (only fetch metadata is
    refreshed). The caller owns the transaction, so a batch commits at once or not at all.
    """
    if not article.article_id:
        raise ValueError("article record without article_id")
    row = _row(article)
    now = now_iso()
    old = db.execute(
        "SELECT content_hash, first_seen_at, alternate_urls FROM articles WHERE article_id = ?",
        (row["article_id"],),
    ).fetchone()
    if old is None:
        row["first_seen_at"] = row["first_seen_at"] or now
        row["updated_at"] = now
        cols = ", ".join(ARTICLE_COLUMNS)
        marks = ", ".join("?" for _ in ARTICLE_COLUMNS)
        db.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", [row[c] for c in ARTICLE_COLUMNS])
        return "new"
    # keep every URL the article was ever seen at
    alternates = sorted(set(from_json(old["alternate_urls"], [])) | set(from_json(row["alternate_urls"], [])))
    row["alternate_urls"] = to_json(alternates)
    row["first_seen_at"] = old["first_seen_at"]
    if old["content_hash"] == row["content_hash"]:
        db.execute(
            "UPDATE articles SET fetched_at = ?, http_status = ?, alternate_urls = ? WHERE article_id = ?",
            (row["fetched_at"], row["http_status"], row["alternate_urls"], row["article_id"]),
        )
        return "unchanged"
    row["updated_at"] = now
    sets = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS if c != "article_id")
    db.execute(
        f"UPDATE articles SET {sets} WHERE article_id = ?",
        [row[c] for c in ARTICLE_COLUMNS if c != "article_id"] + [row["article_id"]],
    )
    return "updated"


def get_article(db: sqlite3.Connection, article_id: str) -> Article | None:
    """One stored article, or None."""
    row = db.execute("SELECT * FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    return row_to_article(row) if row else None


def row_to_article(row: sqlite3.Row) -> Article:
    """Decode an ``articles`` row (JSON columns decoded; a column an older store lacks stays empty)."""
    data = dict(row)
    for col in JSON_COLUMNS:
        if col in data:
            data[col] = from_json(data[col], _EMPTY[col])
    return Article.from_dict(data)


def known_ids(db: sqlite3.Connection, fetched_since: str | None = None) -> set[str]:
    """Ids already stored: an incremental crawl skips them unless asked to refresh. With
    ``fetched_since`` (an ISO instant), only those fetched since then: what a refresh crawl that
    was interrupted has already done."""
    if fetched_since is None:
        return {r[0] for r in db.execute("SELECT article_id FROM articles")}
    return {r[0] for r in db.execute("SELECT article_id FROM articles WHERE julianday(fetched_at) >= julianday(?)",
                                     (fetched_since,))}


def _names(cell: str | None) -> list[str]:
    """The byline's names of a stored article; a cell that is not a JSON list gives none (the
    extractor only uses them to recognize a byline line, so a bad cell must not stop a run)."""
    try:
        value = from_json(cell, [])
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def article_texts(db: sqlite3.Connection, ids: Sequence[str]) -> list[tuple[str, str, dict[str, Any], str | None]]:
    """(article_id, text, meta, content_hash) of the given articles, in the order of ``ids``: what the
    extractor needs of each (meta: id, published_at, url, section, title, author: the byline's
    names, which mark a line of those names in the text as a byline).

    Returns a list, read to the end, never a generator: a caller that wrote while a read statement
    was still open held a read snapshot into its write, and under WAL the upgrade of a stale snapshot
    fails at once (SQLITE_BUSY_SNAPSHOT, "database is locked"; the busy timeout never applies) as soon
    as anything else (a crawl, the sqlite3 shell) had committed in between. Ask for a chunk at a time.
    """
    rows: dict[str, tuple[str, str, dict[str, Any], str | None]] = {}
    for i in range(0, len(ids), _IN_LIMIT):
        batch = list(ids[i : i + _IN_LIMIT])
        marks = ",".join("?" for _ in batch)
        for row in db.execute(
            "SELECT article_id, text, published_at, url, section, title, author, content_hash FROM articles"
            f" WHERE article_id IN ({marks})",
            batch,
        ).fetchall():
            meta = {"id": row["article_id"], "published_at": row["published_at"], "url": row["url"],
                    "section": row["section"], "title": row["title"], "author": _names(row["author"])}
            rows[row["article_id"]] = (row["article_id"], row["text"] or "", meta, row["content_hash"])
    return [rows[i] for i in ids if i in rows]


#: Ids per ``IN (...)`` list: well under SQLite's default limit of 32,766 host parameters.
_IN_LIMIT = 500
