"""``baodantoc annotate``: JSONL of ``{"id","text"}`` lines in, entities and facts per line out.

A line that is not valid JSON, or has no string ``text``, is skipped, counted and reported with its
line number; the rest of the file goes on. Output lines keep the input order.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

log = logging.getLogger(__name__)


@dataclass
class AnnotateReport:
    """What an annotate run did: lines read, written, and skipped by reason."""

    read: int = 0
    written: int = 0
    characters: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    component_errors: int = 0


def parse_lines(lines: Iterable[str], report: AnnotateReport) -> Iterator[tuple[Any, str, dict[str, Any]]]:
    """Yield ``(id, text, meta)`` for each usable input line; count the others."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        report.read += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skipped["invalid JSON"] += 1
            log.warning("line %d skipped: invalid JSON (%s)", lineno, exc.msg)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            report.skipped["no text field"] += 1
            log.warning("line %d skipped: expected an object with a string \"text\"", lineno)
            continue
        meta = {k: obj[k] for k in ("published_at", "url", "section", "title") if k in obj}
        yield obj.get("id", lineno), obj["text"], meta


def annotate_stream(
    src: IO[str],
    dst: IO[str],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Annotate every line of ``src`` into ``dst``; ``on_progress(chars)`` is called per line."""
    from extract.api import annotate_text  # the NLP models load only when annotation starts

    report = AnnotateReport()
    for doc_id, text, meta in parse_lines(src, report):
        out = annotate_text(text, doc_id=doc_id, meta=meta)
        if out.get("errors"):
            report.component_errors += 1
        dst.write(json.dumps(out, ensure_ascii=False) + "\n")
        report.written += 1
        report.characters += len(text)
        if on_progress:
            on_progress(len(text))
    return report
