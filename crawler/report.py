"""The end-of-crawl report: what was fetched, stored and skipped and why, and whether it passes.

Built from the crawl's stats (every component counts under ``baodantoc/...``), saved as JSON in
``crawl_runs.report`` and returned by ``baodantoc.jobs.crawl.crawl()``. The run's row is written
when the spider opens and its report saved every ``BAODANTOC_REPORT_SAVE_S`` seconds, so a crawl
that is killed still leaves its row, which the next crawl marks ``interrupted``. The checks are thresholds in
settings, Spidermon-style: ``BAODANTOC_MIN_ARTICLES`` and ``BAODANTOC_COVERAGE_MIN`` (percent of
stored articles per field). A check whose threshold has no value refuses to run the crawl at all,
rather than passing silently.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..records import COVERAGE_FIELDS, now_iso
from ..store import DatabaseError, StoreError, connect, crawl_runs
from ..store.db import is_busy, write_transaction
from .drift import DriftThresholds, alarms, check_drift_thresholds, host_summary
from .storefail import STORE_ERROR, stop_on_store_error

log = logging.getLogger(__name__)
PREFIX = "baodantoc/"


class ThresholdError(ValueError):
    """A check is configured without a usable threshold; the crawl must not start."""


def check_thresholds(min_articles: Any, coverage_min: Any) -> tuple[int, dict[str, float]]:
    """Validated thresholds, or ThresholdError naming the setting that has no value."""
    if min_articles is None or isinstance(min_articles, bool):
        raise ThresholdError("BAODANTOC_MIN_ARTICLES has no value: set a number (0 disables the check)")
    try:
        minimum = int(min_articles)
    except (TypeError, ValueError):
        raise ThresholdError(f"BAODANTOC_MIN_ARTICLES must be a whole number, got {min_articles!r}") from None
    if not isinstance(coverage_min, dict):
        raise ThresholdError("BAODANTOC_COVERAGE_MIN must be a {field: percent} mapping")
    coverage: dict[str, float] = {}
    for name, value in coverage_min.items():
        if name not in COVERAGE_FIELDS:
            raise ThresholdError(f"BAODANTOC_COVERAGE_MIN: unknown field {name!r}; known: {', '.join(COVERAGE_FIELDS)}")
        if value is None or isinstance(value, bool):
            raise ThresholdError(f"BAODANTOC_COVERAGE_MIN[{name!r}] has no value: set a percent or remove the check")
        number = float(value)
        if not 0 <= number <= 100:
            raise ThresholdError(f"BAODANTOC_COVERAGE_MIN[{name!r}] must be 0-100, got {value!r}")
        coverage[name] = number
    return minimum, coverage


def drift_thresholds(settings: Any) -> DriftThresholds:
    """The drift alarm's thresholds from Scrapy settings (DriftError when one has no usable value)."""
    return check_drift_thresholds(settings.get("BAODANTOC_DRIFT_MAX_GENERIC"),
                                  settings.getdict("BAODANTOC_DRIFT_MAX_FALLBACK"),
                                  settings.get("BAODANTOC_DRIFT_MIN_PAGES"), settings.get("BAODANTOC_DRIFT_SAMPLES"))


def _group(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items())
            if k.startswith(prefix) and isinstance(v, int) and v}


