"""Item pipelines: validate -> filter -> store (with cross-post linking).

Each pipeline returns the record or raises ``DropItem`` with its reason, and every skip increments
``baodantoc/skipped/<reason>`` in the crawl stats (the report's "skipped" table). The store writes
each batch in one transaction, so an interrupted crawl leaves whole records or none; by default a
batch is one article, committed as it comes (``BAODANTOC_STORE_BATCH``), so a killed crawl loses
at most the article being written, and an article that is not stored is fetched again by the next
run. A batch that meets another process's write lock for longer than the busy timeout is kept and
written later, never dropped.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from ..records import COVERAGE_FIELDS, Article
from ..store import Connection, DatabaseError, StoreError, connect, upsert_article
from ..store.db import BUSY_TIMEOUT_S, is_busy, is_damaged, write_transaction
from . import crossposts
from .layouts.dates import parse_iso
from .storefail import stop_on_store_error
from .urls import is_foreign_id
from .validate import problem

log = logging.getLogger(__name__)

STATS = "baodantoc"


class _Skipping:
    """Shared: a stats handle and a way to drop an item with a counted reason."""

    stats: Any = None

    def skip(self, reason: str, record: Article) -> DropItem:
        if self.stats is not None:
            self.stats.inc_value(f"{STATS}/skipped/{reason}")
        return DropItem(f"{reason}: {record.url}")


class ValidatePipeline(_Skipping):
    """Drop pages that are not storable articles (see ``validate.problem`` for the reasons)."""

    def __init__(self, stats: Any = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        if not crawler.settings.getbool("BAODANTOC_VALIDATE_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        reason = problem(item)
        if reason:
            raise self.skip(reason, item)
        return item


class FilterPipeline(_Skipping):
    """Apply the crawl's date window and section to the parsed article (exact, unlike discovery),
    and drop a second record of an id already handled in this run (a redirect onto a seen id)."""

    def __init__(self, stats: Any = None, filters: Any = None, crawler: Any = None) -> None:
        self.stats = stats
        self.filters = filters
        self.crawler = crawler
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> FilterPipeline:
        if not crawler.settings.getbool("BAODANTOC_FILTER_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats, crawler=crawler)

    def open_spider(self) -> None:
        """The filters are the spider's arguments (CrawlFilters), known once it exists."""
        spider = self.crawler.spider if self.crawler is not None else None
        self.filters = getattr(spider, "filters", None) or self.filters

    def process_item(self, item: Article) -> Article:
        article_id = item.article_id or ""
        if article_id in self.seen:
            raise self.skip("duplicate", item)
        self.seen.add(article_id)
        if self.filters is not None:
            reason = self.filters.date_skip(parse_iso(item.published_at))
            if not is_foreign_id(article_id):  # a cross-post's section is VietNamNet's
                reason = reason or self.filters.section_skip(item.section)
            if reason:
                raise self.skip(reason, item)
        return item


