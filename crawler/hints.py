"""Section hints: the section of the listing or feed an article was seen in, for pages without one.

The spider offers a hint whenever a listing or feed shows an article, and asks for one when a
page prints no section (an e-magazine has no breadcrumb). :class:`SectionHints` keeps them in
memory (a spider on its own, ``scrapy crawl`` without a store); :class:`SectionHintsExtension`
swaps in :class:`StoredSectionHints`, which also keeps them in the store (``store/hints.py``):
they survive a killed crawl, and a hint found after its article was stored fills its section.
The spider only ever sees the mapping, never the store.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..store import Connection, DatabaseError, StoreError, connect
from ..store.db import is_busy, write_transaction
from ..store.hints import deeper, hint_for, record_hints

log = logging.getLogger(__name__)


class SectionHints:
    """Hints in memory, by (article id, site host); a deeper section replaces its parent."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], str] = {}

    def offer(self, article_id: str, host: str, section: str) -> bool:
        """Record that the site ``host`` lists ``article_id`` under ``section``; True when it is news."""
        key = (article_id, host)
        if not deeper(section, self.known.get(key)):
            return False
        self.known[key] = section
        return True

    def get(self, article_id: str, host: str) -> str | None:
        """The section the site ``host`` lists the article under, or None."""
        return self.known.get((article_id, host))


class StoredSectionHints(SectionHints):
    """Hints also written to the store, in small transactions (:meth:`flush`), and read back from
    it for articles whose listing an earlier, killed run saw."""

    def __init__(self, db: Connection, stats: Any = None) -> None:
        super().__init__()
        self.db = db
        self.stats = stats
        self.pending: dict[tuple[str, str], str] = {}

    def offer(self, article_id: str, host: str, section: str) -> bool:
        if not super().offer(article_id, host, section):
            return False
        self.pending[(article_id, host)] = section
        return True

    def get(self, article_id: str, host: str) -> str | None:
        """The deeper of what this run saw and what the store kept (from this run or an earlier one)."""
        seen = super().get(article_id, host)
        try:
            kept = hint_for(self.db, article_id, host)
        except DatabaseError as exc:  # a hint is a nicety: never let it cost the article
            log.warning("section hint of %s not read: %s", article_id, exc)
            kept = None
        return kept if kept is not None and deeper(kept, seen) else seen

    def flush(self) -> None:
        """Write the hints offered since the last flush; one that meets a lock stays for the next."""
        if not self.pending:
            return
        batch = [(article_id, host, section) for (article_id, host), section in self.pending.items()]
        try:
            with write_transaction(self.db):
                filled = record_hints(self.db, batch)
        except DatabaseError as exc:  # a hint is a nicety: never let it stop the crawl
            if is_busy(exc):
                log.warning("section hints not written yet (the store is busy): %s", exc)
                return
            log.error("%d section hints not written: %s", len(batch), exc)
        self.pending.clear()
        if filled and self.stats is not None:
            self.stats.inc_value("baodantoc/sections/from_later_hint", filled)


class SectionHintsExtension:
    """Give the spider store-backed hints, written every ``BAODANTOC_HINTS_FLUSH_S`` seconds and at
    the end (a kill loses at most those seconds, which a rebuilt crawl sees again)."""

    def __init__(self, crawler: Any, store_path: str, every: float) -> None:
        self.crawler = crawler
        self.store_path = store_path
        self.every = every
        self.hints: StoredSectionHints | None = None
        self._loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SectionHintsExtension:
        settings = crawler.settings
        if not settings.getbool("BAODANTOC_HINTS_ENABLED") or not settings.getbool("BAODANTOC_STORE_ENABLED"):
            raise NotConfigured
        ext = cls(crawler, settings.get("BAODANTOC_STORE"), settings.getfloat("BAODANTOC_HINTS_FLUSH_S"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        from twisted.internet import task

        spider = self.crawler.spider
        if not isinstance(getattr(spider, "section_hints", None), SectionHints):
            return
        try:
            db = connect(self.store_path)
        except (StoreError, DatabaseError) as exc:  # the store pipeline stops the crawl for that
            log.warning("section hints kept in memory only: %s", exc)
            return
        self.hints = StoredSectionHints(db, self.crawler.stats)
        self.hints.known.update(spider.section_hints.known)
        spider.section_hints = self.hints
        self._loop = task.LoopingCall(self.hints.flush)
        self._loop.start(self.every, now=False)

    def spider_closed(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.hints is not None:
            try:
                self.hints.flush()
            finally:
                self.hints.db.close()
                self.hints = None
