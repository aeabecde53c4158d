"""``baodantoc serve``: Datasette over the store, read-only, on 127.0.0.1 by default.

Live, read-only: Datasette opens the store with ``mode=ro``, so it never writes, and reads under
SQLite's locking and write-ahead log like any other reader: a crawl or an extract can write the
store while it is served, and their records show on the next page load. It used to open the file
``immutable=1``, which tells SQLite that nothing will change it: during a crawl most queries then
failed with "database disk image is malformed" (2,276 of 3,328), and kept failing until serve was
restarted, though the file itself was fine. Immutable is kept only for a file we cannot write (a
read-only copy, which nothing of ours changes). A store from an older release is migrated first
(the views and search index the metadata names must exist); a file that is not a store is refused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..store import Connection, DatabaseError, StoreError, connect
from ..store.db import damaged_message, integrity_problem
from .metadata import build_metadata
from .plugin import STATIC_MOUNT, plugin

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


class ServeError(Exception):
    """The store cannot be served; the message says what to do."""


def prepare_store(path: Path) -> bool:
    """Migrate the store when we may write it; returns True when it can change while served
    (live, ``mode=ro``), False for a file nobody of ours can write (immutable snapshot)."""
    if not path.exists():
        raise ServeError(f"no store at {path}: run `baodantoc run --sample` (or `baodantoc crawl`) first")
    if not os.access(path, os.W_OK):
        try:
            connect(path, readonly=True).close()  # refuses a file that is not a store
        except (StoreError, DatabaseError) as exc:
            raise ServeError(str(exc)) from exc
        return False
    try:
        db = connect(path)
        try:
            check_integrity(db, path)
        finally:
            db.close()
    except (StoreError, DatabaseError) as exc:
        raise ServeError(str(exc)) from exc
    return True


def check_integrity(db: Connection, path: Path) -> None:
    """Refuse a damaged store before serving it (every page that touched the damage would fail):
    ``PRAGMA quick_check`` reads the whole file once, a second or two for 100,000 articles, which a
    long-running server can afford and a short command cannot."""
    problem = integrity_problem(db)
    if problem is not None:
        raise ServeError(damaged_message(path, problem))


#: Our templates (the fact finder, the article page) and static files (the stylesheet).
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def open_mode(path: Path, live: bool = True) -> dict[str, Any]:
    """How Datasette opens the store: read-only and live (``mode=ro``), or immutable for a file
    nobody of ours can write (see the module docstring)."""
    return {"files": [str(path)]} if live else {"immutables": [str(path)]}


def build_datasette(path: Path, live: bool = True) -> Any:
    """A Datasette instance over ``path`` (read-only: ``mode=ro`` when ``live``, else immutable)
    with our metadata, plugin (SQL functions, pages) and templates."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    if pm.get_plugin("baodantoc") is None:
        pm.register(plugin(), name="baodantoc")
    return Datasette(
        **open_mode(path, live),
        metadata=build_metadata(path.stem),
        template_dir=str(TEMPLATES),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
        settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 500, "default_page_size": 50},
    )


def serve_mode(live: bool) -> str:
    """What the startup line says about freshness."""
    return ("read-only, live: what a running crawl or extract writes shows on reload" if live else
            "read-only snapshot: the file is not writable, so it is served as immutable")


def serve(path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the store until interrupted (Ctrl-C)."""
    import uvicorn

    live = prepare_store(path)
    ds = build_datasette(path, live)
    print(f"fact finder on http://{host}:{port}/ · tables on http://{host}:{port}/{path.stem} "
          f"({serve_mode(live)}; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
