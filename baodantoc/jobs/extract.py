"""``baodantoc extract``: run the extractor over the articles in the store.

Only articles whose text changed, or that an older extractor version processed, are redone
(``refresh`` redoes all). Each article's results are committed with its extraction state, so an
interrupted run resumes where it stopped. Work is spread over processes (the extractor is pure
and CPU-bound); the store is written by this process only. One article that fails is logged,
counted and recorded; the run goes on.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..records import Annotations
from ..store import article_texts, connect
from ..store.annotations import (
    pending_articles,
    rebuild_entities,
    record_failure,
    replace_article_annotations,
)

log = logging.getLogger(__name__)

#: articles sent to a worker at once: large enough to amortize process hand-off, small enough
#: that progress moves and a crash loses little
CHUNK = 16
#: chunks in flight per worker: enough to keep every worker busy while the main process writes,
#: few enough that only a handful of article texts are held in memory at once
CHUNKS_PER_WORKER = 2

Item = tuple[str, str, dict[str, Any], str | None]  # article_id, text, meta, content_hash
Outcome = tuple[str, str | None, Annotations | None, str | None]  # article_id, content_hash, result, error


class ExtractError(Exception):
    """The run could not go on (a worker process died); what was extracted so far is saved."""


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


def _work(item: Item) -> Outcome:
    from ..extract.api import article_result

    article_id, text, meta, content_hash = item
    try:
        return article_id, content_hash, article_result(text, meta), None
    except Exception as exc:  # one article must not stop the run
        return article_id, content_hash, None, f"{type(exc).__name__}: {exc}"


def _work_chunk(items: list[Item]) -> list[Outcome]:
    return [_work(item) for item in items]


def parallel_map(pool: Executor, func: Callable[[list[Item]], list[Outcome]], items: Iterable[Item],
                 in_flight: int) -> Iterator[Outcome]:
    """``func`` over chunks of ``items`` in ``pool``, results in input order, with at most
    ``in_flight`` chunks submitted and not yet consumed.

    Why not ``pool.map``: it submits every item before returning its first result, so all the
    pending article texts sat in memory at once, and an error in the writing loop had to wait for
    the whole store to be extracted before ``shutdown`` returned.
    """
    pending: deque[Future[list[Outcome]]] = deque()
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        pending.append(pool.submit(func, chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def extract_store(store_path, *, refresh: bool = False, article_ids: list[str] | None = None,
                  workers: int = 1, on_progress: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None) -> ExtractReport:
    """Extract every pending article of the store at ``store_path``; returns the report.

    Raises :class:`ExtractError` when a worker process dies (killed, out of memory): the articles
    written until then stay, and the next run resumes with the rest.
    """
    from ..extract.api import EXTRACTOR_VERSION

    db = connect(store_path)
    report = ExtractReport(EXTRACTOR_VERSION)
    try:
        ids = pending_articles(db, EXTRACTOR_VERSION, refresh=refresh, article_ids=article_ids)
        report.pending = len(ids)
        if on_total:
            on_total(len(ids))
        pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
        try:
            items = article_texts(db, ids)
            results = (parallel_map(pool, _work_chunk, items, CHUNKS_PER_WORKER * workers) if pool
                       else map(_work, items))
            for article_id, content_hash, result, error in results:
                with db:
                    if result is None:
                        report.failed += 1
                        report.errors[error.split(":")[0] if error else "error"] += 1
                        log.warning("extraction failed for article %s: %s", article_id, error)
                        record_failure(db, article_id, EXTRACTOR_VERSION, error or "unknown error")
                    else:
                        replace_article_annotations(db, article_id, result, EXTRACTOR_VERSION, content_hash)
                        report.extracted += 1
                        report.mentions += len(result.mentions)
                        report.facts += len(result.facts)
                        report.characters += sum(len(s.text) for s in result.sentences)
                        for err in result.errors:
                            report.errors[err.split(":")[0]] += 1
                if on_progress:
                    on_progress(1)
        except BrokenProcessPool as exc:
            raise ExtractError(
                f"a worker process died ({exc}); {report.extracted + report.failed} of {report.pending} articles"
                " were saved: run extract again to resume (with fewer --workers if memory is short)") from exc
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
        with db:
            report.entities = rebuild_entities(db)
    finally:
        db.close()
    return report
