"""Downloads of the web UI: any table or query result as .xlsx (a Datasette output renderer), and
the fact finder's results as CSV or XLSX.

Why an .xlsx next to Datasette's CSV: a journalist opens the download in Excel, which shows a
13-digit article id as 1.55893E+12 and garbles a CSV without a byte-order mark. The workbook keeps
text as text (ids, and "=..." never becomes a formula), numbers as numbers, ISO timestamps as
dates; the header is frozen and filterable. A table's .xlsx holds the rows of the page asked for
(Datasette's page size, ``?_size=max`` for up to 1,000); ``baodantoc export --format xlsx`` writes
whole tables.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import xlsxwriter

from ..records import VIETNAM

#: A cell Excel cannot hold more of (characters).
MAX_CELL_CHARS = 32_767
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _as_time(value: str) -> datetime | None:
    if not _ISO_TIME.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(VIETNAM).replace(tzinfo=None) if moment.tzinfo else moment


def xlsx_bytes(columns: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str = "data") -> bytes:
    """A one-sheet workbook of ``rows`` under the header ``columns``."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    ws = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31] or "data")
    bold = book.add_format({"bold": True, "bg_color": "#EEEEEE"})
    date = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws.write_row(0, 0, list(columns), bold)
    ws.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            elif isinstance(value, str) and (moment := _as_time(value)) is not None:
                ws.write_datetime(r, c, moment, date)
            else:
                ws.write_string(r, c, str(value)[:MAX_CELL_CHARS])
    ws.autofilter(0, 0, max(len(rows), 1), max(len(columns) - 1, 0))
    book.close()
    return buffer.getvalue()


def render_xlsx(datasette: Any, columns: list[str], rows: list[Any], request: Any, table: str | None = None,
                query_name: str | None = None) -> Any:
    """Datasette output renderer: the rows of a table or query page as .xlsx."""
    from datasette.utils.asgi import Response

    name = table or query_name or "query"
    body = xlsx_bytes(columns, [list(r) for r in rows], sheet=name)
    return Response(body, content_type=XLSX_TYPE,
                    headers={"content-disposition": f'attachment; filename="{name}.xlsx"'})
