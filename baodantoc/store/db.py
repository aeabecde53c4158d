"""Opening the SQLite store: one function every stage uses, so pragmas and schema agree."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .folding import register_functions
from .migrations import apply_migrations

#: The connection, row and error types of the store, for the layers above to name: they never
#: import ``sqlite3`` themselves (import-linter checks it), so the store stays the one place that
#: knows it is SQLite and holds SQL.
Connection = sqlite3.Connection
Row = sqlite3.Row
DatabaseError = sqlite3.Error


class StoreError(Exception):
    """The store cannot be opened or read; the message says what to do next."""


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when writable) the store at ``path``.

    ``":memory:"`` gives a private in-memory store (tests). WAL lets a reader (search, Datasette)
    run while a crawl writes; ``synchronous=NORMAL`` is safe under WAL and much faster. The
    folding SQL functions (``bdt_fold`` ...) are registered on every connection.
    """
    path_str = str(path)
    if readonly:
        if path_str != ":memory:" and not Path(path_str).exists():
            raise StoreError(f"no store at {path_str}: run `baodantoc crawl` (or `baodantoc run --sample`) first")
        db = sqlite3.connect(_readonly_uri(path_str), uri=True, check_same_thread=False)
    else:
        if path_str != ":memory:":
            Path(path_str).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path_str, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    db.row_factory = sqlite3.Row
    # Foreign keys are declared (migration 006: Datasette's links, the export's datapackage.json) but
    # not enforced per statement: ``entities`` is rebuilt from ``mentions`` after each batch, so a
    # new mention names an entity whose row comes later. Writers keep the keys whole (an article's
    # rows go with it: crossposts.delete_article); tests run ``PRAGMA foreign_key_check``.
    db.execute("PRAGMA foreign_keys=OFF")
    register_functions(db)
    if not readonly:
        apply_migrations(db)
    return db


def _readonly_uri(path_str: str) -> str:
    """The read-only ``file:`` URI of a store path, percent-encoded: pasted in raw, a "#" or "?" in
    a folder name cut the path short, and SQLite then opened (and created) another file, without
    ``mode=ro``."""
    if path_str == ":memory:":
        return "file::memory:?mode=ro"
    return Path(path_str).resolve().as_uri() + "?mode=ro"


def to_json(value: Any) -> str | None:
    """Encode a list/dict column; None stays NULL. Keeps Vietnamese readable in the file."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))


def from_json(value: str | None, default: Any = None) -> Any:
    """Decode a JSON column written by :func:`to_json`."""
    if value is None or value == "":
        return default
    return json.loads(value)
