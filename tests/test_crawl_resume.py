"""Resume that resumes: the job folder after a clean stop, a kill and a finish; crawl runs that
leave their row however they end; section hints that outlive the crawl; and the fault-injection
run itself: ``kill -9`` at random moments, then the same command, against an uninterrupted crawl."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import (
    count_rows,
    crawl_options,
    finish_crawl,
    kill_when,
    snapshot,
    start_crawl,
    wait_for_progress,
)
from scrapy import Request
from test_crawl_pipelines import Stats

from baodantoc.crawler.hints import StoredSectionHints
from baodantoc.crawler.jobdir import (
    MARKER,
    NEW,
    REBUILT,
    RESUMED,
    JobdirExtension,
    JobdirInUse,
    JobState,
    plan,
    read_state,
    write_state,
)
from baodantoc.crawler.middlewares import IncrementalMiddleware
from baodantoc.crawler.sample_site import start_process
from baodantoc.store import connect, crawl_runs
from baodantoc.store.hints import hint_for, record_hints

# -- the job folder ---------------------------------------------------------------------------------


def scrapy_state(folder: Path, clean: bool) -> None:
    """What Scrapy leaves in a job folder: after a clean stop the queue has its index."""
    (folder / "requests.queue").mkdir(parents=True)
    (folder / "requests.seen").write_text("0123abcd\n")
    if clean:
        (folder / "requests.queue" / "active.json").write_text("[10]")


def marker(folder: Path, state: str) -> JobState:
    job = JobState(state, "2026-01-01T00:00:00+00:00", "2026-01-01T01:00:00+00:00", 999_999, runs=2)
    write_state(folder, job)
    return job


@pytest.mark.parametrize(("last", "state_left", "mode"), [
    (None, None, NEW),                  # a new folder
    (None, "clean", RESUMED),           # a folder of plain `scrapy crawl -s JOBDIR=`, stopped cleanly
    (None, "killed", REBUILT),          # ... or killed: the queue has no index
    ("running", "killed", REBUILT),     # our marker still says running: the process was killed
    ("interrupted", "clean", RESUMED),  # Ctrl-C, a CLOSESPIDER_* limit: Scrapy resumes its queue
    ("finished", "clean", NEW),         # done: the same command starts the next (incremental) job
])
def test_how_a_crawl_starts_on_a_job_folder(tmp_path: Path, last: str | None, state_left: str | None,
                                           mode: str) -> None:
    if state_left:
        scrapy_state(tmp_path, clean=state_left == "clean")
    previous = marker(tmp_path, last) if last else None
    assert plan(tmp_path, previous)[0] == mode


def test_a_killed_job_loses_its_untrustworthy_queue_and_keeps_its_start(tmp_path: Path) -> None:
    scrapy_state(tmp_path, clean=False)
    old = marker(tmp_path, "running")
    ext = JobdirExtension(tmp_path)
    try:
        assert ext.mode == REBUILT and not (tmp_path / "requests.queue").exists()
        assert not (tmp_path / "requests.seen").exists()
        now = read_state(tmp_path)
        assert now is not None and now.state == "running" and now.pid == os.getpid()
        assert now.job_started_at == old.job_started_at and now.runs == 3
    finally:
        ext.spider_closed("finished")
    assert read_state(tmp_path).state == "finished"  # type: ignore[union-attr]


def test_a_cleanly_stopped_job_keeps_scrapys_queue(tmp_path: Path) -> None:
    scrapy_state(tmp_path, clean=True)
    marker(tmp_path, "interrupted")
    ext = JobdirExtension(tmp_path)
    ext.spider_closed("shutdown")
    assert ext.mode == RESUMED and (tmp_path / "requests.queue" / "active.json").exists()
    assert read_state(tmp_path).state == "interrupted"  # type: ignore[union-attr]


def test_a_finished_job_starts_the_next_one(tmp_path: Path) -> None:
    scrapy_state(tmp_path, clean=True)
    old = marker(tmp_path, "finished")
    ext = JobdirExtension(tmp_path)
    ext.spider_closed("limit")  # a limit reached is a finish
    state = read_state(tmp_path)
    assert ext.mode == NEW and not (tmp_path / "requests.seen").exists()
    assert state is not None and state.runs == 1 and state.job_started_at != old.job_started_at
    assert state.state == "finished"


def test_a_folder_in_use_is_refused(tmp_path: Path) -> None:
    first = JobdirExtension(tmp_path)
    try:
        with pytest.raises(JobdirInUse, match=f"in use by another crawl \\(pid {os.getpid()}\\)"):
            JobdirExtension(tmp_path)
    finally:
        first.spider_closed("finished")
    JobdirExtension(tmp_path).spider_closed("finished")  # the lock went with the first


def test_an_unreadable_marker_counts_as_none(tmp_path: Path) -> None:
    (tmp_path / MARKER).write_text("{half a marker")
    assert read_state(tmp_path) is None


# -- crawl runs -----------------------------------------------------------------------------------


def test_a_run_is_recorded_when_it_starts_and_marked_when_its_process_is_gone(tmp_path: Path) -> None:
    db = connect(tmp_path / "store.sqlite")
    with db:
        killed = crawl_runs.start_run(db, "2026-01-01T00:00:00+00:00", ["baodantoc.vn"])
        crawl_runs.update_run(db, killed, {"articles": {"new": 950}})
        elsewhere = crawl_runs.start_run(db, "2026-01-01T00:00:00+00:00", ["baodantoc.vn"])
        db.execute("UPDATE crawl_runs SET hostname = 'another-machine' WHERE run_id = ?", (elsewhere,))
        alive = crawl_runs.start_run(db, "2026-01-01T00:00:00+00:00", ["baodantoc.vn"])
    with db:
        dead = crawl_runs.mark_dead_runs(db, lambda pid: pid != os.getpid())
    assert dead == [killed, alive]  # this process "died" for the test: both its rows
    with db:
        crawl_runs.finish_run(db, alive, "2026-01-01T02:00:00+00:00", {"finish_reason": "shutdown"},
                              crawl_runs.status_of("shutdown"))
    rows = {r["run_id"]: r for r in db.execute("SELECT * FROM crawl_runs")}
    assert rows[killed]["status"] == "interrupted" and rows[killed]["finished_at"] == rows[killed]["updated_at"]
    assert json.loads(rows[killed]["report"]) == {"articles": {"new": 950}, "finish_reason": "killed"}
    assert rows[elsewhere]["status"] == "running"  # another machine's process cannot be seen from here
    assert rows[alive]["status"] == "interrupted" and crawl_runs.status_of("finished") == "finished"
    db.close()


def test_process_alive() -> None:
    assert crawl_runs.process_alive(os.getpid())
    assert not crawl_runs.process_alive(2 ** 22 + 12345)  # above Linux's pid_max


# -- section hints ---------------------------------------------------------------------------------


@pytest.fixture
def hint_store(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    db = connect(tmp_path / "store.sqlite")
    with db:
        for article_id, host, section in (("1", "baodantoc.vn", None), ("2", "baodantoc.vn", "van-hoa"),
                                          ("3", "dantocphattrien.vietnamnet.vn", None)):
            db.execute("INSERT INTO articles (article_id, url, host, section, text, extraction)"
                       " VALUES (?, 'u' || ?, ?, ?, 't', '{}')", (article_id, article_id, host, section))
    yield db
    db.close()


def sections(db: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    return {r[0]: (r[1], r[2]) for r in
            db.execute("SELECT article_id, section, json_extract(extraction, '$.section') FROM articles")}


def test_a_hint_found_after_its_article_was_stored_fills_its_section(hint_store: sqlite3.Connection) -> None:
    with hint_store:
        filled = record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach"), ("2", "baodantoc.vn", "kinh-te"),
                                           ("3", "baodantoc.vn", "chinh-sach")])
    assert filled == 1
    assert sections(hint_store) == {"1": ("chinh-sach", "listing"), "2": ("van-hoa", None),  # a breadcrumb stays
                                    "3": (None, None)}  # another site's listing says nothing of it


def test_a_deeper_hint_wins_in_any_order(hint_store: sqlite3.Connection) -> None:
    with hint_store:
        record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach")])
        record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach/giam-ngheo")])
        record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach")])  # the parent again: no change
        record_hints(hint_store, [("1", "baodantoc.vn", "kinh-te")])      # unrelated: the first stays
    assert sections(hint_store)["1"] == ("chinh-sach/giam-ngheo", "listing")
    assert hint_for(hint_store, "1", "baodantoc.vn") == "chinh-sach/giam-ngheo"
    assert hint_for(hint_store, "1", "chuongtrinhmtqg.baodantoc.vn") is None


def test_an_article_stored_with_a_parent_section_gets_the_deeper_one_kept_earlier(
        hint_store: sqlite3.Connection) -> None:
    """Regression (the fault-injection run): an earlier run kept the deeper hint; a later one stored
    the article with the parent section it saw, then offered the deeper hint again."""
    with hint_store:
        record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach/giam-ngheo")])
        hint_store.execute("UPDATE articles SET section = 'chinh-sach', extraction = '{\"section\": \"listing\"}'"
                           " WHERE article_id = '1'")
        assert record_hints(hint_store, [("1", "baodantoc.vn", "chinh-sach/giam-ngheo")]) == 1
    assert sections(hint_store)["1"] == ("chinh-sach/giam-ngheo", "listing")


def test_the_spider_is_given_the_deeper_of_the_runs_and_the_stores_hint(tmp_path: Path) -> None:
    db = connect(tmp_path / "store.sqlite")
    with db:
        record_hints(db, [("1", "baodantoc.vn", "chinh-sach/giam-ngheo"), ("2", "baodantoc.vn", "van-hoa")])
    hints = StoredSectionHints(db)
    hints.offer("1", "baodantoc.vn", "chinh-sach")
    hints.offer("2", "baodantoc.vn", "van-hoa/le-hoi")
    hints.offer("3", "baodantoc.vn", "kinh-te")
    assert [hints.get(i, "baodantoc.vn") for i in "1234"] == ["chinh-sach/giam-ngheo", "van-hoa/le-hoi", "kinh-te", None]
    hints.flush()
    assert hint_for(db, "2", "baodantoc.vn") == "van-hoa/le-hoi" and not hints.pending
    db.close()


# -- a resumed refresh crawl skips what its job already fetched --------------------------------------


def test_a_resumed_refresh_skips_what_the_job_fetched(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    db = connect(store)
    with db:
        for article_id, fetched in (("old", "2025-12-31T23:00:00+07:00"), ("done", "2026-01-01T09:00:00+07:00")):
            db.execute("INSERT INTO articles (article_id, url, text, fetched_at) VALUES (?, ?, 't', ?)",
                       (article_id, "u" + article_id, fetched))
    db.close()
    job = tmp_path / "job"
    job.mkdir()
    write_state(job, JobState("running", "2026-01-01T00:00:00+00:00", "2026-01-01T01:00:00+00:00", 1, runs=2))
    stats = Stats()
    middleware = IncrementalMiddleware(str(store), stats, refresh=True, jobdir=str(job))
    middleware.load()
    requests = [Request(f"https://baodantoc.vn/x-{i}.htm", meta={"article_id": i}) for i in ("old", "done", "new")]
    assert [r.meta["article_id"] for r in middleware.process_spider_output(None, requests)] == ["old", "new"]
    assert stats.values == {"baodantoc/skipped/already_fetched": 1}
    write_state(job, JobState("running", "2026-01-01T00:00:00+00:00", "2026-01-01T01:00:00+00:00", 1, runs=1))
    fresh = IncrementalMiddleware(str(store), Stats(), refresh=True, jobdir=str(job))
    fresh.load()
    assert fresh.known == set()  # the first run of a refresh job fetches everything


# -- fault injection: kill -9 at random moments, then the same command --------------------------------

#: Generated articles on top of the 48 hand-written ones: enough for kills to land mid-crawl at
#: several depths, few enough for six crawls in well under a minute.
SYNTHETIC = 60
#: Seeded: the same kill points every run (they are points in the crawl's progress, not times).
SEED = int(os.environ.get("FAULT_SEED", "10"))
#: kill -9 this many times (plus one Ctrl-C among them) before the last, uninterrupted run.
KILLS = 5


@pytest.fixture(scope="module")
def site() -> Iterator[Any]:
    with start_process(port=0, synthetic=SYNTHETIC) as handle:
        yield handle


@pytest.fixture(scope="module")
def clean(site: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("clean")
    report = finish_crawl(start_crawl(crawl_options(site, out)))
    assert report.passed
    return snapshot(out / "baodantoc.sqlite")


@pytest.mark.slow
def test_kill_9_at_random_moments_then_the_same_command_gives_the_uninterrupted_store(
        site: Any, clean: dict[str, Any], tmp_path: Path) -> None:
    """Issue 10: after kill -9, `crawl --jobdir D` fetched nothing, exited "finished", and every
    later run did nothing; up to 49 fetched articles were lost per kill; sections were lost."""
    store, job = tmp_path / "baodantoc.sqlite", str(tmp_path / "job")
    total = len(clean["articles"])
    rng = random.Random(SEED)
    points, outcomes = [], []
    for i in range(KILLS + 1):
        point = rng.randrange(0, max(1, (total - count_rows(store)) // 2)) if i else 0  # 0: as soon as it opens
        points.append(point)
        process = start_crawl(crawl_options(site, tmp_path, jobdir=job))
        if i == 2:  # one clean stop among the kills: Ctrl-C, and Scrapy's own queue carries on
            outcomes.append(("sigint", _interrupt_when(process, store, point)))
        else:
            outcomes.append(("kill", kill_when(process, store, point)))
    final = finish_crawl(start_crawl(crawl_options(site, tmp_path, jobdir=job)))
    resumed = snapshot(store)
    lost = set(clean["articles"]) - set(resumed["articles"])
    extra = set(resumed["articles"]) - set(clean["articles"])
    differing = [a for a in clean["articles"] if a in resumed["articles"] and clean["articles"][a] != resumed["articles"][a]]
    print(f"\nkill/resume: {sum(k == 'kill' and hit for k, hit in outcomes)} kills and 1 Ctrl-C "
          f"(after {points} more articles stored): "
          f"{len(lost)} lost, {len(extra)} extra, {len(differing)} differing of {total}")
    for article_id in differing:
        print(article_id, {k: (v, resumed["articles"][article_id][k]) for k, v in clean["articles"][article_id].items()
                           if resumed["articles"][article_id][k] != v})
    assert all(hit for _, hit in outcomes), outcomes  # every cycle was cut before the crawl's end
    assert not lost and not extra and not differing
    assert resumed["crossposts"] == clean["crossposts"] and resumed["digest"] == clean["digest"]
    assert final.passed and final.job["mode"] == REBUILT and final.job["run"] == len(points) + 1
    runs = [(r[0], r[1]) for r in sqlite3.connect(store).execute(
        "SELECT status, json_extract(report, '$.finish_reason') FROM crawl_runs ORDER BY run_id")]
    killed = ("interrupted", "killed")
    assert runs == [killed, killed, ("interrupted", "shutdown"), *[killed] * (KILLS - 2), ("finished", "finished")]
    assert read_state(Path(job)).state == "finished"  # type: ignore[union-attr]


def _interrupt_when(process: Any, store: Path, new_articles: int) -> bool:
    """SIGINT (Ctrl-C) once ``new_articles`` are stored; True when the crawl stopped before its end."""
    if not wait_for_progress(process, store, new_articles):
        process.communicate()
        return False
    os.kill(process.pid, signal.SIGINT)
    return finish_crawl(process).finish_reason == "shutdown"
