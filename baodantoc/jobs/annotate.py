"""``baodantoc annotate``: JSONL of ``{"id","text"}`` lines in, entities and facts per line out.

A line that is not UTF-8, not valid JSON, or has no string ``text``, is skipped, counted and
reported with its line number; the rest of the file goes on. Output lines keep the input order.
Input is read as bytes and decoded line by line, so one badly encoded line costs that line only
(a text-mode reader raises on it and ends the whole run).
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


def parse_lines(lines: Iterable[str | bytes], report: AnnotateReport) -> Iterator[tuple[Any, str, dict[str, Any]]]:
    """Yield ``(id, text, meta)`` for each usable input line (bytes are decoded as UTF-8, a BOM on
    the first line is dropped); count the others."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        report.read += 1
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            report.skipped["invalid UTF-8"] += 1
            log.warning("line %d skipped: invalid UTF-8 at byte %d", lineno, exc.start)
            continue
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
        if not _encodable(obj["text"], obj.get("id")):
            # JSON can spell a lone surrogate ("\\ud800"); no UTF-8 output can hold it
            report.skipped["lone surrogate"] += 1
            log.warning("line %d skipped: \"text\" or \"id\" holds a lone surrogate", lineno)
            continue
        meta = {k: obj[k] for k in ("published_at", "url", "section", "title", "author") if k in obj}
        yield obj.get("id", lineno), obj["text"], meta


def _encodable(*values: Any) -> bool:
    """Can every string among ``values`` be written as UTF-8?"""
    try:
        for value in values:
            if isinstance(value, str):
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def annotate_stream(
    src: IO[str] | IO[bytes],
    dst: IO[str],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Annotate every line of ``src`` into ``dst``; ``on_progress(1)`` is called per line written."""
    from ..extract.api import annotate_text  # the NLP models load only when annotation starts

    report = AnnotateReport()
    for doc_id, text, meta in parse_lines(src, report):
        out = annotate_text(text, doc_id=doc_id, meta=meta)
        if out.get("errors"):
            report.component_errors += 1
        dst.write(json.dumps(out, ensure_ascii=False) + "\n")
        report.written += 1
        report.characters += len(text)
        if on_progress:
            on_progress(1)
    return report
