"""``baodantoc run``: the whole job — crawl, extract, export — and one summary.

Each stage is the same library function its own command calls, so ``run`` adds no behaviour of
its own: it chains them over one output folder and reports what each did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import default_export_dir, default_store_path
from .store import connect


@dataclass
class RunSummary:
    """What a run did, stage by stage, and the headline counts of the store afterwards."""

    output: Path
    crawl: Any = None
    extract: Any = None
    export: Any = None
    totals: dict[str, int] = field(default_factory=dict)
    top: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def store_totals(store: Path) -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
    """Row counts and the most mentioned entities per type, for the closing summary."""
    db = connect(store, readonly=True)
    try:
        totals = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "mentions", "entities", "facts")}
        top = {}
        for typ in ("PER", "ORG", "LOC", "ETH"):
            rows = db.execute("SELECT canonical_name, article_count FROM entities WHERE type = ?"
                              " ORDER BY article_count DESC, mention_count DESC, canonical_name LIMIT 5", (typ,))
            top[typ] = [(r[0], r[1]) for r in rows]
    finally:
        db.close()
    return totals, top


def run(*, sample: bool = False, output: Path | None = None, since: str | None = None, until: str | None = None,
        section: str | None = None, limit: int | None = None, refresh: bool = False, workers: int = 1,
        synthetic: int = 0, log_level: str = "WARNING", progress: bool = True,
        in_subprocess: bool = False) -> RunSummary:
    """Crawl (the sample site with ``sample``), extract what changed, export everything."""
    from .crawling import crawl
    from .exporting import export_store
    from .extracting import extract_store

    out = Path(output) if output else default_store_path().parent
    summary = RunSummary(output=out)
    summary.crawl = crawl(sample=sample, output=out, since=since, until=until, section=section, limit=limit,
                          refresh=refresh, synthetic=synthetic, log_level=log_level, progress=progress,
                          in_subprocess=in_subprocess)
    store = default_store_path(out)
    summary.extract = extract_store(store, workers=workers)
    summary.export = export_store(store, default_export_dir(out), progress=progress)
    summary.totals, summary.top = store_totals(store)
    return summary
