"""``datapackage.json`` beside the CSVs, and the pandas line that loads each CSV typed.

Why: a CSV carries no types, so every tool guesses: pandas reads ``article_id`` as int64 (while
Parquet has a string: the join fails), ``modified_at`` as float64, an admin ``code`` "01" as 1.
A Frictionless Data Package (Table Schema: field types and formats, primary and foreign keys)
lets any tool that reads it (frictionless, R's frictionless, Datasette, OpenRefine...) load the
files typed; for pandas the data dictionary prints one ``read_csv`` line per table with the
dtypes, derived like everything else from the record types.
"""

from __future__ import annotations

from typing import Any

from .schema import TABLES, Column, Table

PROFILE = "tabular-data-package"
#: Table Schema type and format of each export column kind (field kinds of baodantoc.records).
_TYPES: dict[str, tuple[str, str]] = {
    "text": ("string", "default"), "int": ("integer", "default"), "count": ("integer", "default"),
    "real": ("number", "default"), "bool": ("boolean", "default"), "timestamp": ("datetime", "any"),
    "list": ("array", "default"), "images": ("array", "default"), "json": ("object", "default"),
}
#: pandas dtype by field kind (nullable integer and boolean types: a missing value stays missing).
PANDAS_DTYPES = {"text": "str", "int": "Int32", "count": "Int64", "real": "float64", "bool": "boolean",
                 "list": "str", "images": "str", "json": "str"}
#: How CSV files are written (sinks.CsvSink), as a Frictionless CSV dialect.
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def _kind(c: Column) -> str:
    return "text" if c.kind == "lifted" else c.field_kind


def _field(c: Column) -> dict[str, Any]:
    type_, fmt = _TYPES[_kind(c)]
    field: dict[str, Any] = {"name": c.name, "type": type_, "format": fmt,
                             "description": c.meaning + (f" Unit: {c.unit}." if c.unit else "")}
    if type_ == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    return field


def table_schema(table: Table, tables: set[str]) -> dict[str, Any]:
    """The Table Schema of one table; foreign keys only to tables that are in the package."""
    schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns], "missingValues": [""],
                              "primaryKey": list(table.primary_key)}
    foreign = []
    for c in table.columns:
        if c.references:
            other, column = c.references.split(".")
            if other in tables:
                foreign.append({"fields": c.name, "reference": {"resource": other, "fields": column}})
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage(tables: list[str], rows: dict[str, int]) -> dict[str, Any]:
    """The Data Package describing ``<table>.csv`` for each of ``tables``."""
    present = set(tables)
    resources = []
    for name in tables:
        table = TABLES[name]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig", "description": table.description,
            "dialect": CSV_DIALECT, "schema": table_schema(table, present),
            **({"stats": {"rows": rows[name]}} if name in rows else {}),
        })
    return {"name": "baodantoc", "title": "Báo Dân tộc và Phát triển — extracted records", "profile": PROFILE,
            "licenses": [{"name": "other-at", "title": "Articles © Báo Dân tộc và Phát triển; see the paper's terms"}],
            "resources": resources}


def pandas_read_csv(table: Table) -> str:
    """One line of Python that reads ``<table>.csv`` with the right dtypes and parsed times."""
    dtypes = {c.name: PANDAS_DTYPES[_kind(c)] for c in table.columns if c.kind != "timestamp"}
    dates = [c.name for c in table.columns if c.kind == "timestamp"]
    spelled = ", ".join(f'"{k}": {"str" if v == "str" else chr(34) + v + chr(34)}' for k, v in dtypes.items())
    line = f'{table.name} = pd.read_csv("{table.name}.csv", dtype={{{spelled}}}, keep_default_na=False, na_values=[""]'
    if dates:
        line += f", parse_dates={dates!r}".replace("'", '"')
    return line + ")"
