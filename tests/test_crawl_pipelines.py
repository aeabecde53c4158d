"""Item pipelines, incremental skipping and the report, without a crawler: plain values in, counts out."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem

from baodantoc.crawler.filters import CrawlFilters
from baodantoc.crawler.layouts import parse_html
from baodantoc.crawler.layouts.dates import VIETNAM
from baodantoc.crawler.middlewares import IncrementalMiddleware
from baodantoc.crawler.pipelines import FilterPipeline, StorePipeline, ValidatePipeline
from baodantoc.crawler.report import ThresholdError, build_report, check_thresholds
from baodantoc.crawler.validate import problem
from baodantoc.records import Article
from baodantoc.store import connect, get_article

FETCHED = datetime(2026, 1, 15, 8, 0, tzinfo=VIETNAM)
URL = "https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm"
PARAGRAPH = ("Năm 2025, tỉnh Lào Cai giảm được 1.761 hộ nghèo ở vùng đồng bào dân tộc thiểu số, đưa tỷ lệ hộ nghèo "
             "xuống còn 5,4%. Ông Hoàng Văn Nam, Phó Chủ tịch UBND tỉnh cho biết, tỉnh đã huy động hơn 3,5 tỷ đồng "
             "hỗ trợ sinh kế và mở 45 lớp dạy nghề cho thanh niên người Mông, Dao ở các xã vùng cao.")


class Stats:
    """The part of Scrapy's stats collector the components use."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def get_stats(self) -> dict[str, int]:
        return dict(self.values)


def cms_page(title: str = "Lào Cai giảm 1.761 hộ nghèo", body: str = PARAGRAPH, byline: str = "Hồng Minh",
             date: str = "09:30, 18/05/2024", extra: str = "") -> str:
    info = f'<span class="author-name">{byline}</span> - ' if byline else ""
    return (f"<html><head><title>{title} | Báo Dân tộc và Phát triển</title></head><body>"
            f'<div class="breadcrumb"><ul><li><a href="https://baodantoc.vn/">Trang chủ</a></li>'
            f'<li><a href="https://baodantoc.vn/chinh-sach/giam-ngheo.htm">Giảm nghèo</a></li></ul></div>'
            f'<h1 class="news-title">{title}</h1><div class="news-info">{info}'
            f'<span class="distribution-date">{date}</span></div><h2 class="news-sapo">Sapo của bài.</h2>'
            f'<div class="news-body-content"><p>{body}</p>{extra}</div></body></html>')


def record(html: str | None = None, url: str = URL) -> Article:
    return parse_html(cms_page() if html is None else html, url, fetched_at=FETCHED)


# --- validation: bad input gives a counted reason, never a crash --------------------------------
STATIC = ("<html><head><title>Giới thiệu | Báo Dân tộc và Phát triển</title></head><body><main><h1 class='page-title'>"
          f"Giới thiệu</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></main></body></html>")


@pytest.mark.parametrize(("html", "url", "reason"), [
    (cms_page(), URL, None),
    ("", URL, "empty_page"),
    ("<html><body></body></html>", URL, "empty_page"),
    (STATIC, "https://baodantoc.vn/gioi-thieu-1001.htm", "not_article"),
    (cms_page(body=""), URL, "empty_body"),
    (cms_page(title=""), URL, "no_title"),
    (cms_page(), "https://baodantoc.vn/chinh-sach.htm", "no_article_id"),
    (cms_page(title="L\ufffdo Cai"), URL, "decoding"),
    (cms_page(body="\ufffd" * 50 + PARAGRAPH), URL, "decoding"),
    ("<html><body><h1 class='news-title'>Lào Cai<div class='news-body-content'><p>" + PARAGRAPH + "<p>Hai</b></i>",
     URL, None),                                                    # malformed markup still reads
    (unicodedata.normalize("NFD", cms_page()), URL, None),          # decomposed text is composed
])
def test_validation_reasons(html: str, url: str, reason: str | None) -> None:
    assert problem(parse_html(html, url, fetched_at=FETCHED)) == reason


def test_nfd_input_gives_the_same_record_as_nfc() -> None:
    nfc, nfd = record(), record(unicodedata.normalize("NFD", cms_page()))
    assert nfd.text == nfc.text and nfd.author == nfc.author == ["Hồng Minh"]


def test_validate_pipeline_drops_with_counted_reason() -> None:
    stats = Stats()
    pipeline = ValidatePipeline(stats)
    assert pipeline.process_item(record()) is not None
    with pytest.raises(DropItem, match="not_article"):
        pipeline.process_item(record(STATIC, "https://baodantoc.vn/gioi-thieu-1001.htm"))
    assert stats.values == {"baodantoc/skipped/not_article": 1}


