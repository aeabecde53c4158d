"""One store, four jobs at once: a crawl writing, extract run after extract, Datasette serving, and
search in a loop, every query counted. Issue 10 measured 2,276 of 3,328 Datasette queries failing
("database disk image is malformed") during a crawl, extract dying with "database is locked" as
soon as the crawl committed, and a crawl batch that met a lock dropped."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import ROOT, count_rows, crawl_options, finish_crawl, start_crawl

from baodantoc.crawler.sample_site import start_process
from baodantoc.search import SearchStoreError, build_query, open_store, search

pytestmark = pytest.mark.slow

#: Generated articles on top of the hand-written ones: a crawl long enough for a few extract runs.
SYNTHETIC = 30
#: Datasette pages asked in turn: a table, SQL, a facet, a canned query, full-text search.
PAGES = ("/baodantoc/articles.json?_size=5", "/baodantoc.json?sql=select+count(*)+from+articles",
         "/baodantoc/facts.json?_facet=kind&_size=3", "/baodantoc/search_sentences.json?words=lao+cai",
         "/baodantoc/entities.json?_search=lao+cai")


class Load:
    """Queries run in threads until stopped; every answer and every failure counted."""

    def __init__(self, store: Path, port: int) -> None:
        self.store, self.port = store, port
        self.answered: Counter[str] = Counter()
        self.failed: list[tuple[str, str]] = []
        self.stop = threading.Event()
        self.checkpoints = 0
        self.threads = [threading.Thread(target=self._serve_queries, daemon=True),
                        threading.Thread(target=self._searches, daemon=True),
                        threading.Thread(target=self._checkpoints, daemon=True)]

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _serve_queries(self) -> None:
        listening = False
        for i in range(10**9):
            if self.stop.is_set():
                return
            url = f"http://127.0.0.1:{self.port}{PAGES[i % len(PAGES)]}"
            try:
                with urllib.request.urlopen(url, timeout=60) as answer:
                    json.loads(answer.read())
                listening = True
                self.answered["serve"] += 1
            except urllib.error.HTTPError as exc:
                self.failed.append((url, f"{exc.code}: {exc.read()[:300]!r}"))
            except OSError as exc:
                if listening:
                    self.failed.append((url, repr(exc)))
                time.sleep(0.05)  # not listening yet

    def _checkpoints(self) -> None:
        """Copy the write-ahead log into the database file every 50 ms, as the writers' automatic
        checkpoints do every 1,000 pages of a long crawl: the moments a reader that ignores the
        log (an immutable one) reads pages being rewritten."""
        while not self.stop.is_set():
            try:
                db = sqlite3.connect(self.store, timeout=30)
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                    self.checkpoints += 1
                finally:
                    db.close()
            except sqlite3.Error as exc:
                self.failed.append(("checkpoint", repr(exc)))
            time.sleep(0.05)

    def _searches(self) -> None:
        while not self.stop.is_set():
            try:
                db = open_store(self.store)
            except SearchStoreError as exc:
                if "extract" not in str(exc):  # before the first extract: an answer, not a failure
                    self.failed.append(("search", str(exc)))
                time.sleep(0.1)
                continue
            try:
                search(db, build_query("lao cai", limit=5))
                search(db, build_query("ho ngheo", kind="percent", limit=5))
                self.answered["search"] += 2
            except Exception as exc:  # every error counts: none is expected
                self.failed.append(("search", repr(exc)))
            finally:
                db.close()


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
