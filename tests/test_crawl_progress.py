"""The crawl's progress line reads the stats; it is only shown on a terminal."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from crawler.progress import ProgressExtension


class _Stats:
    def __init__(self, values: dict[str, int]) -> None:
        self.values = values

    def get_stats(self) -> dict[str, int]:
        return self.values


def test_progress_line_sums_the_crawl_stats() -> None:
    stats = _Stats({"downloader/response_count": 12, "baodantoc/articles/new": 5, "baodantoc/articles/unchanged": 2,
                    "baodantoc/skipped/not_article": 1, "baodantoc/skipped/already_stored": 3,
                    "baodantoc/errors/http_404": 1})
    crawler = SimpleNamespace(stats=stats, engine=SimpleNamespace(scheduler=[1, 2, 3, 4]))
    assert ProgressExtension(crawler).line() == "pages 12  stored 7  skipped 4  errors 1  queued 4"


def test_progress_is_off_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    crawler = SimpleNamespace(settings=Settings({"BAODANTOC_PROGRESS_ENABLED": True}))
    with pytest.raises(NotConfigured):
        ProgressExtension.from_crawler(crawler)
