"""Fault injection for the crawl, the way SQLite and Scrapy test themselves: real processes, real
signals, real files. A crawl runs as ``python -m baodantoc.jobs.crawl OPTIONS`` (the child entry
point of ``crawl(in_subprocess=True)``) so a test can SIGKILL it at a moment it picks, and a
store is compared with another through :func:`snapshot` (what a reader of the store sees, minus
the clocks).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from baodantoc.crawler.report import CrawlReport
from baodantoc.jobs.crawl import REPORT_MARK
from baodantoc.search import SearchStoreError, build_query, open_store, search

ROOT = Path(__file__).resolve().parent.parent
#: Columns that differ between two crawls of the same site by nature (when, not what).
CLOCK_COLUMNS = ("fetched_at", "first_seen_at", "updated_at")
#: Upper bound on one crawl of a small sample site: a guard against a hung child, not a measure.
CRAWL_TIMEOUT_S = 240


def crawl_options(site: Any, out: Path, **extra: Any) -> dict[str, Any]:
    """Options of a crawl of the running sample site ``site`` into ``out`` (no throttling)."""
    return {"output": str(out), "host_map": {h: site.origin for h in site.hosts}, "throttle": False, **extra}


def start_crawl(options: dict[str, Any]) -> subprocess.Popen[str]:
    """Start a crawl in a child process (stdout: the report line; stderr: its log)."""
    return subprocess.Popen([sys.executable, "-m", "baodantoc.jobs.crawl", json.dumps(options)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_crawl(process: subprocess.Popen[str]) -> CrawlReport:
    """Wait for a crawl child and read its report (fails loudly with its log when there is none)."""
    out, err = process.communicate(timeout=CRAWL_TIMEOUT_S)
    for line in reversed(out.splitlines()):
        if line.startswith(REPORT_MARK):
            return CrawlReport.from_dict(json.loads(line[len(REPORT_MARK):]))
    raise AssertionError(f"crawl exited {process.returncode} without a report:\n{out[-2000:]}\n{err[-3000:]}")


def count_rows(store: Path, table: str = "articles") -> int:
    """Rows in a table of a store another process may be writing (0 when it does not exist yet)."""
    if not store.exists():
        return 0
    try:
        db = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # not created yet


def wait_for_progress(process: subprocess.Popen[str], store: Path, new_articles: int) -> bool:
    """Wait until the crawl in ``process`` has opened its run (its crawl_runs row exists) and
    stored ``new_articles`` more articles than the store held when it started; False when the
    process ended first. Progress, not time: the same points on a fast or a loaded machine."""
    runs, articles = count_rows(store, "crawl_runs"), count_rows(store)
    while process.poll() is None:
        if count_rows(store, "crawl_runs") > runs and count_rows(store) >= articles + new_articles:
            return True
        time.sleep(0.02)
    return False


def kill_when(process: subprocess.Popen[str], store: Path, new_articles: int) -> bool:
    """SIGKILL ``process`` once it has stored ``new_articles`` (0: as soon as its spider opened);
    False when it ended on its own first."""
    reached = wait_for_progress(process, store, new_articles)
    if reached:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=CRAWL_TIMEOUT_S)
    return reached


def snapshot(store: Path) -> dict[str, Any]:
    """What the store holds, minus clocks: every article row (JSON columns as stored), the
    cross-post links, and a digest of both."""
    db = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        articles = {}
        for row in db.execute("SELECT * FROM articles ORDER BY article_id"):
            data = {k: v for k, v in dict(row).items() if k not in CLOCK_COLUMNS}
            if json.loads(row["extraction"] or "{}").get("published_at") == "relative":
                data.pop("published_at")  # "5 giờ trước" counts back from the fetch time
            articles[row["article_id"]] = data
        links = [tuple(r) for r in db.execute("SELECT url, foreign_id, article_id FROM crossposts ORDER BY url")]
    finally:
        db.close()
    digest = hashlib.sha256(json.dumps([articles, links], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return {"articles": articles, "crossposts": links, "digest": digest}


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(store: Path) -> None:
    """Overwrite the root page of every table and index with garbage, as a failing disk or a stray
    write would (the header and schema stay intact: SQLite opens the file and meets the damage when
    it reads those pages)."""
    db = sqlite3.connect(store)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        roots = [r[0] for r in db.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    finally:
        db.close()
    with store.open("r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * page_size + 8)
            fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size - 8)))


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


#: Runs a command as its own child and prints that child's peak RSS (KiB) last on stderr: the
#: peak of one process, not of every child the caller ever had (what RUSAGE_CHILDREN keeps).
_MEASURE = ("import resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr)\n"
            "print(f'PEAK_RSS_KIB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', file=sys.stderr)\n"
            "sys.exit(p.returncode)\n")


def run_measured(command: list[str], timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """(the finished process with the measure line removed, wall seconds, peak RSS in MiB) of ``command``."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)
    seconds = time.perf_counter() - started
    lines = proc.stderr.splitlines()
    peak = int(lines[-1].split()[-1]) / 1024
    proc.stderr = "".join(line + "\n" for line in lines[:-1])
    return proc, seconds, peak
