"""Full-text index (FTS5) over sentences and facts, kept current by triggers.

Two regular FTS5 tables, one row per sentence and per fact::

    sentences_fts(article_id UNINDEXED, sentence_index UNINDEXED, text)
    facts_fts(article_id UNINDEXED, fact_id UNINDEXED, subject, sentence)

Why this shape:

* Tokenizer ``unicode61 remove_diacritics 2`` folds Vietnamese marks (also in NFD text) but not
  ``đ``; the indexed text therefore carries a đ→d copy when it has a ``đ`` (see
  :data:`baodantoc.folding.SQL_INDEXED_TEXT`), so "dak lak" and "Đắk Lắk" both match.
* Regular (not external-content) tables: a delete by rowid always removes exactly what was indexed,
  whatever the source row looked like, so a writer that uses ``INSERT OR REPLACE`` (whose implicit
  delete fires no trigger) can at worst leave a stale row, never corrupt the index; the insert
  trigger clears a reused rowid first. :func:`rebuild_search_index` puts any drift right.
* The key columns are stored UNINDEXED, so search joins on the record key, not on rowid (which
  ``VACUUM`` may renumber in tables without an INTEGER PRIMARY KEY).

The functions called by a migration must never change once shipped; add a new migration instead.
"""

from __future__ import annotations

import sqlite3

from ..folding import SQL_INDEXED_TEXT

TOKENIZER = "unicode61 remove_diacritics 2"


def _indexed(col: str) -> str:
    return SQL_INDEXED_TEXT.format(col=col)


def _sentence_values(alias: str) -> str:
    return f"{alias}.rowid, {alias}.article_id, {alias}.sentence_index, {_indexed(alias + '.text')}"


def _fact_values(alias: str) -> str:
    subject = _indexed(f"coalesce({alias}.subject, '')")
    sentence = _indexed(f"coalesce({alias}.sentence, {alias}.text)")
    return f"{alias}.rowid, {alias}.article_id, {alias}.fact_id, {subject}, {sentence}"



def create_search_index(db: sqlite3.Connection) -> None:
    """Migration 002: the FTS tables, their triggers, and the index of rows already stored."""
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            article_id UNINDEXED, sentence_index UNINDEXED, text, tokenize = '{TOKENIZER}');
        CREATE VIRTUAL TABLE facts_fts USING fts5(
            article_id UNINDEXED, fact_id UNINDEXED, subject, sentence, tokenize = '{TOKENIZER}');

        CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
            DELETE FROM sentences_fts WHERE rowid = new.rowid;
            INSERT INTO sentences_fts(rowid, article_id, sentence_index, text)
                VALUES ({_sentence_values('new')});
        END;
        CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
            DELETE FROM sentences_fts WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
            DELETE FROM sentences_fts WHERE rowid = old.rowid;
            INSERT INTO sentences_fts(rowid, article_id, sentence_index, text)
                VALUES ({_sentence_values('new')});
        END;

        CREATE TRIGGER facts_fts_insert AFTER INSERT ON facts BEGIN
            DELETE FROM facts_fts WHERE rowid = new.rowid;
            INSERT INTO facts_fts(rowid, article_id, fact_id, subject, sentence)
                VALUES ({_fact_values('new')});
        END;
        CREATE TRIGGER facts_fts_delete AFTER DELETE ON facts BEGIN
            DELETE FROM facts_fts WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER facts_fts_update AFTER UPDATE ON facts BEGIN
            DELETE FROM facts_fts WHERE rowid = old.rowid;
            INSERT INTO facts_fts(rowid, article_id, fact_id, subject, sentence)
                VALUES ({_fact_values('new')});
        END;
        """
    )
    _fill(db)


def _fill(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO sentences_fts(rowid, article_id, sentence_index, text) "
        f"SELECT {_sentence_values('s')} FROM sentences s"
    )
    db.execute(
        "INSERT INTO facts_fts(rowid, article_id, fact_id, subject, sentence) "
        f"SELECT {_fact_values('f')} FROM facts f"
    )


def rebuild_search_index(db: sqlite3.Connection) -> tuple[int, int]:
    """Re-index every sentence and fact from scratch; returns (sentences, facts) indexed.

    For a store whose rowids were renumbered (``VACUUM``) or whose writer bypassed the triggers.
    Runs in one transaction: readers see the old index until it commits.
    """
    with db:
        db.execute("DELETE FROM sentences_fts")
        db.execute("DELETE FROM facts_fts")
        _fill(db)
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')")
        db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('optimize')")
    n_sent = db.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
    n_fact = db.execute("SELECT count(*) FROM facts_fts").fetchone()[0]
    return n_sent, n_fact


def has_search_index(db: sqlite3.Connection) -> bool:
    """True when the store has the FTS tables (a store written before migration 002 has not)."""
    row = db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('sentences_fts', 'facts_fts')").fetchone()
    return row[0] == 2
