"""Search results for programs: JSON and CSV (people get a table from ``baodantoc.cli.console``).

JSON keeps the nested structure of :class:`~baodantoc.search.Hit`; CSV is flat, one row per
(sentence, fact), so it loads straight into a spreadsheet.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from .engine import Hit

CSV_COLUMNS = ("published_at", "article_id", "sentence_index", "sentence", "fact_text", "value", "value_max", "unit",
               "kind", "approx", "subject", "place", "place_name", "province", "province_2025", "scope", "period",
               "period_source", "title", "section", "url")


def write_jsonl(hits: list[Hit], out: IO[str]) -> None:
    """JSON Lines: one hit per line (see :meth:`Hit.to_dict`), for streaming tools (jq, pandas ``lines=True``)."""
    for h in hits:
        out.write(json.dumps(h.to_dict(), ensure_ascii=False) + "\n")


def write_json(hits: list[Hit], out: IO[str]) -> None:
    """A JSON array of hits (see :meth:`Hit.to_dict`), UTF-8, Vietnamese unescaped."""
    json.dump([h.to_dict() for h in hits], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def rows(hits: list[Hit]) -> list[list[Any]]:
    """The flat rows of :data:`CSV_COLUMNS`, one per (sentence, fact); a sentence without facts is
    one row. Values as they are (numbers, bools, None): for a spreadsheet writer."""
    out = []
    for hit in hits:
        base = {"published_at": hit.published_at, "article_id": hit.article_id, "sentence_index": hit.sentence_index,
                "sentence": hit.sentence, "title": hit.title, "section": hit.section, "url": hit.url}
        for fact in hit.facts or [None]:
            row = dict(base)
            if fact:
                row.update({k: fact.get(k) for k in ("value", "value_max", "unit", "kind", "approx", "subject",
                                                     "place", "place_name", "province", "province_2025", "scope",
                                                     "period", "period_source")})
                row["fact_text"] = fact.get("text")
            out.append([row.get(c) for c in CSV_COLUMNS])
    return out


def write_csv(hits: list[Hit], out: IO[str]) -> None:
    """CSV (RFC 4180, CRLF), one row per (sentence, fact); a sentence without facts is one row.

    Starts with a byte-order mark, as the exports do: Excel reads a CSV without one in the
    system's code page and garbles Vietnamese.
    """
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in rows(hits))
