"""Scrapy settings of the ``baodantoc`` project: polite defaults for a public newspaper.

Our own settings are prefixed ``BAODANTOC_`` and every component has an ``_ENABLED`` switch (the
README's "Crawling" section has the table). ``baodantoc crawl`` overrides some of them per run
(output folder, filters, sample-site host map); ``scrapy crawl baodantoc`` uses these as they are.
"""

from __future__ import annotations

import os

from ..config import VERSION

BOT_NAME = "baodantoc"
SPIDER_MODULES = ["baodantoc.crawler.spiders"]
NEWSPIDER_MODULE = "baodantoc.crawler.spiders"

# --- politeness -----------------------------------------------------------------------------
#: Who we are and where to complain: set BAODANTOC_CONTACT to your own URL or e-mail address.
BAODANTOC_CONTACT = os.environ.get("BAODANTOC_CONTACT", "https://github.com/baodantoc/baodantoc")
USER_AGENT = f"baodantoc-crawler/{VERSION} (research crawler; +{BAODANTOC_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
#: An article page is 20-300 KB (an e-magazine up to ~1 MB); a response over this is not a page we
#: can use and is cancelled (counted as "oversized").
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0  # the oversized count in the report replaces the warning
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "vi,en;q=0.5",
}

# --- optional HTTP cache (``--http-cache``): re-runs during development fetch nothing twice --
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 24 * 3600
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 408, 429]

# --- reaching the sample site (crawler/hostmap.py) --------------------------------------------
DOWNLOAD_HANDLERS = {
    "http": "baodantoc.crawler.hostmap.HostMapDownloadHandler",
    "https": "baodantoc.crawler.hostmap.HostMapDownloadHandler",
}
#: {host: "http://127.0.0.1:PORT"}: send requests for these hosts to a local origin.
BAODANTOC_HOST_MAP: dict[str, str] = {}
#: Start the bundled sample site in a thread and map all its hosts (for `scrapy crawl`/`check`).
BAODANTOC_SAMPLE_SITE_ENABLED = False
BAODANTOC_SAMPLE_SITE_SYNTHETIC = 0

# --- our components -------------------------------------------------------------------------
SPIDER_MIDDLEWARES = {
    "baodantoc.crawler.middlewares.IncrementalMiddleware": 950,
}
#: Before Scrapy's RedirectMiddleware (600) sees a response: loops and off-site targets are
#: refused and counted (crawler/redirects.py).
DOWNLOADER_MIDDLEWARES = {
    "baodantoc.crawler.redirects.RedirectGuardMiddleware": 650,
}
BAODANTOC_REDIRECT_GUARD_ENABLED = True
ITEM_PIPELINES = {
    "baodantoc.crawler.drift.DriftPipeline": 50,
    "baodantoc.crawler.pipelines.ValidatePipeline": 100,
    "baodantoc.crawler.pipelines.FilterPipeline": 200,
    "baodantoc.crawler.pipelines.StorePipeline": 400,
}
EXTENSIONS = {
    "baodantoc.crawler.jobdir.JobdirExtension": 400,
    "baodantoc.crawler.hints.SectionHintsExtension": 450,
    "baodantoc.crawler.report.CrawlReportExtension": 500,
    "baodantoc.crawler.progress.ProgressExtension": 510,
}

