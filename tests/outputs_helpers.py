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
