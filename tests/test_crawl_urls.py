"""baodantoc.crawler.urls: article ids, canonical URLs, crawl scope and listings, on URL shapes of the live site."""

from __future__ import annotations

from datetime import datetime

import pytest

from baodantoc.crawler.urls import (
    VIETNAM,
    article_id,
    canonical_url,
    id_timestamp,
    in_scope,
    is_foreign_id,
    listing_of,
)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm", "1716000000000"),
    ("https://m.baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm", "1716000000000"),
    ("https://www.baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm?utm_source=fb", "1716000000000"),
    ("https://chuongtrinhmtqg.baodantoc.vn/von-1719-1733218920137.htm", "1733218920137"),
    ("https://dantocphattrien.vietnamnet.vn/lao-cai-giam-ngheo-1716000000000.htm", "1716000000000"),
    ("https://baodantoc.vn/mu-cang-chai-day-chu-28714.htm", "28714"),
    ("https://dantocphattrien.vietnamnet.vn/bai-moi-12345.html", "dtpt-12345"),
    ("https://vietnamnet.vn/lao-cai-giam-hon-1700-ho-ngheo-2475311.html", "vnn-2475311"),
    ("https://baodantoc.vn/chinh-sach.htm", None),
    ("https://baodantoc.vn/chinh-sach-p3.htm", None),
    ("https://baodantoc.vn/chinh-sach/giam-ngheo.htm", None),
    ("https://baodantoc.vn/lao+cai.html", None),
    ("https://baodantoc.vn/le-hoi-e123p2.htm", None),
    ("https://baodantoc.vn/bai-viet-123.htm", None),          # 3 digits: not an id
    ("https://baodantoc.vn/bai-viet-12345678.htm", None),     # 8 digits: not an id
    ("https://nhandan.vn/lao-cai-giam-ngheo-1716000000000.htm", None),
    ("https://vietnamnet.vn/the-thao-2475311.htm", None),
])
def test_article_id_comes_from_the_url(url: str, expected: str | None) -> None:
    assert article_id(url) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://m.baodantoc.vn/a-b-1716000000000.htm", "https://baodantoc.vn/a-b-1716000000000.htm"),
    ("http://www.baodantoc.vn/a-b-1716000000000.htm#comments", "https://baodantoc.vn/a-b-1716000000000.htm"),
    ("https://baodantoc.vn/a-b-1716000000000.htm?utm_source=zalo&utm_medium=share",
     "https://baodantoc.vn/a-b-1716000000000.htm"),
    ("https://baodantoc.vn/a-b-1716000000000.htm?fbclid=IwAR2x", "https://baodantoc.vn/a-b-1716000000000.htm"),
    ("https://baodantoc.vn/a-b-1716000000000.htm?print=1", "https://baodantoc.vn/a-b-1716000000000.htm"),
    ("https://baodantoc.vn/search?q=lao+cai&utm_campaign=x", "https://baodantoc.vn/search?q=lao+cai"),
    ("https://BAODANTOC.VN/chinh-sach.htm", "https://baodantoc.vn/chinh-sach.htm"),
    ("https://example.org/x?utm_source=a&id=2", "https://example.org/x?id=2"),
    ("https://images.baodantoc.vn/uploads/2024/Tháng 5/a b.jpg",
     "https://images.baodantoc.vn/uploads/2024/Th%C3%A1ng%205/a%20b.jpg"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://baodantoc.vn/chinh-sach.htm", True),
    ("https://chuongtrinhmtqg.baodantoc.vn/mtqg.htm", True),
    ("https://vietnamnet.vn/dan-toc-ton-giao", True),
    ("https://vietnamnet.vn/dan-toc-ton-giao-page3", True),
    ("https://vietnamnet.vn/lao-cai-giam-ngheo-2475311.html", True),
    ("https://vietnamnet.vn/the-thao", False),              # the rest of VietNamNet is another paper
    ("https://www.facebook.com/baodantocvaphattrien", False),
    ("https://nhandan.vn/", False),
    ("https://images.baodantoc.vn/uploads/a.jpg", False),   # not a host we crawl
])
def test_scope_is_the_papers_hosts_only(url: str, expected: bool) -> None:
    assert in_scope(url) is expected


@pytest.mark.parametrize(("url", "base", "page", "next_url"), [
    ("https://baodantoc.vn/chinh-sach.htm", "chinh-sach", 1, "https://baodantoc.vn/chinh-sach-p2.htm"),
    ("https://baodantoc.vn/chinh-sach/giam-ngheo-p302.htm", "chinh-sach/giam-ngheo", 302,
     "https://baodantoc.vn/chinh-sach/giam-ngheo-p303.htm"),
    ("https://m.baodantoc.vn/van-hoa-p2.htm", "van-hoa", 2, "https://baodantoc.vn/van-hoa-p3.htm"),
    ("https://vietnamnet.vn/dan-toc-ton-giao", "dan-toc-ton-giao", 0, "https://vietnamnet.vn/dan-toc-ton-giao-page1"),
    ("https://dantocphattrien.vietnamnet.vn/chinh-sach/giam-ngheo-page2", "chinh-sach/giam-ngheo", 2,
     "https://dantocphattrien.vietnamnet.vn/chinh-sach/giam-ngheo-page3"),
])
def test_listing_pages(url: str, base: str, page: int, next_url: str) -> None:
    listing = listing_of(url)
    assert listing is not None
    assert (listing.base, listing.page, listing.url(page + 1)) == (base, page, next_url)


def test_first_listing_page_has_no_page_suffix() -> None:
    cms, vnn = listing_of("https://baodantoc.vn/van-hoa-p4.htm"), listing_of("https://vietnamnet.vn/dan-toc-ton-giao-page4")
    assert cms is not None and vnn is not None
    assert cms.url(1) == "https://baodantoc.vn/van-hoa.htm"
    assert vnn.url(0) == "https://vietnamnet.vn/dan-toc-ton-giao"


def test_an_article_is_never_a_listing() -> None:
    assert listing_of("https://baodantoc.vn/van-hoa-1716000000000.htm") is None


@pytest.mark.parametrize(("aid", "expected"), [
    ("1716000000000", datetime(2024, 5, 18, 9, 40, tzinfo=VIETNAM)),
    ("28714", None),                 # legacy ids carry no time
    ("vnn-2475311", None),
    ("9999999999999", None),         # year 2286: not a timestamp
])
def test_id_timestamp(aid: str, expected: datetime | None) -> None:
    assert id_timestamp(aid) == expected


@pytest.mark.parametrize(("aid", "foreign"), [("1716000000000", False), ("28714", False), ("dtpt-12345", False),
                                              ("vnn-2475311", True)])
def test_foreign_ids(aid: str, foreign: bool) -> None:
    assert is_foreign_id(aid) is foreign
