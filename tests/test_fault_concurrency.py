"""One store, four jobs at once: a crawl writing, extract run after extract, Datasette serving, and
search in a loop, every query counted. Issue 10 measured 2,276 of 3,328 Datasette queries failing
("database disk image is malformed") during a crawl, extract dying with "database is locked" as
soon as the crawl committed, and a crawl batch that met a lock dropped."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import ROOT, Load, count_rows, crawl_options, finish_crawl, start_crawl

from baodantoc.crawler.sample_site import start_process

pytestmark = pytest.mark.slow

#: Generated articles on top of the hand-written ones: a crawl long enough for a few extract runs.
SYNTHETIC = 30
@pytest.fixture(scope="module")
def site() -> Iterator[Any]:
    with start_process(port=0, synthetic=SYNTHETIC) as handle:
        yield handle


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _extract(store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "baodantoc.cli", "extract", "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_crawl_extract_serve_and_search_at_once_on_one_store(site: Any, tmp_path: Path) -> None:
    store = tmp_path / "baodantoc.sqlite"
    crawl = start_crawl(crawl_options(site, tmp_path))
    while count_rows(store) < 3 and crawl.poll() is None:
        time.sleep(0.05)
    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "baodantoc.cli", "serve", "--store", str(store), "--port",
                              str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    extracts: list[subprocess.CompletedProcess[str]] = []
    try:
        with Load(store, port) as load:
            while crawl.poll() is None:  # extract after extract while the crawl writes
                extracts.append(_extract(store))
            report = finish_crawl(crawl)
            extracts.append(_extract(store))  # the rest, then a last round of queries on the whole store
            answered = sum(load.answered.values())
            while sum(load.answered.values()) < answered + 10 and not load.failed:
                time.sleep(0.05)
    finally:
        serve.terminate()
        serve_log = serve.communicate(timeout=30)[1]
    during = len(extracts) - 1
    print(f"\nconcurrent jobs: {dict(load.answered)} queries answered, {len(load.failed)} failed "
          f"({load.checkpoints} checkpoints); "
          f"{during} extract runs during the crawl, {sum(e.returncode != 0 for e in extracts)} failed")
    assert not load.failed, load.failed[:5]
    assert load.answered["serve"] > 20 and load.answered["search"] > 0
    assert report.passed and not any(k.startswith("store:") for k in report.errors), report.errors
    assert during >= 1 and [e.returncode for e in extracts] == [0] * len(extracts), [e.stderr[-500:] for e in extracts]
    assert count_rows(store) == report.articles["new"] == count_rows(store, "extraction_state")
    assert "Traceback" not in serve_log and "malformed" not in serve_log
