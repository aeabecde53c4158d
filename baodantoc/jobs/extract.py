"""``baodantoc extract``: run the extractor over the articles in the store.

Only articles whose text changed, or that an older extractor version processed, are redone
(``refresh`` redoes all). Each chunk of results is committed with its extraction state in one short
transaction, so an interrupted run resumes where it stopped. The work runs on an engine
(:mod:`baodantoc.jobs.engine`): this process, ``workers`` processes, or a Dask cluster
(``scheduler``); the extractor is pure and CPU-bound, and the store is written by this process only.
One article that fails is logged, counted and recorded; the run goes on.

Reads and writes never overlap: the texts of a batch of articles are read to the end before any
result is written. A read statement left open across a write made SQLite upgrade a stale WAL
snapshot, which fails at once with "database is locked" whenever anything else had committed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from ..records import Annotations
from ..store import Connection, article_texts, connect
from ..store.annotations import (
    pending_articles,
    rebuild_entities,
    record_failure,
    replace_article_annotations,
)
from .engine import EngineError, open_engine, unordered_map

log = logging.getLogger(__name__)

#: articles sent to a worker at once: large enough to amortize the hand-off (a Dask task costs
#: about a millisecond, an article tens of them), small enough that progress moves and a lost
#: worker costs little to redo
CHUNK = 16
#: chunks in flight per worker: enough to keep every worker busy while this process writes,
#: few enough that only a handful of article texts are held in memory at once
CHUNKS_PER_WORKER = 2
#: pending articles whose texts are read from the store at once (a whole number of chunks)
READ_BATCH = 32 * CHUNK
#: A short text that runs every component, so that a worker loads every model before its first
#: task (the pipeline loads them lazily), and the load is not counted against the first chunk.
WARM_UP_TEXT = "Chủ tịch UBND tỉnh Lào Cai thăm 300 hộ đồng bào Mông ở xã Y Tý, huyện Bát Xát."

Item = tuple[str, str, dict[str, Any], str | None]  # article_id, text, meta, content_hash
Outcome = tuple[str, str | None, Annotations | None, str | None]  # article_id, content_hash, result, error


class ExtractError(Exception):
    """The run could not start (no cluster) or go on (a worker process died, the cluster is lost);
    what was extracted so far is saved. The message says what to do next."""


@dataclass
class ExtractReport:
    """What an extract run did."""

    extractor_version: str
    pending: int = 0
    extracted: int = 0
    failed: int = 0
    characters: int = 0
    mentions: int = 0
    facts: int = 0
    entities: int = 0
    errors: Counter[str] = field(default_factory=Counter)


def load_extractor() -> str:
    """Load the extractor and its models in this process, once; returns the extractor version.

    Each worker process runs it when it starts (a pool's initializer, a Dask worker plugin)."""
    from ..extract.api import EXTRACTOR_VERSION, article_result

    article_result(WARM_UP_TEXT)
    return EXTRACTOR_VERSION


def _work(item: Item) -> Outcome:
    from ..extract.api import article_result

    article_id, text, meta, content_hash = item
    try:
        return article_id, content_hash, article_result(text, meta), None
    except Exception as exc:  # one article must not stop the run
        return article_id, content_hash, None, f"{type(exc).__name__}: {exc}"


def _work_chunk(items: list[Item]) -> list[Outcome]:
    return [_work(item) for item in items]


def _chunks(db: Connection, ids: Sequence[str]) -> Iterator[list[Item]]:
    """Chunks of pending articles; each batch of texts is read to the end before it is handed on."""
    for i in range(0, len(ids), READ_BATCH):
        items = article_texts(db, ids[i : i + READ_BATCH])
        for j in range(0, len(items), CHUNK):
            yield items[j : j + CHUNK]


def _write(db: Connection, outcomes: list[Outcome], report: ExtractReport) -> None:
    """One chunk's results, in one short write transaction."""
    with db:
        for article_id, content_hash, result, error in outcomes:
            if result is None:
                report.failed += 1
                report.errors[error.split(":")[0] if error else "error"] += 1
                log.warning("extraction failed for article %s: %s", article_id, error)
                record_failure(db, article_id, report.extractor_version, error or "unknown error")
                continue
            replace_article_annotations(db, article_id, result, report.extractor_version, content_hash)
            report.extracted += 1
            report.mentions += len(result.mentions)
            report.facts += len(result.facts)
            report.characters += sum(len(s.text) for s in result.sentences)
            for err in result.errors:
                report.errors[err.split(":")[0]] += 1


def _extract(db: Connection, ids: Sequence[str], workers: int, scheduler: str | None, report: ExtractReport,
             on_progress: Callable[[int], None] | None) -> None:
    """Extract ``ids`` on the engine for ``workers``/``scheduler`` and write each chunk's results."""
    from ..extract.api import EXTRACTOR_VERSION

    with ExitStack() as stack:
        try:
            engine = stack.enter_context(
                open_engine(workers, scheduler, preload=load_extractor, version=EXTRACTOR_VERSION))
        except EngineError as exc:  # nothing was started: the message says what to fix
            raise ExtractError(str(exc)) from exc
        try:
            for outcomes in unordered_map(engine, _work_chunk, _chunks(db, ids), CHUNKS_PER_WORKER * engine.slots):
                _write(db, outcomes, report)
                if on_progress:
                    on_progress(len(outcomes))
        except EngineError as exc:
            hint = " (with fewer --workers if memory is short)" if not scheduler else ""
            raise ExtractError(f"{exc}; {report.extracted + report.failed} of {report.pending} articles were"
                               f" saved: run extract again to resume{hint}") from exc


def extract_store(store_path, *, refresh: bool = False, article_ids: list[str] | None = None,
                  workers: int = 1, scheduler: str | None = None,
                  on_progress: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None) -> ExtractReport:
    """Extract every pending article of the store at ``store_path``; returns the report.

    workers: processes on this machine; scheduler: a Dask scheduler address or ``local:N``
    (:mod:`baodantoc.jobs.cluster`). on_total(n) is called once with the number of pending articles,
    on_progress(n) as articles are written.

    Raises :class:`ExtractError` when the work cannot go on (a pool's worker process died, the
    cluster is unreachable or lost): the articles written until then stay, and the next run
    resumes with the rest.
    """
    from ..extract.api import EXTRACTOR_VERSION

    db = connect(store_path)
    report = ExtractReport(EXTRACTOR_VERSION)
    try:
        ids = pending_articles(db, EXTRACTOR_VERSION, refresh=refresh, article_ids=article_ids)
        report.pending = len(ids)
        if on_total:
            on_total(len(ids))
        if ids:  # else no models to load, no cluster to start
            _extract(db, ids, workers, scheduler, report, on_progress)
        with db:
            report.entities = rebuild_entities(db)
    finally:
        db.close()
    return report
