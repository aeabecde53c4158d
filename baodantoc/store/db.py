"""Opening the SQLite store: one function every stage uses, so pragmas, locking and schema agree.

Several jobs share one store at once (a crawl writing, an extract writing, search and the web UI
reading), so every connection follows the same rules:

* WAL: readers never block the writer nor see half a write; ``synchronous=NORMAL`` is safe under
  WAL and much faster.
* Writes take the write lock when their transaction begins (``BEGIN IMMEDIATE``), never by
  upgrading a read: under WAL an upgrade whose snapshot another process has moved past fails at
  once, without waiting, while ``BEGIN IMMEDIATE`` waits up to :data:`BUSY_TIMEOUT_S` for the
  other writer's (short) transaction to end.
* A file that is not a store of ours is refused before anything is written (``identity``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .folding import register_functions
from .identity import identify, refusal
from .migrations import apply_migrations

#: The connection, row and error types of the store, for the layers above to name: they never
#: import ``sqlite3`` themselves (import-linter checks it), so the store stays the one place that
#: knows it is SQLite and holds SQL.
Connection = sqlite3.Connection
Row = sqlite3.Row
DatabaseError = sqlite3.Error

#: How long a statement waits for another process's write lock before "database is locked".
#: Every write transaction here is short (one article, one extracted article, one migration
#: step: milliseconds), so 10 s only runs out when a writer is stuck; the crawl then retries its
#: batch later (``crawler/pipelines.py``) rather than losing it.
BUSY_TIMEOUT_S = 10.0


class StoreError(Exception):
    """The store cannot be opened or read; the message says what to do next."""


class NotAStoreError(StoreError):
    """The file is another application's database (or no database at all); it was not touched."""


def connect(path: Path | str, *, readonly: bool = False, busy_timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """Open (creating and migrating when writable) the store at ``path``.

    ``":memory:"`` gives a private in-memory store (tests); ``busy_timeout``: seconds a statement
    waits for another process's lock. The folding SQL functions
    (``bdt_fold`` ...) are registered on every connection. Raises :class:`NotAStoreError` for a
    file that is not a store of ours (left byte-identical) and :class:`StoreError` for a store that
    cannot be read (damaged, locked).
    """
    path_str = str(path)
    if path_str != ":memory:":
        identity = identify(Path(path_str))
        if identity.kind in ("foreign", "not_sqlite", "busy"):
            raise NotAStoreError(refusal(Path(path_str), identity))
    if readonly:
        if path_str != ":memory:" and not Path(path_str).exists():
            raise StoreError(f"no store at {path_str}: run `baodantoc crawl` (or `baodantoc run --sample`) first")
        db = sqlite3.connect(_readonly_uri(path_str), uri=True, timeout=busy_timeout, check_same_thread=False)
    else:
        if path_str != ":memory:":
            Path(path_str).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level: the transactions Python opens itself (before an INSERT...) are
        # BEGIN IMMEDIATE too, so no write ever starts as a read that must be upgraded
        db = sqlite3.connect(path_str, timeout=busy_timeout, isolation_level="IMMEDIATE",
                             check_same_thread=False)
    try:
        if not readonly:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.row_factory = sqlite3.Row
        # Foreign keys are declared (migration 006: Datasette's links, the export's datapackage.json)
        # but not enforced per statement: ``entities`` is rebuilt from ``mentions`` after each batch,
        # so a new mention names an entity whose row comes later. Writers keep the keys whole (an
        # article's rows go with it: crossposts.delete_article); tests run ``PRAGMA foreign_key_check``.
        db.execute("PRAGMA foreign_keys=OFF")
        register_functions(db)
        if not readonly:
            apply_migrations(db)
    except sqlite3.Error as exc:
        db.close()
        raise StoreError(describe_error(path_str, exc)) from exc
    return db


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction that holds the write lock from its first statement (``BEGIN
    IMMEDIATE``, waiting up to the busy timeout for it); commits on success, rolls back on error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()


def is_busy(exc: BaseException) -> bool:
    """Did ``exc`` come from another process holding the store's lock (worth retrying later)?"""
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("database is locked", "database is busy", "database table is locked"))


def is_damaged(exc: BaseException) -> bool:
    """Did ``exc`` come from a damaged file (going on would only meet more of it)?"""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(
        word in text for word in ("malformed", "not a database", "corrupt", "disk i/o error",
                                  "could not decode"))  # our text is always UTF-8: garbage means damage


def describe_error(path: Path | str | None, exc: BaseException) -> str:
    """One line for a database error on the store at ``path``, saying what to do about it."""
    store = f"the store {path}" if path else "the store"
    name = getattr(exc, "sqlite_errorname", None)  # SQLITE_IOERR_SHORT_READ... (Python 3.11+)
    said = _one_line(str(exc)) + (f", {name}" if name and name not in str(exc) else "")
    if is_damaged(exc):
        return damaged_message(path, said)
    exc = type(exc)(said)
    if name == "SQLITE_BUSY_SNAPSHOT":
        return (f"{store} changed under a read this job still held open ({exc}): another process wrote "
                "meanwhile; run the command again")
    if is_busy(exc):
        return (f"{store} is locked by another process for more than {BUSY_TIMEOUT_S:.0f} s ({exc}): "
                "try again when that job has finished")
    return f"cannot use {store}: {exc}"


def _one_line(text: str, limit: int = 200) -> str:
    """An error text fit for one line: a damaged page can put any bytes in it (newlines included)."""
    flat = "".join(c if c.isprintable() and c != "\ufffd" else " " for c in text)
    flat = " ".join(flat.split())
    return flat if len(flat) <= limit else flat[:limit] + "..."


def damaged_message(path: Path | str | None, what: str) -> str:
    """The line for a damaged store: what SQLite found, and how to get the data back."""
    store = f"the store {path}" if path else "the store"
    return (f"{store} is damaged ({what}): restore it from a backup, or salvage what it holds with "
            f"`sqlite3 {path or 'STORE'} .recover | sqlite3 recovered.sqlite` and use that file")


def integrity_problem(db: sqlite3.Connection) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong with the file (its first findings, one line), or None.
    It reads the whole file: for commands that run long (serve), not for every open."""
    rows = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
    if rows == ["ok"]:
        return None
    found = [line.strip() for row in rows for line in row.splitlines() if line.strip() and "***" not in line]
    return "quick_check: " + "; ".join(found)[:300]


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
