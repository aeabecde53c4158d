"""``baodantoc annotate INPUT --shards DIR``: the extractor over a corpus, without the store.

A corpus (JSONL or Parquet, :mod:`baodantoc.jobs.corpus_input`) is cut into shards of a fixed
number of rows; each shard is one task for the engine (this process, ``--workers N``, or a Dask
cluster) and becomes three Parquet files (:mod:`baodantoc.export.shards`): its documents (the input
columns, carried through, and what was found), mentions and facts, typed like the exports. The
workers only compute; this process reads the input and writes every file, so workers need no
access to either (no shared file system).

Re-runs: ``DIR/_annotate.json`` records what the shards were made from (the input's sha256, the
columns, the shard size, the extractor version); a re-run with the same recipe skips the complete
shards and writes the rest, a re-run with another is refused (mixing them would give a dataset
that no single run produced).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..config import CORPUS_SHARD_SIZE
from ..export.schema import FACTS, MENTIONS
from ..export.shards import (
    SHARD_TABLES,
    complete_shards,
    records_table,
    remove_partial_files,
    write_shard,
    write_text_atomic,
)
from .corpus_input import Corpus, CorpusError, Doc, Shard, open_corpus, read_shards
from .engine import EngineError, open_engine, unordered_map
from .extract import load_extractor

log = logging.getLogger(__name__)

#: Shards in flight per worker: one running and one waiting, so a worker never idles while this
#: process writes; each holds its input rows in this process's memory until written.
SHARDS_PER_WORKER = 2
#: The file recording how the shards were made.
RECIPE_FILE = "_annotate.json"
#: Columns the documents table adds to the input's (besides ``article_id``, the id as text).
ADDED_COLUMNS = {"characters": pa.int64(), "mention_count": pa.int32(), "fact_count": pa.int32(),
                 "errors": pa.list_(pa.string())}


class AnnotateCorpusError(Exception):
    """The corpus run cannot start or go on; the message says what to do. Shards written stay."""


@dataclass
class CorpusReport:
    """What a corpus run did."""

    rows: int = 0  # input rows
    shards: int = 0  # shards in the corpus
    already: int = 0  # shards complete before this run (skipped)
    written: int = 0  # shards written by this run
    documents: int = 0  # documents annotated by this run
    characters: int = 0
    mentions: int = 0
    facts: int = 0
    failed: int = 0  # documents on which the extractor raised (listed in their errors)
    skipped: Counter[str] = field(default_factory=Counter)  # input rows not annotated, by reason
    engine: str = ""


Stats = tuple[int, int, list[str], bool]  # per document: mentions, facts, errors, whether the extractor raised


def _annotate_docs(task: tuple[int, list[Doc]]) -> tuple[int, pa.Table, pa.Table, list[Stats]]:
    """One shard on a worker: its mentions and facts tables, and per document its :data:`Stats`.
    The tables are built here, so the workers do the conversion, not the writer."""
    from ..extract.api import article_result

    index, docs = task
    mentions: list[Any] = []
    facts: list[Any] = []
    stats: list[Stats] = []
    for _article_id, text, meta in docs:
        try:
            result = article_result(text, meta)
        except Exception as exc:  # one document must not stop the shard
            stats.append((0, 0, [f"extract: {type(exc).__name__}: {exc}"], True))
            continue
        mentions += result.mentions
        facts += result.facts
        stats.append((len(result.mentions), len(result.facts), list(result.errors), False))
    return index, records_table(MENTIONS, mentions), records_table(FACTS, facts), stats


def _documents(carried: pa.Table, docs: list[Doc], stats: list[Stats]) -> pa.Table:
    """The documents table: the input columns, the id as text, and what was found in each."""
    added = {
        "article_id": pa.array([d[0] for d in docs], pa.string()),
        "characters": pa.array([len(d[1]) for d in docs], ADDED_COLUMNS["characters"]),
        "mention_count": pa.array([s[0] for s in stats], ADDED_COLUMNS["mention_count"]),
        "fact_count": pa.array([s[1] for s in stats], ADDED_COLUMNS["fact_count"]),
        "errors": pa.array([s[2] for s in stats], ADDED_COLUMNS["errors"]),
    }
    table = carried
    if "article_id" in table.column_names:  # the id column itself: replaced by its text form
        table = table.drop_columns(["article_id"])
    for name, values in added.items():
        table = table.append_column(name, values)
    return table


def _recipe(corpus: Corpus, shard_size: int, version: str) -> dict[str, Any]:
    return {"input": corpus.path.name, "format": corpus.format, "sha256": corpus.sha256, "rows": corpus.rows,
            "id_column": corpus.id_column, "text_column": corpus.text_column, "shard_size": shard_size,
            "extractor_version": version}


def _check_recipe(out_dir: Path, recipe: dict[str, Any]) -> None:
    """Write the recipe of a new output folder; refuse a folder made from another recipe."""
    path = out_dir / RECIPE_FILE
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        differ = [k for k in recipe if k != "input" and old.get(k) != recipe[k]]
        if differ:
            what = ", ".join(f"{k} {old.get(k)!r} there, {recipe[k]!r} now" for k in differ)
            raise AnnotateCorpusError(f"{out_dir} holds shards of another run ({what}): write to a new folder,"
                                      " or delete it to start over")
        return
    ours = (*SHARD_TABLES, RECIPE_FILE)  # and a recipe's temporary file, if a run was killed writing it
    if out_dir.exists() and any(p.name not in ours and not p.name.startswith(f".{RECIPE_FILE}.tmp-")
                                for p in out_dir.iterdir()):
        raise AnnotateCorpusError(f"{out_dir} is not empty and holds no annotate shards: choose a new folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(recipe, ensure_ascii=False, indent=2) + "\n")


def _run(corpus: Corpus, out_dir: Path, shard_size: int, done: set[int], workers: int, scheduler: str | None,
         report: CorpusReport, on_progress: Callable[[int], None] | None) -> None:
    """Annotate the shards not in ``done`` on the engine and write each as its results come."""
    from ..extract.api import EXTRACTOR_VERSION

    waiting: dict[int, Shard] = {}  # shard index -> its input rows, until its results are written

    def tasks() -> Iterator[tuple[int, list[Doc]]]:
        for shard in read_shards(corpus, shard_size, done, report.skipped):
            waiting[shard.index] = shard
            yield shard.index, shard.docs

    with ExitStack() as stack:
        try:
            engine = stack.enter_context(open_engine(workers, scheduler, load_extractor, EXTRACTOR_VERSION))
        except EngineError as exc:
            raise AnnotateCorpusError(str(exc)) from exc
        report.engine = engine.description
        try:
            for index, mentions, facts, stats in unordered_map(engine, _annotate_docs, tasks(),
                                                                SHARDS_PER_WORKER * engine.slots):
                shard = waiting.pop(index)
                write_shard(out_dir, index, {"mentions": mentions, "facts": facts,
                                             "documents": _documents(shard.carried, shard.docs, stats)})
                report.written += 1
                report.documents += len(shard.docs)
                report.characters += sum(len(d[1]) for d in shard.docs)
                report.mentions += mentions.num_rows
                report.facts += facts.num_rows
                report.failed += sum(1 for s in stats if s[3])
                if on_progress:
                    on_progress(min(shard_size, corpus.rows - index * shard_size))
        except EngineError as exc:
            raise AnnotateCorpusError(f"{exc}; {report.already + report.written} of {report.shards} shards are"
                                      " written: run the same command again to resume") from exc
        except OSError as exc:
            raise AnnotateCorpusError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc


def annotate_corpus(source: Path, out_dir: Path, *, id_column: str = "id", text_column: str = "text",
                    shard_size: int = CORPUS_SHARD_SIZE, workers: int = 1, scheduler: str | None = None,
                    on_total: Callable[[int], None] | None = None,
                    on_progress: Callable[[int], None] | None = None) -> CorpusReport:
    """Annotate the corpus ``source`` into Parquet shards in ``out_dir``; returns the report.

    on_total(n): input rows this run will read (complete shards excluded); on_progress(n): rows
    done, as each shard is written. Raises :class:`AnnotateCorpusError` when it cannot start (no
    such column, a folder of another run, no cluster) or go on (a worker process died): the shards
    written until then stay, and the same command resumes.
    """
    from ..extract.api import EXTRACTOR_VERSION

    try:
        corpus = open_corpus(source, id_column, text_column)
    except CorpusError as exc:
        raise AnnotateCorpusError(str(exc)) from exc
    clash = [c for c in ADDED_COLUMNS if c in corpus.schema.names]
    if "article_id" in corpus.schema.names and id_column != "article_id":
        clash.append("article_id")
    if clash:
        raise AnnotateCorpusError(f"input column {clash[0]!r} has the name of a column annotate adds: rename it")
    _check_recipe(out_dir, _recipe(corpus, shard_size, EXTRACTOR_VERSION))
    removed = remove_partial_files(out_dir)
    if removed:
        log.info("removed %d partial files of an interrupted run in %s", removed, out_dir)
    report = CorpusReport(rows=corpus.rows, shards=-(-corpus.rows // shard_size))
    done = {i for i in complete_shards(out_dir) if i < report.shards}
    report.already = len(done)
    todo = corpus.rows - sum(min(shard_size, corpus.rows - i * shard_size) for i in done)
    if on_total:
        on_total(todo)
    if todo:  # else no models to load, no cluster to start
        _run(corpus, out_dir, shard_size, done, workers, scheduler, report, on_progress)
    return report
