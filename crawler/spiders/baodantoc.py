"""The ``baodantoc`` spider: discover the paper's articles and read each one into a record.

Discovery, per seed host (``sites.SEED_HOSTS``): robots.txt -> sitemaps (index, monthly files,
category listings) -> RSS feeds (the feed index and the host's known feeds) -> the home page's menu
-> every section listing, paged deep until it is empty, past ``since``, or at the page cap.
Sections are never hard-coded: they come from menus and sitemaps. Each article is requested once,
at its canonical URL, keyed by the id in its URL (so www., m. and the channel give one request).

The spider knows nothing of storage: incremental skipping is a spider middleware, validation,
filters, cross-post linking and the store are item pipelines. Arguments (``-a name=value``):
since, until (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601), section (a section path: "van-hoa", "chinh-sach/giam-ngheo"),
limit (articles to store), urls (comma-separated article URLs: fetch only those), hosts
(comma-separated seed hosts).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from ...records import utc_now
from .. import discovery, urls
from ..compression import InflateError, maybe_inflate
from ..errors import classify
from ..filters import CrawlFilters
from ..hints import SectionHints
from ..layouts import parse_html
from ..layouts.bundle import utf8_mislabelled
from ..logformat import quiet_network_tracebacks
from ..sites import SEED_HOSTS, SITE_BY_HOST, SITES

log = logging.getLogger(__name__)

# Scheduling priorities: finish articles before paging further (bounded queues, early items).
P_ROBOTS, P_SITEMAP, P_FEED, P_HOME, P_ARTICLE, P_LISTING = 40, 30, 25, 20, 10, 0
STATS = "baodantoc"


class BaodantocSpider(scrapy.Spider):
    """Báo Dân tộc và Phát triển: baodantoc.vn, its hosts, and its VietNamNet channel."""

    name = "baodantoc"
    # a safety net under the spider's own scope rule (urls.in_scope): never leave these domains
    allowed_domains = sorted({h for site in SITES for h in site.hosts})

    def __init__(self, since: str | None = None, until: str | None = None, section: str | None = None,
                 limit: str | None = None, urls: str | None = None, hosts: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.filters = CrawlFilters.from_args(since, until, section, limit)
        self.seed_article_urls = [u.strip() for u in (urls or "").split(",") if u.strip()]
        self.seed_hosts = [h.strip() for h in (hosts or "").split(",") if h.strip()] or list(SEED_HOSTS)
        unknown = [h for h in self.seed_hosts if h not in SITE_BY_HOST]
        if unknown:
            raise ValueError(f"hosts: not one of the paper's hosts: {', '.join(unknown)}")
        self.seen_ids: set[str] = set()
        self.seen_listings: set[tuple[str, str]] = set()
        # the section of a listing or feed an article was seen in, for pages without a breadcrumb;
        # kept apart from the request because the article may have been requested from elsewhere
        # (a store-backed mapping replaces it in a crawl with a store: crawler/hints.py)
        self.section_hints = SectionHints()
        self.max_pages = 1000
        self.id_margin = timedelta(days=30)
        self.max_bytes = 4 * 1024 * 1024  # DOWNLOAD_MAXSIZE: what a .xml.gz sitemap may inflate to

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> BaodantocSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        quiet_network_tracebacks()  # the report counts network failures; their tracebacks are noise
        spider.max_pages = crawler.settings.getint("BAODANTOC_MAX_LISTING_PAGES")
        spider.id_margin = timedelta(days=crawler.settings.getint("BAODANTOC_ID_DATE_MARGIN_DAYS"))
        spider.max_bytes = crawler.settings.getint("DOWNLOAD_MAXSIZE") or None
        return spider

    # -- seeds -------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.seed_requests():
            yield request

    def seed_requests(self) -> Iterator[scrapy.Request]:
        """robots.txt, feeds and the home page of each seed host (or just the given articles)."""
        if self.seed_article_urls:
            for url in self.seed_article_urls:
                request = self.article_request(url, "seed")
                if request:
                    yield request
            return
        for host in self.seed_hosts:
            site = SITE_BY_HOST[host]
            root = f"https://{site.host}"
            if not self.filters.section:  # a section crawl pages that section's listings only
                if site.use_sitemaps:
                    yield self._request(f"{root}/robots.txt", self.parse_robots, P_ROBOTS)
                if site.feed_index:
                    yield self._request(root + site.feed_index, self.parse_feed_index, P_FEED)
                for path in site.feeds:
                    yield self._request(root + path, self.parse_feed, P_FEED)
            yield self._request(f"{root}/", self.parse_home, P_HOME)

    def _request(self, url: str, callback: Any, priority: int, **meta: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, priority=priority, meta=meta)

    # -- what to request ---------------------------------------------------------------------
    def _stats(self) -> Any:
        """The crawl's stats, or None for a spider used on its own (tests, a shell)."""
        crawler = getattr(self, "crawler", None)
        return crawler.stats if crawler is not None else None

    def _stat(self, key: str, count: int = 1) -> None:
        stats = self._stats()
        if stats is not None:
            stats.inc_value(f"{STATS}/{key}", count)

    def _limit_reached(self) -> bool:
        limit = self.filters.limit
        stats = self._stats()
        return bool(limit and stats and (stats.get_value(f"{STATS}/articles/stored") or 0) >= limit)

    def article_request(self, url: str, found_in: str, date: datetime | None = None,
                        section: str | None = None, listed_on: str | None = None) -> scrapy.Request | None:
        """A request for an article link, or None when it is off-scope, seen, or filtered out.

        ``section``: the section the page ``listed_on`` (a listing or feed URL) shows it under.
        """
        canonical = urls.canonical_url(url)
        article_id = urls.article_id(canonical)
        if article_id is None or not urls.in_scope(canonical):
            return None
        site = urls.site_for(listed_on) if section and listed_on else None
        if section and site is not None:
            self.section_hints.offer(article_id, site.host, section)
        if article_id in self.seen_ids:
            return None
        skip = self.filters.date_skip(date)
        if skip is None and date is None:
            created = urls.id_timestamp(article_id)  # the draft time: published is later, never earlier
            if created and self.filters.until and created > self.filters.until:
                skip = "after_until"
            elif created and self.filters.since and created < self.filters.since - self.id_margin:
                skip = "before_since"
        if skip:
            self.seen_ids.add(article_id)
            self._stat(f"skipped/{skip}")
            return None
        if self._limit_reached():
            return None
        self.seen_ids.add(article_id)
        self._stat(f"discovered/{found_in}")
        return self._request(canonical, self.parse_article, P_ARTICLE, article_id=article_id, found_in=found_in)

    def listing_request(self, url: str, page: int | None = None) -> scrapy.Request | None:
        """A request for a section listing page (first page unless ``page``), or None if unwanted."""
        listing = urls.listing_of(urls.canonical_url(url))
        if listing is None or not urls.in_scope(listing.url(listing.shape.first_page)):
            return None
        if not self.filters.listing_wanted(listing.base):
            return None
        if page is None:
            key = (listing.site.host, listing.base)
            if key in self.seen_listings:
                return None
            self.seen_listings.add(key)
            page = listing.shape.first_page
        return self._request(listing.url(page), self.parse_listing, P_LISTING, listing_page=page)

    # -- callbacks ---------------------------------------------------------------------------
    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        for sitemap in discovery.robots_sitemaps(response.text, response.url):
            if urls.in_scope(sitemap) or urls.site_for(sitemap):
                yield self._request(sitemap, self.parse_sitemap, P_SITEMAP)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """@url https://baodantoc.vn/sitemap.xml
        @returns requests 1
        """
        try:  # a .xml.gz file (HTTP compression Scrapy has undone already, within the same cap)
            kind, entries = discovery.sitemap_entries(maybe_inflate(response.body, self.max_bytes))
        except InflateError as exc:
            self._stat(f"errors/{exc.kind}")
            log.warning("%s: sitemap %s (%s)", exc.kind, response.url, exc)
            return
        for entry in entries:
            # lastmod is the last change: before `since` means published before it as well
            if self.filters.since and entry.date and entry.date < self.filters.since:
                continue
            if kind == "sitemapindex":
                if urls.site_for(entry.url):
                    yield self._request(entry.url, self.parse_sitemap, P_SITEMAP)
                continue
            request = self.article_request(entry.url, "sitemap") or self.listing_request(entry.url)
            if request:
                yield request

    def parse_feed_index(self, response: Response) -> Iterator[scrapy.Request]:
        if isinstance(response, TextResponse):
            for feed in discovery.feed_links(response.selector, response.url):
                if urls.in_scope(feed):
                    yield self._request(feed, self.parse_feed, P_FEED)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        section = discovery.feed_section(response.url)
        for item in discovery.feed_items(response.body):
            request = self.article_request(item.url, "feed", item.date, section, response.url)
            if request:
                yield request

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """@url https://baodantoc.vn/
        @returns requests 5
        """
        if not isinstance(response, TextResponse):
            return
        sel = response.selector
        for url in discovery.menu_links(sel, response.url):
            request = self.listing_request(url)
            if request:
                yield request
        if not self.filters.section:
            for feed in discovery.feed_links(sel.css("head"), response.url):
                if urls.in_scope(feed):
                    yield self._request(feed, self.parse_feed, P_FEED)
            for url in discovery.all_links(sel, response.url):
                request = self.article_request(url, "home")
                if request:
                    yield request

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """@url https://baodantoc.vn/chinh-sach.htm
        @returns requests 2
        """
        if not isinstance(response, TextResponse):
            return
        items = discovery.listing_items(response.selector, response.url)
        listing = urls.listing_of(urls.canonical_url(response.url))
        for item in items:
            request = self.article_request(item.url, "listing", item.date, listing.section if listing else None,
                                           response.url)
            if request:
                yield request
        if self._past_since(items):
            self._stat("listings/stopped_at_since")
            return
        page = response.meta.get("listing_page", listing.page if listing else 0)
        if not items or listing is None or self._limit_reached():
            return
        if page - listing.shape.first_page + 1 >= self.max_pages:
            self._stat("listings/stopped_at_page_cap")
            return
        request = self.listing_request(response.url, page=page + 1)
        if request:
            yield request

    def _past_since(self, items: list[discovery.Link]) -> bool:
        """Is every item of a listing page older than ``since``? Listings run newest first."""
        since = self.filters.since
        if since is None or not items:
            return False
        for item in items:
            moment = item.date
            if moment is None:
                created = urls.id_timestamp(urls.article_id(urls.canonical_url(item.url)) or "")
                moment = created + self.id_margin if created else None
            if moment is None or moment >= since:
                return False
        return True

    def parse_article(self, response: Response) -> Iterator[Any]:
        """@url https://baodantoc.vn/lao-cai-dai-hoi-dai-bieu-cac-dtts-lan-thu-iii-thanh-cong-tot-dep-1571271600017.htm
        @returns items 1 1
        @scrapes article_id title sapo author published_at body text section
        """
        if not isinstance(response, TextResponse):
            self._stat("skipped/not_html")
            return
        sniffed = utf8_mislabelled(response.body, response.encoding)  # UTF-8 served as ISO-8859-1
        try:
            html = response.body.decode("utf-8-sig") if sniffed else response.text
            record = parse_html(html, response.url, fetched_at=utc_now(), http_status=response.status)
        except Exception as exc:  # a parser bug must cost one page, not the crawl
            log.exception("could not parse %s", response.url)
            self._stat(f"errors/parse:{type(exc).__name__}")
            return
        if sniffed:
            self._stat("repaired/charset")
            record.extraction.setdefault("encoding", "sniffed")
        if record.extraction.get("encoding") == "repaired":
            self._stat("repaired/mojibake")
        site = urls.site_for(record.canonical_url or "")
        hint = self.section_hints.get(record.article_id or "", site.host) if site and not record.section else None
        if hint:
            record.section = hint  # a page without breadcrumb (e-magazine): the listing it was in
            record.extraction["section"] = "listing"
        seen_at = [*response.meta.get("redirect_urls", []), response.url]
        record.alternate_urls = sorted({*record.alternate_urls, *(u for u in seen_at if u != record.canonical_url)})
        yield record
        site = urls.site_for(response.url)
        if site is not None and not site.sections_only:  # never wander through another outlet
            for url in record.related_urls:
                request = self.article_request(url, "related")
                if request:
                    yield request

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by kind (the report's "errors"); robots refusals are skips."""
        kind = classify(failure)
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if kind == "robots":
            self._stat("skipped/robots_disallowed")
            return
        is_article = bool(request is not None and request.meta.get("article_id"))
        self._stat(f"errors/{kind}")
        if is_article:
            self._stat("articles/failed")
        log.warning("%s: %s (%s)", kind, url, failure.getErrorMessage())
