"""Property round trips of the store (as sqlite-utils tests its own in tests/test_hypothesis.py).

Records are drawn field by field from their description (``baodantoc.records.describe``), so a
field added to a record is covered without touching this file: whatever an Article or a row holds
(any Unicode, NUL and combining marks included, empty and nested JSON, 32-bit ints, floats) comes
back from the store as it went in, and the exports give back what the store holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from baodantoc.export import export_store
from baodantoc.records import (
    FACT_FIELDS,
    MENTION_FIELDS,
    SENTENCE_FIELDS,
    Annotations,
    Article,
    FactRow,
    FieldInfo,
    MentionRow,
    SentenceRow,
    content_hash,
    describe,
)
from baodantoc.store import connect, get_article, upsert_article
from baodantoc.store.annotations import replace_article_annotations

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | TEXT
                          | st.floats(allow_nan=False, allow_infinity=False),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                          max_leaves=8)
TIMESTAMP = st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())

#: A value of each field kind (baodantoc.records.fields.KINDS), never None.
BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "text": TEXT,
    "int": st.integers(-2**31, 2**31 - 1),
    "count": st.integers(0, 2**62),
    "real": st.floats(allow_nan=False, allow_infinity=False),
    "bool": st.booleans(),
    "timestamp": TIMESTAMP,
    "list": st.lists(TEXT, max_size=4),
    "images": st.lists(st.fixed_dictionaries({"src": TEXT, "caption": TEXT}), max_size=3),
    "json": st.dictionaries(TEXT, JSON_VALUE, max_size=4),
}


def _optional(record_type: type, name: str) -> bool:
    """Does the field's annotation admit None ("str | None")?"""
    return "None" in str(record_type.__dataclass_fields__[name].type)


