"""One store, several jobs: a write waits for another's lock (busy timeout used), a read never stays
open across a write, opening an up-to-date store takes no lock, and the crawl's store pipeline
keeps a batch that meets a lock instead of dropping it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from test_crawl_pipelines import URL, Stats, record

from baodantoc.crawler.pipelines import StorePipeline
from baodantoc.store import article_texts, connect
from baodantoc.store.db import describe_error, is_busy, write_transaction


def add_article(db: sqlite3.Connection, article_id: str) -> None:
    db.execute("INSERT INTO articles (article_id, url, text) VALUES (?, ?, ?)", (article_id, f"u{article_id}", "t"))


class Holder:
    """Another process's write transaction, held on a connection of its own until released."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    connect(path).close()
    return path


def test_a_write_waits_for_another_writer_instead_of_failing(store: Path) -> None:
    holder = Holder(store)
    timer = threading.Timer(0.2, holder.release)
    timer.start()
    db = connect(store, busy_timeout=30)
    with write_transaction(db):  # blocks until the holder commits, then writes
        add_article(db, "1")
    timer.join()
    assert [r[0] for r in db.execute("SELECT article_id FROM articles")] == ["1"]
    db.close()


def test_a_write_gives_up_after_the_busy_timeout_with_a_clear_message(store: Path) -> None:
    holder = Holder(store)
    db = connect(store, busy_timeout=0.05)
    with pytest.raises(sqlite3.OperationalError) as info, write_transaction(db):
        add_article(db, "1")
    holder.release()
    assert is_busy(info.value) and "locked by another process" in describe_error(store, info.value)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0 and not db.in_transaction
    db.close()


def test_implicit_transactions_take_the_write_lock_first(store: Path) -> None:
    """A plain ``with db:`` write waits for the lock too (BEGIN IMMEDIATE, not a read upgraded)."""
    db = connect(store)
    assert db.isolation_level == "IMMEDIATE"
    db.close()


def test_opening_an_up_to_date_store_takes_no_write_lock(store: Path) -> None:
    """Regression (issue 10): search and serve started during a crawl used to queue for its lock."""
    holder = Holder(store)
    try:
        connect(store, busy_timeout=0.05).close()
        connect(store, readonly=True, busy_timeout=0.05).close()
    finally:
        holder.release()


def test_reading_articles_while_another_process_writes_leaves_the_writes_working(store: Path) -> None:
    """Regression (issue 10): extract kept a read open across its writes; once a crawl committed,
    the next write failed at once with "database is locked" (SQLITE_BUSY_SNAPSHOT)."""
    db = connect(store, busy_timeout=5)
    with db:
        for i in range(600):
            add_article(db, f"{i:04d}")
    crawl = connect(store, busy_timeout=5)
    done = 0
    for article_id, _, _, _ in article_texts(db, [f"{i:04d}" for i in range(600)]):
        if done == 3:
            with crawl:  # another writer commits while extract is half-way through a batch
                add_article(crawl, "crawl")
        with db:
            db.execute("UPDATE articles SET title = 'extracted' WHERE article_id = ?", (article_id,))
        done += 1
    assert done == 600 and db.execute("SELECT count(*) FROM articles WHERE title = 'extracted'").fetchone()[0] == 600
    db.close()
    crawl.close()


# -- the crawl's store pipeline against a lock --------------------------------------------------------


def pipeline(store: Path, **kwargs: Any) -> tuple[StorePipeline, Stats]:
    stats = Stats()
    options = {"busy_timeout": 0.05, "retry_delay": 0.0, "lock_retries": 2, **kwargs}
    store_pipeline = StorePipeline(str(store), stats, **options)
    store_pipeline.open_spider()
    return store_pipeline, stats


def stored_ids(store: Path) -> list[str]:
    db = connect(store, readonly=True)
    try:
        return sorted(r[0] for r in db.execute("SELECT article_id FROM articles"))
    finally:
        db.close()


def test_a_batch_that_meets_a_lock_is_kept_and_written_with_the_next(store: Path) -> None:
    """Regression (issue 10): a batch that met an 8 s lock was dropped (counted, exit 0)."""
    store_pipeline, stats = pipeline(store)
    holder = Holder(store)
    store_pipeline.process_item(record())
    assert stored_ids(store) == [] and stats.values["baodantoc/store/lock_retries"] == 1
    holder.release()
    store_pipeline.process_item(record(url=URL.replace("0000.htm", "0001.htm")))
    store_pipeline.close_spider()
    assert stored_ids(store) == ["1716000000000", "1716000000001"]
    assert stats.values["baodantoc/articles/new"] == 2 and not any("errors" in k for k in stats.values)


def test_the_last_batch_waits_out_a_lock_released_during_the_retries(store: Path) -> None:
    store_pipeline, stats = pipeline(store, lock_retries=50, retry_delay=0.02)
    holder = Holder(store)
    store_pipeline.process_item(record())
    timer = threading.Timer(0.3, holder.release)
    timer.start()
    store_pipeline.close_spider()
    timer.join()
    assert stored_ids(store) == ["1716000000000"] and stats.values["baodantoc/articles/new"] == 1


def test_a_lock_that_never_ends_is_counted_and_left_for_the_next_run(store: Path) -> None:
    store_pipeline, stats = pipeline(store, lock_retries=2)
    holder = Holder(store)
    store_pipeline.process_item(record())
    store_pipeline.close_spider()
    holder.release()
    assert stored_ids(store) == []  # not stored, so an incremental crawl fetches it again
    assert stats.values["baodantoc/errors/store:locked"] == 1 and stats.values["baodantoc/articles/stored"] == 0
