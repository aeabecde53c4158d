"""``baodantoc serve``: Datasette over the store, read-only, on 127.0.0.1 by default.

Immutable mode: Datasette opens the file with ``immutable=1``, never writes, and can cache
counts. Two consequences handled here: the write-ahead log is checkpointed into the main file
before serving (an immutable reader ignores the ``-wal`` file, so recent writes would be missing),
and a store from an older release is migrated first (the views and search index the metadata
names must exist). Serving is a snapshot: restart after a crawl or extract to see new records.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..store import DatabaseError, StoreError, connect
from .metadata import build_metadata
from .plugin import STATIC_MOUNT, plugin

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


class ServeError(Exception):
    """The store cannot be served; the message says what to do."""


def prepare_store(path: Path) -> None:
    """Migrate the store and fold its write-ahead log into the main file, when we may write it."""
    if not path.exists():
        raise ServeError(f"no store at {path}: run `baodantoc run --sample` (or `baodantoc crawl`) first")
    if not os.access(path, os.W_OK):
        return  # a read-only copy: serve it as it is
    try:
        db = connect(path)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except (StoreError, DatabaseError) as exc:
        raise ServeError(f"cannot open {path}: {exc}") from exc


#: Our templates (the fact finder, the article page) and static files (the stylesheet).
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def open_mode(path: Path) -> dict[str, Any]:
    """How Datasette opens the store: immutable (a snapshot; see the module docstring)."""
    return {"immutables": [str(path)]}


def build_datasette(path: Path) -> Any:
    """A Datasette instance over ``path`` with our metadata, plugin (SQL functions, pages), templates."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    if pm.get_plugin("baodantoc") is None:
        pm.register(plugin(), name="baodantoc")
    return Datasette(
        **open_mode(path),
        metadata=build_metadata(path.stem),
        template_dir=str(TEMPLATES),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
        settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 500, "default_page_size": 50},
    )


def serve(path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the store until interrupted (Ctrl-C)."""
    import uvicorn

    prepare_store(path)
    ds = build_datasette(path)
    print(f"fact finder on http://{host}:{port}/ · tables on http://{host}:{port}/{path.stem} "
          "(read-only; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
