"""Crawl progress for a live display: pages fetched, articles stored, skips, errors, queue.

The crawler only computes the status line from its stats, a few times a second (it costs nothing
per page), and hands it to a *sink*: a callable given in the ``BAODANTOC_PROGRESS_SINK`` setting
(the command line passes one that draws a spinner on a terminal; ``None`` ends the display).
Without a sink the extension is off, so a plain ``scrapy crawl`` logs as Scrapy does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

#: Seconds between refreshes.
REFRESH = 0.5

Sink = Callable[[str | None], None]


def status_line(stats: dict[str, Any], queued: int) -> str:
    """The status text from crawl stats."""

    def total(prefix: str) -> int:
        return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))

    stored = sum(stats.get(f"baodantoc/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
    return (f"pages {stats.get('downloader/response_count', 0)}  stored {stored}  "
            f"skipped {total('baodantoc/skipped/')}  errors {total('baodantoc/errors/')}  queued {queued}")


class ProgressExtension:
    """Feeds the progress sink from the crawl stats (see module doc)."""

    def __init__(self, crawler: Any, sink: Sink) -> None:
        self.crawler = crawler
        self.sink = sink
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        sink = crawler.settings.get("BAODANTOC_PROGRESS_SINK")
        if not crawler.settings.getbool("BAODANTOC_PROGRESS_ENABLED") or not callable(sink):
            raise NotConfigured
        ext = cls(crawler, sink)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        """The status text from the current stats."""
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        return status_line(self.crawler.stats.get_stats(), queued)

    def refresh(self) -> None:
        self.sink(self.line())

    def spider_opened(self) -> None:
        self.sink("starting")
        self.loop = task.LoopingCall(self.refresh)
        self.loop.start(REFRESH, now=False)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.sink(None)
