"""``baodantoc annotate``: JSONL of ``{"id","text"}`` lines in, entities and facts per line out.

A line that is not UTF-8, not valid JSON (nested deeper than Python can parse included), has no
string ``text``, holds what UTF-8 cannot write (a lone surrogate, in the text or anywhere in the
id), or makes the extractor fail, is skipped, counted and reported with its line number; the rest
of the file goes on. Output lines keep the input order. Input is read as bytes and decoded line by
line, so one badly encoded line costs that line only (a text-mode reader raises on it and ends
the whole run).
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


def parse_lines(lines: Iterable[str | bytes],
                report: AnnotateReport) -> Iterator[tuple[Any, str, dict[str, Any], int]]:
    """Yield ``(id, text, meta, line number)`` for each usable input line (bytes are decoded as
    UTF-8, a BOM on the first line is dropped); count the others."""
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
        except RecursionError:  # [[[[...]]]] 100,000 deep: Python's parser gives up
            report.skipped["invalid JSON"] += 1
            log.warning("line %d skipped: invalid JSON (nested too deep)", lineno)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            report.skipped["no text field"] += 1
            log.warning("line %d skipped: expected an object with a string \"text\"", lineno)
            continue
        if not _encodable(obj["text"]):
            # JSON can spell a lone surrogate ("\\ud800"); no UTF-8 output can hold it
            report.skipped["lone surrogate"] += 1
            log.warning("line %d skipped: \"text\" holds a lone surrogate", lineno)
            continue
        meta = {k: obj[k] for k in ("published_at", "url", "section", "title", "author") if k in obj}
        yield obj.get("id", lineno), obj["text"], meta, lineno


def _encodable(text: str) -> bool:
    """Can ``text`` be written as UTF-8?"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _output_line(out: dict[str, Any]) -> str | None:
    """The JSON line of one result, or None when it cannot be written as UTF-8 JSON (an id holding
    a lone surrogate at any depth, or nested too deep to serialize)."""
    try:
        line = json.dumps(out, ensure_ascii=False) + "\n"
        line.encode("utf-8")
    except (UnicodeEncodeError, RecursionError, ValueError):
        return None
    return line


def annotate_stream(
    src: IO[str] | IO[bytes],
    dst: IO[str],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> AnnotateReport:
    """Annotate every line of ``src`` into ``dst``; ``on_progress(1)`` is called per line written."""
    from ..extract.api import annotate_text  # the NLP models load only when annotation starts

    report = AnnotateReport()
    for doc_id, text, meta, lineno in parse_lines(src, report):
        try:
            out = annotate_text(text, doc_id=doc_id, meta=meta)
        except Exception as exc:  # one line must not end the run (a component error is caught inside)
            report.skipped[f"extraction error ({type(exc).__name__})"] += 1
            log.warning("line %d skipped: the extractor failed: %s: %s", lineno, type(exc).__name__, exc)
            continue
        if out.get("errors"):
            report.component_errors += 1
        line = _output_line(out)
        if line is None:
            report.skipped["lone surrogate"] += 1
            log.warning("line %d skipped: its \"id\" cannot be written as UTF-8 JSON (a lone surrogate?)", lineno)
            continue
        dst.write(line)
        report.written += 1
        report.characters += len(text)
        if on_progress:
            on_progress(1)
    return report
