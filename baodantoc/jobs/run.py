"""``baodantoc run``: the whole job — crawl, extract, export — and one summary.

Each stage is the same library function its own command calls, so ``run`` adds no behaviour of
its own: it chains them over one output folder and reports what each did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import default_export_dir, default_store_path
from ..export import ExportReport, ProgressFactory, export_store
from ..store import connect, stats
from .crawl import CrawlOptions, crawl
from .extract import ExtractReport, extract_store


@dataclass
class RunSummary:
    """What a run did, stage by stage, and the headline counts of the store afterwards."""

    output: Path
    crawl: Any = None
    extract: ExtractReport | None = None
    export: ExportReport | None = None
    totals: dict[str, int] = field(default_factory=dict)
    top: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def store_totals(store: Path, include_credits: bool = False) -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
    """Row counts and the most mentioned entities per type, for the closing summary (names found
    only in photo credits and bylines left out unless ``include_credits``)."""
    db = connect(store, readonly=True)
    try:
        return stats.totals(db), stats.most_mentioned(db, include_credits=include_credits)
    finally:
        db.close()


def run(options: CrawlOptions | None = None, *, workers: int = 1, export_progress: ProgressFactory | None = None,
        extract_progress: Callable[[int], None] | None = None, include_credits: bool = False,
        **crawl_fields: Any) -> RunSummary:
    """Crawl (the sample site with ``sample``), extract what changed, export everything.

    options (or its fields as keywords): the crawl; workers: extraction processes; the progress
    arguments feed displays (the command line passes rich bars); include_credits: the summary's
    most mentioned entities include those named only in photo credits and bylines.
    """
    options = replace(options, **crawl_fields) if options is not None else CrawlOptions(**crawl_fields)
    out = Path(options.output) if options.output else default_store_path().parent
    options = replace(options, output=str(out))
    summary = RunSummary(output=out)
    summary.crawl = crawl(options)
    store = default_store_path(out)
    summary.extract = extract_store(store, workers=workers, on_progress=extract_progress)
    summary.export = export_store(store, default_export_dir(out), progress=export_progress)
    summary.totals, summary.top = store_totals(store, include_credits)
    return summary
