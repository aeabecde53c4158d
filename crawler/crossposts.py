"""Cross-posts: the same story under another outlet's id, linked to our record instead of stored twice.

VietNamNet republishes the paper's stories on vietnamnet.vn under 7-digit ids ("vnn-..."). Such a
copy is matched to a stored article by its body (``fingerprint.py``: a SimHash shortlist, then the
resemblance of the texts); a match becomes a row of ``crossposts`` and an entry of the article's
``alternate_urls``. A copy whose original is
not (yet) in the store is kept as a record of its own, and folded into the original as soon as a
later crawl stores it (:func:`absorb_copies`), so the order pages arrive in never matters.

Every function works inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any

from baodantoc.store import from_json, to_json

from .fingerprint import MIN_RESEMBLANCE, resemblance, shortlisted
from .urls import is_foreign_id

#: Tables that hang off an article id (extraction output), cleared when a copy is folded away.
_CHILD_TABLES = ("sentences", "mentions", "facts", "extraction_state")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _best_match(db: sqlite3.Connection, fingerprint: str | None, body: str, candidates: list[tuple[str, str]]
                ) -> str | None:
    """The candidate (id, fingerprint) whose stored body resembles ``body`` most, if enough."""
    best: tuple[float, str] | None = None
    for article_id, other in candidates:
        if not shortlisted(fingerprint, other):
            continue
        row = db.execute("SELECT body FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        score = resemblance(body, row[0] or "") if row else 0.0
        if score >= MIN_RESEMBLANCE and (best is None or score > best[0]):
            best = (score, article_id)
    return best[1] if best else None


def find_original(db: sqlite3.Connection, copy: dict[str, Any]) -> str | None:
    """The stored paper article that ``copy`` (a foreign record) republishes, or None.

    The fingerprint scan is linear: cross-posts are a handful per crawl and 100,000 XORs take
    milliseconds; only the shortlisted few bodies are read and compared.
    """
    fingerprint = copy.get("fingerprint")
    if not fingerprint:
        return None
    rows = db.execute("SELECT article_id, fingerprint FROM articles WHERE fingerprint IS NOT NULL").fetchall()
    return _best_match(db, fingerprint, copy.get("body") or "",
                       [(aid, fp) for aid, fp in rows if not is_foreign_id(aid)])


def link(db: sqlite3.Connection, copy: dict[str, Any], original_id: str) -> None:
    """Record ``copy`` (a foreign record) as a cross-post of ``original_id``."""
    db.execute(
        "INSERT INTO crossposts (url, foreign_id, article_id, fingerprint, seen_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id, fingerprint = excluded.fingerprint, "
        "seen_at = excluded.seen_at",
        (copy["canonical_url"], copy["article_id"], original_id, copy.get("fingerprint"), _now()),
    )
    row = db.execute("SELECT alternate_urls FROM articles WHERE article_id = ?", (original_id,)).fetchone()
    alternates = set(from_json(row[0], [])) if row else set()
    alternates.add(copy["canonical_url"])
    db.execute("UPDATE articles SET alternate_urls = ? WHERE article_id = ?", (to_json(sorted(alternates)), original_id))


def absorb_copies(db: sqlite3.Connection, original: dict[str, Any]) -> int:
    """Fold stored foreign records that republish ``original`` into it; returns how many."""
    fingerprint = original.get("fingerprint")
    if not fingerprint or is_foreign_id(original["article_id"]):
        return 0
    folded = 0
    # ids of other systems start with a letter, and ':' sorts right after '9': a primary-key range
    # scan over the few non-numeric ids instead of a pass over every article on each insert
    rows = db.execute("SELECT article_id, canonical_url, fingerprint, body FROM articles "
                      "WHERE article_id >= ':' AND fingerprint IS NOT NULL").fetchall()
    for foreign_id, url, other, body in rows:
        if not is_foreign_id(foreign_id) or not shortlisted(fingerprint, other):
            continue
        if resemblance(original.get("body") or "", body or "") < MIN_RESEMBLANCE:
            continue
        link(db, {"canonical_url": url, "article_id": foreign_id, "fingerprint": other}, original["article_id"])
        for table in _CHILD_TABLES:
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (foreign_id,))
        db.execute("DELETE FROM articles WHERE article_id = ?", (foreign_id,))
        folded += 1
    return folded


def known_foreign_ids(db: sqlite3.Connection) -> set[str]:
    """Foreign ids already linked: an incremental crawl need not fetch those copies again."""
    return {row[0] for row in db.execute("SELECT foreign_id FROM crossposts WHERE foreign_id IS NOT NULL")}
