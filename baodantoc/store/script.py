"""Run a multi-statement SQL script inside the caller's transaction.

Why not ``sqlite3.Connection.executescript``: it COMMITs any open transaction before it starts,
so a migration step made of several statements could never be rolled back as a whole; a failing
statement left half a schema behind and no record of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def statements(script: str) -> Iterator[str]:
    """The complete statements of ``script`` in order (trigger bodies with their inner ';' kept
    whole: ``sqlite3.complete_statement`` knows SQLite's grammar for that)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise ValueError(f"incomplete SQL statement at the end of a script: {buffer.strip()[:80]!r}")


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute every statement of ``script``, one by one, in the current transaction."""
    for statement in statements(script):
        db.execute(statement)
