"""Log lines the crawl writes for expected outcomes: one line each, never a record or a traceback.

Scrapy logs a dropped item with its full content at WARNING; a skip is an expected, counted
outcome (the report lists them), and a record's body would flood the log. Likewise a network
failure (no DNS, refused, timed out...) is counted by kind in the report, yet Scrapy's robots.txt
middleware logs it with a traceback of Twisted internals: offline, the first crawl of the live
site printed four 20-line tracebacks that say nothing about our code.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

from .errors import classify

#: Failure kinds (baodantoc.crawler.errors) that are the network's doing: their message says it all.
NETWORK_KINDS = frozenset({"dns", "refused", "timeout", "dropped", "truncated", "oversized"})
#: Loggers that attach a traceback to a failed download (Scrapy 2.13+).
TRACEBACK_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


class QuietDropFormatter(LogFormatter):
    """Scrapy's log formatter with one-line INFO messages for dropped items."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        return {"level": logging.INFO, "msg": "Skipped %(reason)s", "args": {"reason": str(exception)}}


class NetworkTracebackFilter(logging.Filter):
    """Keeps a network failure's log line and drops its traceback (other tracebacks stay)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and classify(exc) in NETWORK_KINDS:
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_network_tracebacks() -> None:
    """Install :class:`NetworkTracebackFilter` on the loggers that need it (once per process)."""
    for name in TRACEBACK_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NetworkTracebackFilter) for f in logger.filters):
            logger.addFilter(NetworkTracebackFilter())
