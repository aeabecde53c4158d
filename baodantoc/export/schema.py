"""The typed schema of every export: column, Arrow type, unit and meaning, in one place.

Why one table of columns: the Parquet schema, the CSV header and ``docs/DATA_DICTIONARY.md`` are
all generated from it, and it is itself derived from the record types of ``baodantoc.records``
(column order, kind, meaning, unit), so they cannot disagree (a test compares the committed
dictionary with :func:`render_data_dictionary`).

Decisions, documented in the dictionary:

* Timestamps are ``timestamp[us, tz=+07:00]`` (the paper's time zone, no DST). Stored values
  without an offset are taken as +07:00; CSV writes them as ISO 8601 with ``+07:00``.
* Lists of strings are Arrow ``list<string>``; images are ``list<struct<src, caption>>``. CSV
  writes every list as JSON text.
* Dicts whose keys depend on the entity type or the extractor version (``attributes``,
  ``extraction``) are JSON text in both formats: a struct would fix one key set and break readers
  the day the extractor adds a key. The keys the project documents are also lifted into typed
  columns of ``entities`` (``level``, ``province``, ``province_2025``, ``code``, ``role``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from ..records import ARTICLE_FIELDS, ENTITY_FIELDS, FACT_FIELDS, MENTION_FIELDS, FieldInfo

TIMESTAMP = pa.timestamp("us", tz="+07:00")
STRINGS = pa.list_(pa.string())
IMAGES = pa.list_(pa.struct([("src", pa.string()), ("caption", pa.string())]))
JSON = pa.string()


@dataclass(frozen=True)
class Column:
    """One exported column: Arrow type, how to read it from the store, and what it means."""

    name: str
    type: pa.DataType
    meaning: str
    unit: str = ""
    kind: str = "plain"  # plain | timestamp | list | images | json | bool | lifted
    references: str = ""  # "table.column" of a foreign key (from the record field)
    field_kind: str = "text"  # the record field's kind (baodantoc.records.fields.KINDS)


@dataclass(frozen=True)
class Table:
    """One exported table: its key order (stable row order) and its columns."""

    name: str
    order_by: str
    columns: tuple[Column, ...]
    description: str

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type) for c in self.columns])

    @property
    def primary_key(self) -> tuple[str, ...]:
        """The key columns (the row order of every file is the key order)."""
        return tuple(c.strip() for c in self.order_by.split(","))


S, I32, I64, F64 = pa.string(), pa.int32(), pa.int64(), pa.float64()

#: Arrow type and export kind of each record field kind (``baodantoc.records.fields.KINDS``).
_BY_KIND: dict[str, tuple[pa.DataType, str]] = {
    "text": (S, "plain"), "int": (I32, "plain"), "count": (I64, "plain"), "real": (F64, "plain"),
    "bool": (pa.bool_(), "bool"), "timestamp": (TIMESTAMP, "timestamp"), "list": (STRINGS, "list"),
    "images": (IMAGES, "images"), "json": (JSON, "json"),
}


def _column(field: FieldInfo) -> Column:
    type_, kind = _BY_KIND[field.kind]
    return Column(field.name, type_, field.doc, field.unit, kind, field.references, field.kind)


def _table(name: str, order_by: str, fields: tuple[FieldInfo, ...], description: str,
           extra: tuple[Column, ...] = ()) -> Table:
    """A table whose columns are the fields of its record type (plus export-only columns)."""
    return Table(name, order_by, tuple(_column(f) for f in fields) + extra, description)


def _lifted(name: str, meaning: str) -> Column:
    return Column(name, S, meaning, "", "lifted")


ARTICLES = _table("articles", "article_id", ARTICLE_FIELDS, "One row per article.")
MENTIONS = _table("mentions", "article_id, mention_id", MENTION_FIELDS,
                  "One row per entity mention in an article's text.")
ENTITIES = _table("entities", "entity_id", ENTITY_FIELDS, "One row per entity (corpus-wide).", (
    _lifted("level", "LOC: country, region, province, district, commune, village or site."),
    _lifted("province", "LOC: the province before the 2025 reorganization (e.g. Yên Bái)."),
    _lifted("province_2025", "LOC: the province after the 2025 reorganization (e.g. Lào Cai)."),
    _lifted("code", "LOC: administrative unit code, when known."),
    _lifted("role", "PER: role or title (e.g. Chủ tịch UBND tỉnh)."),
))
FACTS = _table("facts", "article_id, fact_id", FACT_FIELDS, "One row per numeric fact.")

TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, MENTIONS, ENTITIES, FACTS)}

_TYPE_NAMES = {
    str(TIMESTAMP): "timestamp (µs, +07:00)", str(STRINGS): "list<string>", str(IMAGES): "list<struct<src, caption>>",
    "string": "string", "int32": "int32", "int64": "int64", "double": "float64", "bool": "bool",
}

_PREAMBLE = """# Data dictionary

