"""Extraction results in the store: sentences, mentions and facts per article; entities per corpus.

An article's rows are replaced as a whole (delete + insert in the caller's transaction), so a
re-extraction never leaves a mix of old and new results. The ``entities`` table is an aggregate of
``mentions`` and is rebuilt from it, so it can never disagree with them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from ..records import (
    CREDIT_ROLES,
    FACT_FIELDS,
    JSON_KINDS,
    MENTION_FIELDS,
    SENTENCE_FIELDS,
    Annotations,
    FieldInfo,
    now_iso,
)
from .db import to_json


def _cell(field: FieldInfo, value: Any) -> Any:
    if field.kind in JSON_KINDS:
        return to_json(value if value is not None else ({} if field.kind == "json" else []))
    if field.kind == "bool":
        return int(bool(value))
    return value


def _insert(db: sqlite3.Connection, table: str, fields: tuple[FieldInfo, ...], rows: Sequence[Any],
            article_id: str) -> None:
    """Insert record rows into ``table`` (its columns are the record's fields), under ``article_id``."""
    cols = ", ".join(f.name for f in fields)
    marks = ", ".join("?" for _ in fields)
    db.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                   [[article_id if f.name == "article_id" else _cell(f, getattr(row, f.name)) for f in fields]
                    for row in rows])


def replace_article_annotations(db: sqlite3.Connection, article_id: str, result: Annotations,
                                extractor_version: str, content_hash: str | None) -> None:
    """Write one article's extraction result, replacing what an earlier run wrote."""
    for table in ("sentences", "mentions", "facts"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    _insert(db, "sentences", SENTENCE_FIELDS, result.sentences, article_id)
    _insert(db, "mentions", MENTION_FIELDS, result.mentions, article_id)
    _insert(db, "facts", FACT_FIELDS, result.facts, article_id)
    db.execute(
        "INSERT OR REPLACE INTO extraction_state (article_id, extractor_version, content_hash, extracted_at,"
        " error) VALUES (?, ?, ?, ?, ?)",
        (article_id, extractor_version, content_hash, now_iso(), "; ".join(result.errors) or None),
    )


def record_failure(db: sqlite3.Connection, article_id: str, extractor_version: str, error: str) -> None:
    """Remember that an article failed (its old rows stay), so the report can list it."""
    db.execute(
        "INSERT OR REPLACE INTO extraction_state (article_id, extractor_version, content_hash, extracted_at,"
        " error) VALUES (?, ?, NULL, ?, ?)",
        (article_id, extractor_version, now_iso(), error),
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
    ``attributes.canonical`` when set, else their text; ties: the longer, then the first in code
    point order); aliases are the distinct texts, sorted; attributes come from the mention that
    carries the most of them (ties: the smallest JSON text, no attributes first), a mention in the
    news before one in a photo credit or byline (``attributes.role`` in ``CREDIT_ROLES``).

    Credits: ``attributes.credit_mentions`` counts an entity's mentions in credits, bylines and
    source lines, and ``attributes.credit_only: true`` marks an entity named nowhere else — the
    paper's photographers and sources, which "most mentioned" lists, the ``people`` view, the web
    UI and the notebooks leave out by default (the contract they filter on).

    Mentions are read once, grouped by entity (the ``mentions_entity`` index gives that order), so
    the time grows with the number of mentions. The SQL this replaces re-ran its ranking windows
    for every entity: 10,000 mentions took 18 s and 40,000 took 5 minutes.
    """
    db.execute("DELETE FROM entities")
    rows = db.execute("SELECT entity_id, type, text, article_id, attributes FROM mentions"
                      " WHERE entity_id IS NOT NULL ORDER BY entity_id")
    count = 0
    batch: list[tuple[Any, ...]] = []
    for entity_id, group in groupby(rows, key=itemgetter(0)):
        batch.append(_entity_row(entity_id, list(group)))
        count += 1
        if len(batch) >= 1000:
            db.executemany(_INSERT_ENTITY, batch)
            batch.clear()
    db.executemany(_INSERT_ENTITY, batch)
    return count


_INSERT_ENTITY = ("INSERT INTO entities (entity_id, type, canonical_name, aliases, attributes, article_count,"
                  " mention_count) VALUES (?, ?, ?, ?, ?, ?, ?)")


def _entity_row(entity_id: str, mentions: list[Sequence[Any]]) -> tuple[Any, ...]:
    """One ``entities`` row from the (entity_id, type, text, article_id, attributes) of its mentions."""
    forms: Counter[str] = Counter()
    news: list[str | None] = []
    credits = 0
    for _, _type, text, _article, attributes in mentions:
        attrs = _decoded(attributes)
        canonical = attrs.get("canonical")
        forms[canonical if isinstance(canonical, str) else text] += 1
        if attrs.get("role") in CREDIT_ROLES:
            credits += 1
        else:
            news.append(attributes)
    name = min(forms, key=lambda f: (-forms[f], -len(f), f))
    richest = min(news or [m[4] for m in mentions], key=lambda a: (-len(_decoded(a)), a is not None, a or ""))
    if credits:
        attrs = {**_decoded(richest), "credit_mentions": credits}
        if not news:
            attrs["credit_only"] = True
        richest = to_json(attrs)
    aliases = json.dumps(sorted({m[2] for m in mentions}), ensure_ascii=False, separators=(",", ":"))
    return (entity_id, min(m[1] for m in mentions), name, aliases, richest,
            len({m[3] for m in mentions}), len(mentions))


def _decoded(attributes: str | None) -> dict[str, Any]:
    """A mention's attributes column as a dict ({} for NULL or a value that is not an object)."""
    value = json.loads(attributes) if attributes else None
    return value if isinstance(value, dict) else {}
