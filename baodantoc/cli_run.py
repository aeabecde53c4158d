"""``baodantoc run``: crawl, extract and export in one command (the demo is ``run --sample``)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_errors import UserError


@click.command()
@click.option("--sample", is_flag=True, help="Crawl the bundled sample site instead of the live paper.")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE (YYYY-MM-DD).")
@click.option("--section", metavar="PATH", help='Only this section ("van-hoa", "chinh-sach/giam-ngheo").')
@click.option("--limit", type=click.IntRange(1), metavar="N", help="Stop after storing N articles.")
@click.option("--refresh", is_flag=True, help="Fetch articles already in the store again.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for the extraction stage.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/): the store, export/ and nothing else.")
def run(sample: bool, since: str | None, until: str | None, section: str | None, limit: int | None,
        refresh: bool, workers: int, output: Path | None) -> None:
    """Crawl, extract entities and facts, export Parquet/CSV, and print a summary.

    The same as `baodantoc crawl`, then `baodantoc extract`, then `baodantoc export`, over one
    output folder. Re-running adds no duplicates: stored articles are skipped (unless --refresh)
    and only changed articles are re-extracted.

    Example: baodantoc run --sample
    """
    from crawler.report_view import print_report

    from .cli_crawl import failure_message
    from .crawling import CrawlError
    from .exporting import ExportError
    from .extracting import ExtractError
    from .running import run as run_all
    from .store import StoreError
    from .tables import print_run_summary

    verbose = click.get_current_context().find_root().params.get("verbose") or 0
    try:
        summary = run_all(sample=sample, output=output, since=since, until=until, section=section, limit=limit,
                          refresh=refresh, workers=workers,
                          # the report lists every error by kind; -v shows the crawler's own log lines
                          log_level="CRITICAL" if verbose == 0 else "INFO" if verbose == 1 else "DEBUG")
    except (CrawlError, StoreError, ExtractError, ExportError) as exc:
        raise UserError(str(exc)) from exc
    print_report(summary.crawl)
    print_run_summary(summary)
    message = failure_message(summary.crawl)
    if message:
        raise UserError(message)


def register(group: click.Group) -> None:
    """Add ``run`` to the command group."""
    group.add_command(run)
