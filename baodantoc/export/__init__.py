"""``baodantoc export``: the store's records as typed Parquet, Excel-ready CSV, an XLSX workbook and
JSON Lines, with ``datapackage.json`` and the data dictionary (see ``writer``), a schema derived
from the record types (``schema``), and a whole-folder swap (``folder``)."""

from .schema import TABLES, Column, Table, render_data_dictionary
from .writer import (
    DEFAULT_FORMATS,
    FORMATS,
    ExportError,
    ExportReport,
    ProgressFactory,
    export_store,
    export_table,
    write_manifest,
)

__all__ = ["DEFAULT_FORMATS", "FORMATS", "TABLES", "Column", "ExportError", "ExportReport", "ProgressFactory", "Table",
           "export_store", "export_table", "render_data_dictionary", "write_manifest"]
