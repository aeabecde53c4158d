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
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .export_schema import TABLES, Column, Table

log = logging.getLogger(__name__)

VN = timezone(timedelta(hours=7))
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
    return (dt if dt.tzinfo else dt.replace(tzinfo=VN)).astimezone(VN)


def _json(value: Any, col: str, report: ExportReport, default: Any) -> Any:
    if value is None or value == "":
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        report.bad_values[f"{col}: not JSON"] += 1
        log.warning("export: %s value %r is not JSON; exported empty", col, str(value)[:80])
        return default


def _convert(col: Column, row: dict[str, Any], report: ExportReport) -> Any:
    """One store value as the Python value of its Arrow type."""
    if col.kind == "lifted":
        attrs = row.get("_attrs")
        value = attrs.get(col.name) if isinstance(attrs, dict) else None
        return None if value is None else str(value)
    value = row.get(col.name)
    if col.kind == "timestamp":
        return _timestamp(value, col.name, report)
    if col.kind == "list":
        items = _json(value, col.name, report, [])
        return [str(x) for x in items] if isinstance(items, list) else [str(items)]
    if col.kind == "images":
        items = _json(value, col.name, report, [])
        return [{"src": i.get("src"), "caption": i.get("caption")} for i in items if isinstance(i, dict)] \
            if isinstance(items, list) else []
    if col.kind == "json":
        parsed = _json(value, col.name, report, None)  # re-encoded canonically: same data, same bytes
        return None if parsed is None else json.dumps(parsed, ensure_ascii=False, sort_keys=True)
    if col.kind == "bool":
        return None if value is None else bool(value)
    return value


def _columns(table: Table, rows: list[sqlite3.Row], report: ExportReport) -> dict[str, list[Any]]:
    records = [dict(r) for r in rows]
    if any(c.kind == "lifted" for c in table.columns):
        for rec in records:
            rec["_attrs"] = _json(rec.get("attributes"), "attributes", report, {})
    return {c.name: [_convert(c, rec, report) for rec in records] for c in table.columns}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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


def _chunks(cursor: sqlite3.Cursor, size: int) -> Iterator[list[sqlite3.Row]]:
    while rows := cursor.fetchmany(size):
        yield rows


def export_table(db: sqlite3.Connection, table: Table, out_dir: Path, formats: Iterable[str],
                 report: ExportReport, advance: Callable[[float], None] = lambda n: None,
                 chunk_rows: int = CHUNK_ROWS) -> list[Path]:
    """Write one table in the given formats; returns the final paths."""
    schema = table.arrow_schema()
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
            for rows in _chunks(db.execute(table.sql), chunk_rows):
                cols = _columns(table, rows, report)
                if pq_writer is not None:
                    pq_writer.write_batch(pa.record_batch([pa.array(cols[c.name], c.type) for c in table.columns],
                                                          schema=schema))
                if csv_writer is not None:
                    names = [c.name for c in table.columns]
                    csv_writer.writerows([_csv_cell(cols[name][i]) for name in names] for i in range(len(rows)))
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


def export_store(store: Path, out_dir: Path, formats: Iterable[str] = FORMATS, tables: Iterable[str] | None = None,
                 progress: bool = True, chunk_rows: int = CHUNK_ROWS) -> ExportReport:
    """Export ``tables`` (default: all) of the store at ``store`` to ``out_dir`` in ``formats``.

    Raises :class:`ExportError` for a missing store, a file that is not a store, an unknown table
    or format. An empty store gives valid, empty files (with their schema) and ``rows`` all 0.
    """
    from .progress import progress_bar
    from .store import StoreError, connect

    formats = [f for f in FORMATS if f in set(formats)] or list(FORMATS)
    names = list(tables) if tables else list(TABLES)
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise ExportError(f"unknown table {unknown[0]!r}: choose from {', '.join(TABLES)}")
    try:
        db = connect(store, readonly=True)
    except StoreError as exc:
        raise ExportError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise ExportError(f"{store} is not a baodantoc store ({exc})") from exc
    report = ExportReport()
    try:
        present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in names if t not in present]
        if missing:
            raise ExportError(f"{store} has no {missing[0]} table: is it a baodantoc store?")
        out_dir.mkdir(parents=True, exist_ok=True)
        db.execute("BEGIN")  # one snapshot for every table, even while a crawl writes
        for name in names:
            table = TABLES[name]
            total = db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            with progress_bar(f"export {name}", total=total, unit="rows", enabled=progress) as advance:
                export_table(db, table, out_dir, formats, report, advance, chunk_rows)
        db.rollback()
        write_manifest(out_dir, report)
    except sqlite3.DatabaseError as exc:
        raise ExportError(f"cannot read {store}: {exc}") from exc
    finally:
        db.close()
    return report
