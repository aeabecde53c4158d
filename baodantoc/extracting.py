"""``baodantoc extract``: run the extractor over the articles in the store.

Only articles whose text changed, or that an older extractor version processed, are redone
(``refresh`` redoes all). Each article's results are committed with its extraction state, so an
interrupted run resumes where it stopped. Work is spread over processes (the extractor is pure
and CPU-bound); the store is written by this process only. One article that fails is logged,
counted and recorded; the run goes on.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .store import connect
from .store.annotations import pending_articles, rebuild_entities, record_failure, replace_article_annotations

log = logging.getLogger(__name__)

#: articles sent to a worker at once: large enough to amortize process hand-off, small enough
#: that progress moves and a crash loses little
CHUNK = 16


@dataclass
class ExtractReport:
    """What an extract run did."""

    extractor_version: str
    pending: int = 0
    extracted: int = 0
    failed: int = 0
    characters: int = 0
    mentions: int = 0
    facts: int = 0
    entities: int = 0
    errors: Counter[str] = field(default_factory=Counter)


def _work(item: tuple[str, str, dict[str, Any]]) -> tuple[str, dict[str, Any] | None, str | None]:
    from extract.api import article_result

    article_id, text, meta = item
    try:
        return article_id, article_result(text, meta), None
    except Exception as exc:  # one article must not stop the run
        return article_id, None, f"{type(exc).__name__}: {exc}"


def _items(db: sqlite3.Connection, ids: list[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for i in range(0, len(ids), 500):
        batch = ids[i : i + 500]
        marks = ",".join("?" for _ in batch)
        for row in db.execute(
            f"SELECT article_id, text, published_at, url, section, title FROM articles WHERE article_id IN ({marks})",
            batch,
        ):
            meta = {"id": row["article_id"], "published_at": row["published_at"], "url": row["url"],
                    "section": row["section"], "title": row["title"]}
            yield row["article_id"], row["text"] or "", meta


def extract_store(store_path, *, refresh: bool = False, article_ids: list[str] | None = None,
                  workers: int = 1, on_progress: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None) -> ExtractReport:
    """Extract every pending article of the store at ``store_path``; returns the report."""
    from extract.api import EXTRACTOR_VERSION

    db = connect(store_path)
    report = ExtractReport(EXTRACTOR_VERSION)
    try:
        ids = pending_articles(db, EXTRACTOR_VERSION, refresh=refresh, article_ids=article_ids)
        report.pending = len(ids)
        if on_total:
            on_total(len(ids))
        hashes = dict(db.execute("SELECT article_id, content_hash FROM articles").fetchall()) if ids else {}
        results: Iterator[tuple[str, dict[str, Any] | None, str | None]]
        pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
        try:
            items = _items(db, ids)
            results = pool.map(_work, items, chunksize=CHUNK) if pool else map(_work, items)
            for article_id, result, error in results:
                with db:
                    if result is None:
                        report.failed += 1
                        report.errors[error.split(":")[0] if error else "error"] += 1
                        log.warning("extraction failed for article %s: %s", article_id, error)
                        record_failure(db, article_id, EXTRACTOR_VERSION, error or "unknown error")
                    else:
                        replace_article_annotations(db, article_id, result, EXTRACTOR_VERSION, hashes.get(article_id))
                        report.extracted += 1
                        report.mentions += len(result["entities"])
                        report.facts += len(result["facts"])
                        report.characters += sum(len(s["text"]) for s in result["sentences"])
                        for err in result["errors"]:
                            report.errors[err.split(":")[0]] += 1
                if on_progress:
                    on_progress(1)
        finally:
            if pool:
                pool.shutdown()
        with db:
            report.entities = rebuild_entities(db)
    finally:
        db.close()
    return report
