"""Crawl the paper into the store: the library function behind ``baodantoc crawl`` (and ``run``).

``crawl(CrawlOptions(...))`` returns a :class:`~baodantoc.crawler.report.CrawlReport`. One options
object, because the crawl's choices travel through the CLI, ``run`` and a child process alike.
Scrapy's Twisted reactor can run only once per process, so a second crawl in the same process
(a test suite, a notebook, ``baodantoc run`` after something else crawled) must set
``in_subprocess``: the crawl then runs in a fresh ``python -m baodantoc.jobs.crawl`` and the report
comes back as JSON.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..config import default_store_path
from ..crawler.drift import DriftError
from ..crawler.filters import CrawlFilters, FilterError
from ..crawler.report import CrawlReport, ThresholdError, check_thresholds, drift_thresholds
from ..store import DatabaseError, StoreError, connect
from ..store.sections import known_sections, section_prefix_known

#: Marks the report line a child crawl prints on stdout.
REPORT_MARK = "BAODANTOC-CRAWL-REPORT "
#: Top-level loggers whose records are the crawl's own (shown at the crawl's ``log_level``).
#: (trafilatura and the libraries it calls log from inside the generic layout: a page they cannot
#: read is the crawl's business, counted in its report, not a line for the user)
CRAWL_LOGGERS = ("scrapy", "twisted", "baodantoc.crawler", "trafilatura", "htmldate", "courlan", "justext")
_reactor_used = False


class CrawlError(RuntimeError):
    """The crawl could not run (bad arguments, settings, sample site, child process); message says why."""


@dataclass
class CrawlOptions:
    """What one crawl does.

    sample: start the sample site in its own process and crawl it (throttling off unless
        ``throttle``); synthetic: generated articles it adds; drifted: it serves some sections in
        a redesign no layout knows (the drift alarm's rehearsal).
    since, until: publication window, YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601 (until's period is included);
    section: a section path ("van-hoa", "chinh-sach/giam-ngheo"); limit: articles to store.
    refresh: fetch articles already stored too (else they are skipped); jobdir: folder that makes
        the crawl resumable (rerun with the same folder after an interruption);
    output: output folder holding the store (default ``output/``); http_cache: cache responses.
    urls: fetch only these article URLs; hosts: seed hosts (default: all of the paper's);
    host_map: {host: local origin} to reach hosts elsewhere; settings: extra Scrapy settings.
    log_level: the crawl's own log lines shown from this level; in_subprocess: run in a child
    Python process (needed for a second crawl in one process).
    """

    sample: bool = False
    synthetic: int = 0
    drifted: bool = False
    since: str | None = None
    until: str | None = None
    section: str | None = None
    limit: int | None = None
    refresh: bool = False
    jobdir: str | None = None
    output: str | None = None
    http_cache: bool = False
    urls: list[str] | None = None
    hosts: list[str] | None = None
    host_map: dict[str, str] | None = None
    throttle: bool | None = None
    log_level: str = "WARNING"
    settings: dict[str, Any] | None = None
    in_subprocess: bool = False
    #: receives the live status line (None ends it); not sent to a child process
    progress: Callable[[str | None], None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # paths travel as text: the options go to a child process as JSON
        self.jobdir = str(self.jobdir) if self.jobdir else None
        self.output = str(self.output) if self.output else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlOptions:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def build_settings(options: CrawlOptions) -> Any:
    """The project settings with this run's choices applied (validated thresholds included)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("baodantoc.crawler.settings", priority="project")
    output = Path(options.output) if options.output else None
    throttle = not options.sample if options.throttle is None else options.throttle
    run: dict[str, Any] = {
        "BAODANTOC_STORE": str(default_store_path(output)),
        "BAODANTOC_INCREMENTAL_ENABLED": not options.refresh,
        "HTTPCACHE_ENABLED": options.http_cache,
        "LOG_LEVEL": options.log_level,
        "BAODANTOC_PROGRESS_ENABLED": options.progress is not None,
        "BAODANTOC_PROGRESS_SINK": options.progress,
    }
    if options.jobdir is not None:
        run["JOBDIR"] = options.jobdir
    if options.host_map:
        run["BAODANTOC_HOST_MAP"] = options.host_map
    if not throttle:  # a local site: no reason to wait between requests
        run.update({"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": 16})
    settings.setdict(run, priority="cmdline")
    if options.settings:
        settings.setdict(options.settings, priority="cmdline")
    coverage = settings.getdict("BAODANTOC_COVERAGE_MIN") if settings.getbool("BAODANTOC_COVERAGE_ENABLED") else {}
    try:
        check_thresholds(settings.get("BAODANTOC_MIN_ARTICLES"), coverage)
        if settings.getbool("BAODANTOC_DRIFT_ENABLED"):
            drift_thresholds(settings)
    except (ThresholdError, DriftError) as exc:
        raise CrawlError(str(exc)) from exc
    return settings


def crawl(options: CrawlOptions | None = None, **kwargs: Any) -> CrawlReport:
    """Crawl the paper (or the bundled sample site) into the store and return the report.

    Takes a :class:`CrawlOptions`, or its fields as keywords (``crawl(sample=True)``).
    Raises CrawlError for anything that prevents the crawl from running; a crawl that runs but
    fails its checks returns a report with ``passed == False``.
    """
    options = replace(options, **kwargs) if options is not None else CrawlOptions(**kwargs)
    try:
        CrawlFilters.from_args(options.since, options.until, options.section, options.limit)
    except FilterError as exc:
        raise CrawlError(str(exc)) from exc
    if options.section:
        _check_section(options.section, default_store_path(Path(options.output) if options.output else None))
    if options.in_subprocess:
        return _crawl_in_child(options)
    return _crawl_here(options)


#: Sections named in an "unknown section" error.
MAX_SECTIONS_LISTED = 30


def _check_section(section: str, store: Path) -> None:
    """A ``--section`` no stored article is in (nor under) is a typo until shown otherwise: say so and
    list the known sections. Not checked against an empty store or one without sections: the
    site's menu, read during the crawl, is then the only list there is."""
    if not store.exists():
        return
    try:
        db = connect(store, readonly=True)
    except (StoreError, DatabaseError):
        return  # the crawl itself reports an unusable store
    try:
        known = section_prefix_known(db, section)
        names = known_sections(db) if known is False else []
    except DatabaseError:
        return
    finally:
        db.close()
    if known is False:
        listed = ", ".join(names[:MAX_SECTIONS_LISTED]) + (" ..." if len(names) > MAX_SECTIONS_LISTED else "")
        raise CrawlError(f"--section {section!r} is not a section of the articles in {store}; known: {listed} "
                         "(a section the site added since: crawl once without --section)")


def _crawl_here(options: CrawlOptions) -> CrawlReport:
    global _reactor_used
    if _reactor_used:
        raise CrawlError("a crawl already ran in this process (Twisted allows one); pass in_subprocess=True")
    from scrapy.crawler import AsyncCrawlerProcess

    from ..crawler.jobdir import JobdirInUse
    from ..crawler.spiders.baodantoc import BaodantocSpider
    from ..crawler.storefail import STORE_ERROR

    check_store(build_settings(options).get("BAODANTOC_STORE"))
    with ExitStack() as stack:
        if options.sample and not options.host_map:
            from ..crawler.sample_site import start_process

            try:
                site = stack.enter_context(start_process(port=0, synthetic=options.synthetic,
                                                         drifted=options.drifted))
            except RuntimeError as exc:
                raise CrawlError(str(exc)) from exc
            options = replace(options, host_map={host: site.origin for host in site.hosts})
        scrapy_settings = build_settings(options)
        # under an application that configured logging (the CLI), Scrapy must not add a second
        # root handler (every line would print twice), so LOG_LEVEL, which only Scrapy's handler
        # reads, would be ignored
        root = logging.getLogger()
        if root.handlers:
            scrapy_settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
            stack.callback(_filter_crawl_logs(root.handlers, options.log_level))
        process = AsyncCrawlerProcess(scrapy_settings)
        crawler = process.create_crawler(BaodantocSpider)
        args = {"since": options.since, "until": options.until, "section": options.section, "limit": options.limit,
                "urls": ",".join(options.urls) if options.urls else None,
                "hosts": ",".join(options.hosts) if options.hosts else None}
        task = process.crawl(crawler, **{k: v for k, v in args.items() if v is not None})
        _reactor_used = True
        process.start()
    failure = task.exception() if task.done() and not task.cancelled() else None
    if isinstance(failure, (JobdirInUse, StoreError)):
        raise CrawlError(str(failure)) from failure
    if failure is not None:
        raise CrawlError(f"the crawl could not start: {type(failure).__name__}: {failure}") from failure
    store_error = crawler.stats.get_value(STORE_ERROR)
    if store_error:
        raise CrawlError(store_error)
    extension = next((m for m in crawler.extensions.middlewares if hasattr(m, "report")), None)
    if extension is None or extension.report is None:
        raise CrawlError("the crawl ended before it produced a report (see the log above)")
    return extension.report


def check_store(path: str) -> None:
    """Open (create, migrate) the store once before crawling: a file that is not a store, or a
    damaged one, stops the crawl with one line before anything is fetched."""
    try:
        connect(path).close()
    except StoreError as exc:
        raise CrawlError(str(exc)) from exc


def _is_crawl_logger(name: str) -> bool:
    return any(name == top or name.startswith(top + ".") for top in CRAWL_LOGGERS)


class _CrawlLogFilter(logging.Filter):
    """Drops the crawl's own records (Scrapy, Twisted, the ``crawler`` package) below a level."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level or not _is_crawl_logger(record.name)


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


def _crawl_in_child(options: CrawlOptions) -> CrawlReport:
    """Run ``_crawl_here`` in ``python -m baodantoc.jobs.crawl`` and read its report back."""
    sent = {k: v for k, v in asdict(replace(options, progress=None)).items() if k not in ("progress", "in_subprocess")}
    result = subprocess.run([sys.executable, "-m", "baodantoc.jobs.crawl", json.dumps(sent)],
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
    options = CrawlOptions.from_dict(json.loads(argv[0]))
    try:
        report = _crawl_here(options)
    except CrawlError as exc:
        print(f"ERROR {exc}", flush=True)
        return 1
    print(REPORT_MARK + json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
