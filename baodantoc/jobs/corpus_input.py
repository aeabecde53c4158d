"""A corpus to annotate (``baodantoc annotate --shards``): JSONL or Parquet, read as shards.

A shard is a fixed run of input rows (rows ``k*size`` to ``(k+1)*size - 1``; in JSONL a row is a
non-blank line), so the same input always cuts the same way and a re-run can tell which shards it
already wrote. Each row needs an id and a text (their columns are chosen by the caller); a row
without either, or a JSONL line that is not a UTF-8 JSON object, is skipped, counted and logged
with its row number. Every input column is carried through to the documents table with its type:
Parquet's own schema; for JSONL, one type per key over the whole file (bool, int64, float64,
string; a key holding anything else, or a mix, becomes JSON text), so that all shards agree.

The format is read from the file's first bytes (Parquet starts with ``PAR1``), not its name.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..export.writer import _sha256  # the manifest's file digest

log = logging.getLogger(__name__)

#: Input columns the extractor reads when present (the article's date anchors relative periods),
#: as in the JSONL ``annotate``.
META_COLUMNS = ("published_at", "url", "section", "title", "author")
#: Arrow type of a JSONL key by the kinds of value it holds ("json": JSON text of each value).
_JSONL_TYPES = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "str": pa.string(), "json": pa.string()}
_INT64 = (-(2**63), 2**63 - 1)

Doc = tuple[str, str, dict[str, Any]]  # article_id (the id as text), text, meta for the extractor


class CorpusError(Exception):
    """The corpus cannot be read as asked (no such column, text not a string); says what to do."""


@dataclass(frozen=True)
class Corpus:
    """An input file, understood: its format, the chosen columns, its rows and carried schema."""

    path: Path
    format: str  # "jsonl" | "parquet"
    id_column: str
    text_column: str
    rows: int
    schema: pa.Schema  # of the input columns, as the documents table carries them
    sha256: str
    jsonl_kinds: dict[str, str] = field(default_factory=dict)


@dataclass
class Shard:
    """Rows of one shard: the documents to annotate and their input columns (usable rows only)."""

    index: int
    docs: list[Doc]
    carried: pa.Table


def open_corpus(path: Path, id_column: str, text_column: str) -> Corpus:
    """Read ``path`` once: format, row count, fingerprint, and (JSONL) the type of each key."""
    with open(path, "rb") as fh:
        parquet = fh.read(4) == b"PAR1"
    if parquet:
        return _open_parquet(path, id_column, text_column)
    return _open_jsonl(path, id_column, text_column)


def _open_parquet(path: Path, id_column: str, text_column: str) -> Corpus:
    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise CorpusError(f"{path} starts like Parquet but cannot be read: {exc}") from exc
    schema = pf.schema_arrow
    for flag, column in (("--id-column", id_column), ("--text-column", text_column)):
        if column not in schema.names:
            raise CorpusError(f"{path} has no column {column!r} (give {flag}; its columns: {', '.join(schema.names)})")
    if not pa.types.is_string(schema.field(text_column).type) and not pa.types.is_large_string(
            schema.field(text_column).type):
        raise CorpusError(f"column {text_column!r} of {path} is {schema.field(text_column).type}, not text:"
                          " give the text column with --text-column")
    return Corpus(path, "parquet", id_column, text_column, pf.metadata.num_rows, schema, _sha256(path))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if _INT64[0] <= value <= _INT64[1] else "json"
    if isinstance(value, float):
        return "float"
    return "str" if isinstance(value, str) else "json"


def _merge(a: str | None, b: str) -> str:
    """The kind of a key that held values of kinds ``a`` (so far) and ``b``."""
    if a is None or a == b:
        return b
    return "float" if {a, b} == {"int", "float"} else "json"


def _open_jsonl(path: Path, id_column: str, text_column: str) -> Corpus:
    kinds: dict[str, str | None] = {}
    rows = 0
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for raw in fh:
            h.update(raw)
            if not raw.strip():
                continue
            rows += 1
            obj = _json_object(raw, rows)
            for key, value in (obj or {}).items():
                kinds.setdefault(key, None)
                if value is not None:
                    kinds[key] = _merge(kinds[key], _kind(value))
    final = {k: v or "str" for k, v in kinds.items()}
    if rows and text_column not in final:
        raise CorpusError(f"no line of {path} has a {text_column!r} key: give the text column with --text-column")
    if rows and id_column not in final:
        raise CorpusError(f"no line of {path} has a {id_column!r} key: give the id column with --id-column")
    schema = pa.schema([(k, _JSONL_TYPES[v]) for k, v in final.items()])
    return Corpus(path, "jsonl", id_column, text_column, rows, schema, h.hexdigest(), final)


def _json_object(raw: bytes, row: int, report: Counter[str] | None = None) -> dict[str, Any] | None:
    """The JSON object on a line, or None (counted in ``report`` and logged, when given)."""
    reason = None
    try:
        obj = json.loads(raw.decode("utf-8-sig" if row == 1 else "utf-8"))
    except UnicodeDecodeError:
        reason = "invalid UTF-8"
    except json.JSONDecodeError:
        reason = "invalid JSON"
    else:
        if isinstance(obj, dict):
            return obj
        reason = "not a JSON object"
    if report is not None:
        report[reason] += 1
        log.warning("row %d skipped: %s", row, reason)
    return None


def read_shards(corpus: Corpus, shard_size: int, skip: set[int], skipped: Counter[str]) -> Iterator[Shard]:
    """The shards of ``corpus`` in order, but those in ``skip`` (already written); rows that cannot
    be annotated are counted in ``skipped`` by reason and logged with their row number."""
    reader = _parquet_rows if corpus.format == "parquet" else _jsonl_rows
    for index, table, ids, texts, reasons in reader(corpus, shard_size, skip, skipped):
        metas = {c: table.column(c).to_pylist() for c in META_COLUMNS if c in table.column_names}
        docs = []
        for i, (doc_id, text, reason) in enumerate(zip(ids, texts, reasons, strict=True)):
            if reason is None:
                article_id = id_text(doc_id)
                meta = {c: _meta_value(values[i]) for c, values in metas.items() if values[i] is not None}
                docs.append((article_id, text, {**meta, "id": article_id}))
            elif reason in _COLUMN_REASONS:  # unreadable lines were counted as they were read
                skipped[reason] += 1
                log.warning("row %d skipped: %s (column %r)", index * shard_size + i + 1, reason,
                            corpus.text_column if reason == "no text" else corpus.id_column)
        yield Shard(index, docs, table.filter(pa.array([r is None for r in reasons], pa.bool_())))


#: Why a readable row is not annotated.
_COLUMN_REASONS = ("no text", "no id")
Rows = tuple[int, pa.Table, list[Any], list[Any], list[str | None]]  # index, table, ids, texts, skip reasons


def _reason(doc_id: Any, text: Any) -> str | None:
    return "no text" if not isinstance(text, str) else "no id" if doc_id is None else None


def _parquet_rows(corpus: Corpus, size: int, skip: set[int], skipped: Counter[str]) -> Iterator[Rows]:
    pf = pq.ParquetFile(corpus.path)
    buffer: list[pa.RecordBatch] = []
    held, index = 0, 0
    for batch in pf.iter_batches(batch_size=min(size, 65_536)):
        buffer.append(batch)
        held += batch.num_rows
        while held >= size:  # batches need not end on a shard's boundary: cut exactly
            table = pa.Table.from_batches(buffer, corpus.schema)
            if index not in skip:
                yield _parquet_shard(corpus, index, table.slice(0, size))
            rest = table.slice(size)
            buffer, held, index = rest.to_batches(), rest.num_rows, index + 1
    if held and index not in skip:
        yield _parquet_shard(corpus, index, pa.Table.from_batches(buffer, corpus.schema))


def _parquet_shard(corpus: Corpus, index: int, table: pa.Table) -> Rows:
    ids = table.column(corpus.id_column).to_pylist()
    texts = table.column(corpus.text_column).to_pylist()
    return index, table, ids, texts, [_reason(i, t) for i, t in zip(ids, texts, strict=True)]


def _jsonl_rows(corpus: Corpus, size: int, skip: set[int], skipped: Counter[str]) -> Iterator[Rows]:
    names = corpus.schema.names
    cells: list[dict[str, Any]] = []
    ids: list[Any] = []
    texts: list[Any] = []
    reasons: list[str | None] = []
    row = 0
    with open(corpus.path, "rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            row += 1
            index = (row - 1) // size
            if index not in skip:
                obj = _json_object(raw, row, skipped)
                ids.append(None if obj is None else obj.get(corpus.id_column))
                texts.append(None if obj is None else obj.get(corpus.text_column))
                reasons.append("unreadable" if obj is None else _reason(ids[-1], texts[-1]))
                cells.append({k: _jsonl_cell(corpus.jsonl_kinds[k], (obj or {}).get(k)) for k in names})
            if row % size == 0 or row == corpus.rows:
                if index not in skip:
                    yield index, pa.Table.from_pylist(cells, schema=corpus.schema), ids, texts, reasons
                cells, ids, texts, reasons = [], [], [], []


def _jsonl_cell(kind: str, value: Any) -> Any:
    """A JSONL value as its column's type holds it."""
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return float(value) if kind == "float" else value


def id_text(value: Any) -> str:
    """A document id as the text that ``article_id`` holds (ids of every input type join on it)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _meta_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date)) else value