def test_filter_pipeline_window_section_and_duplicates() -> None:
    stats = Stats()
    pipeline = FilterPipeline(stats, CrawlFilters.from_args(since="2024-05-18", section="chinh-sach"))
    assert pipeline.process_item(record()).article_id == "1716000000000"
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(record())
    with pytest.raises(DropItem, match="before_since"):
        pipeline.process_item(record(cms_page(date="23:59, 17/05/2024"), URL.replace("0000.htm", "0001.htm")))
    other = cms_page().replace("chinh-sach/giam-ngheo.htm", "van-hoa.htm")
    with pytest.raises(DropItem, match="other_section"):
        pipeline.process_item(record(other, URL.replace("0000.htm", "0002.htm")))
    assert stats.values == {f"baodantoc/skipped/{r}": 1 for r in ("duplicate", "before_since", "other_section")}


# --- the store: new / updated / unchanged, whole batches, cross-posts ----------------------------
def store_pipeline(tmp_path: Path, **kwargs: Any) -> tuple[StorePipeline, Stats]:
    stats = Stats()
    pipeline = StorePipeline(str(tmp_path / "store.sqlite"), stats, **kwargs)
    pipeline.open_spider()
    return pipeline, stats


def test_store_counts_new_updated_unchanged_and_coverage(tmp_path: Path) -> None:
    pipeline, stats = store_pipeline(tmp_path)
    pipeline.process_item(record())
    pipeline.process_item(record())                                   # same text again
    pipeline.process_item(record(cms_page(body=PARAGRAPH + " Thêm một câu.")))
    pipeline.close_spider()
    assert {k: v for k, v in stats.values.items() if k.startswith("baodantoc/articles/")} == {
        "baodantoc/articles/stored": 3, "baodantoc/articles/new": 1, "baodantoc/articles/unchanged": 1,
        "baodantoc/articles/updated": 1}
    assert stats.values["baodantoc/coverage/author"] == 3
    db = connect(tmp_path / "store.sqlite")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert get_article(db, "1716000000000").text.endswith("Thêm một câu.")


def test_a_failing_batch_leaves_nothing_half_written(tmp_path: Path) -> None:
    pipeline, stats = store_pipeline(tmp_path, batch_size=2)
    broken = record(url=URL.replace("0000.htm", "0009.htm"))
    broken.url = None                                                # NOT NULL column: the insert fails
    pipeline.process_item(record())
    pipeline.process_item(broken)
    pipeline.close_spider()
    db = connect(tmp_path / "store.sqlite")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert stats.values["baodantoc/errors/store:IntegrityError"] == 2
    assert stats.values["baodantoc/articles/stored"] == 0


def test_limit_drops_the_rest(tmp_path: Path) -> None:
    pipeline, stats = store_pipeline(tmp_path, limit=1)
    pipeline.process_item(record())
    with pytest.raises(DropItem, match="over_limit"):
        pipeline.process_item(record(url=URL.replace("0000.htm", "0001.htm")))
    pipeline.close_spider()
    assert stats.values["baodantoc/skipped/over_limit"] == 1


def copy_of(original: Article, foreign_id: str = "2475311") -> Article:
    """The same story on vietnamnet.vn: its own id and markup, a source line added."""
    html = ("<html><body><div class='bread-crumb-detail'><ul><li><a href='/dan-toc-ton-giao'>Dân tộc - Tôn giáo</a>"
            "</li></ul><div class='bread-crumb-detail__time'>Thứ Bảy, 18/05/2024 - 09:30</div></div>"
            f"<h1 class='content-detail-title'>{original.title}</h1><h2 class='content-detail-sapo'>Sapo.</h2>"
            f"<div id='maincontent'><p>{original.body}</p><p>Theo Báo Dân tộc và Phát triển</p></div></body></html>")
    return parse_html(html, f"https://vietnamnet.vn/lao-cai-giam-ngheo-{foreign_id}.html", fetched_at=FETCHED)


def test_a_cross_post_is_linked_not_stored_whatever_the_order(tmp_path: Path) -> None:
    original = record()
    copy = copy_of(original)
    assert copy.article_id == "vnn-2475311"
    pipeline, stats = store_pipeline(tmp_path)
    pipeline.process_item(copy)                                      # the copy arrives first: held
    pipeline.process_item(original)
    pipeline.close_spider()
    db = connect(tmp_path / "store.sqlite")
    assert [r[0] for r in db.execute("SELECT article_id FROM articles")] == ["1716000000000"]
    assert [tuple(r) for r in db.execute("SELECT foreign_id, article_id FROM crossposts")] == [
        ("vnn-2475311", "1716000000000")]
    assert copy.canonical_url in get_article(db, "1716000000000").alternate_urls
    assert stats.values["baodantoc/crossposts/linked"] == 1
    assert stats.values["baodantoc/articles/stored"] == 1


