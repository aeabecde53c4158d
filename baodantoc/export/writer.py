"""``baodantoc export``: the store's records as typed Parquet and Excel-ready CSV.

Streamed: rows are read in chunks of :data:`CHUNK_ROWS` and written as they come (a Parquet row
group, a block of CSV lines), so memory stays flat whatever the store's size. All tables are read
in one read transaction, so the files agree with each other even while a crawl writes. Each file
is written under a temporary name in the target folder and renamed into place only when complete.
Rows are ordered by key and the files carry no write time, so the same store gives the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import VIETNAM
from ..store import Connection, DatabaseError, StoreError, connect
from ..store import export_rows as stored
from .schema import TABLES, Table

log = logging.getLogger(__name__)

#: Opens a progress display: (description, total, unit) -> a context giving ``advance(n)``.
ProgressFactory = Callable[[str, int, str], AbstractContextManager[Callable[[float], None]]]
FORMATS = ("parquet", "csv")
#: Rows per chunk (one Parquet row group). 20,000 article rows of ~3 kB text is ~60 MB in flight.
CHUNK_ROWS = 20_000


class ExportError(Exception):
    """The export cannot run (no store, unknown table); the message says what to do."""


@dataclass
class ExportReport:
    """What an export wrote: rows per table, files, and values it could not convert."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    bad_values: Counter[str] = field(default_factory=Counter)


def _timestamp(value: Any, col: str, report: ExportReport) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        report.bad_values[f"{col}: not a timestamp"] += 1
        log.warning("export: %s value %r is not an ISO timestamp; exported empty", col, value)
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=VIETNAM)).astimezone(VIETNAM)


def _json_list(value: Any, col: str, report: ExportReport) -> list[Any]:
    if value is None or value == "":
        return []
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        items = None
    if not isinstance(items, list):
        report.bad_values[f"{col}: not JSON"] += 1
        log.warning("export: %s value %r is not a JSON list; exported empty", col, str(value)[:80])
        return []
    return items


def _wanted(table: Table) -> list[tuple[str, str]]:
    """(column, how to read it) for the store: plain, json or lifted."""
    return [(c.name, c.kind if c.kind in ("json", "lifted") else "plain") for c in table.columns]


def _count_bad_json(db: Connection, table: Table, present: set[str], report: ExportReport) -> None:
    for c in table.columns:
        if c.kind == "json" and c.name in present:
            n = stored.invalid_json_count(db, table.name, c.name)
            if n:
                report.bad_values[f"{c.name}: not JSON"] += n
                log.warning("export: %d %s.%s values are not JSON; exported empty", n, table.name, c.name)


def _arrow_columns(table: Table, rows: list[tuple], report: ExportReport) -> list[list[Any]]:
    """Column lists of Python values ready for ``pa.array(values, type)``, one per table column."""
    out = []
    for i, c in enumerate(table.columns):
        values = [r[i] for r in rows]
        if c.kind == "timestamp":
            values = [_timestamp(v, c.name, report) for v in values]
        elif c.kind == "list":
            values = [[str(x) for x in _json_list(v, c.name, report)] for v in values]
        elif c.kind == "images":
            values = [[{"src": i.get("src"), "caption": i.get("caption")}
                       for i in _json_list(v, c.name, report) if isinstance(i, dict)] for v in values]
        elif c.kind == "bool":
            values = [None if v is None else bool(v) for v in values]
        out.append(values)
    return out


def _csv_columns(table: Table, columns: list[list[Any]]) -> list[list[Any]]:
    """The same columns as CSV cells: ISO times, JSON lists, true/false (None is written empty)."""
    out = []
    for c, values in zip(table.columns, columns, strict=True):
        if c.kind == "timestamp":
            values = [None if v is None else v.isoformat() for v in values]
        elif c.kind in ("list", "images"):
            values = [json.dumps(v, ensure_ascii=False) for v in values]
        elif c.kind == "bool":
            values = [None if v is None else ("true" if v else "false") for v in values]
        out.append(values)
    return out


