"""Schema of the store as named migrations, each applied once and recorded in ``_migrations``.

Why named migrations: a store written by an older release is upgraded in place instead of being
rebuilt, and the table tells which steps a file has seen (as sqlite-utils' migrations do). Add a
new step at the end; never edit a step that has shipped.

Each step and its record commit in one transaction: a step that fails leaves neither half a
schema nor a record, and the next run applies it again from the start. That is why steps run
their SQL through :func:`run_script`, never ``executescript`` (which commits before it starts and
after every statement).

Column names are the record contract of DESIGN.md (shared with CSV and Parquet exports). List- and
dict-valued fields are stored as JSON text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..records import FACT_FIELDS, now_iso
from .crawl_runs import FINISHED_REASONS
from .foreign_keys import add_foreign_keys
from .identity import APPLICATION_ID
from .script import run_script
from .search_index import create_dated_sentence_index, create_entity_index, create_search_index
from .views import create_fact_context_view, create_output_views, create_people_without_credits

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _m001_core_tables(db: sqlite3.Connection) -> None:
    run_script(db,
        """
        CREATE TABLE articles (
            article_id    TEXT PRIMARY KEY,   -- numeric id from the URL (prefixed for foreign hosts)
            url           TEXT NOT NULL,      -- URL the record was fetched from
            canonical_url TEXT,               -- canonical www URL, tracking parameters removed
            host          TEXT,
            section       TEXT,               -- slug of the innermost section
            section_path  TEXT,               -- JSON list of section names, outermost first
            title         TEXT,
            sapo          TEXT,
            author        TEXT,               -- JSON list of person names
            source        TEXT,               -- a non-person byline (another outlet, a domain)
            published_at  TEXT,               -- ISO 8601 with +07:00
            modified_at   TEXT,
            tags          TEXT,               -- JSON list
            body          TEXT,               -- paragraphs joined by blank lines
            text          TEXT,               -- title + \\n\\n + sapo + \\n\\n + body; all offsets point here
            images        TEXT,               -- JSON list of {src, caption}
            related_urls  TEXT,               -- JSON list
            alternate_urls TEXT,              -- JSON list: same article seen on other hosts/ids
            fetched_at    TEXT,
            http_status   INTEGER,
            content_hash  TEXT,               -- sha256 of text: tells a changed page from an unchanged one
            fingerprint   TEXT,               -- near-duplicate fingerprint of the body (cross-posts)
            extraction    TEXT,               -- JSON {field: layer that produced it}
            layout        TEXT,               -- the layout class that parsed the page
            first_seen_at TEXT,
            updated_at    TEXT
        );
        CREATE INDEX articles_published ON articles(published_at);
        CREATE INDEX articles_section ON articles(section);
        CREATE INDEX articles_fingerprint ON articles(fingerprint);

        -- A story cross-posted under another id (VietNamNet) is linked here, not stored twice.
        CREATE TABLE crossposts (
            url          TEXT PRIMARY KEY,
            foreign_id   TEXT,
            article_id   TEXT NOT NULL REFERENCES articles(article_id),
            fingerprint  TEXT,
            seen_at      TEXT
        );

        CREATE TABLE sentences (
            article_id     TEXT NOT NULL,
            sentence_index INTEGER NOT NULL,
            start          INTEGER NOT NULL,
            end            INTEGER NOT NULL,
            text           TEXT NOT NULL,
            PRIMARY KEY (article_id, sentence_index)
        );

        CREATE TABLE mentions (
            article_id     TEXT NOT NULL,
            mention_id     TEXT NOT NULL,
            type           TEXT NOT NULL,     -- PER | ORG | LOC | ETH
            text           TEXT NOT NULL,
            start          INTEGER NOT NULL,
            end            INTEGER NOT NULL,
            sentence_index INTEGER,
            entity_id      TEXT,
            method         TEXT,
            confidence     REAL,
            attributes     TEXT,              -- JSON
            PRIMARY KEY (article_id, mention_id)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);

        CREATE TABLE entities (
            entity_id      TEXT PRIMARY KEY,
            type           TEXT NOT NULL,
            canonical_name TEXT NOT NULL,
            aliases        TEXT,              -- JSON list
            attributes     TEXT,              -- JSON
            article_count  INTEGER NOT NULL DEFAULT 0,
            mention_count  INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX entities_type ON entities(type);

        CREATE TABLE facts (
            article_id     TEXT NOT NULL,
            fact_id        TEXT NOT NULL,
            sentence_index INTEGER,
            text           TEXT NOT NULL,
            start          INTEGER NOT NULL,
            end            INTEGER NOT NULL,
            value          REAL,
            value_max      REAL,
            unit           TEXT,
            kind           TEXT NOT NULL,     -- count|percent|money|measure|rank|duration|ratio
            approx         INTEGER NOT NULL DEFAULT 0,
            subject        TEXT,
            place          TEXT,              -- entity_id of the place
            period         TEXT,
            sentence       TEXT,
            attributes     TEXT,              -- JSON: target/comparison, denominator, ...
            PRIMARY KEY (article_id, fact_id)
        );
        CREATE INDEX facts_kind ON facts(kind);
        CREATE INDEX facts_place ON facts(place);

        -- Which extractor version last processed which content: `extract` redoes only what changed.
        CREATE TABLE extraction_state (
            article_id        TEXT PRIMARY KEY,
            extractor_version TEXT NOT NULL,
            content_hash      TEXT,
            extracted_at      TEXT NOT NULL,
            error             TEXT
        );

        -- One row per crawl: what was fetched, stored and skipped, and why.
        CREATE TABLE crawl_runs (
            run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at  TEXT,
            finished_at TEXT,
            start_urls  TEXT,
            report      TEXT                  -- JSON report (counts, skips by reason, coverage)
        );
        """
    )


#: Fact fields added by issue 11 (where and when a number holds), with their SQL types derived from
#: the record type (``baodantoc.records.FactRow``).
_FACT_CONTEXT_FIELDS = ("province", "province_2025", "scope", "period_source")
_SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "count": "INTEGER", "real": "REAL", "bool": "INTEGER"}


def _m007_fact_context(db: sqlite3.Connection) -> None:
    """facts.province, province_2025, scope, period_source (a store extracted before has them
    empty until the next ``extract``: EXTRACTOR_VERSION changed), their indexes, and fact_details
    showing them."""
    kinds = {f.name: f.kind for f in FACT_FIELDS}
    present = {r[1] for r in db.execute("PRAGMA table_info(facts)")}
    for name in _FACT_CONTEXT_FIELDS:
        if name not in present:  # a store a development build gave one of them already keeps it
            db.execute(f"ALTER TABLE facts ADD COLUMN {name} {_SQL_TYPES[kinds[name]]}")
    db.execute("CREATE INDEX IF NOT EXISTS facts_province ON facts(province)")
    db.execute("CREATE INDEX IF NOT EXISTS facts_province_2025 ON facts(province_2025)")
    create_fact_context_view(db)


def _m009_crawl_run_status(db: sqlite3.Connection) -> None:
    """A crawl's row is written when it starts and kept up to date while it runs, so a crawl that
    is killed still leaves its row: ``status`` running -> finished | interrupted, the process that
    runs it (``pid`` on ``hostname``: how a later crawl tells a dead run from a live one), its job
    folder, and ``updated_at``, the last time its report was written."""
    reasons = ", ".join(f"'{r}'" for r in FINISHED_REASONS)
    run_script(db,
        f"""
        ALTER TABLE crawl_runs ADD COLUMN status TEXT;      -- running | finished | interrupted
        ALTER TABLE crawl_runs ADD COLUMN pid INTEGER;
        ALTER TABLE crawl_runs ADD COLUMN hostname TEXT;
        ALTER TABLE crawl_runs ADD COLUMN jobdir TEXT;
        ALTER TABLE crawl_runs ADD COLUMN updated_at TEXT;
        UPDATE crawl_runs SET updated_at = finished_at,
               status = CASE WHEN finished_at IS NOT NULL AND json_valid(report)
                                  AND json_extract(report, '$.finish_reason') IN ({reasons})
                             THEN 'finished' ELSE 'interrupted' END;
        """
    )


def _m010_section_hints(db: sqlite3.Connection) -> None:
    """The section a listing or feed showed an article under, for pages that print none (the
    e-magazines): kept in the store so that a crawl killed between seeing the listing and fetching
    the article still knows it, and so that a hint found after the article was stored still
    fills its section."""
    run_script(db,
        """
        CREATE TABLE section_hints (
            article_id TEXT NOT NULL,
            host       TEXT NOT NULL,   -- the site (canonical host) of the listing or feed
            section    TEXT NOT NULL,   -- section path the article was listed under
            seen_at    TEXT,
            PRIMARY KEY (article_id, host)
        );
        """
    )


#: Ordered; names are recorded in the store, so never rename a shipped step.
MIGRATIONS: list[Migration] = [
    ("001_core_tables", _m001_core_tables),
    ("002_search_index", create_search_index),  # FTS5 over sentences and facts (search_index.py)
    ("003_output_views", create_output_views),  # places/people/fact_details for Datasette (views.py)
    ("004_entity_index", create_entity_index),  # FTS5 over entity names/aliases/provinces (search_index.py)
    ("005_sentence_index_by_date", create_dated_sentence_index),  # newest-first FTS rowids (search_index.py)
    ("006_foreign_keys", add_foreign_keys),  # sentences/mentions/facts rebuilt with REFERENCES (foreign_keys.py)
    ("007_fact_context", _m007_fact_context),  # facts: province, province_2025, scope, period_source
    ("008_people_without_credits", create_people_without_credits),  # credit-only names apart (views.py)
    ("009_crawl_run_status", _m009_crawl_run_status),  # crawl_runs: status, pid, hostname, jobdir, updated_at
    ("010_section_hints", _m010_section_hints),  # section_hints: the listing an article was seen in
]


class MigrationError(RuntimeError):
    """A migration step failed; it was rolled back whole and is not recorded."""


def apply_migrations(db: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the steps not yet recorded in ``_migrations``, then mark the file as ours
    (``application_id``, and ``user_version`` = the number of steps); return the names applied now.

    Each step runs in its own transaction together with its ``_migrations`` row (SQLite's DDL is
    transactional): on any error the step is rolled back whole and :class:`MigrationError` names it.
    A store already up to date and marked is only read: opening it takes no write lock, so a
    search or the web UI starting during a crawl never waits for the crawl's writes.
    """
    steps = migrations if migrations is not None else MIGRATIONS
    saved = db.isolation_level
    db.isolation_level = None  # we issue BEGIN/COMMIT ourselves; the module must not add its own
    try:
        done = _recorded(db)
        if all(name in done for name, _ in steps) and _marked(db, len(steps)):
            return []
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = []
        for name, step in steps:
            if name in done:
                continue
            db.execute("BEGIN IMMEDIATE")  # take the write lock first: two processes never race a step
            try:
                if db.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone() is None:
                    step(db)
                    db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, now_iso()))
                    applied.append(name)
                db.execute("COMMIT")
            except BaseException as exc:
                db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise MigrationError(f"migration {name} failed and was rolled back: {exc}") from exc
                raise
        if not _marked(db, len(steps)):
            _mark(db, len(steps))
        return applied
    finally:
        db.isolation_level = saved


def _recorded(db: sqlite3.Connection) -> set[str]:
    """Names of the steps recorded in the store (none when it has no ``_migrations`` table yet)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone() is None:
        return set()
    return {row[0] for row in db.execute("SELECT name FROM _migrations")}


def _marked(db: sqlite3.Connection, version: int) -> bool:
    return (db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            and db.execute("PRAGMA user_version").fetchone()[0] >= version)


def _mark(db: sqlite3.Connection, version: int) -> None:
    """Write the mark that tells our stores from other SQLite files (``store/identity.py``);
    ``user_version`` never goes down (a newer release may have applied more steps)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {max(current, version)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
