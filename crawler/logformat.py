"""Log lines for skipped items: the reason and the URL, never the whole record.

Scrapy logs a dropped item with its full content at WARNING; a skip is an expected, counted
outcome (the report lists them), and a record's body would flood the log.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


class QuietDropFormatter(LogFormatter):
    """Scrapy's log formatter with one-line INFO messages for dropped items."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        return {"level": logging.INFO, "msg": "Skipped %(reason)s", "args": {"reason": str(exception)}}