Every column of every export written by `baodantoc export` (Parquet, CSV, XLSX, JSON Lines).
Generated from `baodantoc/records/` and `baodantoc/export/schema.py`
(`python -m baodantoc.export > docs/DATA_DICTIONARY.md`); a test fails when this file and the
code disagree. Each export folder holds a copy.

## Files

`baodantoc export --output DIR --format parquet,csv,xlsx,jsonl` writes, per table,
`DIR/<table>.parquet`, `DIR/<table>.csv`, `DIR/<table>.jsonl`, and one workbook
`DIR/baodantoc.xlsx` (a sheet per table and a `columns` sheet); beside them `datapackage.json`
(a Frictionless Data Package describing the CSVs: types, formats, primary and foreign keys), this
file, and `manifest.json` (row counts and sha256 of each file). Rows are ordered by the table's
key, so the same store always gives byte-identical files. The whole folder is written beside the
old one and swapped in when complete: a reader, or an export killed half-way, sees the previous
set or the new one, never a mix (the next run clears what a killed one left). Exporting some
tables (`--tables facts`) keeps the other tables' files of the previous set.

## Conventions

- **Timestamps**: Parquet `timestamp[us, tz=+07:00]` (Vietnam time, no DST); CSV and JSON Lines
  ISO 8601 text with `+07:00` (`2024-03-05T08:30:00+07:00`); XLSX Excel dates in Vietnam time. A
  stored time without an offset is read as +07:00; a value that is no time at all is exported
  empty and counted in the export report.
- **Ids** (`article_id`, `mention_id`, `fact_id`, `entity_id`) are text everywhere, also when they
  are all digits: in XLSX they are text cells (Excel would show 1.55893E+12), in CSV load them as
  `str` (the lines below).
- **Lists**: Parquet list columns; JSON Lines arrays; CSV and XLSX JSON text (`["Nguyễn Văn A"]`).
- **JSON objects** (`attributes`, `extraction`): JSON text in Parquet, CSV and XLSX, objects in JSON
  Lines, because their keys differ by entity type and extractor version. Documented keys of
  entity attributes are also lifted into their own columns of `entities`.
- **CSV**: UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), comma separated,
  CRLF line ends, fields quoted when they hold a comma, quote or line break (RFC 4180); an empty
  field is a missing value; booleans are `true`/`false`. Cells start with the data as stored: a
  text starting with `=`, `+`, `-` or `@` is not escaped, so do not enable formula evaluation on
  untrusted data (the XLSX workbook writes every text as text).
- **XLSX**: header row frozen and filterable, each header cell's note gives the column's meaning
  and unit. Excel holds at most 32,767 characters per cell: longer `body`/`text` values are cut
  (ending in "…", counted in the export report) and a table longer than 1,048,575 rows continues
  on a second sheet (`mentions (2)`); Parquet, CSV and JSON Lines hold everything.
- **Offsets** (`start`, `end`) count Unicode code points of `articles.text` (Python string
  indices), end exclusive.

## Loading the CSVs typed

With pandas, one line per table (in the export folder; `import pandas as pd`): ids stay strings,
counts nullable integers, times +07:00 datetimes.

```python
{pandas_lines}
```

With Frictionless: `frictionless.Package("datapackage.json").get_resource("facts").read_rows()`.
"""


def render_data_dictionary() -> str:
    """The Markdown data dictionary of every exported table and column."""
    from .datapackage import pandas_read_csv  # (it imports this module's TABLES)

    out = [_PREAMBLE.replace("{pandas_lines}", "\n".join(pandas_read_csv(t) for t in TABLES.values()))]
    for table in TABLES.values():
        out.append(f"\n## `{table.name}`\n\n{table.description}\n\n")
        out.append("| column | type | unit | meaning |\n| --- | --- | --- | --- |\n")
        for c in table.columns:
            type_name = _TYPE_NAMES.get(str(c.type), str(c.type))
            if c.kind == "json":
                type_name = "string (JSON)"
            meaning = c.meaning + (" Lifted from `attributes`." if c.kind == "lifted" else "")
            out.append(f"| `{c.name}` | {type_name} | {c.unit} | {meaning} |\n")
    return "".join(out)

