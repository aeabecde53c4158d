"""Progress display for long work (crawl, extract, export, annotate), on stderr via rich.

Disabled when stderr is not a terminal or when asked, so logs and CI output stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def progress_bar(description: str, total: float | None = None, unit: str = "",
                 enabled: bool = True) -> Iterator[Callable[[float], None]]:
    """Yield ``advance(n)``; shows a bar on an interactive stderr, does nothing otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    if unit:
        columns.append(TextColumn(unit))
    columns.append(TimeRemainingColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
