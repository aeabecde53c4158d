"""Is this file a baodantoc store? Checked before any write, so a stranger's database is never touched.

Why: ``--store`` takes any path, and a command that opens a file writable migrates it (56 schema
objects, journal mode switched to WAL). Run by mistake on another application's SQLite file, that
changed a file we do not own and reported success. So every open first reads what the file is,
without writing a byte:

* the 100-byte SQLite header: the magic string, and ``application_id`` (offset 68), which our
  stores carry as :data:`APPLICATION_ID` (SQLite's documented way to tell file formats apart);
* with no mark at all (``application_id`` 0), the schema, read through a connection that cannot
  write: a ``_migrations`` table means a store of ours from before the mark (it is marked on its
  next writable open); no tables at all is a blank file we may adopt; anything else is foreign.

The reading connection is ``immutable=1`` when the file is in WAL mode with no write-ahead log
beside it (a plain read-only open would leave ``-wal`` and ``-shm`` files next to a stranger's
database), ``mode=ro`` otherwise.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: "bdtc" in ASCII: the ``PRAGMA application_id`` of every store (SQLite's magic.txt convention).
APPLICATION_ID = 0x62647463
#: The header every SQLite 3 database starts with.
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Offsets in the database header (https://www.sqlite.org/fileformat.html#the_database_header).
_HEADER_SIZE, _WRITE_VERSION, _APPLICATION_ID = 100, 18, 68
#: How many table names a refusal lists (enough to recognize the file).
_NAMES_SHOWN = 5

Kind = Literal["new", "ours", "unmarked", "foreign", "not_sqlite"]


@dataclass(frozen=True)
class Identity:
    """What a file is: ``new`` (absent, empty or a blank database), ``ours`` (marked),
    ``unmarked`` (ours from before the mark), ``foreign`` (another application's database) or
    ``not_sqlite``; ``detail`` says why, for the message that refuses it."""

    kind: Kind
    detail: str = ""


def identify(path: Path) -> Identity:
    """Read what ``path`` is, never writing to it (nor creating files beside it)."""
    if not path.exists():
        return Identity("new")
    if path.is_dir():
        return Identity("not_sqlite", "it is a folder")
    with path.open("rb") as fh:
        header = fh.read(_HEADER_SIZE)
    if not header:
        return Identity("new")  # an empty file is an empty SQLite database
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return Identity("not_sqlite", "it does not start with the SQLite header")
    application_id = int.from_bytes(header[_APPLICATION_ID:_APPLICATION_ID + 4], "big")
    if application_id == APPLICATION_ID:
        return Identity("ours")
    if application_id:
        return Identity("foreign", f"its application_id is {application_id:#010x}, not baodantoc's")
    names = _table_names(path, wal=header[_WRITE_VERSION] == 2)
    if names is None:
        return Identity("not_sqlite", "SQLite cannot read its schema")
    if "_migrations" in names:
        return Identity("unmarked")
    if not names:
        return Identity("new")
    shown = ", ".join(sorted(names)[:_NAMES_SHOWN]) + (", ..." if len(names) > _NAMES_SHOWN else "")
    return Identity("foreign", f"it holds other tables ({shown}) and no baodantoc mark")


def _table_names(path: Path, wal: bool) -> set[str] | None:
    """Names in the schema, read without writing; None when SQLite cannot read them."""
    log = path.with_name(path.name + "-wal")
    has_log = log.exists() and log.stat().st_size > 0
    mode = "immutable=1" if wal and not has_log else "mode=ro"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except sqlite3.Error:
        return None
    try:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        return None
    finally:
        db.close()


def refusal(path: Path, identity: Identity) -> str:
    """The one-line message that refuses a file which is not a store, saying what to do."""
    what = "not a SQLite database" if identity.kind == "not_sqlite" else "not a baodantoc store"
    return (f"{path} is {what} ({identity.detail}): left untouched; pass the path of a baodantoc store "
            f"(or of a new file) with --store / --output")
