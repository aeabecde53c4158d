"""Section hints: the section a listing or feed showed an article under (``section_hints``).

Why in the store: an e-magazine page prints no breadcrumb, so its section comes from the listing
it was found in. Kept in the crawler's memory only, that was lost when a crawl was killed, and an
article fetched before any listing named it (found first in a sitemap) was stored without a
section even by a crawl that later paged that very listing. Here a hint outlives the crawl, and
recording one fills the section of an article already stored without it: the end result no
longer depends on the order pages were fetched in.

A deeper section wins over its parent ("chinh-sach/giam-ngheo" over "chinh-sach": a parent's
listing shows its sub-sections' articles too); a hint only applies to articles of the same site.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..records import now_iso
from .db import from_json, to_json

#: The layer recorded in ``articles.extraction`` for a section that came from a hint.
HINT_LAYER = "listing"

Hint = tuple[str, str, str]  # article_id, host (the site's canonical host), section path


def deeper(new: str, old: str | None) -> bool:
    """Does section ``new`` say more than ``old`` (none yet, or a sub-section of it)?"""
    return old is None or new.startswith(old.rstrip("/") + "/")


def record_hints(db: sqlite3.Connection, hints: Iterable[Hint]) -> int:
    """Keep each hint (a deeper one replaces its parent) and give the deepest section known for
    the article to its stored record of that site when it has none, or only a shallower hinted
    one; returns the number of articles whose section changed. Runs in the caller's transaction.

    The fill runs even for a hint already kept: a run may have stored the article with a parent
    section while an earlier run had already kept the deeper one."""
    changed = 0
    now = now_iso()
    for article_id, host, section in hints:
        row = db.execute("SELECT section FROM section_hints WHERE article_id = ? AND host = ?",
                         (article_id, host)).fetchone()
        kept = row[0] if row is not None else None
        best = section if deeper(section, kept) else kept
        if best != kept:
            db.execute("INSERT INTO section_hints (article_id, host, section, seen_at) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (article_id, host) DO UPDATE SET section = excluded.section,"
                       " seen_at = excluded.seen_at", (article_id, host, best, now))
        row = db.execute(
            "SELECT extraction FROM articles WHERE article_id = ? AND host = ? AND (section IS NULL OR section = ''"
            " OR (json_extract(extraction, '$.section') = ? AND substr(?, 1, length(section) + 1) = section || '/'))",
            (article_id, host, HINT_LAYER, best)).fetchone()
        if row is not None:  # written as the crawler writes it (to_json): the same bytes either way
            extraction = {**from_json(row[0], {}), "section": HINT_LAYER}
            db.execute("UPDATE articles SET section = ?, extraction = ? WHERE article_id = ?",
                       (best, to_json(extraction), article_id))
            changed += 1
    return changed


def hint_for(db: sqlite3.Connection, article_id: str, host: str) -> str | None:
    """The section recorded for an article of this site, or None."""
    row = db.execute("SELECT section FROM section_hints WHERE article_id = ? AND host = ?",
                     (article_id, host)).fetchone()
    return row[0] if row else None