class StorePipeline(_Skipping):
    """Upsert articles into the SQLite store; link cross-posts; count new/updated/unchanged.

    A foreign copy (``vnn-`` id) is held until the crawl ends, when every original of this run is
    stored, then linked to its original, or stored as its own record when none matches.
    """

    def __init__(self, store_path: str, stats: Any = None, batch_size: int = 1, crossposts_enabled: bool = True,
                 limit: int | None = None, crawler: Any = None, busy_timeout: float = BUSY_TIMEOUT_S,
                 lock_retries: int = 6, retry_delay: float = 1.0) -> None:
        self.store_path = store_path
        self.stats = stats
        self.batch_size = max(1, batch_size)
        self.crossposts_enabled = crossposts_enabled
        self.limit = limit
        self.crawler = crawler
        self.busy_timeout = busy_timeout
        self.lock_retries = lock_retries
        self.retry_delay = retry_delay
        self.db: Connection | None = None
        self.batch: list[Article] = []
        self.pending: list[Article] = []
        self.accepted = 0
        self._closing: Any = None
        self._retry_at = 0.0  # after a lock: no new attempt before this (monotonic seconds)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        settings = crawler.settings
        if not settings.getbool("BAODANTOC_STORE_ENABLED"):
            raise NotConfigured
        return cls(settings.get("BAODANTOC_STORE"), crawler.stats, settings.getint("BAODANTOC_STORE_BATCH"),
                   settings.getbool("BAODANTOC_CROSSPOSTS_ENABLED"), crawler=crawler,
                   busy_timeout=settings.getfloat("BAODANTOC_STORE_BUSY_TIMEOUT_S"),
                   lock_retries=settings.getint("BAODANTOC_STORE_LOCK_RETRIES"),
                   retry_delay=settings.getfloat("BAODANTOC_STORE_RETRY_DELAY_S"))

    def open_spider(self) -> None:
        try:
            self.db = connect(self.store_path, busy_timeout=self.busy_timeout)
        except (StoreError, DatabaseError) as exc:
            stop_on_store_error(self.crawler, self.store_path, exc, opening=True)
        filters = getattr(self.crawler.spider, "filters", None) if self.crawler is not None else None
        self.limit = self.limit or (filters.limit if filters else None)

    def process_item(self, item: Article) -> Article:
        if self.limit is not None and self.accepted >= self.limit:
            raise self.skip("over_limit", item)
        self.accepted += 1
        self._inc("articles/stored")
        if self.limit is not None and self.accepted == self.limit and self.crawler is not None:
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason="limit"))
        if self.crossposts_enabled and is_foreign_id(item.article_id or ""):
            self.pending.append(item)
            return item
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self, final: bool = False) -> None:
        """Write the batch in one transaction. On another process's lock the batch is kept and
        tried again after ``retry_delay`` (growing), at the next item or, at the end (``final``),
        until ``lock_retries`` attempts failed; any other database error drops it, counted."""
        if not self.batch or self.db is None or (not final and time.monotonic() < self._retry_at):
            return
        for attempt in range(self.lock_retries + 1 if final else 1):
            try:
                counts = self._write(self.batch)
            except DatabaseError as exc:
                if is_busy(exc):
                    self._inc("store/lock_retries")
                    log.warning("store: busy, %d articles kept to be written later (%s)", len(self.batch), exc)
                    if final and attempt < self.lock_retries:
                        time.sleep(self.retry_delay * (attempt + 1))
                    else:
                        self._retry_at = time.monotonic() + self.retry_delay
                    continue
                self._drop(self.batch, exc)
                self.batch = []
                if is_damaged(exc):
                    stop_on_store_error(self.crawler, self.store_path, exc)
                return
            batch, self.batch = self.batch, []
            for outcome, n in counts.items():
                if n:
                    self._inc("crossposts/merged" if outcome == "crossposts_merged" else f"articles/{outcome}", n)
            for record in batch:
                self._count_coverage(record)
            return
        if final:  # the lock never went away: not stored, so the next run fetches them again
            log.error("store: still locked after %d attempts; %d articles not written: run the crawl again to "
                      "fetch them", self.lock_retries + 1, len(self.batch))
            self._drop(self.batch, None)
            self.batch = []

    def _write(self, batch: list[Article]) -> dict[str, int]:
        assert self.db is not None
        counts: dict[str, int] = {}
        with write_transaction(self.db):
            for record in batch:
                outcome = upsert_article(self.db, record)
                counts[outcome] = counts.get(outcome, 0) + 1
                if self.crossposts_enabled:
                    counts["crossposts_merged"] = (counts.get("crossposts_merged", 0)
                                                   + crossposts.absorb_copies(self.db, record))
        return counts

    def _drop(self, batch: list[Article], exc: BaseException | None) -> None:
        kind = "locked" if exc is None else type(exc).__name__
        if exc is not None:
            log.error("store: batch of %d not written: %s", len(batch), exc)
        self._inc(f"errors/store:{kind}", len(batch))
        self._inc("articles/stored", -len(batch))

    def resolve_pending(self) -> None:
        """Link each held copy to its original, or store it as its own record; one transaction
        each, retried while another process holds the lock."""
        assert self.db is not None
        for copy in self.pending:
            for attempt in range(self.lock_retries + 1):
                try:
                    with write_transaction(self.db):
                        original = crossposts.find_original(self.db, copy)
                        if original:
                            crossposts.link(self.db, copy, original)
                            outcome = "crossposts/linked"
                        else:
                            outcome = f"articles/{upsert_article(self.db, copy)}"
                    break
                except DatabaseError as exc:
                    if is_busy(exc) and attempt < self.lock_retries:
                        self._inc("store/lock_retries")
                        time.sleep(self.retry_delay * (attempt + 1))
                        continue
                    log.error("store: cross-post %s not written: %s", copy.url, exc)
                    self._inc(f"errors/store:{'locked' if is_busy(exc) else type(exc).__name__}")
                    self._inc("articles/stored", -1)
                    outcome = None
                    break
            if outcome is None:
                continue
            self._inc(outcome)
            if original:
                self._inc("articles/stored", -1)  # linked, not an article of its own
            else:
                self._inc("crossposts/unmatched")
                self._count_coverage(copy)
        self.pending = []

    def close_spider(self) -> None:
        if self.db is None:
            return
        self.flush(final=True)
        self.resolve_pending()
        self.db.close()
        self.db = None

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"{STATS}/{key}", count)

    def _count_coverage(self, record: Article) -> None:
        for field in COVERAGE_FIELDS:
            if getattr(record, field):
                self._inc(f"coverage/{field}")
        for field, layer in (record.extraction or {}).items():
            self._inc(f"layers/{field}/{layer}")
