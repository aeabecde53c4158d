"""Named migrations (baodantoc/store/migrations.py): each step and its record in one transaction.

Regression (issue 8): steps ran through ``executescript``, which commits as it goes, so a failing
step left half a schema and no record of it, and the next run died on "table already exists".
These run ``apply_migrations`` with step lists of their own: a step that fails part way leaves
nothing behind, is not recorded, and applies cleanly on the next run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from baodantoc.store import connect
from baodantoc.store.migrations import MIGRATIONS, MigrationError, apply_migrations
from baodantoc.store.script import run_script

Step = Callable[[sqlite3.Connection], None]


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')")
            if not r[0].startswith("sqlite_")}


def _recorded(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def _first(db: sqlite3.Connection) -> None:
    run_script(db, "CREATE TABLE one (x INTEGER);\nINSERT INTO one VALUES (1);")


def _second(fail: bool) -> Step:
    def step(db: sqlite3.Connection) -> None:
        run_script(db, """
            CREATE TABLE two (y TEXT);
            CREATE INDEX two_y ON two(y);
            CREATE TRIGGER two_log AFTER INSERT ON one BEGIN INSERT INTO two VALUES ('added'); END;
            INSERT INTO one VALUES (2);
            """ + ("INSERT INTO no_such_table VALUES (1);" if fail else ""))
    return step


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


def test_a_failing_step_is_rolled_back_whole_and_applied_cleanly_next_run(path: Path) -> None:
    db = sqlite3.connect(path)
    with pytest.raises(MigrationError, match="migration 002_two failed and was rolled back"):
        apply_migrations(db, [("001_one", _first), ("002_two", _second(fail=True))])
    db.close()
    db = sqlite3.connect(path)  # what another process sees: only the first step and its record
    assert _tables(db) == {"_migrations", "one"}
    assert _recorded(db) == ["001_one"]
    assert [r[0] for r in db.execute("SELECT x FROM one")] == [1]
    assert apply_migrations(db, [("001_one", _first), ("002_two", _second(fail=False))]) == ["002_two"]
    assert _tables(db) == {"_migrations", "one", "two", "two_y", "two_log"}
    assert _recorded(db) == ["001_one", "002_two"]
    assert [r[0] for r in db.execute("SELECT x FROM one ORDER BY x")] == [1, 2]
    assert apply_migrations(db, [("001_one", _first), ("002_two", _second(fail=False))]) == []  # once only
    db.close()


def test_a_step_failing_in_python_is_rolled_back_and_its_error_kept(path: Path) -> None:
    def broken(db: sqlite3.Connection) -> None:
        run_script(db, "CREATE TABLE half (z INTEGER);")
        raise ValueError("bad data in the step")

    db = sqlite3.connect(path)
    with pytest.raises(ValueError, match="bad data in the step"):
        apply_migrations(db, [("001_one", _first), ("002_half", broken)])
    assert _tables(db) == {"_migrations", "one"} and _recorded(db) == ["001_one"]
    db.close()


def test_the_connection_is_left_as_it_was_found(path: Path) -> None:
    db = sqlite3.connect(path)
    db.isolation_level = "DEFERRED"
    with pytest.raises(MigrationError):
        apply_migrations(db, [("001_bad", _second(fail=True))])
    assert db.isolation_level == "DEFERRED" and not db.in_transaction
    db.close()


def test_the_shipped_steps_apply_once_in_order_and_a_reopened_store_applies_none(path: Path) -> None:
    db = connect(path)
    assert _recorded(db) == [name for name, _ in MIGRATIONS]
    db.close()
    db = sqlite3.connect(path)
    assert apply_migrations(db) == []
    db.close()


def test_shipped_step_names_are_unique_and_numbered_in_order() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert len(set(names)) == len(names)
    numbers = [int(name.split("_", 1)[0]) for name in names]
    assert numbers == list(range(1, len(names) + 1)), "append a new step with the next number; never renumber"
