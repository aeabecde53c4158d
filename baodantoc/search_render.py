"""Search results for people (a rich table) and for programs (JSON, CSV).

The table shows what a journalist needs to judge and cite a hit: the date, the sentence with the
query words highlighted, the number(s), the title and the full URL (folded on a narrow terminal,
never cut with an ellipsis, and a clickable link where the terminal supports it). JSON keeps the
nested structure of :class:`~baodantoc.search.Hit`; CSV is flat, one row per (sentence, fact), so
it loads straight into a spreadsheet.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .search import Hit

CSV_COLUMNS = ("published_at", "article_id", "sentence_index", "sentence", "fact_text", "value", "value_max", "unit",
               "kind", "approx", "subject", "place", "place_name", "period", "title", "section", "url")


def _highlighted(hit: Hit) -> Text:
    text = Text(hit.sentence)
    for start, end in hit.spans:
        text.stylize("bold yellow", start, end)
    return text


def _number(fact: dict[str, Any], with_subject: bool) -> str:
    label = ("~" if fact.get("approx") else "") + (fact.get("text") or "")
    if with_subject and fact.get("subject"):
        label += f" ({fact['subject']})"
    return label


def print_table(hits: list[Hit], console: Console | None = None, facts_mode: bool = False) -> None:
    """The human view: one row per hit."""
    console = console or Console()
    table = Table(show_lines=True, expand=True)
    table.add_column("Date", no_wrap=True, width=10)
    table.add_column("Sentence", ratio=5)
    table.add_column("Number", ratio=2)
    table.add_column("Title", ratio=3)
    table.add_column("URL", ratio=3, overflow="fold")  # folded, never cut: and a terminal link besides
    for hit in hits:
        numbers = "\n".join(_number(f, facts_mode) for f in hit.facts)
        url = Text(hit.url or "", style=f"link {hit.url}" if hit.url else "")
        table.add_row((hit.published_at or "")[:10], _highlighted(hit), numbers, hit.title or "", url)
    console.print(table)


def write_json(hits: list[Hit], out: IO[str]) -> None:
    """A JSON array of hits (see :meth:`Hit.to_dict`), UTF-8, Vietnamese unescaped."""
    json.dump([h.to_dict() for h in hits], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_csv(hits: list[Hit], out: IO[str]) -> None:
    """CSV (RFC 4180, CRLF), one row per (sentence, fact); a sentence without facts is one row."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        base = {"published_at": hit.published_at, "article_id": hit.article_id, "sentence_index": hit.sentence_index,
                "sentence": hit.sentence, "title": hit.title, "section": hit.section, "url": hit.url}
        for fact in hit.facts or [None]:
            row = dict(base)
            if fact:
                row.update({k: fact.get(k) for k in ("value", "value_max", "unit", "kind", "approx", "subject",
                                                     "place", "place_name", "period")})
                row["fact_text"] = fact.get("text")
            writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
