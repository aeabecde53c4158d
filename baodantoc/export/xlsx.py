"""The Excel workbook of an export: one sheet per table, typed cells, notes on every column.

Why not "open the CSV in Excel": Excel reads a 13-digit ``article_id`` as a number and shows
1.55893E+12 (and rounds it past 15 digits), leaves ISO timestamps as text, and evaluates cells
starting with "=". Here every text column is written as text (ids stay ids, "=..." stays text),
timestamps as Excel dates in Vietnam time, numbers as numbers, booleans as TRUE/FALSE; the header
row is frozen, filterable, and carries each column's meaning and unit as a cell note; a last
sheet, ``columns``, is the data dictionary.

Excel's limits are kept, not hit: a cell holds at most 32,767 characters (longer texts —
``articles.body``/``text`` — are cut, marked with "…", and counted in the export report; the
Parquet and CSV files hold them whole) and a sheet 1,048,576 rows (a longer table continues on
"mentions (2)", ...). Written row by row (XlsxWriter's constant-memory mode), so memory stays
flat. The file carries a fixed creation date so the same store gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import xlsxwriter

from ..records import VIETNAM
from .schema import Table

#: Excel's own limits (Microsoft: "Excel specifications and limits").
MAX_CELL_CHARS = 32_767
MAX_SHEET_ROWS = 1_048_576
#: Cut marker at the end of a text longer than a cell holds.
CUT = "…"
#: Written as the workbook's creation date instead of the time of the run (reproducible bytes).
FIXED_CREATED = dt.datetime(2000, 1, 1)
#: Column width (characters) by kind of column; text columns by name where one reads better wider.
_WIDTHS = {"timestamp": 19, "bool": 8, "int": 10, "count": 10, "real": 14}
_WIDE_TEXT = {"title": 50, "sentence": 70, "text": 40, "body": 60, "sapo": 50, "subject": 28, "url": 45,
              "canonical_name": 30}


def _note(table: Table, index: int) -> str:
    c = table.columns[index]
    unit = f" Unit: {c.unit}." if c.unit else ""
    tz = " Vietnam time (+07:00)." if c.kind == "timestamp" else ""
    return f"{c.meaning}{unit}{tz}"


class Workbook:
    """``<name>.xlsx``: call :meth:`table` for each table in turn, then :meth:`close`."""

    def __init__(self, path: Path, cut_cells: Counter[str]) -> None:
        self.path = path
        self.cut_cells = cut_cells  # "<column>: cut to 32,767 characters in xlsx" -> count
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                                   "strings_to_formulas": False, "strings_to_urls": False})
        self.book.set_properties({"created": FIXED_CREATED, "title": "baodantoc export"})
        self.header = self.book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.tables: list[Table] = []

    def table(self, table: Table) -> TableSheets:
        self.tables.append(table)
        return TableSheets(self, table)

    def close(self) -> None:
        self._columns_sheet()
        self.book.close()

    def _columns_sheet(self) -> None:
        sheet = self.book.add_worksheet("columns")
        for col, (name, width) in enumerate((("table", 12), ("column", 18), ("type", 12), ("unit", 14),
                                             ("meaning", 100))):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, name, self.header)
        sheet.freeze_panes(1, 0)
        row = 1
        for table in self.tables:
            for c in table.columns:
                sheet.write_row(row, 0, [table.name, c.name, c.field_kind if c.kind != "lifted" else "text",
                                         c.unit, c.meaning])
                row += 1


class TableSheets:
    """The sheet(s) of one table: a new sheet every :data:`MAX_SHEET_ROWS` - 1 rows."""

    def __init__(self, book: Workbook, table: Table) -> None:
        self.book, self.table, self.path = book, table, book.path
        self.sheets = 0
        self.sheet: Any = None
        self.row = 0
        self._open_sheet()

    def _open_sheet(self) -> None:
        if self.sheet is not None:
            self._finish_sheet()
        self.sheets += 1
        name = self.table.name if self.sheets == 1 else f"{self.table.name} ({self.sheets})"
        sheet = self.book.book.add_worksheet(name)
        for i, c in enumerate(self.table.columns):
            width = _WIDE_TEXT.get(c.name, _WIDTHS.get(c.field_kind, 18))
            sheet.set_column(i, i, width, self.book.date if c.kind == "timestamp" else None)
        for i, c in enumerate(self.table.columns):
            sheet.write_string(0, i, c.name, self.book.header)
            sheet.write_comment(0, i, _note(self.table, i), {"x_scale": 3, "y_scale": 1.5})
        sheet.freeze_panes(1, 0)
        self.sheet, self.row = sheet, 1

    def _finish_sheet(self) -> None:
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), len(self.table.columns) - 1)

    def _text(self, row: int, col: int, name: str, value: str) -> None:
        if len(value) > MAX_CELL_CHARS:
            value = value[:MAX_CELL_CHARS - len(CUT)] + CUT
            self.book.cut_cells[f"{self.table.name}.{name}: cut to {MAX_CELL_CHARS:,} characters in xlsx"] += 1
        self.sheet.write_string(row, col, value)

    def write(self, columns: list[list[Any]], cells: list[list[Any]]) -> None:
        """``columns``: typed values (datetimes, numbers, bools); ``cells``: the same as CSV text
        (lists as JSON), used for list columns."""
        kinds = [c.kind for c in self.table.columns]
        names = [c.name for c in self.table.columns]
        numeric = [c.kind == "plain" and c.field_kind in ("int", "count", "real") for c in self.table.columns]
        for r in range(len(columns[0]) if columns else 0):
            if self.row >= MAX_SHEET_ROWS:
                self._open_sheet()
            for i, kind in enumerate(kinds):
                value = columns[i][r]
                if value is None:
                    continue
                if kind == "timestamp":
                    self.sheet.write_datetime(self.row, i, value.astimezone(VIETNAM).replace(tzinfo=None), self.book.date)
                elif kind == "bool":
                    self.sheet.write_boolean(self.row, i, value)
                elif kind in ("list", "images"):
                    self._text(self.row, i, names[i], cells[i][r])
                elif numeric[i] and isinstance(value, (int, float)):
                    self.sheet.write_number(self.row, i, value)
                else:
                    self._text(self.row, i, names[i], str(value))
            self.row += 1

    def close(self) -> None:
        self._finish_sheet()
