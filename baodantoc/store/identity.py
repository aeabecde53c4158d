"""Is this file a baodantoc store? Checked before any write, so a stranger's database is never touched.

Why: ``--store`` takes any path, and a command that opens a file writable migrates it (56 schema
objects, journal mode switched to WAL). Run by mistake on another application's SQLite file, that
changed a file we do not own and reported success. So every open first reads what the file is,
through a connection that cannot write:

* ``PRAGMA application_id``: our stores carry :data:`APPLICATION_ID` (SQLite's documented way to
  tell file formats apart); another non-zero id is another application's;
* with no mark at all (0), the schema: a ``_migrations`` table means a store of ours from before
  the mark (it is marked on its next writable open); no tables at all is a blank file we may
  adopt; anything else is foreign. A file SQLite cannot read is no database (or a damaged one).

The file is only ever read through SQLite, never with ``open()``: closing a descriptor of the
database file drops every POSIX lock the process holds on it, those of its live SQLite
connections included (sqlite.org/howtocorrupt.html, 2.2), which let another process write under
a crawl's feet ("disk I/O error", SQLITE_IOERR_SHORT_READ, in a test with four jobs on one store).
The reading connection is ``mode=ro`` while a write-ahead log is in use (it must be read to see
the latest mark), ``immutable=1`` otherwise: a plain read-only open would leave ``-wal`` and
``-shm`` files beside a stranger's database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: "bdtc" in ASCII: the ``PRAGMA application_id`` of every store (SQLite's magic.txt convention).
APPLICATION_ID = 0x62647463
#: How many table names a refusal lists (enough to recognize the file).
_NAMES_SHOWN = 5

Kind = Literal["new", "ours", "unmarked", "foreign", "not_sqlite", "busy"]


@dataclass(frozen=True)
class Identity:
    """What a file is: ``new`` (absent, empty or a blank database), ``ours`` (marked),
    ``unmarked`` (ours from before the mark), ``foreign`` (another application's database) or
    ``not_sqlite`` (SQLite cannot read it), or ``busy`` (locked by another process: cannot tell);
    ``detail`` says why, for the message that refuses it."""

    kind: Kind
    detail: str = ""


def identify(path: Path) -> Identity:
    """Read what ``path`` is, never writing to it (nor creating files beside it)."""
    if not path.exists():
        return Identity("new")
    if path.is_dir():
        return Identity("not_sqlite", "it is a folder")
    if path.stat().st_size == 0:
        return Identity("new")  # an empty file is an empty SQLite database
    log = path.with_name(path.name + "-wal")
    mode = "mode=ro" if log.exists() and log.stat().st_size > 0 else "immutable=1"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=10)
        try:
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            if application_id == APPLICATION_ID:
                return Identity("ours")
            if application_id:
                return Identity("foreign", f"its application_id is {application_id:#010x}, not baodantoc's")
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        finally:
            db.close()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return Identity("busy", str(exc))
        return Identity("not_sqlite", f"SQLite cannot read it: {exc}")
    if "_migrations" in names:
        return Identity("unmarked")
    if not names:
        return Identity("new")
    shown = ", ".join(sorted(names)[:_NAMES_SHOWN]) + (", ..." if len(names) > _NAMES_SHOWN else "")
    return Identity("foreign", f"it holds other tables ({shown}) and no baodantoc mark")


def refusal(path: Path, identity: Identity) -> str:
    """The one-line message that refuses a file which is not a store, saying what to do."""
    if identity.kind == "busy":
        return (f"{path} is locked by another process ({identity.detail}), so whether it is a baodantoc store "
                "cannot be read: try again when that process is done")
    what = "not a SQLite database" if identity.kind == "not_sqlite" else "not a baodantoc store"
    return (f"{path} is {what} ({identity.detail}): left untouched; pass the path of a baodantoc store "
            f"(or of a new file) with --store / --output")
