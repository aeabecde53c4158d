"""Extraction results in the store: sentences, mentions and facts per article; entities per corpus.

An article's rows are replaced as a whole (delete + insert in the caller's transaction), so a
re-extraction never leaves a mix of old and new results. The ``entities`` table is an aggregate of
``mentions`` and is rebuilt from it, so it can never disagree with them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from .db import to_json


def replace_article_annotations(db: sqlite3.Connection, article_id: str, result: Mapping[str, Any],
                                extractor_version: str, content_hash: str | None) -> None:
    """Write one article's extraction result (``extract.api.article_result`` shape)."""
    for table in ("sentences", "mentions", "facts"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO sentences (article_id, sentence_index, start, end, text) VALUES (?, ?, ?, ?, ?)",
        [(article_id, s["index"], s["start"], s["end"], s["text"]) for s in result["sentences"]],
    )
    db.executemany(
        "INSERT INTO mentions (article_id, mention_id, type, text, start, end, sentence_index, entity_id,"
        " method, confidence, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, f"m{i}", m["type"], m["text"], m["start"], m["end"], m["sentence_index"],
          m["entity_id"], m["method"], m["confidence"], to_json(m["attributes"] or {}))
         for i, m in enumerate(result["entities"])],
    )
    db.executemany(
        "INSERT INTO facts (article_id, fact_id, sentence_index, text, start, end, value, value_max, unit,"
        " kind, approx, subject, place, period, sentence, attributes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, f"f{i}", f["sentence_index"], f["text"], f["start"], f["end"], f["value"],
          f["value_max"], f["unit"], f["kind"], int(bool(f["approx"])), f["subject"], f["place"],
          f["period"], f["sentence"], to_json(f["attributes"] or {}))
         for i, f in enumerate(result["facts"])],
    )
    db.execute(
        "INSERT OR REPLACE INTO extraction_state (article_id, extractor_version, content_hash, extracted_at,"
        " error) VALUES (?, ?, ?, ?, ?)",
        (article_id, extractor_version, content_hash, datetime.now(timezone.utc).isoformat(timespec="seconds"),
         "; ".join(result.get("errors") or []) or None),
    )


def record_failure(db: sqlite3.Connection, article_id: str, extractor_version: str, error: str) -> None:
    """Remember that an article failed (its old rows stay), so the report can list it."""
    db.execute(
        "INSERT OR REPLACE INTO extraction_state (article_id, extractor_version, content_hash, extracted_at,"
        " error) VALUES (?, ?, NULL, ?, ?)",
        (article_id, extractor_version, datetime.now(timezone.utc).isoformat(timespec="seconds"), error),
    )


def pending_articles(db: sqlite3.Connection, extractor_version: str, refresh: bool = False,
                     article_ids: Sequence[str] | None = None) -> list[str]:
    """Articles whose text changed or that an older extractor version processed."""
    if article_ids:
        marks = ",".join("?" for _ in article_ids)
        rows = db.execute(f"SELECT article_id FROM articles WHERE article_id IN ({marks})", list(article_ids))
        return [r[0] for r in rows]
    if refresh:
        return [r[0] for r in db.execute("SELECT article_id FROM articles ORDER BY article_id")]
    rows = db.execute(
        "SELECT a.article_id FROM articles a LEFT JOIN extraction_state s ON s.article_id = a.article_id"
        " WHERE s.article_id IS NULL OR s.extractor_version != ? OR s.content_hash IS NOT a.content_hash"
        " ORDER BY a.article_id",
        (extractor_version,),
    )
    return [r[0] for r in rows]


def rebuild_entities(db: sqlite3.Connection) -> int:
    """Recompute ``entities`` from ``mentions``; returns the number of entities.

    The canonical name is the most frequent canonical form among the entity's mentions (their
    ``attributes.canonical`` when set, else their text); attributes come from the mention that
    carries the most of them.
    """
    db.execute("DELETE FROM entities")
    db.execute(
        """
        INSERT INTO entities (entity_id, type, canonical_name, aliases, attributes, article_count, mention_count)
        WITH forms AS (
            SELECT entity_id, type, COALESCE(json_extract(attributes, '$.canonical'), text) AS form,
                   text, article_id, attributes
            FROM mentions WHERE entity_id IS NOT NULL
        ),
        ranked AS (
            SELECT entity_id, form, COUNT(*) AS n,
                   ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY COUNT(*) DESC, LENGTH(form) DESC, form) AS r
            FROM forms GROUP BY entity_id, form
        ),
        richest AS (
            SELECT entity_id, attributes,
                   ROW_NUMBER() OVER (PARTITION BY entity_id
                                      ORDER BY (SELECT COUNT(*) FROM json_each(forms.attributes)) DESC,
                                               attributes) AS r
            FROM forms
        )
        SELECT f.entity_id, MIN(f.type), (SELECT form FROM ranked WHERE ranked.entity_id = f.entity_id AND r = 1),
               (SELECT json_group_array(text) FROM (SELECT DISTINCT text FROM forms f2
                                                    WHERE f2.entity_id = f.entity_id ORDER BY text)),
               (SELECT attributes FROM richest WHERE richest.entity_id = f.entity_id AND r = 1),
               COUNT(DISTINCT f.article_id), COUNT(*)
        FROM forms f GROUP BY f.entity_id
        """
    )
    return db.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
