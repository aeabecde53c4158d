"""``baodantoc extract`` over the store: only what changed is redone, results replace old ones."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from baodantoc.jobs.extract import extract_store
from baodantoc.records import Article
from baodantoc.store import connect, upsert_article
from baodantoc.store.annotations import rebuild_entities

TEXT = ("Lào Cai giảm 1.761 hộ nghèo\n\nChủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường cho biết, năm 2022 "
        "toàn tỉnh giảm 1.761 hộ nghèo, tỷ lệ hộ nghèo còn 5,4%.")


def article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, url=f"https://baodantoc.vn/a-{article_id}.htm", title=text.split("\n")[0],
                   text=text, published_at="2022-12-30T08:00:00+07:00", section="chinh-sach")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "s.sqlite"
    db = connect(path)
    with db:
        upsert_article(db, article("1", TEXT))
        upsert_article(db, article("2", "Đồng bào Mông ở xã Tả Van\n\nCó 300 hộ."))
    db.close()
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_extract_writes_sentences_mentions_entities_facts(store: Path) -> None:
    report = extract_store(store)
    assert (report.pending, report.extracted, report.failed) == (2, 2, 0)
    assert ("PER", "Trịnh Xuân Trường") in rows(store, "SELECT type, text FROM mentions")
    assert rows(store, "SELECT value, unit FROM facts WHERE article_id = '1' ORDER BY start") == [
        (1761.0, "hộ"), (1761.0, "hộ"), (5.4, "%")]  # the title says it too
    (lao_cai,) = rows(store, "SELECT article_count, mention_count FROM entities WHERE canonical_name = 'Ủy ban nhân dân tỉnh Lào Cai'")
    assert lao_cai == (1, 1)
    assert rows(store, "SELECT COUNT(*) FROM sentences WHERE article_id = '1'") == [(2,)]


def test_a_second_run_does_nothing_and_a_changed_article_is_redone(store: Path) -> None:
    extract_store(store)
    before = rows(store, "SELECT * FROM mentions ORDER BY article_id, mention_id")
    again = extract_store(store)
    assert (again.pending, again.extracted) == (0, 0)
    db = connect(store)
    with db:
        upsert_article(db, article("2", "Đồng bào Dao ở xã Tả Phìn\n\nCó 400 hộ."))
    db.close()
    third = extract_store(store)
    assert third.extracted == 1
    after = rows(store, "SELECT text FROM mentions WHERE article_id = '2' ORDER BY start")
    assert after == [("Dao",), ("xã Tả Phìn",)]  # old mentions replaced, not added to
    assert rows(store, "SELECT * FROM mentions WHERE article_id = '1' ORDER BY mention_id") == [
        r for r in before if r[0] == "1"]


def test_a_new_extractor_version_redoes_everything(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extract_store(store)
    import baodantoc.extract.api

    monkeypatch.setattr(baodantoc.extract.api, "EXTRACTOR_VERSION", "99.0.0")
    report = extract_store(store)
    assert report.extracted == 2
    assert rows(store, "SELECT DISTINCT extractor_version FROM extraction_state") == [("99.0.0",)]


def test_one_failing_article_is_recorded_and_the_rest_go_on(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import baodantoc.extract.api

    real = baodantoc.extract.api.article_result

    def flaky(text, meta=None, pipeline=None):
        if meta and meta.get("id") == "2":
            raise RuntimeError("boom")
        return real(text, meta, pipeline)

    monkeypatch.setattr(baodantoc.extract.api, "article_result", flaky)
    report = extract_store(store)
    assert (report.extracted, report.failed) == (1, 1)
    assert rows(store, "SELECT error FROM extraction_state WHERE article_id = '2'") == [("RuntimeError: boom",)]


def test_parallel_workers_give_the_same_rows(store: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "copy.sqlite"
    shutil.copy(store, other)
    extract_store(store, workers=1)
    extract_store(other, workers=2)
    sql = "SELECT article_id, mention_id, type, text, start, end, entity_id FROM mentions ORDER BY 1, 2"
    assert rows(store, sql) == rows(other, sql)


def _mentions_store(mentions: list[tuple[str, str, str, str, dict | None]]) -> sqlite3.Connection:
    """An in-memory store holding (article_id, entity_id, type, text, attributes) mentions."""
    db = connect(":memory:")
    for article_id in sorted({m[0] for m in mentions}):
        upsert_article(db, article(article_id, "Lào Cai"))
    db.executemany(
        "INSERT INTO mentions (article_id, mention_id, type, text, start, end, entity_id, attributes)"
        " VALUES (?, ?, ?, ?, 0, 1, ?, ?)",
        [(a, f"m{i}", t, text, e, None if attrs is None else json.dumps(attrs, ensure_ascii=False))
         for i, (a, e, t, text, attrs) in enumerate(mentions)])
    return db


def test_entities_take_the_most_frequent_name_all_spellings_and_the_richest_attributes() -> None:
    db = _mentions_store([
        ("1", "per:an", "PER", "Nguyễn Văn An", {"role": "Chủ tịch"}),
        ("1", "per:an", "PER", "An", {"canonical": "Nguyễn Văn An"}),
        ("2", "per:an", "PER", "Nguyễn Văn An", {"role": "Bí thư", "cue": "ông"}),
        ("2", "loc:x", "LOC", "xã Y", {"canonical": "Y"}),
        ("2", "loc:x", "LOC", "xã Yy", {"canonical": "Yy"}),  # a tie: the longer name wins
        ("2", None, "PER", "Ba", None),  # no entity id: no entity
    ])
    assert rebuild_entities(db) == 2
    got = {r[0]: tuple(r[1:]) for r in db.execute(
        "SELECT entity_id, type, canonical_name, aliases, attributes, article_count, mention_count FROM entities")}
    assert got["per:an"] == ("PER", "Nguyễn Văn An", '["An","Nguyễn Văn An"]',
                             json.dumps({"role": "Bí thư", "cue": "ông"}, ensure_ascii=False), 2, 3)
    assert got["loc:x"] == ("LOC", "Yy", '["xã Y","xã Yy"]', '{"canonical": "Y"}', 1, 2)


def test_rebuilding_entities_grows_linearly_with_the_mentions() -> None:
    """Regression: the rebuild re-ran its ranking windows for every entity (quadratic: 40,000
    mentions took five minutes). Counted in SQLite VM steps, so the test does not time anything."""

    def steps(n_mentions: int) -> int:
        db = _mentions_store([(str(i % 10), f"per:p{i // 5}", "PER", f"Người {i % 7}", {"role": str(i % 3)})
                              for i in range(n_mentions)])
        calls = [0]

        def tick() -> int:
            calls[0] += 1
            return 0

        db.set_progress_handler(tick, 100)
        rebuild_entities(db)
        db.close()
        return calls[0]

    small, large = steps(400), steps(1_600)
    assert large < 6 * small, (small, large)


def _die(items: list) -> list:
    os._exit(3)  # a worker killed from outside (out of memory, kill -9)


def test_a_dead_worker_ends_the_run_with_a_clear_error(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: BrokenProcessPool escaped as a traceback (and shutdown waited for the queue)."""
    import baodantoc.jobs.extract as extracting

    monkeypatch.setattr(extracting, "_work_chunk", _die)
    with pytest.raises(extracting.ExtractError, match=r"worker process died.*run extract again"):
        extract_store(store, workers=2)
    assert rows(store, "SELECT COUNT(*) FROM extraction_state") == [(0,)]


