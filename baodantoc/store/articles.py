"""Article rows: upsert by article_id, telling new, updated and unchanged apart by content_hash."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Literal

from .db import from_json, to_json

#: Columns of ``articles`` holding JSON (lists or dicts).
JSON_COLUMNS = ("section_path", "author", "tags", "images", "related_urls", "alternate_urls", "extraction")

#: Every column of ``articles``, in schema order.
ARTICLE_COLUMNS = (
    "article_id", "url", "canonical_url", "host", "section", "section_path", "title", "sapo",
    "author", "source", "published_at", "modified_at", "tags", "body", "text", "images",
    "related_urls", "alternate_urls", "fetched_at", "http_status", "content_hash", "fingerprint",
    "extraction", "layout", "first_seen_at", "updated_at",
)

UpsertResult = Literal["new", "updated", "unchanged"]


def content_hash(text: str) -> str:
    """sha256 of the article text: equal hashes mean nothing a reader sees has changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def upsert_article(db: sqlite3.Connection, record: Mapping[str, Any]) -> UpsertResult:
    """Insert or update one article record (a dict with the schema's field names).

    Returns ``"new"``, ``"updated"`` (text changed) or ``"unchanged"`` (only fetch metadata is
    refreshed). The caller owns the transaction, so a batch commits at once or not at all.
    """
    if not record.get("article_id"):
        raise ValueError("article record without article_id")
    row = {col: record.get(col) for col in ARTICLE_COLUMNS}
    if not row["content_hash"]:
        row["content_hash"] = content_hash(row["text"] or "")
    for col in JSON_COLUMNS:
        row[col] = to_json(row[col])
    now = _now()
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


def get_article(db: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article as a record dict (JSON columns decoded), or None."""
    row = db.execute("SELECT * FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    return row_to_record(row) if row else None


def row_to_record(row: sqlite3.Row) -> dict[str, Any]:
    """Decode an ``articles`` row into the record dict of DESIGN.md."""
    rec = dict(row)
    for col in JSON_COLUMNS:
        if col in rec:
            rec[col] = from_json(rec[col], {} if col == "extraction" else [])
    return rec


def known_ids(db: sqlite3.Connection) -> set[str]:
    """Ids already stored: an incremental crawl skips them unless asked to refresh."""
    return {r[0] for r in db.execute("SELECT article_id FROM articles")}