@dataclass
class CrawlReport:
    """The report of one crawl (JSON-ready through ``to_dict``)."""

    started_at: str | None = None
    finished_at: str | None = None
    finish_reason: str | None = None
    elapsed_s: float = 0.0
    filters: dict[str, Any] = field(default_factory=dict)
    pages_fetched: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    layers: dict[str, dict[str, int]] = field(default_factory=dict)
    crossposts: dict[str, int] = field(default_factory=dict)
    discovered: dict[str, int] = field(default_factory=dict)
    #: per host: article pages, layouts, each watched field's layers, sample URLs (crawler/drift.py)
    hosts: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: thresholds a known host crossed, each with a sentence and sample URLs
    drift: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    run_id: int | None = None
    store: str | None = None
    #: the job folder (--jobdir): dir, mode (new | resumed | rebuilt), why, started_at, run
    job: dict[str, Any] = field(default_factory=dict)
    #: pages whose text was repaired: charset (UTF-8 served as ISO-8859-1), mojibake (ftfy)
    repaired: dict[str, int] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when every check that ran passed."""
        return all(c["passed"] is not False for c in self.checks)

    @property
    def stored(self) -> int:
        """Articles written or confirmed this run (new + updated + unchanged)."""
        return sum(self.articles.get(k, 0) for k in ("new", "updated", "unchanged"))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"] = self.passed
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlReport:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def build_report(stats: dict[str, Any], min_articles: int, coverage_min: dict[str, float],
                 drift: DriftThresholds | None = None) -> CrawlReport:
    """Turn crawl stats into a report and run the checks (``drift``: the drift alarm's thresholds)."""
    articles = _group(stats, PREFIX + "articles/")
    stored = sum(articles.get(k, 0) for k in ("new", "updated", "unchanged"))
    counts = _group(stats, PREFIX + "coverage/")
    coverage = {f: round(100.0 * counts.get(f, 0) / stored, 1) if stored else 0.0 for f in COVERAGE_FIELDS}
    layers: dict[str, dict[str, int]] = {}
    for key, n in _group(stats, PREFIX + "layers/").items():
        name, _, layer = key.partition("/")
        layers.setdefault(name, {})[layer] = n
    report = CrawlReport(
        pages_fetched=int(stats.get("downloader/response_count", 0)),
        statuses=_group(stats, "downloader/response_status_count/"),
        articles=articles, skipped=_group(stats, PREFIX + "skipped/"), errors=_group(stats, PREFIX + "errors/"),
        coverage=coverage, layers=layers, crossposts=_group(stats, PREFIX + "crossposts/"),
        discovered=_group(stats, PREFIX + "discovered/"), repaired=_group(stats, PREFIX + "repaired/"),
    )
    seen = stored + report.skipped.get("already_stored", 0)
    report.checks.append({"name": "articles", "threshold": min_articles, "value": seen, "passed": seen >= min_articles})
    for name, threshold in coverage_min.items():
        ran = stored > 0
        report.checks.append({"name": f"coverage:{name}", "threshold": threshold, "value": coverage[name],
                              "passed": (coverage[name] >= threshold) if ran else None})
    report.hosts = host_summary(stats)
    if drift is not None:
        report.drift = alarms(report.hosts, drift, coverage_min)
        for alarm in report.drift:
            name = ":".join(x for x in ("drift", alarm["host"], alarm["kind"], alarm["field"]) if x)
            report.checks.append({"name": name, "threshold": alarm["threshold"], "value": alarm["value"],
                                  "op": alarm["op"], "passed": False})
    return report


class CrawlReportExtension:
    """Opens the run's row in ``crawl_runs`` when the spider opens (marking the killed runs of
    earlier crawls ``interrupted``), saves the report so far every ``save_every`` seconds, and the
    final report, with how the run ended, when the spider closes."""

    def __init__(self, crawler: Any, store_path: str, min_articles: int, coverage_min: dict[str, float],
                 drift: DriftThresholds | None = None, save_every: float = 5.0) -> None:
        self.crawler = crawler
        self.store_path = store_path
        self.min_articles = min_articles
        self.coverage_min = coverage_min
        self.drift = drift
        self.save_every = save_every
        self.started_at: str | None = None
        self._clock = time.monotonic()
        self.report: CrawlReport | None = None
        self.run_id: int | None = None
        self._loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlReportExtension:
        settings = crawler.settings
        if not settings.getbool("BAODANTOC_REPORT_ENABLED"):
            raise NotConfigured
        coverage = settings.getdict("BAODANTOC_COVERAGE_MIN") if settings.getbool("BAODANTOC_COVERAGE_ENABLED") else {}
        minimum, coverage_min = check_thresholds(settings.get("BAODANTOC_MIN_ARTICLES"), coverage)
        drift = drift_thresholds(settings) if settings.getbool("BAODANTOC_DRIFT_ENABLED") else None
        ext = cls(crawler, settings.get("BAODANTOC_STORE"), minimum, coverage_min, drift,
                  settings.getfloat("BAODANTOC_REPORT_SAVE_S"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        from twisted.internet import task

        self.started_at = now_iso()
        self._clock = time.monotonic()
        dead: list[int] = []
        try:
            db = connect(self.store_path)
            try:
                with write_transaction(db):
                    dead = crawl_runs.mark_dead_runs(db, crawl_runs.process_alive)
                    self.run_id = crawl_runs.start_run(db, self.started_at, self._seeds(), self._job().get("dir"))
            finally:
                db.close()
        except (StoreError, DatabaseError) as exc:
            stop_on_store_error(self.crawler, self.store_path, exc, opening=True)
        if dead:
            log.warning("crawl runs %s were killed before they ended: marked interrupted in crawl_runs",
                        ", ".join(map(str, dead)))
        if self.save_every > 0:
            self._loop = task.LoopingCall(self.save_progress)
            self._loop.start(self.save_every, now=False)

    def _seeds(self) -> list[str]:
        spider = self.crawler.spider
        return list(getattr(spider, "seed_article_urls", None) or getattr(spider, "seed_hosts", []))

    def _job(self) -> dict[str, Any]:
        from .jobdir import JobdirExtension

        ext = next((m for m in self.crawler.extensions.middlewares if isinstance(m, JobdirExtension)), None)
        return ext.describe() if ext is not None else {}

    def build(self, reason: str | None) -> CrawlReport:
        """The report of this run from the stats so far (``reason`` None while it runs)."""
        report = build_report(self.crawler.stats.get_stats(), self.min_articles, self.coverage_min, self.drift)
        report.started_at = self.started_at
        report.finish_reason = reason
        report.elapsed_s = round(time.monotonic() - self._clock, 3)
        spider = self.crawler.spider
        report.filters = spider.filters.describe() if hasattr(spider, "filters") else {}
        report.store = self.store_path
        report.run_id = self.run_id
        report.job = self._job()
        return report

    def save_progress(self) -> None:
        """Write the report so far into the run's row (what is left if the crawl is killed)."""
        if self.run_id is None:
            return
        try:
            db = connect(self.store_path)
            try:
                with write_transaction(db):
                    crawl_runs.update_run(db, self.run_id, self.build(None).to_dict())
            finally:
                db.close()
        except (StoreError, DatabaseError) as exc:
            if not is_busy(exc):
                stop_on_store_error(self.crawler, self.store_path, exc)
                return
            log.warning("crawl report not saved yet (the next save will do): %s", exc)

    def spider_closed(self, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        report = self.build(reason)
        report.finished_at = now_iso()
        self.report = report
        if self.crawler.stats.get_value(STORE_ERROR):
            return  # the store failed: it is not written to again
        try:
            db = connect(self.store_path)
            try:
                with write_transaction(db):
                    if self.run_id is None:  # the spider never opened (a failed start)
                        self.run_id = report.run_id = crawl_runs.start_run(db, report.started_at, self._seeds())
                    crawl_runs.finish_run(db, self.run_id, report.finished_at, report.to_dict(),
                                          crawl_runs.status_of(reason))
            finally:
                db.close()
        except (StoreError, DatabaseError) as exc:
            stop_on_store_error(self.crawler, self.store_path, exc)
            return
        log.info("crawl report (run %s): %d pages, articles %s, skipped %s, errors %s, passed=%s",
                 report.run_id, report.pages_fetched, report.articles, report.skipped, report.errors, report.passed)