class _AtomicFile:
    """A file written under a temporary name and renamed over ``path`` on :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")

    def commit(self) -> None:
        with open(self.tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def export_table(db: Connection, table: Table, out_dir: Path, formats: Iterable[str],
                 report: ExportReport, advance: Callable[[float], None] = lambda n: None,
                 chunk_rows: int = CHUNK_ROWS) -> list[Path]:
    """Write one table in the given formats; returns the final paths."""
    schema = table.arrow_schema()
    _count_bad_json(db, table, stored.columns(db, table.name), report)
    targets = {fmt: _AtomicFile(out_dir / f"{table.name}.{fmt}") for fmt in formats}
    n = 0
    try:
        with ExitStack() as stack:
            pq_writer = csv_writer = None
            if "parquet" in targets:
                pq_writer = stack.enter_context(pq.ParquetWriter(
                    targets["parquet"].tmp, schema, compression="zstd", write_statistics=True))
            if "csv" in targets:
                f = stack.enter_context(open(targets["csv"].tmp, "w", encoding="utf-8-sig", newline=""))
                csv_writer = csv.writer(f, lineterminator="\r\n")
                csv_writer.writerow([c.name for c in table.columns])
            for rows in stored.rows(db, table.name, _wanted(table), table.order_by, chunk_rows):
                cols = _arrow_columns(table, rows, report)
                if pq_writer is not None:
                    arrays = [pa.array(values, c.type) for c, values in zip(table.columns, cols, strict=True)]
                    pq_writer.write_batch(pa.record_batch(arrays, schema=schema))
                if csv_writer is not None:
                    csv_writer.writerows(zip(*_csv_columns(table, cols), strict=True))
                n += len(rows)
                advance(len(rows))
        for target in targets.values():
            target.commit()
    except BaseException:
        for target in targets.values():
            target.discard()
        raise
    report.rows[table.name] = n
    paths = [t.path for t in targets.values()]
    report.files.extend(paths)
    return paths


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(out_dir: Path, report: ExportReport) -> Path:
    """``manifest.json``: rows per table and sha256 per file (no time: reproducible).

    Entries of tables not exported this time are kept while their files still exist, so an export
    of ``--tables facts`` does not make the manifest forget the articles file beside it.
    """
    path = out_dir / "manifest.json"
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    tables = {k: v for k, v in old.get("tables", {}).items() if any((out_dir / f"{k}.{f}").exists() for f in FORMATS)}
    files = {k: v for k, v in old.get("files", {}).items() if (out_dir / k).exists()}
    tables.update({name: {"rows": rows} for name, rows in report.rows.items()})
    files.update({p.name: _sha256(p) for p in report.files})
    manifest = {"tables": dict(sorted(tables.items())), "files": dict(sorted(files.items()))}
    target = _AtomicFile(out_dir / "manifest.json")
    target.tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    target.commit()
    return target.path


def _no_progress(description: str, total: int, unit: str) -> AbstractContextManager[Callable[[float], None]]:
    return nullcontext(lambda n=1: None)


def export_store(store: Path, out_dir: Path, formats: Iterable[str] = FORMATS, tables: Iterable[str] | None = None,
                 progress: ProgressFactory | None = None, chunk_rows: int = CHUNK_ROWS) -> ExportReport:
    """Export ``tables`` (default: all) of the store at ``store`` to ``out_dir`` in ``formats``.

    progress: opens a progress display per table (the command line passes a rich bar).
    Raises :class:`ExportError` for a missing store, a file that is not a store, an unknown table
    or format. An empty store gives valid, empty files (with their schema) and ``rows`` all 0.
    """
    progress_bar = progress or _no_progress
    formats = [f for f in FORMATS if f in set(formats)] or list(FORMATS)
    names = list(tables) if tables else list(TABLES)
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise ExportError(f"unknown table {unknown[0]!r}: choose from {', '.join(TABLES)}")
    try:
        db = connect(store, readonly=True)
    except StoreError as exc:
        raise ExportError(str(exc)) from exc
    except DatabaseError as exc:
        raise ExportError(f"{store} is not a baodantoc store ({exc})") from exc
    report = ExportReport()
    try:
        present = stored.tables(db)
        missing = [t for t in names if t not in present]
        if missing:
            raise ExportError(f"{store} has no {missing[0]} table: is it a baodantoc store?")
        out_dir.mkdir(parents=True, exist_ok=True)
        with stored.snapshot(db):  # one snapshot for every table, even while a crawl writes
            for name in names:
                table = TABLES[name]
                with progress_bar(f"export {name}", stored.row_count(db, name), "rows") as advance:
                    export_table(db, table, out_dir, formats, report, advance, chunk_rows)
        write_manifest(out_dir, report)
    except DatabaseError as exc:
        raise ExportError(f"cannot read {store}: {exc}") from exc
    except OSError as exc:  # the files were discarded: nothing half-written is left
        raise ExportError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        db.close()
    return report
