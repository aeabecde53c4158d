"""One date syntax everywhere (issue 12): YYYY, YYYY-MM or YYYY-MM-DD for search and crawl alike,
parsed in one place (baodantoc.records.dates); and ``crawl --section`` checked like ``search --section``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from outputs_helpers import synthetic_store

from baodantoc.crawler.filters import CrawlFilters, FilterError
from baodantoc.jobs.crawl import CrawlError, crawl
from baodantoc.records import VIETNAM
from baodantoc.records.dates import DateError, parse_day
from baodantoc.search.query import QueryError, build_query


@pytest.mark.parametrize(("text", "end", "day"), [
    ("2024", False, date(2024, 1, 1)), ("2024", True, date(2024, 12, 31)),
    ("2024-02", False, date(2024, 2, 1)), ("2024-02", True, date(2024, 2, 29)),
    ("2023-02", True, date(2023, 2, 28)), ("2024-12", True, date(2024, 12, 31)),
    ("2024-3-5", False, date(2024, 3, 5)), (" 2024-03-05 ", True, date(2024, 3, 5)),
])
def test_partial_dates_are_whole_periods(text: str, end: bool, day: date) -> None:
    assert parse_day(text, end=end, option="--since") == day


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "24", "2024/01", "yesterday", ""])
def test_not_a_date(text: str) -> None:
    with pytest.raises(DateError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_day(text, end=False, option="--since")


@pytest.mark.parametrize(("since", "until", "first", "last"), [
    ("2024", "2024", datetime(2024, 1, 1, tzinfo=VIETNAM), datetime(2024, 12, 31, 23, 59, 59, tzinfo=VIETNAM)),
    ("2024-02", "2024-02", datetime(2024, 2, 1, tzinfo=VIETNAM), datetime(2024, 2, 29, 23, 59, 59, tzinfo=VIETNAM)),
    ("2024-02-03", "2024-02-03", datetime(2024, 2, 3, tzinfo=VIETNAM),
     datetime(2024, 2, 3, 23, 59, 59, tzinfo=VIETNAM)),
])
def test_crawl_accepts_the_same_syntax_as_search(since: str, until: str, first: datetime, last: datetime) -> None:
    f = CrawlFilters.from_args(since, until)
    assert (f.since, f.until) == (first, last)
    q = build_query("x", since=since, until=until)
    assert (q.since, q.until) == (first.date(), last.date())


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "yesterday"])
def test_crawl_and_search_reject_the_same_dates(text: str) -> None:
    with pytest.raises(FilterError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        CrawlFilters.from_args(since=text)
    with pytest.raises(QueryError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        build_query("x", since=text)


def test_crawl_still_takes_an_iso_instant() -> None:
    f = CrawlFilters.from_args(since="2024-05-18T08:30:00+07:00")
    assert f.since == datetime(2024, 5, 18, 8, 30, tzinfo=VIETNAM)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crawl_section")
    synthetic_store(out / "baodantoc.sqlite", articles=40)
    return out


def test_crawl_unknown_section_lists_the_known_ones(output: Path) -> None:
    with pytest.raises(CrawlError, match=r"--section 'the-thao' is not a section .* known: .*kinh-te"):
        crawl(section="the-thao", output=output, urls=["https://baodantoc.vn/x-1726998300177.htm"])


def test_crawl_section_under_a_known_one_is_not_checked_away(output: Path, monkeypatch) -> None:
    ran = []
    monkeypatch.setattr("baodantoc.jobs.crawl._crawl_here", lambda options: ran.append(options.section))
    crawl(section="kinh-te", output=output)
    crawl(section="kinh-te/nong-nghiep", output=output)  # a sub-section the store has not seen: the menu decides
    crawl(section="the-thao", output=output / "empty")  # no store: nothing to compare with
    assert ran == ["kinh-te", "kinh-te/nong-nghiep", "the-thao"]
