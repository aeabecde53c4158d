"""A store that fails under the crawl: one line, and the crawl stops instead of going on blind.

The crawl's components touch the store from Scrapy's signal handlers and pipelines, where an
exception becomes a logged traceback and the crawl carries on (each article then meets the same
damaged page). A damaged store (``store.db.is_damaged``) is recorded in the stats under
:data:`STORE_ERROR`, logged as one line that says what to do, and the spider is closed; the crawl
job (``baodantoc.jobs.crawl``) then ends with that line.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import deferred_from_coro

from ..store.db import StoreError, describe_error

log = logging.getLogger(__name__)

#: Stats key holding the message of the first store failure.
STORE_ERROR = "baodantoc/store_error"


def stop_on_store_error(crawler: Any, store_path: str | None, exc: BaseException, *, opening: bool = False) -> None:
    """Log ``exc`` on the store as one line, record it, and close the spider (once). ``opening``: called
    from a spider_opened handler, where raising CloseSpider is how Scrapy lets a component refuse
    to start (without a traceback)."""
    message = str(exc) if isinstance(exc, StoreError) else describe_error(store_path, exc)
    first = crawler is None or not crawler.stats.get_value(STORE_ERROR)
    log.log(logging.ERROR if first else logging.DEBUG, "%s", message)
    if crawler is not None and first:
        crawler.stats.set_value(STORE_ERROR, message)
        engine = getattr(crawler, "engine", None)
        if not opening and engine is not None and getattr(engine, "spider", None) is not None:
            deferred_from_coro(engine.close_spider_async(reason="store_error"))
    if opening:
        raise CloseSpider("store_error")
