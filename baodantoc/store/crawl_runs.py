"""Crawl runs in the store: one row per crawl, written when it starts and kept current while it runs.

Why at the start: a crawl killed with SIGKILL (or by the out-of-memory killer, or a power cut) runs
no code at its end, and used to leave no trace at all. Now its row exists from the first second,
its report is rewritten every few seconds (``updated_at``), and the next crawl on the store finds
it still ``running`` with no live process behind it and marks it ``interrupted``.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ..records import now_iso

RUNNING, FINISHED, INTERRUPTED = "running", "finished", "interrupted"
#: Crawl ends that completed what was asked; any other reason (shutdown, closespider_*) left work undone.
FINISHED_REASONS = ("finished", "limit")


def status_of(reason: str | None) -> str:
    """``finished`` or ``interrupted``, from Scrapy's close reason."""
    return FINISHED if reason in FINISHED_REASONS else INTERRUPTED


def start_run(db: sqlite3.Connection, started_at: str | None, start_urls: Sequence[str],
              jobdir: str | None = None) -> int:
    """Open the row of a crawl run (status ``running``, this process); returns its run_id."""
    cursor = db.execute(
        "INSERT INTO crawl_runs (started_at, finished_at, start_urls, report, status, pid, hostname, jobdir, updated_at)"
        " VALUES (?, NULL, ?, '{}', ?, ?, ?, ?, ?)",
        (started_at, json.dumps(list(start_urls)), RUNNING, os.getpid(), socket.gethostname(), jobdir, started_at))
    return int(cursor.lastrowid or 0)


def update_run(db: sqlite3.Connection, run_id: int, report: dict[str, Any]) -> None:
    """Save the report so far of a running crawl (what a killed crawl leaves behind)."""
    db.execute("UPDATE crawl_runs SET report = ?, updated_at = ? WHERE run_id = ? AND status = ?",
               (json.dumps(report, ensure_ascii=False), now_iso(), run_id, RUNNING))


def finish_run(db: sqlite3.Connection, run_id: int, finished_at: str | None, report: dict[str, Any],
               status: str = FINISHED) -> None:
    """Close the row of a crawl run with its report and how it ended (finished or interrupted)."""
    db.execute("UPDATE crawl_runs SET finished_at = ?, report = ?, status = ?, updated_at = ? WHERE run_id = ?",
               (finished_at, json.dumps(report, ensure_ascii=False), status, finished_at, run_id))


def mark_dead_runs(db: sqlite3.Connection, is_alive: Callable[[int], bool]) -> list[int]:
    """Mark ``interrupted`` the runs of this machine still ``running`` whose process is gone; their
    report keeps the last counts saved, with ``finish_reason`` "killed". Returns their run_ids.

    Runs of other machines are left alone: their processes cannot be seen from here.
    """
    host = socket.gethostname()
    dead = [row[0] for row in db.execute("SELECT run_id, pid FROM crawl_runs WHERE status = ? AND hostname = ?",
                                         (RUNNING, host))
            if row[1] is None or not is_alive(int(row[1]))]
    for run_id in dead:
        db.execute("UPDATE crawl_runs SET status = ?, finished_at = updated_at,"
                   " report = json_set(CASE WHEN json_valid(report) THEN report ELSE '{}' END,"
                   " '$.finish_reason', 'killed') WHERE run_id = ?", (INTERRUPTED, run_id))
    return dead


def process_alive(pid: int) -> bool:
    """Is a process with this id running on this machine? (signal 0 probes without sending)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True
