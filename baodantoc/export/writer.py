"""``baodantoc export``: the store's records as typed Parquet, Excel-ready CSV and XLSX, JSON Lines.

Streamed: rows are read in chunks of :data:`CHUNK_ROWS` and handed to one sink per format (a
Parquet row group, a block of CSV or JSON lines, rows of a workbook sheet: :mod:`.sinks`,
:mod:`.xlsx`), so memory stays flat whatever the store's size. All tables are read in one read
transaction, so the files agree with each other even while a crawl writes. The whole set —
tables, ``datapackage.json``, ``DATA_DICTIONARY.md``, ``manifest.json`` — is written into a fresh
folder that replaces the export folder only when complete (:mod:`.folder`): a reader, or a run
killed half-way, sees the old set or the new one, never a mix. Rows are ordered by key and the
files carry no write time, so the same store gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..records import VIETNAM
from ..store import Connection, DatabaseError, StoreError, connect
from ..store import export_rows as stored
from .datapackage import datapackage
from .folder import COMPLETE_MARKER, NotAnExportFolder, carry_over, staged_folder
from .schema import TABLES, Table, render_data_dictionary
from .sinks import TABLE_SINKS, csv_cells
from .xlsx import Workbook

log = logging.getLogger(__name__)

#: Opens a progress display: (description, total, unit) -> a context giving ``advance(n)``.
ProgressFactory = Callable[[str, int, str], AbstractContextManager[Callable[[float], None]]]
#: Every format, and those written when none is named.
FORMATS = ("parquet", "csv", "xlsx", "jsonl")
DEFAULT_FORMATS = ("parquet", "csv")
#: Files of the set besides the tables.
DATAPACKAGE, DICTIONARY, WORKBOOK = "datapackage.json", "DATA_DICTIONARY.md", "baodantoc.xlsx"
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
    #: files of the previous set kept because this export did not rewrite their table
    carried: list[str] = field(default_factory=list)


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


def export_table(db: Connection, table: Table, out_dir: Path, formats: Iterable[str],
                 report: ExportReport, advance: Callable[[float], None] = lambda n: None,
                 chunk_rows: int = CHUNK_ROWS, workbook: Workbook | None = None) -> list[Path]:
    """Write one table into ``out_dir`` in the per-table ``formats`` (parquet, csv, jsonl) and, when
    given, as sheets of ``workbook``; returns the paths written. ``out_dir`` is the staged folder
    of :func:`export_store` (nobody reads it before it is complete)."""
    _count_bad_json(db, table, stored.columns(db, table.name), report)
    n = 0
    with ExitStack() as stack:
        sinks = []
        for fmt in formats:
            if fmt in TABLE_SINKS:
                ext, sink_type = TABLE_SINKS[fmt]
                sink = sink_type(table, out_dir / f"{table.name}.{ext}")
                stack.callback(sink.close)
                sinks.append(sink)
        sheets = workbook.table(table) if workbook is not None else None
        if sheets is not None:
            stack.callback(sheets.close)
        for rows in stored.rows(db, table.name, _wanted(table), table.order_by, chunk_rows):
            cols = _arrow_columns(table, rows, report)
            for sink in sinks:
                sink.write(cols)
            if sheets is not None:
                sheets.write(cols, csv_cells(table, cols))
            n += len(rows)
            advance(len(rows))
    report.rows[table.name] = n
    paths = [sink.path for sink in sinks]
    report.files.extend(paths)
    return paths


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(out_dir: Path, report: ExportReport, previous: dict[str, Any] | None = None) -> Path:
    """``manifest.json``: rows per table and sha256 per file (no time: reproducible). Written last:
    its presence marks a complete set (:mod:`.folder`).

    ``previous``: the manifest of the set this one replaces; its entries for files carried over
    (other tables of a ``--tables`` subset) are kept while those files are in ``out_dir``.
    """
    old = previous or {}
    files = {k: v for k, v in old.get("files", {}).items() if (out_dir / k).exists()}
    tables = {k: v for k, v in old.get("tables", {}).items()
              if k not in report.rows and any(f.startswith(f"{k}.") for f in files)}
    tables.update({name: {"rows": rows} for name, rows in report.rows.items()})
    files.update({p.name: _sha256(p) for p in report.files})
    manifest = {"tables": dict(sorted(tables.items())), "files": dict(sorted(files.items()))}
    path = out_dir / COMPLETE_MARKER
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _write_text(path: Path, text: str, report: ExportReport) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
    report.files.append(path)


def _ours(name: str, exported: set[str]) -> bool:
    """Is ``name`` a file this export rewrites (so the old one must not be carried over)? The files
    of the tables exported now, in every format (an old CSV beside a new Parquet would be stale),
    the workbook (it holds every table), and the package files."""
    stem, _, ext = name.partition(".")
    return (name in (COMPLETE_MARKER, DATAPACKAGE, DICTIONARY, WORKBOOK)
            or (stem in exported and ext in {e for e, _ in TABLE_SINKS.values()}))


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / COMPLETE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _no_progress(description: str, total: int, unit: str) -> AbstractContextManager[Callable[[float], None]]:
    return nullcontext(lambda n=1: None)


def export_store(store: Path, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS,
                 tables: Iterable[str] | None = None, progress: ProgressFactory | None = None,
                 chunk_rows: int = CHUNK_ROWS) -> ExportReport:
    """Export ``tables`` (default: all) of the store at ``store`` to the folder ``out_dir``.

    formats: any of :data:`FORMATS` (default parquet and csv; xlsx is one workbook of every table).
    ``datapackage.json`` (for the CSVs) and ``DATA_DICTIONARY.md`` are always written, and
    ``manifest.json`` last. The folder is replaced as a whole (see the module docstring); files of
    tables not exported this time are kept. progress: opens a progress display per table.
    Raises :class:`ExportError` for a missing store, a file that is not a store, an unknown table
    or format, a target folder that holds other files. An empty store gives valid, empty files.
    """
    progress_bar = progress or _no_progress
    wanted = set(formats)
    unknown_formats = sorted(wanted - set(FORMATS))
    if unknown_formats:
        raise ExportError(f"unknown format {unknown_formats[0]!r}: choose from {', '.join(FORMATS)}")
    chosen = [f for f in FORMATS if f in wanted] or list(DEFAULT_FORMATS)
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
        with staged_folder(out_dir) as stage:
            _write_set(db, stage, out_dir, names, chosen, report, progress_bar, chunk_rows)
        report.files = [out_dir / p.name for p in report.files]  # where they are now
    except DatabaseError as exc:
        raise ExportError(f"cannot read {store}: {exc}") from exc
    except NotAnExportFolder as exc:
        raise ExportError(str(exc)) from exc
    except OSError as exc:  # the staged folder was deleted: the previous set is as it was
        raise ExportError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        db.close()
    return report


def _write_set(db: Connection, stage: Path, target: Path, names: list[str], formats: list[str],
               report: ExportReport, progress_bar: ProgressFactory, chunk_rows: int) -> None:
    """Every file of the new set, into the staged folder ``stage``; ``manifest.json`` last."""
    with stored.snapshot(db):  # one snapshot for every table, even while a crawl writes
        workbook = Workbook(stage / WORKBOOK, report.bad_values) if "xlsx" in formats else None
        for name in names:
            table = TABLES[name]
            with progress_bar(f"export {name}", stored.row_count(db, name), "rows") as advance:
                export_table(db, table, stage, formats, report, advance, chunk_rows, workbook)
        if workbook is not None:
            workbook.close()
            report.files.append(workbook.path)
    exported = set(names)
    report.carried = carry_over(target, stage, lambda entry: not _ours(entry, exported))
    with_csv = [t for t in TABLES if (stage / f"{t}.csv").exists()]
    rows = {**{t: v.get("rows", 0) for t, v in _read_manifest(target).get("tables", {}).items()}, **report.rows}
    if with_csv:
        package = datapackage(with_csv, rows)
        _write_text(stage / DATAPACKAGE, json.dumps(package, ensure_ascii=False, indent=2) + "\n", report)
    _write_text(stage / DICTIONARY, render_data_dictionary(), report)
    write_manifest(stage, report, _read_manifest(target))
