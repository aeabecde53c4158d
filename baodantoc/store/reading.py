"""Reads of the web UI's own pages: the fact finder's choices and cards, and the article page.

Why apart from ``search_sql``: the fact finder runs the search engine itself (one meaning of "facts
about Lào Cai" in the CLI and the browser); these are the few extra reads a page needs around it —
what to offer in the filters, where a sentence starts (to mark the number in it), a fact's
province, an article with its mentions and facts.

Province columns on ``facts`` (``province``, ``province_2025``, ``scope``) are used when the store
has them; older stores fall back to the place entity's attributes (what extraction wrote before).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from .sections import known_sections

_ATTR = "CASE WHEN json_valid({t}.attributes) THEN json_extract({t}.attributes, '$.{k}') END"


def fact_columns(db: sqlite3.Connection) -> set[str]:
    """Columns of ``facts`` (a newer extractor adds province columns)."""
    return {r[1] for r in db.execute("PRAGMA table_info(facts)")}


def finder_choices(db: sqlite3.Connection) -> dict[str, list[Any]]:
    """What the fact finder's filters offer: provinces after and before 2025, ethnic groups, years,
    sections and fact kinds found in the store, each most frequent first (years newest first)."""
    province = _ATTR.format(t="e", k="province")
    province_2025 = _ATTR.format(t="e", k="province_2025")

    def names(expr: str) -> list[str]:
        rows = db.execute(f"SELECT {expr} AS name, sum(article_count) AS n FROM entities e WHERE e.type = 'LOC' "
                          f"AND {expr} IS NOT NULL GROUP BY name ORDER BY name")
        return [r[0] for r in rows]

    return {
        "provinces_2025": names(province_2025),
        "provinces": names(province),
        "ethnic": [r[0] for r in db.execute(
            "SELECT canonical_name FROM entities WHERE type = 'ETH' ORDER BY article_count DESC, canonical_name")],
        "years": [r[0] for r in db.execute(
            "SELECT DISTINCT substr(published_at, 1, 4) AS y FROM articles WHERE published_at IS NOT NULL "
            "ORDER BY y DESC")],
        "sections": known_sections(db),
        "kinds": [r[0] for r in db.execute("SELECT kind FROM facts GROUP BY kind ORDER BY count(*) DESC")],
    }


def fact_details(db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """For (article_id, fact_id) keys: where the sentence starts in the article text (to mark the
    number in it), the fact's provinces and scope (its own columns when the store has them,
    else its place's attributes), and its role ("target", "change" with a direction)."""
    keys = list(keys)
    if not keys:
        return {}
    own = fact_columns(db)
    province = "f.province" if "province" in own else _ATTR.format(t="p", k="province")
    province_2025 = "f.province_2025" if "province_2025" in own else _ATTR.format(t="p", k="province_2025")
    scope = "f.scope" if "scope" in own else "NULL"
    marks = ", ".join("(?, ?)" for _ in keys)
    rows = db.execute(
        f"WITH wanted(article_id, fact_id) AS (VALUES {marks}) "
        f"SELECT f.article_id, f.fact_id, s.start AS sentence_start, {province} AS province, "
        f"{province_2025} AS province_2025, {scope} AS scope, {_ATTR.format(t='f', k='role')} AS role, "
        f"{_ATTR.format(t='f', k='direction')} AS direction "
        "FROM wanted w JOIN facts f ON f.article_id = w.article_id AND f.fact_id = w.fact_id "
        "LEFT JOIN sentences s ON s.article_id = f.article_id AND s.sentence_index = f.sentence_index "
        "LEFT JOIN entities p ON p.entity_id = f.place",
        [v for key in keys for v in key])
    return {(r["article_id"], r["fact_id"]): dict(r) for r in rows}


def article_page(db: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article with what extraction found in it: the row, its mentions (with their entity's
    name) and its facts (with their place's name), both in text order; None when there is none."""
    article = db.execute("SELECT article_id, url, canonical_url, title, sapo, author, source, published_at, "
                         "modified_at, section, section_path, tags, text FROM articles WHERE article_id = ?",
                         (article_id,)).fetchone()
    if article is None:
        return None
    mentions = db.execute(
        "SELECT m.start, m.end, m.type, m.text, m.entity_id, e.canonical_name, m.attributes "
        "FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id "
        "WHERE m.article_id = ? ORDER BY m.start, m.end DESC", (article_id,)).fetchall()
    facts = db.execute(
        "SELECT f.fact_id, f.start, f.end, f.text, f.kind, f.value, f.value_max, f.unit, f.approx, f.subject, "
        "f.period, f.place, p.canonical_name AS place_name FROM facts f LEFT JOIN entities p ON p.entity_id = f.place "
        "WHERE f.article_id = ? ORDER BY f.start", (article_id,)).fetchall()
    return {"article": dict(article), "mentions": [dict(m) for m in mentions], "facts": [dict(f) for f in facts]}
