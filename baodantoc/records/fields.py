"""How a record field is described once, so that every representation can be derived from it.

A field of a record dataclass carries, in its metadata, its *kind* (how it is stored and
exported), what it means and its unit. The store's JSON columns, the export schema (Parquet
types, CSV cells, the data dictionary) and the Datasette descriptions are all read from here;
nothing restates the list of columns (as Fundus derives its attribute lists from ``Article``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

#: How a field is stored and exported:
#: text, int (32-bit: offsets, indexes, statuses), count (64-bit totals), real: plain columns; bool: 0/1 in SQLite, bool in Parquet, true/false in CSV;
#: timestamp: ISO 8601 text (+07:00 when local); list: JSON list of strings; images: JSON list of
#: {src, caption}; json: a JSON object whose keys vary (kept as JSON text in every format).
KINDS = ("text", "int", "count", "real", "bool", "timestamp", "list", "images", "json")
#: Kinds stored as JSON text in SQLite.
JSON_KINDS = frozenset({"list", "images", "json"})


def column(kind: str, doc: str, *, unit: str = "", default: Any = None, coverage: bool = False,
           content: bool = False, references: str = "", required: bool = False) -> Any:
    """A dataclass field with its description.

    kind: one of :data:`KINDS`; doc: what the value means (shown in the data dictionary and the
    web UI); unit: the unit of a number or offset; coverage: the crawl report measures the share
    of articles that have it; content: a page parser fills it (the rest is bookkeeping);
    references: "table.column" this field points to (a foreign key: the web UI's links, the
    datapackage's foreignKeys); required: no default (the store's column is NOT NULL; the record type must be ``kw_only``).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}; known: {', '.join(KINDS)}")
    metadata = {"kind": kind, "doc": doc, "unit": unit, "coverage": coverage, "content": content,
                "references": references}
    if required:
        return dataclasses.field(metadata=metadata)
    if kind in ("list", "images"):
        return dataclasses.field(default_factory=list, metadata=metadata)
    if kind == "json":
        return dataclasses.field(default_factory=dict, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One field of a record type, as the layers above read it."""

    name: str
    kind: str
    doc: str
    unit: str
    coverage: bool
    content: bool
    references: str = ""


def describe(record_type: type) -> tuple[FieldInfo, ...]:
    """The fields of a record dataclass, in declaration order (= column order everywhere)."""
    return tuple(FieldInfo(f.name, f.metadata["kind"], f.metadata["doc"], f.metadata["unit"],
                           f.metadata["coverage"], f.metadata["content"], f.metadata.get("references", ""))
                 for f in dataclasses.fields(record_type))


def names(record_type: type) -> tuple[str, ...]:
    """Field names of a record dataclass, in order."""
    return tuple(f.name for f in dataclasses.fields(record_type))


def values(record: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of every field of a record instance, in order, without copying nested values
    (``dataclasses.asdict`` deep-copies every list and dict)."""
    for f in dataclasses.fields(record):
        yield f.name, getattr(record, f.name)
