"""Parquet shards of an annotated corpus (``baodantoc annotate --shards DIR``): typed like the
exports, written atomically, the same bytes for the same input whatever ran the extractor.

Layout: ``DIR/<table>/part-00000.parquet``, ``part-00001.parquet`` ... for the tables
``documents``, ``mentions`` and ``facts``; each table's folder is a Parquet dataset
(``pandas.read_parquet("DIR/mentions")``). ``mentions`` and ``facts`` have exactly the columns and
Arrow types of the exports' tables (:mod:`baodantoc.export.schema`, derived from the record types),
so whatever reads an export reads a shard.

A shard is complete when the files of all its tables exist. Each file is written under a temporary
name and renamed when whole (the exports' :class:`~baodantoc.export.writer._AtomicFile`), the
``documents`` file last: a run killed between two renames leaves a shard without its documents
file, which the next run writes again (same bytes), and never a file that is there but cut short.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import to_json
from .schema import Table
from .writer import ExportReport, _arrow_columns, _AtomicFile

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


def write_shard(out_dir: Path, index: int, tables: dict[str, pa.Table]) -> list[Path]:
    """Write one shard's tables (all of :data:`SHARD_TABLES`), each file atomically, documents last."""
    missing = [t for t in SHARD_TABLES if t not in tables]
    if missing:
        raise ValueError(f"shard {index} lacks table {missing[0]}")
    targets = [_AtomicFile(out_dir / t / shard_name(index)) for t in SHARD_TABLES]
    try:
        for name, target in zip(SHARD_TABLES, targets, strict=True):
            target.path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(tables[name], target.tmp, compression="zstd", write_statistics=True)
        for target in targets:
            target.commit()
    except BaseException:
        for target in targets:
            target.discard()
        raise
    return [t.path for t in targets]

