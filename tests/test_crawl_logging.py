"""What a crawl prints besides its report: one line per failure, no tracebacks, and a clear last line.

Regressions found by following the README on a fresh clone: offline, `baodantoc crawl` (live site)
printed four tracebacks of Twisted internals and ended on "crawl checks failed: articles 0 < 1";
`baodantoc run --sample` (the demo) printed the crawler's warnings although it asks for none.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError

from baodantoc.cli.crawl import failure_message
from baodantoc.crawler.logformat import NetworkTracebackFilter, quiet_network_tracebacks
from baodantoc.crawler.report import CrawlReport
from baodantoc.jobs.crawl import _filter_crawl_logs

ROOT = Path(__file__).resolve().parent.parent
ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


def logged(logger: logging.Logger, exc: BaseException) -> str:
    """What ``logger`` prints for an error logged with ``exc`` as its traceback."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    try:
        try:
            raise exc
        except type(exc):
            logger.error("Error downloading <GET https://baodantoc.vn/>: %s", exc, exc_info=True)
    finally:
        logger.removeHandler(handler)
    return out.getvalue()


@pytest.mark.parametrize("exc", [CannotResolveHostError("DNS lookup failed: baodantoc.vn"),
                                 DownloadConnectionRefusedError("Connection was refused")])
def test_a_network_failure_is_one_line_without_traceback(exc: BaseException) -> None:
    quiet_network_tracebacks()
    text = logged(logging.getLogger(ROBOTS_LOGGER), exc)
    assert "Traceback" not in text and text.count("\n") == 1 and str(exc) in text


def test_any_other_error_keeps_its_traceback() -> None:
    quiet_network_tracebacks()
    assert "Traceback" in logged(logging.getLogger(ROBOTS_LOGGER), ValueError("a bug of ours"))


def test_the_traceback_filter_is_installed_once() -> None:
    quiet_network_tracebacks()
    quiet_network_tracebacks()
    filters = logging.getLogger(ROBOTS_LOGGER).filters
    assert sum(isinstance(f, NetworkTracebackFilter) for f in filters) == 1


def test_the_crawl_level_hides_the_crawls_records_only_and_is_undone() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    undo = _filter_crawl_logs([handler], "CRITICAL")  # what `baodantoc run` asks for
    record = logging.LogRecord
    for name in ("scrapy.core.engine", "baodantoc.crawler.spiders.baodantoc", "twisted", "trafilatura.core",
                 "baodantoc.extract.pipeline"):
        handler.handle(record(name, logging.WARNING, __file__, 1, f"{name} says", None, None))
    assert out.getvalue().splitlines() == ["baodantoc.extract.pipeline says"]
    undo()
    handler.handle(record("scrapy.core.engine", logging.WARNING, __file__, 1, "shown again", None, None))
    assert out.getvalue().splitlines()[-1] == "shown again"


def report(pages: int, errors: dict[str, int], stored: int) -> CrawlReport:
    return CrawlReport(pages_fetched=pages, errors=errors, articles={"new": stored} if stored else {},
                       checks=[{"name": "articles", "threshold": 1, "value": stored, "passed": stored >= 1}])


def test_a_crawl_that_passed_has_no_failure_message() -> None:
    assert failure_message(report(175, {"http_404": 1}, 48)) is None


def test_a_crawl_that_reached_no_host_says_so_first() -> None:
    message = failure_message(report(0, {"dns": 4}, 0))
    assert message is not None and message.startswith("no page could be fetched (dns 4): is the network up?")
    assert "--sample" in message and message.endswith("crawl checks failed: articles 0 < 1")


def test_a_crawl_that_fetched_pages_fails_on_its_checks_only() -> None:
    assert failure_message(report(12, {"http_5xx": 3}, 0)) == "crawl checks failed: articles 0 < 1"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_site_logs_no_traceback(tmp_path: Path) -> None:
    """A real crawl (child process, Scrapy's own log handler) of a host that refuses connections."""
    origin = f"http://127.0.0.1:{closed_port()}"
    options = {"sample": False, "since": None, "until": None, "section": None, "limit": None, "refresh": False,
               "jobdir": None, "output": str(tmp_path), "http_cache": False, "urls": None,
               "hosts": ["baodantoc.vn"], "host_map": {"baodantoc.vn": origin}, "throttle": False,
               "synthetic": 0, "log_level": "WARNING", "progress": False, "settings": {"RETRY_TIMES": 0}}
    proc = subprocess.run([sys.executable, "-m", "baodantoc.jobs.crawl", json.dumps(options)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "robots.txt" in proc.stderr or "Error downloading" in proc.stderr  # the failures are logged...
    assert "Traceback" not in proc.stderr  # ...one line each
    report_line = next(line for line in proc.stdout.splitlines() if line.startswith("BAODANTOC-CRAWL-REPORT "))
    errors = json.loads(report_line.split(" ", 1)[1])["errors"]
    assert errors.get("refused", 0) >= 1
