"""``baodantoc export``: the store's records as typed Parquet and Excel-ready CSV (see ``writer``),
with a schema derived from the record types (``schema``)."""

from .schema import TABLES, Column, Table, render_data_dictionary
from .writer import (
           FORMATS,
           ExportError,
           ExportReport,
           ProgressFactory,
           export_store,
           export_table,
           write_manifest,
)

__all__ = ["FORMATS", "TABLES", "Column", "ExportError", "ExportReport", "ProgressFactory", "Table", "export_store",
           "export_table", "render_data_dictionary", "write_manifest"]
