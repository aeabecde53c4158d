"""SQL for a search: filters as parameterized conditions, and a plan that stays fast at 100k articles.

How a word query stays fast: ``sentences_fts`` rowids encode the article id (the paper's creation
time in ms) × 4096 + sentence index (migration 005), so FTS5 streams matches newest first and the
query stops after ``limit`` hits pass the filters, instead of ranking every match (a common word
matches hundreds of thousands of sentences). A date range becomes a rowid range too. Sentences
whose article id is no 13-digit time (legacy short ids, non-numeric ids: rowids below
:data:`TIME_ROWID_MIN`) are searched as a second, small stream and merged by date.

Entity filters pick their form by size: a filter on rare entities materializes the few articles
that mention them; a filter on frequent ones ("Ban Dân tộc" of every province) checks each
candidate's own mentions instead, which lets the stream stop early.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from ..records import VIETNAM, SearchQuery
from .entity_lookup import resolve_entities, resolve_place
from .folding import fold, fold_name
from .search_index import TIME_ROWID_MIN, has_entity_index, has_search_index, time_rowid
from .sections import SECTION_CONDITION

#: An article's id (draft creation) precedes its publication by hours or days; this much slack
#: keeps articles drafted well before ``since`` but published after it.
DRAFT_SLACK = timedelta(days=90)
#: With ``sort="relevance"``, the newest matches (after filters) that bm25 ranks.
RELEVANCE_POOL = 2000
#: Above this many mentions, an entity filter checks each candidate instead of listing articles.
MATERIALIZE_MAX_MENTIONS = 5000

FACT_FIELDS = ("fact_id", "sentence_index", "text", "start", "end", "value", "value_max", "unit", "kind",
               "approx", "subject", "place", "province", "province_2025", "scope", "period", "period_source")


_PICK = "SELECT value FROM json_each(?)"
#: An entity filter in its two forms: the articles that mention it, listed once (cheap for a rare
#: entity), or each candidate's own mentions checked (cheap for a frequent one, or for one article).
_LISTED = f"s.article_id IN (SELECT m.article_id FROM mentions m WHERE m.entity_id IN ({_PICK}))"
_CHECKED = f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = s.article_id AND m.entity_id IN ({_PICK}))"


def _mention_condition(db: sqlite3.Connection, ids: list[str], same_sentence: bool) -> str:
    if same_sentence:
        return (f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = s.article_id "
                f"AND m.sentence_index = s.sentence_index AND m.entity_id IN ({_PICK}))")
    total = db.execute(f"SELECT coalesce(sum(mention_count), 0) FROM entities WHERE entity_id IN ({_PICK})",
                       (json.dumps(ids),)).fetchone()[0]
    return _CHECKED if total > MATERIALIZE_MAX_MENTIONS else _LISTED


def for_one_article(where: list[str]) -> list[str]:
    """``where`` (same parameters) for a statement over one article's few rows: an entity filter
    checks that article's mentions instead of listing every article of the entity (7 ms -> 0.2 ms
    for a person at 100,000 articles)."""
    return [_CHECKED if condition == _LISTED else condition for condition in where]


def fact_columns(db: sqlite3.Connection) -> frozenset[str]:
    """The columns of ``facts``: a store opened read-only may predate migration 007 (where and when)."""
    return frozenset(r[1] for r in db.execute("PRAGMA table_info(facts)"))


def _fact_province_columns(db: sqlite3.Connection) -> list[str]:
    """``province`` and ``province_2025`` of ``facts`` when the store has them (a newer extractor
    writes them); ``--strict-place`` then compares the pre-2025 province only."""
    present = fact_columns(db)
    return [c for c in ("province", "province_2025") if c in present]


def fact_select(present: frozenset[str] | None = None) -> str:
    """The fact columns of a result row (``f_<field>`` and ``f_place_name``); a field the store has
    no column for (``present``: the columns it has; None: all) reads as NULL."""
    return ", ".join(f"f.{c} AS f_{c}" if present is None or c in present else f"NULL AS f_{c}"
                     for c in FACT_FIELDS) + ", p.canonical_name AS f_place_name"


def filters(db: sqlite3.Connection, q: SearchQuery,
            place_key: Callable[[str], str] = fold_name) -> tuple[list[str], list[Any], list[str]]:
    """SQL conditions and parameters for every filter, or a note when a name resolves to nothing.

    ``place_key`` folds a place name for comparison (the search layer drops its prefix, "tỉnh");
    ``q.place_area`` lists the folded provinces the place covers.
    """
    where: list[str] = []
    params: list[Any] = []
    for type_, name, label in (("PER", q.person, "person"), ("ORG", q.org, "agency or organization"),
                               ("ETH", q.ethnic, "ethnic group")):
        if name:
            ids = resolve_entities(db, type_, fold_name(name))
            if not ids:
                return [], [], [f"no {label} named {name!r} in the store"]
            where.append(_mention_condition(db, ids, q.same_sentence))
            params.append(json.dumps(ids))
    if q.place:
        area = q.place_area or (place_key(q.place),)
        ids = resolve_place(db, place_key(q.place), area, q.strict_place, place_key)
        by_fact = q.fact_mode and not q.same_sentence
        own = [c for c in _fact_province_columns(db) if not (q.strict_place and c == "province_2025")] if by_fact else []
        national = by_fact and q.place_national and "scope" in fact_columns(db)
        if not ids and not own and not national:
            return [], [], [f"no place named {q.place!r} in the store"]
        if by_fact:
            # where the number holds: its own place; and, when extraction wrote them, its own
            # provinces (a village's no gazetteer lists, its article's) and, for the whole country,
            # every national figure
            where.append("(f.place IN (SELECT value FROM json_each(?))" + "".join(
                f" OR bdt_fold_name(f.{c}) IN (SELECT value FROM json_each(?))" for c in own)
                + (" OR f.scope = 'national'" if national else "") + ")")
            params += [json.dumps(ids), *[json.dumps(area) for _ in own]]
        else:
            where.append(_mention_condition(db, ids, q.same_sentence))
            params.append(json.dumps(ids))
    if q.since:
        where.append("a.published_at >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append("a.published_at < ?")  # published_at is local (+07:00) ISO text: compare dates
        params.append((q.until + timedelta(days=1)).isoformat())
    if q.section:
        key = fold_name(q.section)
        where.append(SECTION_CONDITION)
        params += [key, key]
    if q.kind:
        where.append("+f.kind = ?")  # '+': filter rows, do not drive the query by the kind index
        params.append(q.kind)
    if q.unit:
        where.append("bdt_fold(f.unit) = ?")
        params.append(fold(q.unit))
    if q.min_value is not None:  # a range fact matches when it overlaps [min, max]
        where.append("coalesce(f.value_max, f.value) >= ?")
        params.append(q.min_value)
    if q.max_value is not None:
        where.append("f.value <= ?")
        params.append(q.max_value)
    return where, params, []


def credit_notes(db: sqlite3.Connection, q: SearchQuery) -> list[str]:
    """A note when ``--person`` names someone found only in photo credits, bylines or source
    lines: the hits are then captions and bylines, not news about them (issue 11)."""
    if not q.person:
        return []
    rows = db.execute(
        "SELECT canonical_name, attributes FROM entities WHERE entity_id IN (SELECT value FROM json_each(?))",
        (json.dumps(resolve_entities(db, "PER", fold_name(q.person))),)).fetchall()
    attrs = [_json_object(r[1]) for r in rows]
    if not rows or not all(a.get("credit_only") for a in attrs):
        return []
    roles = sorted({str(a.get("role")) for a in attrs if a.get("role")})
    names = ", ".join(sorted({r[0] for r in rows}))
    return [f"{names}: named only in photo credits and bylines ({', '.join(roles) or 'credit'}); "
            "the results are those captions and bylines, not news about them"]


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _time_rowid(day: date) -> int:
    return time_rowid(datetime.combine(day, time(), VIETNAM))


def _streams(q: SearchQuery) -> list[tuple[str, list[Any]]]:
    """Rowid ranges to stream: the time-keyed ids (bounded by the dates) and the rest."""
    low = _time_rowid(q.since - DRAFT_SLACK) if q.since else None
    high = _time_rowid(q.until + timedelta(days=1)) if q.until else None
    timed = ["x.rowid >= ?"], [max(low or TIME_ROWID_MIN, TIME_ROWID_MIN)]
    if high is not None:
        timed[0].append("x.rowid < ?")
        timed[1].append(high)
    return [(" AND ".join(timed[0]), timed[1]), ("x.rowid < ?", [TIME_ROWID_MIN])]


def queries(q: SearchQuery, where: list[str], params: list[Any], rowids: tuple[int, int] | None = None,
            columns: frozenset[str] | None = None) -> list[tuple[str, list[Any]]]:
    """The SQL statements whose rows, merged by date, are the results (see module docstring).

    ``rowids``: a word query over this one range [low, high) of FTS rowids instead of the streams
    (one article's sentences); a bound FTS5 is not given would make it read every older match.
    ``columns``: the columns of the store's ``facts`` (:func:`fact_columns`; None: all of them).
    """
    cols = "s.article_id, s.sentence_index, s.text AS sentence, a.title, a.published_at, a.section, a.url"
    facts = ""
    if q.fact_mode:
        cols += f", {fact_select(columns)}"
        facts = (" JOIN facts f ON f.article_id = s.article_id AND f.sentence_index = s.sentence_index"
                 " LEFT JOIN entities p ON p.entity_id = f.place")
    match = q.match_expression()
    if not match:  # drive by the publication-date index, newest first
        sql = (f"SELECT {cols}, NULL AS score FROM articles a CROSS JOIN sentences s ON s.article_id = a.article_id"
               f"{facts} WHERE {' AND '.join(where) or '1'} ORDER BY a.published_at DESC LIMIT ?")
        return [(sql, [*params, q.limit])]
    source = ("sentences_fts x JOIN sentences s ON s.article_id = x.article_id AND s.sentence_index = x.sentence_index"
              f" JOIN articles a ON a.article_id = s.article_id{facts}")
    # bm25 only when asked: its first call counts every document of every query term (25 ms for a
    # common word at 100k articles), which the newest-first stream otherwise never reads
    score = "x.rank" if q.sort == "relevance" else "NULL"
    out = []
    streams = _streams(q) if rowids is None else [("x.rowid >= ? AND x.rowid < ?", list(rowids))]
    for rowid_range, range_params in streams:
        conditions = " AND ".join(["sentences_fts MATCH ?", rowid_range, *where])
        sql = f"SELECT {cols}, {score} AS score FROM {source} WHERE {conditions} ORDER BY x.rowid DESC LIMIT ?"
        args = [match, *range_params, *params]
        if q.sort == "relevance":
            out.append((f"SELECT * FROM ({sql}) ORDER BY score LIMIT ?", [*args, RELEVANCE_POOL, q.limit]))
        else:
            out.append((sql, [*args, q.limit]))
    return out


class QuerySyntaxError(ValueError):
    """An advanced (raw FTS5) query that the index cannot parse."""


#: What SQLite says about an FTS5 expression it cannot use: a syntax error, a lone '"'
#: ("unterminated string"), a lone '*' ("unknown special query"), a column filter that names no
#: column of the index ('title:x': "no such column").
FTS_ERRORS = ("fts5", "syntax error", "unterminated string", "unknown special query", "no such column")


def fetch(db: sqlite3.Connection, sql: str, args: list[Any], raw_fts: bool = False) -> list[sqlite3.Row]:
    """Run one statement of :func:`queries`; a raw FTS5 expression that does not parse is a
    :class:`QuerySyntaxError` (the user's mistake), any other error stays what it is."""
    try:
        return db.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if raw_fts and any(marker in str(exc) for marker in FTS_ERRORS):
            raise QuerySyntaxError(str(exc)) from None
        raise


def count_rows(db: sqlite3.Connection, sql: str, args: list[Any], raw_fts: bool = False) -> int:
    """How many rows one statement of :func:`queries` gives (its LIMIT applies), without reading
    them: the sentences' text is never fetched, only counted."""
    return int(fetch(db, f"SELECT count(*) FROM ({sql})", args, raw_fts)[0][0])


def readiness(db: sqlite3.Connection) -> str | None:
    """Why the store cannot be searched yet ("no_index", "no_articles", "no_sentences"), or None."""
    if not (has_search_index(db) and has_entity_index(db)):
        return "no_index"
    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
        return "no_articles"
    if db.execute("SELECT 1 FROM sentences LIMIT 1").fetchone() is None:
        return "no_sentences"
    return None


def sentence_facts(db: sqlite3.Connection, article_id: str, sentence_index: int | None) -> list[sqlite3.Row]:
    """The facts of one sentence, in reading order (columns ``f_<field>`` and ``f_place_name``)."""
    return db.execute(
        f"SELECT {fact_select(fact_columns(db))} FROM facts f LEFT JOIN entities p ON p.entity_id = f.place "
        "WHERE f.article_id = ? AND f.sentence_index = ? ORDER BY f.start",
        (article_id, sentence_index)).fetchall()
