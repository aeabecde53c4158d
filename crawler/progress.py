"""A live progress line for long crawls: pages fetched, articles stored, skips, errors, queue.

Shown on stderr only when it is a terminal (a crawl in CI or piped to a file stays quiet), and
refreshed from the stats a few times a second, so it costs nothing per page.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

#: Seconds between refreshes.
REFRESH = 0.5


class ProgressExtension:
    """rich progress line fed from crawl stats (see module doc)."""

    def __init__(self, crawler: Any, console: Console | None = None) -> None:
        self.crawler = crawler
        self.console = console or Console(stderr=True)
        self.progress: Progress | None = None
        self.task_id: Any = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        if not crawler.settings.getbool("BAODANTOC_PROGRESS_ENABLED") or not sys.stderr.isatty():
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        """The status text from the current stats."""
        stats = self.crawler.stats.get_stats()

        def total(prefix: str) -> int:
            return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))

        stored = sum(stats.get(f"baodantoc/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        return (f"pages {stats.get('downloader/response_count', 0)}  stored {stored}  "
                f"skipped {total('baodantoc/skipped/')}  errors {total('baodantoc/errors/')}  queued {queued}")

    def refresh(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task_id, description=self.line())

    def spider_opened(self) -> None:
        self.progress = Progress(SpinnerColumn(), TextColumn("[bold]crawling[/] {task.description}"),
                                 TimeElapsedColumn(), console=self.console, transient=True)
        self.progress.start()
        self.task_id = self.progress.add_task("starting", total=None)
        self.loop = task.LoopingCall(self.refresh)
        self.loop.start(REFRESH, now=False)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
