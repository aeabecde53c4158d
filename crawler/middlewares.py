"""Incremental crawling: article requests for ids already in the store are never sent.

A spider middleware, so the spider stays ignorant of storage (and a distributed crawl can swap
the id set for a shared one). ``--refresh`` (BAODANTOC_INCREMENTAL_ENABLED = False) turns it off
and every article is fetched again; the store then tells new, updated and unchanged apart. A
refresh crawl resumed in its job folder after it was killed skips what it fetched since the job
began (``jobdir.py``), so it continues instead of starting over.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from ..store import DatabaseError, StoreError, connect, known_ids
from ..store.crossposts import known_foreign_ids
from .jobdir import read_state
from .storefail import stop_on_store_error

log = logging.getLogger(__name__)


class IncrementalMiddleware:
    """Drop requests whose ``meta["article_id"]`` is already stored (counted as already_stored),
    or, in a refresh crawl resumed from ``jobdir``, fetched since its job began (already_fetched)."""

    def __init__(self, store_path: str, stats: Any = None, refresh: bool = False, jobdir: str | None = None,
                 crawler: Any = None) -> None:
        self.store_path = store_path
        self.stats = stats
        self.crawler = crawler
        self.refresh = refresh
        self.jobdir = jobdir
        self.known: set[str] = set()
        self.reason = "already_fetched" if refresh else "already_stored"

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        settings = crawler.settings
        refresh = not settings.getbool("BAODANTOC_INCREMENTAL_ENABLED")
        jobdir = settings.get("JOBDIR") if settings.getbool("BAODANTOC_JOBDIR_ENABLED") else None
        if refresh and not jobdir:
            raise NotConfigured("incremental crawling is off (refresh)")
        middleware = cls(settings.get("BAODANTOC_STORE"), crawler.stats, refresh, jobdir, crawler)
        crawler.signals.connect(middleware.load, signal=signals.spider_opened)
        return middleware

    def load(self) -> None:
        """Read the ids to skip once at the start (a missing store means nothing is known)."""
        since = None
        if self.refresh:
            state = read_state(Path(self.jobdir)) if self.jobdir else None
            if state is None or state.runs < 2:
                return  # the first run of a refresh job fetches everything
            since = state.job_started_at
        if not Path(self.store_path).exists():
            return
        try:
            db = connect(self.store_path, readonly=True)
            try:
                self.known = known_ids(db, since) | known_foreign_ids(db, since)
            finally:
                db.close()
        except (StoreError, DatabaseError) as exc:
            stop_on_store_error(self.crawler, self.store_path, exc, opening=True)
        log.info("incremental: %d article ids will be skipped (%s)", len(self.known), self.reason)

    def _keep(self, item: Any) -> bool:
        if isinstance(item, Request) and item.meta.get("article_id") in self.known:
            if self.stats is not None:
                self.stats.inc_value(f"baodantoc/skipped/{self.reason}")
            return False
        return True

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterator[Any]:
        return (item for item in result if self._keep(item))

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            if self._keep(item):
                yield item

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in start:
            if self._keep(item):
                yield item
