"""Crawl runs in the store: one row per crawl with its JSON report (``crawl_runs``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any


def start_run(db: sqlite3.Connection, started_at: str | None, start_urls: Sequence[str]) -> int:
    """Open the row of a crawl run; returns its run_id."""
    cursor = db.execute("INSERT INTO crawl_runs (started_at, finished_at, start_urls, report) VALUES (?, NULL, ?, '{}')",
                        (started_at, json.dumps(list(start_urls))))
    return int(cursor.lastrowid or 0)


def finish_run(db: sqlite3.Connection, run_id: int, finished_at: str | None, report: dict[str, Any]) -> None:
    """Close the row of a crawl run with its report."""
    db.execute("UPDATE crawl_runs SET finished_at = ?, report = ? WHERE run_id = ?",
               (finished_at, json.dumps(report, ensure_ascii=False), run_id))