#: The SQLite store every pipeline writes to (``--output`` sets it).
BAODANTOC_STORE = os.path.join(os.environ.get("BAODANTOC_OUTPUT", "output"), "baodantoc.sqlite")
#: Skip article ids already in the store (``--refresh`` turns this off).
BAODANTOC_INCREMENTAL_ENABLED = True
BAODANTOC_VALIDATE_ENABLED = True
BAODANTOC_FILTER_ENABLED = True
#: Link VietNamNet cross-posts to their original (done by the store pipeline).
BAODANTOC_CROSSPOSTS_ENABLED = True
BAODANTOC_STORE_ENABLED = True
#: Items written per transaction: a batch commits whole or not at all. 1 commits each article as it
#: comes, so a killed crawl loses at most the one being written (and it is fetched again on
#: resume); a commit under WAL costs about 0.2 ms, invisible next to a fetch.
BAODANTOC_STORE_BATCH = 1
#: Seconds a write waits for another process's lock (an extract, another crawl) before the batch is
#: kept for later; every write transaction in the store lasts milliseconds.
BAODANTOC_STORE_BUSY_TIMEOUT_S = 10.0
#: At the end of the crawl, attempts at a batch still locked out, BAODANTOC_STORE_RETRY_DELAY_S
#: apart (growing); what is still not written then is counted under errors as store:locked.
BAODANTOC_STORE_LOCK_RETRIES = 6
BAODANTOC_STORE_RETRY_DELAY_S = 1.0
#: Keep section hints (the listing an article was seen in) in the store (crawler/hints.py), written
#: every this many seconds.
BAODANTOC_HINTS_ENABLED = True
BAODANTOC_HINTS_FLUSH_S = 1.0
#: With JOBDIR (`--jobdir`): lock the folder, mark it, and rebuild the frontier after a kill
#: (crawler/jobdir.py).
BAODANTOC_JOBDIR_ENABLED = True
BAODANTOC_REPORT_ENABLED = True
#: The running crawl's report is saved in its crawl_runs row this often (what a killed crawl leaves).
BAODANTOC_REPORT_SAVE_S = 5.0
BAODANTOC_PROGRESS_ENABLED = True
#: Stop paging a listing after this many pages (the live site has sections past p300).
BAODANTOC_MAX_LISTING_PAGES = 1000
#: A 13-digit id is the draft's creation time; a listing item whose id is older than `since` by
#: more than this many days is taken as published before `since` when no date is printed.
BAODANTOC_ID_DATE_MARGIN_DAYS = 30

# --- end-of-crawl checks (Spidermon-style) ----------------------------------------------------
#: Percent of stored articles that must have each field; a check set to None refuses to run.
BAODANTOC_COVERAGE_ENABLED = True
BAODANTOC_COVERAGE_MIN = {"title": 100, "published_at": 95, "author": 60, "body": 100, "section": 90}
#: Fewest articles a crawl must store (or find unchanged) to pass.
BAODANTOC_MIN_ARTICLES = 1

# --- the drift alarm (crawler/drift.py): a known host's pages falling back to the generic layer --
BAODANTOC_DRIFT_ENABLED = True
#: Percent of a host's article pages that no layout of ours recognized (read by the generic
#: layout) above which the run fails. The sample site reads 2 of its 39 baodantoc.vn pages so
#: (the two static pages with article-like URLs, 5%); a redesign of one section in ten shows as
#: 10-15%, of the whole site as ~100%.
BAODANTOC_DRIFT_MAX_GENERIC = 20
#: Percent of a host's articles whose field came from a fallback layer (generic, id_timestamp,
#: listing). On the sample site: 0% for every field but author (0%) and published_at (the two
#: "5 giờ trước" pages: "relative", not a fallback).
BAODANTOC_DRIFT_MAX_FALLBACK = {"title": 20, "published_at": 20, "author": 30, "body": 20, "section": 30}
#: Hosts with fewer article pages than this in a run are not judged (a --url crawl of a few pages).
BAODANTOC_DRIFT_MIN_PAGES = 10
#: Sample URLs listed per alarm.
BAODANTOC_DRIFT_SAMPLES = 5

# Resumable crawls: `--jobdir DIR` sets JOBDIR (scheduler queue, seen requests, spider state);
# crawler/jobdir.py decides whether that state can be trusted.

LOG_LEVEL = "INFO"
LOG_FORMATTER = "baodantoc.crawler.logformat.QuietDropFormatter"
FEED_EXPORT_ENCODING = "utf-8"
