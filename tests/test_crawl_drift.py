"""The drift alarm: over HTTP against the sample site in drifted mode, and its thresholds alone.

``SampleSite(drifted=True)`` serves four sections of baodantoc.vn in a redesign no layout of ours
knows. The crawl must still read those articles right (the generic layer), and its report must say
in words that baodantoc.vn is being read without its layout, list sample URLs, and fail (exit 1).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from baodantoc.cli import cli
from baodantoc.crawler.drift import DriftError, alarms, check_drift_thresholds, host_summary
from baodantoc.crawler.layouts.bylines import split_byline
from baodantoc.crawler.report import build_report
from baodantoc.crawler.sample_site import load_articles, start_process
from baodantoc.crawler.sample_site.content import article_body
from baodantoc.crawler.sample_site.drifted import is_drifted
from baodantoc.jobs.crawl import CrawlError, crawl
from baodantoc.store import connect, row_to_article

DRIFTED = [a for a in load_articles() if a["host"] == "baodantoc.vn" and is_drifted(a)]


@pytest.fixture(scope="module")
def drifted_site() -> Iterator[Any]:
    with start_process(port=0, drifted=True) as handle:
        yield handle


@pytest.fixture(scope="module")
def drifted_crawl(drifted_site: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("drifted")
    report = crawl(output=out, host_map={h: drifted_site.origin for h in drifted_site.hosts}, throttle=False,
                   progress=False, in_subprocess=True)
    return out, report


@pytest.mark.slow
def test_the_drifted_crawl_fails_with_an_alarm_for_the_host(drifted_crawl: tuple[Path, Any]) -> None:
    _, report = drifted_crawl
    assert not report.passed
    kinds = {(a["host"], a["kind"], a["field"]) for a in report.drift}
    assert ("baodantoc.vn", "generic_layout", None) in kinds
    alarm = next(a for a in report.drift if a["kind"] == "generic_layout")
    assert alarm["count"] >= len(DRIFTED) and "no layout of ours" in alarm["message"]
    drifted_urls = {f"https://baodantoc.vn/{a['slug']}-{a['id']}.htm" for a in DRIFTED}
    assert alarm["samples"] and set(alarm["samples"]) <= drifted_urls
    assert {c["name"] for c in report.checks if c["passed"] is False} >= {"drift:baodantoc.vn:generic_layout"}
    entry = report.hosts["baodantoc.vn"]
    assert entry["layouts"]["generic"] >= len(DRIFTED) and entry["fields"]["body"]["generic"] >= len(DRIFTED)
    assert "generic" not in report.hosts.get("dantocphattrien.vietnamnet.vn", {}).get("layouts", {})


@pytest.mark.slow
def test_the_drifted_articles_are_still_read_right(drifted_crawl: tuple[Path, Any]) -> None:
    out, _ = drifted_crawl
    db = connect(out / "baodantoc.sqlite", readonly=True)
    try:
        rows = {r["article_id"]: row_to_article(r) for r in db.execute("SELECT * FROM articles")}
    finally:
        db.close()
    nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
    for article in DRIFTED:
        record = rows[article["id"]]
        assert record.layout == "generic"
        assert (record.title, record.sapo, record.body) == (nfc(article["title"]), nfc(article["sapo"]),
                                                            article_body(article))
        people, source = split_byline(article["byline"])
        assert (record.author, record.source) == ([nfc(p) for p in people], source)
        assert record.section == article["section"]
        if "relative_time" not in article.get("quirks", []):
            assert record.published_at == article["published"]


@pytest.mark.slow
def test_the_crawl_command_exits_1_and_says_what_to_do(drifted_site: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import baodantoc.jobs.crawl as jobs

    real = jobs.crawl
    monkeypatch.setattr(jobs, "crawl", lambda options: real(
        options, host_map={h: drifted_site.origin for h in drifted_site.hosts}, in_subprocess=True))
    result = CliRunner().invoke(cli, ["crawl", "--sample", "--drifted", "-o", str(tmp_path)])
    assert result.exit_code == 1
    said = result.stderr + result.output
    assert "DRIFT baodantoc.vn:" in said and "e.g. https://baodantoc.vn/" in said
    assert "--explain" in said and "docs/CRAWLING.md" in said
    assert "drift:baodantoc.vn:generic_layout" in said


def _stats(pages: int, generic: int, body_generic: int = 0, author_missing: int = 0) -> dict[str, Any]:
    prefix = "baodantoc/hosts/baodantoc.vn/"
    stats: dict[str, Any] = {prefix + "pages": pages, prefix + "articles": pages,
                             prefix + "layout/cms": pages - generic, prefix + "layout/generic": generic,
                             prefix + "fields/body/selector": pages - body_generic,
                             prefix + "fields/author/selector": pages - author_missing,
                             "baodantoc/drift_samples/baodantoc.vn/layout": ["https://baodantoc.vn/a-1600000000001.htm"]}
    if body_generic:
        stats[prefix + "fields/body/generic"] = body_generic
    if author_missing:
        stats[prefix + "fields/author/missing"] = author_missing
    return stats


LIMITS = check_drift_thresholds(20, {"body": 20}, 10, 5)


@pytest.mark.parametrize(("pages", "generic", "alarm"), [
    (40, 7, False),    # 17.5%: below
    (40, 8, False),    # 20%: at the threshold, still fine
    (40, 9, True),     # 22.5%: above
    (9, 9, False),     # too few pages to judge
    (10, 9, True),     # enough pages
])
def test_generic_layout_share_threshold(pages: int, generic: int, alarm: bool) -> None:
    found = alarms(host_summary(_stats(pages, generic)), LIMITS, {})
    assert any(a["kind"] == "generic_layout" for a in found) is alarm


@pytest.mark.parametrize(("body_generic", "alarm"), [(7, False), (8, False), (9, True)])
def test_field_fallback_threshold(body_generic: int, alarm: bool) -> None:
    found = alarms(host_summary(_stats(40, 0, body_generic=body_generic)), LIMITS, {})
    assert any(a["kind"] == "fallback" and a["field"] == "body" for a in found) is alarm


@pytest.mark.parametrize(("missing", "alarm"), [(16, False), (17, True)])
def test_a_fields_coverage_per_host(missing: int, alarm: bool) -> None:
    found = alarms(host_summary(_stats(40, 0, author_missing=missing)), LIMITS, {"author": 60})
    assert any(a["kind"] == "coverage" and a["field"] == "author" for a in found) is alarm


def test_an_alarm_is_a_failed_check_with_words_and_samples() -> None:
    report = build_report(_stats(40, 20), 0, {}, LIMITS)
    assert not report.passed
    (alarm,) = [a for a in report.drift if a["kind"] == "generic_layout"]
    assert alarm["message"].startswith("baodantoc.vn: 20 of its 40 article pages (50.0%)")
    assert alarm["samples"] == ["https://baodantoc.vn/a-1600000000001.htm"]
    assert build_report(_stats(40, 2), 0, {}, LIMITS).passed


@pytest.mark.parametrize(("args", "setting"), [
    ((None, {}, 10, 5), "BAODANTOC_DRIFT_MAX_GENERIC"),
    ((20, {"body": None}, 10, 5), "BAODANTOC_DRIFT_MAX_FALLBACK['body']"),
    ((20, {"bodyy": 20}, 10, 5), "unknown field"),
    ((120, {}, 10, 5), "0-100"),
    ((20, [], 10, 5), "mapping"),
])
def test_a_drift_threshold_without_a_usable_value_refuses_to_start(args: tuple, setting: str) -> None:
    with pytest.raises(DriftError, match=setting.replace("[", r"\[").replace("]", r"\]")):
        check_drift_thresholds(*args)


def test_the_crawl_refuses_a_drift_setting_without_value(tmp_path: Path) -> None:
    with pytest.raises(CrawlError, match="BAODANTOC_DRIFT_MAX_GENERIC"):
        crawl(output=tmp_path, settings={"BAODANTOC_DRIFT_MAX_GENERIC": None}, host_map={"x": "http://127.0.0.1:9"})
