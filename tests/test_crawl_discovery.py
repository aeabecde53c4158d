"""Discovery documents (robots, sitemaps, feeds, menus, listings), crawl filters and failure kinds."""

from __future__ import annotations

from datetime import datetime

import pytest
from parsel import Selector
from scrapy.exceptions import DownloadCancelledError, DownloadFailedError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionDone
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from baodantoc.crawler import discovery
from baodantoc.crawler.errors import classify
from baodantoc.crawler.filters import CrawlFilters, FilterError
from baodantoc.crawler.layouts.dates import VIETNAM

BASE = "https://baodantoc.vn/"


def test_robots_sitemaps_are_absolute_and_case_insensitive() -> None:
    text = "User-agent: *\nDisallow: /search\nSitemap: https://baodantoc.vn/sitemap.xml\nsitemap: /news.xml\n"
    assert discovery.robots_sitemaps(text, BASE) == ["https://baodantoc.vn/sitemap.xml", "https://baodantoc.vn/news.xml"]


def test_sitemap_index_and_urlset_with_lastmod() -> None:
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://baodantoc.vn/sitemaps/sitemap-2025-06.xml</loc>"
             b"<lastmod>2025-06-27T07:30:00+07:00</lastmod></sitemap></sitemapindex>")
    kind, entries = discovery.sitemap_entries(index)
    assert kind == "sitemapindex"
    assert entries == [discovery.Link("https://baodantoc.vn/sitemaps/sitemap-2025-06.xml",
                                      datetime(2025, 6, 27, 7, 30, tzinfo=VIETNAM))]
    kind, entries = discovery.sitemap_entries(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                              b"<url><loc> https://baodantoc.vn/a-1716000000000.htm </loc></url></urlset>")
    assert (kind, entries) == ("urlset", [discovery.Link("https://baodantoc.vn/a-1716000000000.htm", None)])


@pytest.mark.parametrize("body", [b"", b"   ", b"not xml at all", b"\xff\xfe garbage", b"<<<>>>"])
def test_unreadable_sitemaps_give_no_entries(body: bytes) -> None:
    assert discovery.sitemap_entries(body) == ("", [])


def test_an_error_page_served_as_sitemap_gives_no_entries() -> None:
    assert discovery.sitemap_entries(b"<html><body><h1>404</h1><a href='/a-1716000000000.htm'>x</a></body></html>") == (
        "html", [])


SITEMAP_HEAD = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
COMPLETE = (b"<url><loc>https://baodantoc.vn/a-1716000000000.htm</loc><lastmod>2024-05-18T09:00:00+07:00</lastmod></url>"
            b"<url><loc>https://baodantoc.vn/b-1716000000001.htm</loc></url>")


@pytest.mark.parametrize("cut", [b"", b"<url>", b"<url><loc>https://baodantoc.vn/c-17160", b"<url><loc>https://baod"])
def test_a_truncated_sitemap_keeps_its_complete_entries_in_order(cut: bytes) -> None:
    """A sitemap cut off in transfer (the sample site's "truncate" edge) still gives every entry
    written before the cut; what the cut leaves of the next one is at most a partial URL, which
    the spider does not request (tests/test_crawl_spider.py)."""
    kind, entries = discovery.sitemap_entries(SITEMAP_HEAD + COMPLETE + cut)
    assert kind == "urlset"
    assert entries[:2] == [discovery.Link("https://baodantoc.vn/a-1716000000000.htm", datetime(2024, 5, 18, 9, 0, tzinfo=VIETNAM)),
                           discovery.Link("https://baodantoc.vn/b-1716000000001.htm", None)]
    assert [e.url for e in entries[2:]] in ([], [cut.removeprefix(b"<url><loc>").decode()])


def test_feed_items_read_rss_dates_in_vietnam_time() -> None:
    rss = (b"<rss version='2.0'><channel><item><title>T</title><link>https://baodantoc.vn/a-1716000000000.htm</link>"
           b"<pubDate>Fri, 27 Jun 2025 07:30:00 +0700</pubDate></item><item><guid>https://baodantoc.vn/b-1716000000001.htm"
           b"</guid><pubDate>garbage</pubDate></item></channel></rss>")
    assert discovery.feed_items(rss) == [
        discovery.Link("https://baodantoc.vn/a-1716000000000.htm", datetime(2025, 6, 27, 7, 30, tzinfo=VIETNAM)),
        discovery.Link("https://baodantoc.vn/b-1716000000001.htm", None)]


@pytest.mark.parametrize(("url", "section"), [
    ("https://baodantoc.vn/rss/van-hoa", "van-hoa"), ("https://baodantoc.vn/rss/chinh-sach/giam-ngheo", "chinh-sach/giam-ngheo"),
    ("https://vietnamnet.vn/rss/dan-toc-ton-giao.rss", "dan-toc-ton-giao"), ("https://baodantoc.vn/rss/trang-chu", None),
    ("https://baodantoc.vn/van-hoa.htm", None)])
def test_feed_section(url: str, section: str | None) -> None:
    assert discovery.feed_section(url) == section