def test_issue10_extract_survives_commits_from_elsewhere_while_it_writes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (#10): extract kept a read cursor open while it wrote, so under WAL its write
    failed at once with "database is locked" as soon as anything else (a crawl, one INSERT from
    the sqlite3 shell) had committed in between; the busy timeout never applied."""
    import baodantoc.jobs.extract as extracting

    monkeypatch.setattr(extracting, "CHUNK", 1)  # a write after every article, with more to read
    path = tmp_path / "busy.sqlite"
    db = connect(path)
    with db:
        for i in range(4):
            upsert_article(db, article(str(i), f"Đồng bào Mông ở xã Tả Van\n\nCó {i + 1}00 hộ."))
    db.close()
    other = sqlite3.connect(path)
    commits = []

    def commit_elsewhere(n: int) -> None:  # what a crawl does between two of extract's writes
        with other:
            other.execute("UPDATE articles SET http_status = ? WHERE article_id = '0'", (200 + len(commits),))
        commits.append(n)

    report = extract_store(path, on_progress=commit_elsewhere)
    other.close()
    assert (report.extracted, len(commits)) == (4, 4)
    assert rows(path, "SELECT COUNT(*) FROM extraction_state WHERE error IS NULL") == [(4,)]


def test_issue12_extract_announces_its_total_before_any_progress(store: Path) -> None:
    """Regression (#12): the progress bar showed "448/?": the total must come first."""
    calls: list[tuple[str, int]] = []
    extract_store(store, on_total=lambda n: calls.append(("total", n)),
                  on_progress=lambda n: calls.append(("progress", n)))
    assert calls[0] == ("total", 2)
    assert sum(n for kind, n in calls if kind == "progress") == 2


def test_issue12_the_extract_bar_shows_m_of_n_once_the_job_gives_its_total() -> None:
    """Regression (#12): "448/?" with no total or ETA. The bar's ``set_total`` takes the total the
    job announces after the bar is open, so the bar shows "M/N" and the time remaining."""
    import io

    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn

    from baodantoc.cli.console import Advance

    out = io.StringIO()
    with Progress(MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(file=out, force_terminal=True, width=60)) as progress:
        advance = Advance(progress, progress.add_task("extracting", total=None))
        advance.set_total(448 + 52)
        advance(448)
        progress.refresh()
    task = progress.tasks[0]
    assert (task.completed, task.total) == (448, 500)
    assert "448/500" in out.getvalue()
    Advance().set_total(3)  # the bar of a pipe (no terminal) takes it too, and draws nothing
