"""The crawl's progress line reads the stats and goes to a sink; without a sink it is off."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from baodantoc.cli.console import StatusLine
from baodantoc.crawler.progress import ProgressExtension


class _Stats:
    def __init__(self, values: dict[str, int]) -> None:
        self.values = values

    def get_stats(self) -> dict[str, int]:
        return self.values


def test_progress_line_sums_the_crawl_stats() -> None:
    stats = _Stats({"downloader/response_count": 12, "baodantoc/articles/new": 5, "baodantoc/articles/unchanged": 2,
                    "baodantoc/skipped/not_article": 1, "baodantoc/skipped/already_stored": 3,
                    "baodantoc/errors/http_404": 1})
    seen: list[str | None] = []
    crawler = SimpleNamespace(stats=stats, engine=SimpleNamespace(scheduler=[1, 2, 3, 4]))
    ext = ProgressExtension(crawler, seen.append)
    ext.refresh()
    assert seen == ["pages 12  stored 7  skipped 4  errors 1  queued 4"]


@pytest.mark.parametrize("settings", [
    {"BAODANTOC_PROGRESS_ENABLED": True},                                   # no sink: plain `scrapy crawl`
    {"BAODANTOC_PROGRESS_ENABLED": False, "BAODANTOC_PROGRESS_SINK": print},
])
def test_progress_is_off_without_a_sink_or_when_disabled(settings: dict) -> None:
    with pytest.raises(NotConfigured):
        ProgressExtension.from_crawler(SimpleNamespace(settings=Settings(settings)))


def test_the_status_line_is_shown_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert StatusLine.if_terminal("crawling") is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert isinstance(StatusLine.if_terminal("crawling"), StatusLine)
