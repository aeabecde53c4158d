"""Read-only SQL views for people who browse the store (Datasette) rather than program it.

Entity attributes are JSON text (their keys depend on the type), which Datasette can neither facet
nor filter on. These views lift the documented keys into columns: ``places`` (LOC: level, province
before and after the 2025 reorganization), ``people`` (PER: role) and ``fact_details`` (each fact
with its article's date, section, title and URL, its place's name, and its province, scope and
period: migration 007). ``json_valid`` guards
every extraction so one malformed attribute value shows as NULL instead of failing the page.

Called by a migration: never change a shipped function; add a new migration instead.
"""

from __future__ import annotations

import sqlite3

from .script import run_script


def _attr(table: str, key: str) -> str:
    return f"CASE WHEN json_valid({table}.attributes) THEN json_extract({table}.attributes, '$.{key}') END"


def create_output_views(db: sqlite3.Connection) -> None:
    """Migration 003: the ``places``, ``people`` and ``fact_details`` views."""
    run_script(db, f"""
        CREATE VIEW places AS
        SELECT e.entity_id, e.canonical_name AS name,
               {_attr('e', 'level')} AS level,
               {_attr('e', 'province')} AS province,
               {_attr('e', 'province_2025')} AS province_2025,
               {_attr('e', 'code')} AS code,
               e.aliases, e.article_count, e.mention_count
        FROM entities e WHERE e.type = 'LOC';

        CREATE VIEW people AS
        SELECT e.entity_id, e.canonical_name AS name,
               {_attr('e', 'role')} AS role,
               e.aliases, e.article_count, e.mention_count
        FROM entities e WHERE e.type = 'PER';

        CREATE VIEW fact_details AS
        SELECT f.article_id, f.fact_id, a.published_at,
               substr(a.published_at, 1, 4) AS year, a.section,
               f.kind, f.value, f.value_max, f.unit, f.approx, f.subject, f.text,
               p.canonical_name AS place_name,
               {_attr('p', 'province')} AS province,
               {_attr('p', 'province_2025')} AS province_2025,
               f.period, f.sentence, a.title, a.url
        FROM facts f
        JOIN articles a ON a.article_id = f.article_id
        LEFT JOIN entities p ON p.entity_id = f.place;
        """
    )


def create_fact_context_view(db: sqlite3.Connection) -> None:
    """Migration 007: ``fact_details`` again, with where and when the fact itself says the number
    holds (``facts.province``, ``province_2025``, ``scope``, ``period_source``) instead of the provinces
    of its place: a fact placed by its article, or national, has a province (or scope) and no place."""
    run_script(db, """
        DROP VIEW IF EXISTS fact_details;
        CREATE VIEW fact_details AS
        SELECT f.article_id, f.fact_id, a.published_at,
               substr(a.published_at, 1, 4) AS year, a.section,
               f.kind, f.value, f.value_max, f.unit, f.approx, f.subject, f.text,
               p.canonical_name AS place_name,
               f.province, f.province_2025, f.scope,
               f.period, f.period_source, f.sentence, a.title, a.url
        FROM facts f
        JOIN articles a ON a.article_id = f.article_id
        LEFT JOIN entities p ON p.entity_id = f.place;
        """
    )


def create_people_without_credits(db: sqlite3.Connection) -> None:
    """Migration 008: ``people`` leaves out the names found only in photo credits, bylines and
    source lines (``attributes.credit_only``: the paper's photographers are in most articles, and
    were the top of the view); ``credits`` lists those names, with what they did, for whoever
    wants them. ``people`` gains ``credit_mentions``: how many of a person's mentions are credits."""
    credit_only = f"coalesce({_attr('e', 'credit_only')}, 0)"
    run_script(db, f"""
        DROP VIEW IF EXISTS people;
        CREATE VIEW people AS
        SELECT e.entity_id, e.canonical_name AS name,
               {_attr('e', 'role')} AS role,
               e.aliases, e.article_count, e.mention_count,
               coalesce({_attr('e', 'credit_mentions')}, 0) AS credit_mentions
        FROM entities e WHERE e.type = 'PER' AND NOT {credit_only};

        CREATE VIEW credits AS
        SELECT e.entity_id, e.type, e.canonical_name AS name,
               {_attr('e', 'role')} AS role,
               e.aliases, e.article_count, e.mention_count
        FROM entities e WHERE {credit_only};
        """
    )
