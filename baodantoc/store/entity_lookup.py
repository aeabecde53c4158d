"""Filter names to entity ids: "Hầu A Lềnh", "Ban Dân tộc", "lao cai" → the entities they mean.

Why two steps: ``entities_fts`` (migration 004) narrows tens of thousands of entities to the few
whose names contain the query's tokens, in a millisecond; the exact rule — the folded name, an
alias or the expanded form contains the query's words in order — is then checked here in Python.
A place also covers its territory: every LOC entity whose province (before or, unless strict,
after the 2025 reorganization) is in the area the search layer computed from the gazetteer
(``baodantoc.search.places``). Names arrive folded (``fold_name``), a place's without its prefix.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from .folding import fold_name


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def resolve_entities(db: sqlite3.Connection, type_: str, key: str) -> list[str]:
    """Ids of entities of ``type_`` whose name, alias or expanded form contains the words of
    ``key`` (a folded name) in order."""
    match = " ".join(f'names:"{t}"' for t in key.split())
    rows = db.execute(
        # the subquery makes SQLite run the FTS match first (a join lets it scan entities by type)
        "SELECT e.entity_id, e.canonical_name, e.aliases, e.attributes FROM entities e "
        "WHERE e.rowid IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?) AND e.type = ?",
        (match, type_),
    ).fetchall()
    ids = []
    for row in rows:
        names = [row["canonical_name"], *_json_list(row["aliases"])]
        expanded = _json_dict(row["attributes"]).get("expanded")
        if isinstance(expanded, str):
            names.append(expanded)
        if any(_contains(fold_name(n), key) for n in names if isinstance(n, str)):
            ids.append(row["entity_id"])
    return sorted(ids)


def resolve_place(db: sqlite3.Connection, key: str, area: tuple[str, ...], strict: bool,
                  place_key: Callable[[str], str]) -> list[str]:
    """Ids of LOC entities named ``key`` or lying in ``area`` (folded province names; see the
    module docstring); ``place_key`` folds a stored province name the way ``area`` was folded."""
    ids = set(resolve_entities(db, "LOC", key))
    match = " OR ".join("(" + " ".join(f'provinces:"{t}"' for t in a.split()) + ")" for a in area)
    rows = db.execute(
        "SELECT e.entity_id, e.attributes FROM entities e "
        "WHERE e.rowid IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?) AND e.type = 'LOC'",
        (match,),
    ).fetchall()
    for row in rows:
        attrs = _json_dict(row["attributes"])
        keys = [attrs.get("province")] if strict else [attrs.get("province"), attrs.get("province_2025")]
        if any(isinstance(k, str) and place_key(k) in area for k in keys):
            ids.add(row["entity_id"])
    return sorted(ids)


def _json_list(value: str | None) -> list[Any]:
    try:
        parsed = json.loads(value) if value else []
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _json_dict(value: str | None) -> dict[str, Any]:
    try:
        parsed = json.loads(value) if value else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
