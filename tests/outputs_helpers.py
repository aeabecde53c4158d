"""Stores for the output tests (export, search, serve, browser, notebooks).

``synthetic_store`` writes a small store with bench/make_store.py (the generator the benchmarks
use at 100,000 articles); ``sample_store`` returns the real sample-site output when the lead's
session fixture ``sample_output`` exists, and skips with the reason otherwise.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_bench(name: str) -> ModuleType:
    """Import a script from bench/ (not a package) by file name."""
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def synthetic_store(path: Path, articles: int = 300, seed: int = 7) -> Path:
    """A synthetic store of ``articles`` articles at ``path``."""
    return load_bench("make_store").make_store(path, articles, seed)


def sample_store(request: pytest.FixtureRequest) -> Path:
    """The store of the real sample-site run (the ``sample_output`` fixture of tests/conftest.py)."""
    store = Path(request.getfixturevalue("sample_output")) / "baodantoc.sqlite"
    assert store.exists(), f"the sample-site run left no store at {store}"
    return store


def served_store(path: Path, articles: int) -> Path:
    """A synthetic store made ready for ``baodantoc serve`` (migrated, its WAL folded in)."""
    from baodantoc.web.serve import prepare_store

    synthetic_store(path, articles=articles)
    prepare_store(path)
    return path


def get(ds, path: str):
    """GET ``path`` from a Datasette instance in-process (no socket)."""
    import asyncio

    return asyncio.run(ds.client.get(path))


def fact_total(store: Path, words: str = "", **filters) -> int:
    """How many facts the search engine finds for ``words`` and ``filters``: the oracle the web
    pages' counts are compared with."""
    from baodantoc.search import build_query, count_matches, open_store

    db = open_store(store)
    try:
        return count_matches(db, build_query(words, facts_only=True, limit=10_000, **filters))[0]
    finally:
        db.close()
