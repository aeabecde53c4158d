"""Parquet shards of an annotated corpus (``baodantoc annotate --shards DIR``): typed like the
exports, written atomically, the same bytes for the same input whatever ran the extractor.

Layout: ``DIR/<table>/part-00000.parquet``, ``part-00001.parquet`` ... for the tables
``documents``, ``mentions`` and ``facts``; each table's folder is a Parquet dataset
(``pandas.read_parquet("DIR/mentions")``). ``mentions`` and ``facts`` have exactly the columns and
Arrow types of the exports' tables (:mod:`baodantoc.export.schema`, derived from the record types),
so whatever reads an export reads a shard.

A shard is complete when the files of all its tables exist. Each file is written under a temporary
name, flushed to disk and renamed when whole, the ``documents`` file last: a run killed between two
renames leaves a shard without its documents file, which the next run writes again (same bytes),
and never a file that is there but cut short. (Not the exports' whole-folder swap: a corpus run
adds shards to a folder over hours or days, and each finished shard must count at once.)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import to_json
from .schema import Table
from .writer import ExportReport, _arrow_columns

#: The tables of a shard, in the order their files are renamed into place (documents last: its
#: presence is what makes a shard complete, with the others).
SHARD_TABLES = ("mentions", "facts", "documents")
#: Glob of the temporary files a killed run may leave behind.
_PARTIAL = ".part-*.parquet.tmp-*"


def shard_name(index: int) -> str:
    """``part-00042.parquet``: zero-padded, so file order is shard order."""
    return f"part-{index:05d}.parquet"


def complete_shards(out_dir: Path) -> set[int]:
    """Indexes of the shards whose every table file is in place."""
    present = [{int(p.stem.split("-")[1]) for p in (out_dir / t).glob("part-*.parquet")} for t in SHARD_TABLES]
    return set.intersection(*present) if present else set()


def remove_partial_files(out_dir: Path) -> int:
    """Delete the temporary files a killed run left; returns how many there were."""
    n = 0
    for table in SHARD_TABLES:
        for path in (out_dir / table).glob(_PARTIAL):
            path.unlink(missing_ok=True)
            n += 1
    return n


def _cell(kind: str, value: Any) -> Any:
    """A record value as the store holds it (JSON text for dicts and lists), which is what the
    exports' column conversion reads: the shards then get the exports' exact values."""
    if kind in ("json", "list", "images"):
        return to_json(value if value is not None else ({} if kind == "json" else []))
    return value


def records_table(table: Table, rows: Sequence[Any]) -> pa.Table:
    """Record rows (``MentionRow``, ``FactRow`` ...) as an Arrow table with ``table``'s columns and
    types, converted exactly as the exports convert the store's rows."""
    names = [c.name for c in table.columns]
    stored = [tuple(_cell(c.kind, getattr(row, c.name)) for c in table.columns) for row in rows]
    columns = _arrow_columns(table, stored, ExportReport())
    schema = table.arrow_schema()
    return pa.table([pa.array(values, c.type) for c, values in zip(table.columns, columns, strict=True)],
                    schema=schema) if stored else schema.empty_table().select(names)


def _temporary(path: Path) -> Path:
    """Where ``path`` is written before it is renamed into place (a name no reader takes)."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def _commit(tmp: Path, path: Path) -> None:
    """Flush ``tmp`` to disk, then rename it over ``path`` (atomic on one file system)."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_text_atomic(path: Path, text: str) -> None:
    """Write a small text file (the run's recipe) so that it is whole or absent."""
    tmp = _temporary(path)
    try:
        tmp.write_text(text, encoding="utf-8")
        _commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_shard(out_dir: Path, index: int, tables: dict[str, pa.Table]) -> list[Path]:
    """Write one shard's tables (all of :data:`SHARD_TABLES`), each file atomically, documents last."""
    missing = [t for t in SHARD_TABLES if t not in tables]
    if missing:
        raise ValueError(f"shard {index} lacks table {missing[0]}")
    paths = [out_dir / t / shard_name(index) for t in SHARD_TABLES]
    try:
        for name, path in zip(SHARD_TABLES, paths, strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(tables[name], _temporary(path), compression="zstd", write_statistics=True)
        for path in paths:
            _commit(_temporary(path), path)
    finally:
        for path in paths:
            _temporary(path).unlink(missing_ok=True)
    return paths
