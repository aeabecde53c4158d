"""``baodantoc search``: sentences and numeric facts, found by words and filtered by who, where, when.

The words run against the FTS5 index of the store (``sentences_fts`` or, when a fact filter is
given, ``facts_fts``), diacritics-insensitive on both sides (see :mod:`baodantoc.store.folding`).
The store builds the SQL (``baodantoc.store.search_sql``); filters become conditions with
parameters only:

* ``--person/--org/--ethnic NAME``: articles that mention an entity whose name or alias contains
  NAME's words in order ("Lềnh" finds "Hầu A Lềnh"); with ``same_sentence``, the matched sentence
  itself must mention it.
* ``--place NAME``: places in NAME's territory today — a post-2025 province also covers the old
  provinces merged into it ("Lào Cai" covers old Yên Bái); ``strict_place`` keeps the old borders.
  A fact is filtered on its own place; a sentence on the places its article mentions.
* fact kind, unit, value range; publication date range; section.

Results are :class:`Hit` records: the sentence with match spans, its facts, and the article's
title, date, section and URL, ranked by relevance (bm25) for word queries and newest first
otherwise.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..records import SearchQuery
from ..store import Connection, DatabaseError, Row, StoreError, connect
from ..store.folding import match_spans, tokens
from ..store.search_index import article_rowid_range
from ..store.search_sql import (
    FACT_FIELDS,
    QuerySyntaxError,
    count_rows,
    credit_notes,
    fact_columns,
    fetch,
    filters,
    for_one_article,
    queries,
    readiness,
    sentence_facts,
)
from ..store.sections import known_sections, section_known
from .places import place_key
from .query import QueryError

_NOT_READY = {
    "no_index": "{path} has no search index and is read-only: open it once writable (any baodantoc command "
                "that writes) to build the index",
    "no_articles": "the store {path} has no articles yet: run `baodantoc crawl` (or `baodantoc run --sample`) first",
    "no_sentences": "the store {path} has articles but no extracted sentences: run `baodantoc extract` first",
}


class SearchStoreError(Exception):
    """The store cannot be searched (missing, empty, not extracted); the message says what to run."""


@dataclass
class Hit:
    """One result: a sentence (with where the query words are) and the facts shown with it."""

    article_id: str
    sentence_index: int | None
    sentence: str
    spans: list[tuple[int, int]]
    facts: list[dict[str, Any]]
    title: str | None
    published_at: str | None
    section: str | None
    url: str | None
    score: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("notes")
        d["spans"] = [list(s) for s in self.spans]
        return d


#: Sections named in an "unknown section" message (a store may have hundreds of sub-sections).
MAX_SECTIONS_LISTED = 30


def unknown_section_message(section: str, known: list[str]) -> str:
    """One line: the section is not in the store, and the ones that are (most articles first)."""
    if not known:
        return f"--section {section!r}: the store has no article with a section yet"
    more = f" (and {len(known) - MAX_SECTIONS_LISTED} more)" if len(known) > MAX_SECTIONS_LISTED else ""
    return f"--section {section!r} is not a section of the store; known: {', '.join(known[:MAX_SECTIONS_LISTED])}{more}"


def open_store(path: Path) -> Connection:
    """Open a store for searching; upgrades its schema (search index) when the file is writable."""
    if not path.exists():
        raise SearchStoreError(f"no store at {path}: run `baodantoc run --sample` (or `baodantoc crawl` "
                               f"then `baodantoc extract`) first")
    try:
        db = connect(path, readonly=not os.access(path, os.W_OK))
        problem = readiness(db)
    except (StoreError, DatabaseError) as exc:
        raise SearchStoreError(f"cannot search {path}: {exc}") from exc
    if problem is not None:
        db.close()
        raise SearchStoreError(_NOT_READY[problem].format(path=path))
    return db


def _fact_dict(row: Row) -> dict[str, Any]:
    d = {c: row[f"f_{c}"] for c in FACT_FIELDS}
    d["approx"] = bool(d["approx"])
    d["place_name"] = row["f_place_name"]
    return d


def _highlight_words(q: SearchQuery) -> list[str]:
    if q.fts is not None:
        return [t for t in tokens(q.fts) if t not in ("and", "or", "not", "near")]
    return q.words


def _fetch(db: Connection, q: SearchQuery, sql: str, args: list[Any]) -> list[Row]:
    try:
        return fetch(db, sql, args, raw_fts=q.fts is not None)
    except QuerySyntaxError as exc:
        raise QueryError(f"--fts query {q.fts!r} is not valid FTS5 syntax ({exc})") from None


def _row_key(row: Row, fact_mode: bool) -> tuple[Any, ...]:
    return row["article_id"], row["sentence_index"], row["f_fact_id"] if fact_mode else None


def _rest_of_article(q: SearchQuery, where: list[str], params: list[Any], article_id: str,
                     stream: int, columns: frozenset[str]) -> tuple[str, list[Any]]:
    """The statement for every match of ``q`` in one article (of stream number ``stream``), cheaply.

    A word query is driven by the FTS index: it gets the article's own rowid range (see
    ``store.search_index``), as a condition on the article alone would be checked on every older
    match of the words (2.5 ms instead of 0.1 at 20,000 articles).
    """
    everything = replace(q, limit=-1)  # SQLite: LIMIT -1 is no limit
    where = for_one_article(where)
    rowids = article_rowid_range(article_id)
    if q.has_text and rowids is not None:
        return queries(everything, where, params, rowids=rowids, columns=columns)[0]
    return queries(everything, [*where, "a.article_id = ?"], [*params, article_id], columns=columns)[stream]


def _rows(db: Connection, q: SearchQuery, where: list[str], params: list[Any]) -> list[Row]:
    by_date = not (q.sort == "relevance" and q.has_text)
    rows: list[Row] = []
    columns = fact_columns(db)  # a store opened read-only may predate the fact-context columns
    for i, (sql, args) in enumerate(queries(q, where, params, columns=columns)):
        got = _fetch(db, q, sql, args)
        if by_date and len(got) >= q.limit:
            # LIMIT may have cut the stream's last article short, and it streams an article's
            # sentences last-first (rowid order), so `--limit 1` would show that article's last
            # match: read the rest of that one article, so that reading order below is exact.
            seen = {_row_key(r, q.fact_mode) for r in got}
            rest_sql, rest_args = _rest_of_article(q, where, params, got[-1]["article_id"], i, columns)
            got += [r for r in _fetch(db, q, rest_sql, rest_args) if _row_key(r, q.fact_mode) not in seen]
        rows += got
    if not by_date:
        rows.sort(key=lambda r: (r["score"], r["published_at"] or ""))
    else:  # newest first; within an article, reading order
        rows.sort(key=lambda r: (r["sentence_index"] or 0, r["f_start"] if q.fact_mode else 0))
        rows.sort(key=lambda r: (r["published_at"] or "", r["article_id"]), reverse=True)
    return rows[:q.limit]


def search(db: Connection, q: SearchQuery) -> tuple[list[Hit], list[str]]:
    """Run ``q``; returns the hits (at most ``q.limit``) and notes for the user (e.g. unknown name,
    or a person named only in photo credits, whose hits are captions).

    Raises :class:`~baodantoc.search.query.QueryError` for an invalid advanced (``--fts``) query
    or a section no stored article is in (the message lists the known ones).
    """
    if q.section and not section_known(db, q.section):
        raise QueryError(unknown_section_message(q.section, known_sections(db)))
    where, params, notes = filters(db, q, place_key)
    if notes:
        return [], notes
    words = _highlight_words(q)
    hits = []
    for row in _rows(db, q, where, params):
        if q.fact_mode:
            facts = [_fact_dict(row)]
        else:
            facts = [_fact_dict(r) for r in sentence_facts(db, row["article_id"], row["sentence_index"])]
        sentence = row["sentence"] or ""
        hits.append(Hit(row["article_id"], row["sentence_index"], sentence, match_spans(sentence, words), facts,
                        row["title"], row["published_at"], row["section"], row["url"], row["score"]))
    return hits, credit_notes(db, q) if hits else []


#: At most this many matches are counted for "showing 20 of N" (else "of more than 1,000"): an
#: exact count of a common word reads every match (100,000s at 100,000 articles). Measured on a
#: 20,000-article store: counting 10,000 fact matches took 550-930 ms, 1,000 about 60 ms.
COUNT_CAP = 1_000


def count_matches(db: Connection, q: SearchQuery, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many results ``q`` has without its limit: (count, exact). Past ``cap`` the count stops
    and ``exact`` is False ("more than 10,000"). Rows are counted as :func:`search` returns them
    (sentences, or facts in fact mode)."""
    where, params, notes = filters(db, q, place_key)
    if notes:
        return 0, True
    wide = replace(q, limit=cap + 1, sort="date")
    found = 0  # the streams cover disjoint rowid ranges: their counts add up
    for sql, args in queries(wide, where, params, columns=fact_columns(db)):
        found += count_rows(db, sql, args, raw_fts=q.fts is not None)
    return min(found, cap), found <= cap

