"""Full-text index (FTS5) over sentences, facts and entities, kept current by triggers.

Regular FTS5 tables, one row per sentence, fact and entity::

    sentences_fts(article_id UNINDEXED, sentence_index UNINDEXED, text)
    facts_fts(article_id UNINDEXED, fact_id UNINDEXED, subject, sentence)
    entities_fts(entity_id UNINDEXED, type UNINDEXED, names, provinces)

Why this shape:

* Tokenizer ``unicode61 remove_diacritics 2`` folds Vietnamese marks (also in NFD text) but not
  ``đ``; the indexed text therefore carries a đ→d copy when it has a ``đ`` (see
  :data:`baodantoc.store.folding.SQL_INDEXED_TEXT`), so "dak lak" and "Đắk Lắk" both match.
* Regular (not external-content) tables: a delete by rowid always removes exactly what was indexed,
  whatever the source row looked like, so a writer that uses ``INSERT OR REPLACE`` (whose implicit
  delete fires no trigger) can at worst leave a stale row, never corrupt the index; the insert
  trigger clears a reused rowid first. :func:`rebuild_search_index` puts any drift right.
* The key columns are stored UNINDEXED, so search joins on the record key, not on rowid (which
  ``VACUUM`` may renumber in tables without an INTEGER PRIMARY KEY).
* Since migration 005 a sentence's FTS rowid is computed from its key (article id × 4096 +
  sentence index), so rowid order is newest first and the insert trigger clears an old entry of
  the same key: a writer that uses ``INSERT OR REPLACE`` leaves nothing stale. Facts and
  entities keep their table's rowid (Datasette's search box joins on it).
* ``entities_fts`` (migration 004) indexes names, aliases and provinces for the search filters.

The functions called by a migration must never change once shipped; add a new migration instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime

from .folding import SQL_INDEXED_TEXT
from .script import run_script

TOKENIZER = "unicode61 remove_diacritics 2"
_SENTENCE_COLUMNS = "rowid, article_id, sentence_index, text"
_FACT_COLUMNS = "rowid, article_id, fact_id, subject, sentence"
_ENTITY_COLUMNS = "rowid, entity_id, type, names, provinces"


def _indexed(col: str) -> str:
    return SQL_INDEXED_TEXT.format(col=col)


def _sentence_values(alias: str) -> str:
    return f"{alias}.rowid, {alias}.article_id, {alias}.sentence_index, {_indexed(alias + '.text')}"


def _fact_values(alias: str) -> str:
    subject = _indexed(f"coalesce({alias}.subject, '')")
    sentence = _indexed(f"coalesce({alias}.sentence, {alias}.text)")
    return f"{alias}.rowid, {alias}.article_id, {alias}.fact_id, {subject}, {sentence}"


def fts_triggers(source: str, fts: str, columns: str, values: Callable[[str], str],
                 rowid: Callable[[str], str] = lambda alias: f"{alias}.rowid") -> str:
    """The three triggers that keep the FTS table ``fts`` in step with ``source``, from one template
    (as sqlite-utils' ``enable_fts`` generates its own).

    columns: the FTS columns written, rowid first; values(alias): the SQL values for a row of
    ``source`` named ``alias`` (``new``); rowid(alias): the FTS rowid of such a row. An insert
    first clears an entry under the same rowid, so a writer's ``INSERT OR REPLACE`` (whose implicit
    delete fires no trigger) never leaves a stale entry.
    """
    new_rowid, old_rowid = rowid("new"), rowid("old")
    return f"""
        CREATE TRIGGER {fts}_insert AFTER INSERT ON {source} BEGIN
            DELETE FROM {fts} WHERE rowid = {new_rowid};
            INSERT INTO {fts}({columns}) VALUES ({values('new')});
        END;
        CREATE TRIGGER {fts}_delete AFTER DELETE ON {source} BEGIN
            DELETE FROM {fts} WHERE rowid = {old_rowid};
        END;
        CREATE TRIGGER {fts}_update AFTER UPDATE ON {source} BEGIN
            DELETE FROM {fts} WHERE rowid = {old_rowid};
            INSERT INTO {fts}({columns}) VALUES ({values('new')});
        END;
        """


def create_search_index(db: sqlite3.Connection) -> None:
    """Migration 002: the FTS tables, their triggers, and the index of rows already stored."""
    run_script(db, f"""
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            article_id UNINDEXED, sentence_index UNINDEXED, text, tokenize = '{TOKENIZER}');
        CREATE VIRTUAL TABLE facts_fts USING fts5(
            article_id UNINDEXED, fact_id UNINDEXED, subject, sentence, tokenize = '{TOKENIZER}');

        {fts_triggers("sentences", "sentences_fts", _SENTENCE_COLUMNS, _sentence_values)}
        {fts_triggers("facts", "facts_fts", _FACT_COLUMNS, _fact_values)}
        """
    )
    _fill(db)


def _fill(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO sentences_fts(rowid, article_id, sentence_index, text) "
        f"SELECT {_sentence_values('s')} FROM sentences s"
    )
    _fill_facts(db)


def _fill_facts(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO facts_fts(rowid, article_id, fact_id, subject, sentence) "
        f"SELECT {_fact_values('f')} FROM facts f"
    )


def rebuild_search_index(db: sqlite3.Connection) -> tuple[int, int]:
    """Re-index every sentence, fact and entity from scratch; returns (sentences, facts) indexed.

    For a store whose rowids were renumbered (``VACUUM``) or whose writer bypassed the triggers.
    Assumes migration 005 (date-keyed sentence rowids), as every current store has.
    Runs in one transaction: readers see the old index until it commits.
    """
    with db:
        db.execute("DELETE FROM sentences_fts")
        db.execute("DELETE FROM facts_fts")
        _fill_sentences_by_date(db)
        _fill_facts(db)
        if has_entity_index(db):
            db.execute("DELETE FROM entities_fts")
            db.execute(f"INSERT INTO entities_fts(rowid, entity_id, type, names, provinces) "
                       f"SELECT {_entity_values('e')} FROM entities e")
        for table in ("sentences_fts", "facts_fts", "entities_fts"):
            if table != "entities_fts" or has_entity_index(db):
                db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    n_sent = db.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
    n_fact = db.execute("SELECT count(*) FROM facts_fts").fetchone()[0]
    return n_sent, n_fact


def has_entity_index(db: sqlite3.Connection) -> bool:
    """True when the store has ``entities_fts`` (migration 004)."""
    return db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entities_fts'").fetchone()[0] == 1


def has_search_index(db: sqlite3.Connection) -> bool:
    """True when the store has the FTS tables (a store written before migration 002 has not)."""
    row = db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('sentences_fts', 'facts_fts')").fetchone()
    return row[0] == 2


def _entity_values(alias: str) -> str:
    attrs = f"{alias}.attributes"
    province = (f"CASE WHEN json_valid({attrs}) THEN coalesce(json_extract({attrs}, '$.province'), '') || ' ' || "
                f"coalesce(json_extract({attrs}, '$.province_2025'), '') ELSE '' END")
    names = _indexed(f"{alias}.canonical_name || ' ' || coalesce({alias}.aliases, '')")
    return f"{alias}.rowid, {alias}.entity_id, {alias}.type, {names}, {_indexed(province)}"


def create_entity_index(db: sqlite3.Connection) -> None:
    """Migration 004: ``entities_fts`` over entity names, aliases and provinces.

    Why: search filters (``--person "Hầu A Lềnh"``, ``--place "lao cai"``) must find an entity
    whatever the spelling, among tens of thousands, within a few milliseconds. The FTS match
    narrows the candidates; the caller then compares folded names exactly.
    """
    run_script(db, f"""
        CREATE VIRTUAL TABLE entities_fts USING fts5(
            entity_id UNINDEXED, type UNINDEXED, names, provinces, tokenize = '{TOKENIZER}');
        {fts_triggers("entities", "entities_fts", _ENTITY_COLUMNS, _entity_values)}
        INSERT INTO entities_fts(rowid, entity_id, type, names, provinces)
            SELECT {_entity_values('e')} FROM entities e;
        """
    )


#: FTS rowid of a sentence, from its key alone: article id × 4096 + sentence index. Article ids are
#: the paper's creation time in ms (older legacy ids are shorter numbers), so descending rowid is
#: newest first, and FTS5 streams matches in rowid order: a search stops after ``limit`` hits
#: instead of ranking every match (common words match hundreds of thousands of sentences). A key
#: that does not fit (a non-numeric id, over 4095 sentences) falls back to minus the table rowid,
#: which sorts last. Computed from the row itself, so a delete always finds what was indexed.
SENTENCE_SLOTS = 4096
_SENTENCE_FTS_ROWID = (
    f"CASE WHEN {{a}}.sentence_index BETWEEN 0 AND {SENTENCE_SLOTS - 1} AND length({{a}}.article_id) BETWEEN 1 AND 15 "
    "AND {a}.article_id NOT GLOB '*[^0-9]*' "
    f"THEN CAST({{a}}.article_id AS INTEGER) * {SENTENCE_SLOTS} + {{a}}.sentence_index ELSE -{{a}}.rowid END"
)
#: Smallest sentence rowid of an article whose id is a 13-digit ms time (2001-09-09 onwards).
TIME_ROWID_MIN = 10**12 * SENTENCE_SLOTS
_NUMERIC_ID = re.compile(r"[0-9]{1,15}")


def sentence_fts_rowid(alias: str) -> str:
    """SQL for the ``sentences_fts`` rowid of the sentence row ``alias``."""
    return _SENTENCE_FTS_ROWID.format(a=alias)


def article_rowid_range(article_id: str) -> tuple[int, int] | None:
    """[low, high) of the ``sentences_fts`` rowids of one article's sentences, when they derive
    from its id (a numeric id); None otherwise."""
    if not _NUMERIC_ID.fullmatch(article_id):
        return None
    low = int(article_id) * SENTENCE_SLOTS
    return low, low + SENTENCE_SLOTS


def time_rowid(moment: datetime) -> int:
    """The smallest sentence rowid of an article whose id (creation time in ms) is ``moment``."""
    return int(moment.timestamp() * 1000) * SENTENCE_SLOTS


def _dated_values(alias: str) -> str:
    return f"{sentence_fts_rowid(alias)}, {alias}.article_id, {alias}.sentence_index, {_indexed(alias + '.text')}"


def _fill_sentences_by_date(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO sentences_fts(rowid, article_id, sentence_index, text) "
               f"SELECT {_dated_values('s')} FROM sentences s")


def create_dated_sentence_index(db: sqlite3.Connection) -> None:
    """Migration 005: ``sentences_fts`` re-keyed so that rowid order is publication order."""
    run_script(db, f"""
        DROP TRIGGER sentences_fts_insert;
        DROP TRIGGER sentences_fts_delete;
        DROP TRIGGER sentences_fts_update;
        DROP TABLE sentences_fts;
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            article_id UNINDEXED, sentence_index UNINDEXED, text, tokenize = '{TOKENIZER}');
        {fts_triggers("sentences", "sentences_fts", _SENTENCE_COLUMNS, _dated_values, sentence_fts_rowid)}
        """
    )
    _fill_sentences_by_date(db)