def test_an_unmatched_copy_is_kept_then_folded_into_a_later_original(tmp_path: Path) -> None:
    original = record()
    first, stats1 = store_pipeline(tmp_path)
    first.process_item(copy_of(original))                            # crawl 1: only the copy
    first.close_spider()
    assert stats1.values["baodantoc/crossposts/unmatched"] == 1
    second, stats2 = store_pipeline(tmp_path)
    second.process_item(original)                                    # crawl 2: the original
    second.close_spider()
    db = connect(tmp_path / "store.sqlite")
    assert [r[0] for r in db.execute("SELECT article_id FROM articles")] == ["1716000000000"]
    assert stats2.values["baodantoc/crossposts/merged"] == 1


def test_a_different_story_is_not_taken_for_a_cross_post(tmp_path: Path) -> None:
    other = record(cms_page(body="Đồn Biên phòng Pà Vầy Sủ nhận đỡ đầu 18 em học sinh nghèo người Mông theo chương "
                                 "trình Nâng bước em tới trường; mỗi em được hỗ trợ 500.000 đồng mỗi tháng cho đến "
                                 "hết lớp 12, cùng sách vở và quần áo ấm cho mùa đông ở vùng biên."))
    pipeline, stats = store_pipeline(tmp_path)
    pipeline.process_item(other)
    pipeline.process_item(copy_of(record()))
    pipeline.close_spider()
    assert stats.values.get("baodantoc/crossposts/linked") is None
    assert stats.values["baodantoc/crossposts/unmatched"] == 1


def test_incremental_middleware_skips_stored_ids(tmp_path: Path) -> None:
    pipeline, _ = store_pipeline(tmp_path)
    pipeline.process_item(record())
    pipeline.close_spider()
    stats = Stats()
    middleware = IncrementalMiddleware(str(tmp_path / "store.sqlite"), stats)
    middleware.load()
    known = Request(URL, meta={"article_id": "1716000000000"})
    fresh = Request(URL.replace("0000.htm", "0001.htm"), meta={"article_id": "1716000000001"})
    listing = Request("https://baodantoc.vn/chinh-sach.htm")
    assert list(middleware.process_spider_output(None, [known, fresh, listing, {"item": 1}])) == [fresh, listing,
                                                                                                  {"item": 1}]
    assert stats.values == {"baodantoc/skipped/already_stored": 1}


def test_incremental_middleware_with_no_store_knows_nothing(tmp_path: Path) -> None:
    middleware = IncrementalMiddleware(str(tmp_path / "absent.sqlite"))
    middleware.load()
    assert middleware.known == set()
    assert not (tmp_path / "absent.sqlite").exists()


# --- the report's checks: thresholds just below, at and above -----------------------------------
def stats_with(stored: int, with_author: int) -> dict[str, int]:
    return {"baodantoc/articles/new": stored, **({"baodantoc/coverage/author": with_author} if with_author else {})}


@pytest.mark.parametrize(("with_author", "passed"), [(59, False), (60, True), (61, True)])
def test_coverage_check_at_its_threshold(with_author: int, passed: bool) -> None:
    report = build_report(stats_with(100, with_author), 1, {"author": 60})
    assert [c["passed"] for c in report.checks if c["name"] == "coverage:author"] == [passed]
    assert report.passed is passed


@pytest.mark.parametrize(("stored", "passed"), [(9, False), (10, True), (11, True)])
def test_article_count_check_at_its_threshold(stored: int, passed: bool) -> None:
    assert build_report(stats_with(stored, 0), 10, {}).passed is passed


def test_coverage_checks_do_not_run_without_articles() -> None:
    report = build_report({"baodantoc/skipped/already_stored": 5}, 1, {"title": 100})
    assert report.passed and [c["passed"] for c in report.checks] == [True, None]


@pytest.mark.parametrize(("minimum", "coverage", "message"), [
    (None, {}, "MIN_ARTICLES has no value"),
    ("many", {}, "whole number"),
    (1, {"author": None}, r"COVERAGE_MIN\['author'\] has no value"),
    (1, {"author": 120}, "0-100"),
    (1, {"colour": 50}, "unknown field"),
    (1, [("author", 50)], "mapping"),
])
def test_a_check_without_a_usable_threshold_refuses_to_run(minimum: Any, coverage: Any, message: str) -> None:
    with pytest.raises(ThresholdError, match=message):
        check_thresholds(minimum, coverage)


def test_report_round_trips_through_json() -> None:
    report = build_report(stats_with(3, 2), 1, {"author": 50})
    again = type(report).from_dict(json.loads(json.dumps(report.to_dict())))
    assert again.to_dict() == report.to_dict()
