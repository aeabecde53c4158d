"""Fixtures shared by several test files.

``sample_output``: the output folder of one real ``baodantoc run --sample`` (crawl of the sample
site over HTTP, extraction, export), made once per test session in a child process — Twisted's
reactor runs once per process, and the child keeps the tests' process clean. Tests that read it
(search, serve, notebooks, the run command) share it and must not write to it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_run") / "output"
    proc = subprocess.run(
        [sys.executable, "-m", "baodantoc.cli", "run", "--sample", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    if proc.returncode != 0:
        pytest.fail(f"baodantoc run --sample failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    (out / "run.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    return out