MENU_PAGE = """<html><head><link rel="alternate" type="application/rss+xml" href="/rss/trang-chu"></head><body>
<header><a href="/rss.htm">RSS</a></header>
<nav class="main-menu"><ul><li><a href="https://baodantoc.vn/">Trang chủ</a></li>
<li><a href="/chinh-sach.htm">Chính sách</a><ul class="sub-menu"><li><a href="/chinh-sach/giam-ngheo.htm">GN</a></li></ul></li>
</ul></nav>
<div class="news-in-timeline"><div class="news-item"><div class="news-content"><h3><a href="/a-b-1716000000000.htm">A</a></h3>
<span class="news-time">10:05 22/06/2024</span><p>Ngày 12/5/2020 ...</p></div></div>
<div class="news-item"><h3><a href="/c-1716000000001.htm">C</a></h3><span class="news-time">5 giờ trước</span></div></div>
<div class="pagination"><a class="next" rel="next" href="/chinh-sach-p2.htm">Trang sau</a></div>
<a href="javascript:void(0)">x</a><a href="mailto:a@b.vn">m</a></body></html>"""


def test_menu_listing_items_next_page_and_feeds() -> None:
    sel = Selector(text=MENU_PAGE)
    assert discovery.menu_links(sel, BASE) == ["https://baodantoc.vn/", "https://baodantoc.vn/chinh-sach.htm",
                                               "https://baodantoc.vn/chinh-sach/giam-ngheo.htm"]
    assert discovery.listing_items(sel, BASE) == [
        discovery.Link("https://baodantoc.vn/a-b-1716000000000.htm", datetime(2024, 6, 22, 10, 5, tzinfo=VIETNAM)),
        discovery.Link("https://baodantoc.vn/c-1716000000001.htm", None)]
    assert discovery.next_page(sel, BASE) == "https://baodantoc.vn/chinh-sach-p2.htm"
    assert discovery.feed_links(sel, BASE) == ["https://baodantoc.vn/rss/trang-chu"]
    assert all(not u.startswith(("javascript", "mailto")) for u in discovery.all_links(sel, BASE))


def test_filters_parse_dates_and_reject_nonsense() -> None:
    f = CrawlFilters.from_args("2024-01-01", "2024-12-31", "/chinh-sach/", "5")
    assert f.since == datetime(2024, 1, 1, tzinfo=VIETNAM)
    assert f.until == datetime(2024, 12, 31, 23, 59, 59, tzinfo=VIETNAM)
    assert (f.section, f.limit) == ("chinh-sach", 5)
    for args, message in ((("2024-13-01",), "since"), ((None, "yesterday"), "until"), (("2025-01-01", "2024-01-01"), "after"),
                          ((None, None, None, "0"), "limit"), ((None, None, None, "ten"), "limit")):
        with pytest.raises(FilterError, match=message):
            CrawlFilters.from_args(*args)


@pytest.mark.parametrize(("moment", "reason"), [
    (datetime(2023, 12, 31, 23, 59, 59, tzinfo=VIETNAM), "before_since"),
    (datetime(2024, 1, 1, 0, 0, tzinfo=VIETNAM), None),
    (datetime(2024, 12, 31, 23, 59, 59, tzinfo=VIETNAM), None),
    (datetime(2025, 1, 1, 0, 0, tzinfo=VIETNAM), "after_until"),
    (None, None),
])
def test_date_window_edges(moment: datetime | None, reason: str | None) -> None:
    assert CrawlFilters.from_args("2024-01-01", "2024-12-31").date_skip(moment) == reason


@pytest.mark.parametrize(("section", "reason"), [("chinh-sach", None), ("chinh-sach/giam-ngheo", None),
                                                 ("chinh-sach-moi", "other_section"), (None, "other_section")])
def test_section_filter_takes_sub_sections(section: str | None, reason: str | None) -> None:
    assert CrawlFilters.from_args(section="chinh-sach").section_skip(section) == reason


def _http_error(status: int) -> HttpError:
    return HttpError(HtmlResponse("https://baodantoc.vn/x", status=status, request=Request("https://baodantoc.vn/x")))


class _DataLoss(Exception):
    """Stands in for twisted.web._newclient._DataLoss (matched by name)."""


@pytest.mark.parametrize(("exc", "kind"), [
    (_http_error(404), "http_404"), (_http_error(410), "http_410"), (_http_error(500), "http_5xx"),
    (_http_error(503), "http_5xx"),
    (DownloadTimeoutError("took longer than 30 seconds"), "timeout"),
    (DownloadCancelledError("larger than download max size"), "oversized"),
    (ResponseNeverReceived([Failure(ConnectionDone())]), "dropped"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots"),
    (ValueError("?"), "other"),
])
def test_failures_are_classified(exc: Exception, kind: str) -> None:
    assert classify(Failure(exc)) == kind


def test_a_wrapped_data_loss_is_truncated_not_dropped() -> None:
    wrapped = DownloadFailedError("failed")
    wrapped.__cause__ = ResponseFailed([Failure(ConnectionDone()), Failure(_DataLoss())])
    assert classify(wrapped) == "truncated"
