"""Resumable crawls that survive ``kill -9``: the job folder (``--jobdir``, Scrapy's ``JOBDIR``).

Scrapy keeps its request queue, its seen-request fingerprints and the spider state in the job
folder, and writes the queue's index only when the crawl stops cleanly. After ``kill -9`` (or the
out-of-memory killer, or a power cut) the queue had no index, so the resumed crawl found it
empty, while the seen-set still filtered out every seed: it fetched nothing, exited "finished",
and every later run with that folder did nothing either.

So the folder gets a marker of our own (:data:`MARKER`), ``running`` from the moment a crawl
opens it until it closes, and a lock held for the process's life (released by the kernel however
the process ends). What the next crawl with the same folder does depends on how the last one ended:

* **stopped cleanly before the end** (Ctrl-C, a ``CLOSESPIDER_*`` limit): Scrapy's queue is whole,
  and Scrapy resumes from it (nothing fetched twice);
* **killed** (the marker still says ``running``, and nobody holds the lock): Scrapy's state cannot
  be trusted, so it is removed, and the frontier is rebuilt from the seeds (robots.txt, sitemaps,
  feeds, listings) against the store: articles already stored are skipped (with ``--refresh``,
  those fetched since the job began), section hints come back from the store. Only the discovery
  pages are fetched again;
* **finished**: the job is done; the same command starts the next one (an incremental crawl),
  instead of the nothing Scrapy's leftover seen-set would allow.

A second crawl on a folder in use is refused (:class:`JobdirInUse`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..records import now_iso
from ..store.crawl_runs import FINISHED_REASONS

try:  # POSIX advisory locks; without them (Windows) two crawls on one folder are not detected
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

#: Our marker and lock in the job folder (Scrapy's own files are named ``requests.*``/``spider.state``).
MARKER = "baodantoc-job.json"
LOCK = "baodantoc-job.lock"
#: What Scrapy keeps in a job folder: removed when it cannot be trusted.
SCRAPY_STATE = ("requests.queue", "requests.seen", "spider.state")
STATS = "baodantoc/job/"

#: How the crawl starts with respect to the folder (the report's ``job.mode``).
NEW, RESUMED, REBUILT = "new", "resumed", "rebuilt"


class JobdirInUse(RuntimeError):
    """Another live crawl holds the job folder."""


@dataclass
class JobState:
    """The marker: ``state`` running | interrupted | finished; ``job_started_at``: when the first
    run of this job began (a refresh crawl resumes by skipping what it fetched since then)."""

    state: str
    job_started_at: str
    run_started_at: str
    pid: int
    runs: int = 1
    last_reason: str | None = None


def read_state(folder: Path) -> JobState | None:
    """The folder's marker, or None when it has none (or an unreadable one)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return JobState(**{k: data[k] for k in JobState.__dataclass_fields__ if k in data})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_state(folder: Path, state: JobState) -> None:
    """Write the marker atomically (a kill during the write leaves the old one)."""
    tmp = folder / (MARKER + ".tmp")
    tmp.write_text(json.dumps(asdict(state), indent=1), encoding="utf-8")
    os.replace(tmp, folder / MARKER)


def plan(folder: Path, previous: JobState | None) -> tuple[str, str]:
    """(mode, why) for a crawl opening ``folder`` whose marker is ``previous``."""
    has_scrapy_state = any((folder / name).exists() for name in SCRAPY_STATE)
    if previous is None:
        if not has_scrapy_state:
            return NEW, "a new job"
        if (folder / "requests.queue" / "active.json").exists():
            return RESUMED, "Scrapy's queue from a clean stop"
        return REBUILT, "Scrapy state without the index of a clean stop"
    if previous.state == "running":
        return REBUILT, f"the last run (pid {previous.pid}) was killed before it could save its queue"
    if previous.state == "finished":
        return NEW, "the last job finished: the next one starts"
    return RESUMED, f"the last run stopped cleanly ({previous.last_reason or 'interrupted'})"


def clear_scrapy_state(folder: Path) -> None:
    """Remove Scrapy's queue, seen-set and spider state from the folder."""
    for name in SCRAPY_STATE:
        path = folder / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class JobdirExtension:
    """Locks the job folder, decides how the crawl starts (see the module doc), and keeps the
    marker current. Runs when the crawler is built, before Scrapy's scheduler opens the folder."""

    def __init__(self, folder: Path, stats: Any = None) -> None:
        self.folder = folder
        self.stats = stats
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(folder)
        previous = read_state(folder)
        self.mode, self.why = plan(folder, previous)
        if self.mode != RESUMED:
            clear_scrapy_state(folder)
        now = now_iso()
        keep = self.mode != NEW and previous is not None
        self.state = JobState("running", previous.job_started_at if keep and previous else now, now, os.getpid(),
                              (previous.runs + 1) if keep and previous else 1)
        write_state(folder, self.state)
        log.info("job %s: %s (%s)", folder, self.mode, self.why)

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobdirExtension:
        settings = crawler.settings
        if not settings.get("JOBDIR") or not settings.getbool("BAODANTOC_JOBDIR_ENABLED"):
            raise NotConfigured
        ext = cls(Path(settings["JOBDIR"]), crawler.stats)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def describe(self) -> dict[str, Any]:
        """What the report says about the job: folder, mode, why, when the job began, run number."""
        return {"dir": str(self.folder), "mode": self.mode, "why": self.why,
                "started_at": self.state.job_started_at, "run": self.state.runs}

    def spider_opened(self) -> None:
        if self.stats is not None:
            self.stats.set_value(STATS + "mode", self.mode)

    def spider_closed(self, reason: str) -> None:
        """The marker records the end; Scrapy has saved its queue by now (the scheduler closes
        before this signal), so ``interrupted`` is only written over a whole queue."""
        self.state.state = "finished" if reason in FINISHED_REASONS else "interrupted"
        self.state.last_reason = reason
        write_state(self.folder, self.state)
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _lock(folder: Path) -> IO[str] | None:
    """Hold an exclusive lock on the folder for the life of this process (the kernel drops it
    however the process ends); raise JobdirInUse when another process holds it."""
    handle = (folder / LOCK).open("a+", encoding="utf-8")
    if fcntl is None:  # pragma: no cover
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        holder = read_state(folder)
        who = f" (pid {holder.pid})" if holder else ""
        raise JobdirInUse(f"the job folder {folder} is in use by another crawl{who}: wait for it to end, "
                          "or pass another --jobdir") from None
    return handle
