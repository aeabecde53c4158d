"""One writer per file format, fed the same chunks of typed column values.

Each sink takes the columns of one chunk as Python values already converted for Arrow (timestamps
as +07:00 datetimes, lists as lists, booleans as bools: see ``writer._arrow_columns``) and writes
them its own way. The Excel workbook, which holds every table in one file, is in :mod:`.xlsx`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import Table


class Sink(Protocol):
    """Writes one table's chunks to one file."""

    path: Path

    def write(self, columns: list[list[Any]]) -> None: ...

    def close(self) -> None: ...


class ParquetSink:
    """Typed Parquet (the schema of :mod:`.schema`), one row group per chunk, zstd."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table, self.path = table, path
        self.schema = table.arrow_schema()
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd", write_statistics=True)

    def write(self, columns: list[list[Any]]) -> None:
        arrays = [pa.array(values, c.type) for c, values in zip(self.table.columns, columns, strict=True)]
        self.writer.write_batch(pa.record_batch(arrays, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def csv_cells(table: Table, columns: list[list[Any]]) -> list[list[Any]]:
    """The columns as CSV cells: ISO times, JSON lists, true/false (None is written empty)."""
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


class CsvSink:
    """UTF-8 with a BOM (Excel then reads Vietnamese right), RFC 4180, CRLF, a header row."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table, self.path = table, path
        self.file: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in close)
        self.writer = csv.writer(self.file, lineterminator="\r\n")
        self.writer.writerow([c.name for c in table.columns])

    def write(self, columns: list[list[Any]]) -> None:
        self.writer.writerows(zip(*csv_cells(self.table, columns), strict=True))

    def close(self) -> None:
        self.file.close()


def _json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "timestamp":
        return value.isoformat()
    if kind == "json":
        try:
            return json.loads(value) if value else None
        except ValueError:
            return None  # counted when the table was read (not JSON in the store)
    return value


class JsonlSink:
    """JSON Lines: one object per row, keys in column order; lists as arrays, JSON columns as
    objects (not text), times as ISO 8601 with +07:00, UTF-8 without escapes."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table, self.path = table, path
        self.file: IO[str] = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 (closed in close)
        self.names = [c.name for c in table.columns]
        self.kinds = [c.kind for c in table.columns]

    def write(self, columns: list[list[Any]]) -> None:
        lines = []
        for row in zip(*columns, strict=True):
            record = {n: _json_value(k, v) for n, k, v in zip(self.names, self.kinds, row, strict=True)}
            lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        if lines:
            self.file.write("\n".join(lines) + "\n")

    def close(self) -> None:
        self.file.close()


#: File format → (extension, sink class) of the per-table formats.
TABLE_SINKS: dict[str, tuple[str, type]] = {
    "parquet": ("parquet", ParquetSink),
    "csv": ("csv", CsvSink),
    "jsonl": ("jsonl", JsonlSink),
}
