"""Crawl the paper into the store: the library function behind ``baodantoc crawl`` (and ``run``).

``crawl()`` takes plain keyword arguments and returns a :class:`~crawler.report.CrawlReport`.
Scrapy's Twisted reactor can run only once per process, so a second crawl in the same process
(a test suite, a notebook, ``baodantoc run`` after something else crawled) must pass
``in_subprocess=True``: the crawl then runs in a fresh ``python -m baodantoc.crawling`` and the
report comes back as JSON.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from crawler.filters import CrawlFilters, FilterError
from crawler.report import CrawlReport, ThresholdError, check_thresholds

from .config import default_store_path

#: Marks the report line a child crawl prints on stdout.
REPORT_MARK = "BAODANTOC-CRAWL-REPORT "
#: Top-level loggers whose records are the crawl's own (shown at the crawl's ``log_level``).
CRAWL_LOGGERS = frozenset({"scrapy", "twisted", "crawler"})
_reactor_used = False


class CrawlError(RuntimeError):
    """The crawl could not run (bad arguments, settings, sample site, child process); message says why."""


def build_settings(*, output: Path | None, refresh: bool, jobdir: Path | None, http_cache: bool,
                   host_map: dict[str, str] | None, throttle: bool, log_level: str, progress: bool,
                   overrides: dict[str, Any] | None) -> Any:
    """The project settings with this run's choices applied (validated thresholds included)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    run: dict[str, Any] = {
        "BAODANTOC_STORE": str(default_store_path(output)),
        "BAODANTOC_INCREMENTAL_ENABLED": not refresh,
        "HTTPCACHE_ENABLED": http_cache,
        "LOG_LEVEL": log_level,
        "BAODANTOC_PROGRESS_ENABLED": progress,
    }
    if jobdir is not None:
        run["JOBDIR"] = str(jobdir)
    if host_map:
        run["BAODANTOC_HOST_MAP"] = host_map
    if not throttle:  # a local site: no reason to wait between requests
        run.update({"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": 16})
    settings.setdict(run, priority="cmdline")
    if overrides:
        settings.setdict(overrides, priority="cmdline")
    coverage = settings.getdict("BAODANTOC_COVERAGE_MIN") if settings.getbool("BAODANTOC_COVERAGE_ENABLED") else {}
    try:
        check_thresholds(settings.get("BAODANTOC_MIN_ARTICLES"), coverage)
    except ThresholdError as exc:
        raise CrawlError(str(exc)) from exc
    return settings


def crawl(*, sample: bool = False, since: str | None = None, until: str | None = None, section: str | None = None,
          limit: int | None = None, refresh: bool = False, jobdir: Path | str | None = None,
          output: Path | str | None = None, http_cache: bool = False, urls: list[str] | None = None,
          hosts: list[str] | None = None, host_map: dict[str, str] | None = None, throttle: bool | None = None,
          synthetic: int = 0, log_level: str = "WARNING", progress: bool = True,
          settings: dict[str, Any] | None = None, in_subprocess: bool = False) -> CrawlReport:
    """Crawl the paper (or the bundled sample site) into the store and return the report.

    sample: start the sample site in its own process and crawl it (throttling off unless
        ``throttle=True``); synthetic: generated articles it adds.
    since, until: publication window, "YYYY-MM-DD" or ISO 8601 (until's day is included);
    section: a section path ("van-hoa", "chinh-sach/giam-ngheo"); limit: articles to store.
    refresh: fetch articles already stored too (else they are skipped); jobdir: folder that makes
        the crawl resumable (rerun with the same folder after an interruption);
    output: output folder holding the store (default ``output/``); http_cache: cache responses.
    urls: fetch only these article URLs; hosts: seed hosts (default: all of the paper's);
    host_map: {host: local origin} to reach hosts elsewhere; settings: extra Scrapy settings.
    in_subprocess: run in a child Python process (needed for a second crawl in one process).

    Raises CrawlError for anything that prevents the crawl from running; a crawl that runs but
    fails its checks returns a report with ``passed == False``.
    """
    try:
        CrawlFilters.from_args(since, until, section, limit)
    except FilterError as exc:
        raise CrawlError(str(exc)) from exc
    options = {"sample": sample, "since": since, "until": until, "section": section, "limit": limit,
               "refresh": refresh, "jobdir": str(jobdir) if jobdir else None,
               "output": str(output) if output else None, "http_cache": http_cache, "urls": urls, "hosts": hosts,
               "host_map": host_map, "throttle": throttle, "synthetic": synthetic, "log_level": log_level,
               "progress": progress, "settings": settings}
    if in_subprocess:
        return _crawl_in_child(options)
    return _crawl_here(**options)