def records(record_type: type, **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Instances of a record dataclass with every field drawn by its kind (None where allowed)."""
    fields = {}
    for f in describe(record_type):
        strategy = BY_KIND[f.kind]
        if _optional(record_type, f.name) and f.kind not in ("list", "images", "json"):
            strategy = st.none() | strategy
        fields[f.name] = fixed.get(f.name, strategy)
    return st.builds(record_type, **fields)


ARTICLES = records(Article, article_id=TEXT.filter(bool), url=TEXT,
                   content_hash=st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
#: No "explain" phase: on records of 26 fields it takes minutes to report a failure it has already shrunk.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
SETTINGS = settings(max_examples=50, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow])


def _stored_as(article: Article, stored: Article) -> Article:
    """What the store is expected to give back: the record, with the bookkeeping it fills in."""
    expected = Article.from_dict(article.to_dict())
    expected.content_hash = article.content_hash or content_hash(article.text or "")
    expected.first_seen_at = article.first_seen_at or stored.first_seen_at
    expected.updated_at = stored.updated_at
    return expected


@SETTINGS
@given(ARTICLES)
def test_an_article_comes_back_as_it_was_stored(article: Article) -> None:
    db = connect(":memory:")
    assert upsert_article(db, article) == "new"
    stored = get_article(db, article.article_id)
    assert stored is not None and stored.updated_at
    assert stored == _stored_as(article, stored)


@SETTINGS
@given(ARTICLES, ARTICLES)
def test_a_second_fetch_updates_content_and_keeps_every_url_seen(first: Article, second: Article) -> None:
    db = connect(":memory:")
    second.article_id = first.article_id
    upsert_article(db, first)
    before = get_article(db, first.article_id)
    assert before is not None
    result = upsert_article(db, second)
    after = get_article(db, first.article_id)
    assert after is not None
    assert after.first_seen_at == before.first_seen_at
    assert after.alternate_urls == sorted(set(first.alternate_urls) | set(second.alternate_urls))
    new_hash = second.content_hash or content_hash(second.text or "")
    if new_hash == before.content_hash:  # unchanged: only the fetch is recorded
        assert result == "unchanged"
        expected = Article.from_dict({**before.to_dict(), "fetched_at": second.fetched_at,
                                      "http_status": second.http_status, "alternate_urls": after.alternate_urls})
    else:
        assert result == "updated"
        expected = Article.from_dict({**_stored_as(second, after).to_dict(), "first_seen_at": before.first_seen_at,
                                      "alternate_urls": after.alternate_urls})
    assert after == expected


def _unique(strategy: st.SearchStrategy[Any], key: Callable[[Any], Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=5, unique_by=key)


ANNOTATIONS = st.builds(
    Annotations,
    sentences=_unique(records(SentenceRow), lambda r: r.sentence_index),
    mentions=_unique(records(MentionRow), lambda r: r.mention_id),
    facts=_unique(records(FactRow), lambda r: r.fact_id),
    errors=st.lists(TEXT.filter(bool), max_size=2),
)


def _decoded(fields: tuple[FieldInfo, ...], row: tuple[Any, ...]) -> dict[str, Any]:
    out = {}
    for f, value in zip(fields, row, strict=True):
        if f.kind in ("list", "images", "json"):
            value = json.loads(value)
        elif f.kind == "bool":
            value = bool(value)
        out[f.name] = value
    return out


def _read(db: sqlite3.Connection, table: str, fields: tuple[FieldInfo, ...], article_id: str) -> list[dict[str, Any]]:
    cols = ", ".join(f'"{f.name}"' for f in fields)
    rows = db.execute(f"SELECT {cols} FROM {table} WHERE article_id = ? ORDER BY rowid", (article_id,))
    return [_decoded(fields, tuple(r)) for r in rows]


def _as_written(rows: list[Any], fields: tuple[FieldInfo, ...], article_id: str) -> list[dict[str, Any]]:
    """The rows as the store keeps them: under the article's id, with an empty default for None."""
    out = []
    for r in rows:
        d = {f.name: getattr(r, f.name) for f in fields}
        d["article_id"] = article_id
        for f in fields:
            if f.kind == "json" and d[f.name] is None:
                d[f.name] = {}
        out.append(d)
    return out


@SETTINGS
@given(ANNOTATIONS, ANNOTATIONS)
def test_annotations_come_back_as_written_and_a_rewrite_replaces_them_whole(first: Annotations,
                                                                            second: Annotations) -> None:
    db = connect(":memory:")
    for result in (first, second):
        with db:
            replace_article_annotations(db, "a1", result, "v1", "hash")
        for table, fields, rows in (("sentences", SENTENCE_FIELDS, result.sentences),
                                    ("mentions", MENTION_FIELDS, result.mentions),
                                    ("facts", FACT_FIELDS, result.facts)):
            assert _read(db, table, fields, "a1") == _as_written(rows, fields, "a1"), table
        state = db.execute("SELECT extractor_version, content_hash, error FROM extraction_state").fetchall()
        assert [tuple(s) for s in state] == [("v1", "hash", "; ".join(result.errors) or None)]


@settings(max_examples=12, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(ANNOTATIONS)
def test_the_exports_give_back_what_the_store_holds(tmp_path: Path, result: Annotations) -> None:
    store = tmp_path / "s.sqlite"
    store.unlink(missing_ok=True)
    db = connect(store)
    with db:
        replace_article_annotations(db, "a1", result, "v1", "hash")
    db.close()
    out = tmp_path / "export"
    export_store(store, out, formats=["parquet"], tables=["mentions", "facts"])
    for table, fields, rows in (("mentions", MENTION_FIELDS, result.mentions), ("facts", FACT_FIELDS, result.facts)):
        exported = pq.read_table(out / f"{table}.parquet").to_pylist()
        for row in exported:
            row["attributes"] = json.loads(row["attributes"])
        key = [f.name for f in fields][1]  # rows come in key order (mention_id, fact_id)
        assert exported == sorted(_as_written(rows, fields, "a1"), key=lambda r: r[key]), table
