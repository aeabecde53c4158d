"""Incremental crawling: article requests for ids already in the store are never sent.

A spider middleware, so the spider stays ignorant of storage (and a distributed crawl can swap
the id set for a shared one). ``--refresh`` (BAODANTOC_INCREMENTAL_ENABLED = False) turns it off
and every article is fetched again; the store then tells new, updated and unchanged apart.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured

from ..store import connect, known_ids
from ..store.crossposts import known_foreign_ids

log = logging.getLogger(__name__)


class IncrementalMiddleware:
    """Drop requests whose ``meta["article_id"]`` is already stored (counted as already_stored)."""

    def __init__(self, store_path: str, stats: Any = None) -> None:
        self.store_path = store_path
        self.stats = stats
        self.known: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        if not crawler.settings.getbool("BAODANTOC_INCREMENTAL_ENABLED"):
            raise NotConfigured("incremental crawling is off (refresh)")
        middleware = cls(crawler.settings.get("BAODANTOC_STORE"), crawler.stats)
        crawler.signals.connect(middleware.load, signal=signals.spider_opened)
        return middleware

    def load(self) -> None:
        """Read the stored ids once at the start (a missing store means nothing is known)."""
        if not Path(self.store_path).exists():
            return
        db = connect(self.store_path, readonly=True)
        try:
            self.known = known_ids(db) | known_foreign_ids(db)
        finally:
            db.close()
        log.info("incremental: %d article ids already stored will be skipped", len(self.known))

    def _keep(self, item: Any) -> bool:
        if isinstance(item, Request) and item.meta.get("article_id") in self.known:
            if self.stats is not None:
                self.stats.inc_value("baodantoc/skipped/already_stored")
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