def _crawl_here(*, sample: bool, since: str | None, until: str | None, section: str | None, limit: int | None,
                refresh: bool, jobdir: str | None, output: str | None, http_cache: bool, urls: list[str] | None,
                hosts: list[str] | None, host_map: dict[str, str] | None, throttle: bool | None, synthetic: int,
                log_level: str, progress: bool, settings: dict[str, Any] | None) -> CrawlReport:
    global _reactor_used
    if _reactor_used:
        raise CrawlError("a crawl already ran in this process (Twisted allows one); pass in_subprocess=True")
    from scrapy.crawler import AsyncCrawlerProcess

    from crawler.spiders.baodantoc import BaodantocSpider

    with ExitStack() as stack:
        if sample and not host_map:
            from crawler.sample_site import start_process

            try:
                site = stack.enter_context(start_process(port=0, synthetic=synthetic))
            except RuntimeError as exc:
                raise CrawlError(str(exc)) from exc
            host_map = {host: site.origin for host in site.hosts}
        scrapy_settings = build_settings(
            output=Path(output) if output else None, refresh=refresh, jobdir=Path(jobdir) if jobdir else None,
            http_cache=http_cache, host_map=host_map, throttle=not sample if throttle is None else throttle,
            log_level=log_level, progress=progress, overrides=settings)
        # under an application that configured logging (the CLI), Scrapy must not add a second
        # root handler (every line would print twice), so LOG_LEVEL, which only Scrapy's handler
        # reads, would be ignored
        root = logging.getLogger()
        if root.handlers:
            scrapy_settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
            stack.callback(_filter_crawl_logs(root.handlers, log_level))
        process = AsyncCrawlerProcess(scrapy_settings)
        crawler = process.create_crawler(BaodantocSpider)
        args = {"since": since, "until": until, "section": section, "limit": limit,
                "urls": ",".join(urls) if urls else None, "hosts": ",".join(hosts) if hosts else None}
        task = process.crawl(crawler, **{k: v for k, v in args.items() if v is not None})
        _reactor_used = True
        process.start()
    failure = task.exception() if task.done() and not task.cancelled() else None
    if failure is not None:
        raise CrawlError(f"the crawl could not start: {type(failure).__name__}: {failure}") from failure
    extension = next((m for m in crawler.extensions.middlewares if hasattr(m, "report")), None)
    if extension is None or extension.report is None:
        raise CrawlError("the crawl ended before it produced a report (see the log above)")
    return extension.report


class _CrawlLogFilter(logging.Filter):
    """Drops the crawl's own records (Scrapy, Twisted, the ``crawler`` package) below a level."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level or record.name.partition(".")[0] not in CRAWL_LOGGERS


def _filter_crawl_logs(handlers: list[logging.Handler], log_level: str) -> Callable[[], None]:
    """Make ``handlers`` show the crawl's records at ``log_level`` and up; returns the undo.

    Why a filter and not a level: Scrapy resets its loggers to DEBUG when the crawler process
    starts (and logs its versions at INFO right then), and a handler's level would also hide
    what later stages log: ``baodantoc run`` quiets the crawl with CRITICAL but still shows a
    failing extraction.
    """
    crawl_filter = _CrawlLogFilter(logging.getLevelName(log_level))
    for handler in handlers:
        handler.addFilter(crawl_filter)

    def undo() -> None:
        for handler in handlers:
            handler.removeFilter(crawl_filter)

    return undo


def _crawl_in_child(options: dict[str, Any]) -> CrawlReport:
    """Run ``_crawl_here`` in ``python -m baodantoc.crawling`` and read its report back."""
    result = subprocess.run([sys.executable, "-m", "baodantoc.crawling", json.dumps(options)],
                            capture_output=True, text=True, check=False)
    for line in reversed(result.stdout.splitlines()):
        if line.startswith(REPORT_MARK):
            return CrawlReport.from_dict(json.loads(line[len(REPORT_MARK):]))
    for line in reversed(result.stdout.splitlines()):
        if line.startswith("ERROR "):
            raise CrawlError(line[len("ERROR "):])
    tail = "\n".join(result.stderr.strip().splitlines()[-5:])
    raise CrawlError(f"crawl process exited with status {result.returncode} and no report:\n{tail}")


def _main(argv: list[str]) -> int:
    """Child side of ``in_subprocess``: options as one JSON argument, report as one stdout line."""
    options = json.loads(argv[0])
    options["progress"] = False
    try:
        report = _crawl_here(**options)
    except CrawlError as exc:
        print(f"ERROR {exc}", flush=True)
        return 1
    print(REPORT_MARK + json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
