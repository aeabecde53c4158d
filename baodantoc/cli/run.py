"""``baodantoc run``: crawl, extract and export in one command (the demo is ``run --sample``)."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import UserError
from .options import (
    crawl_log_level,
    limit_option,
    output_dir_option,
    refresh_option,
    section_option,
    since_option,
    until_option,
    workers_option,
)


@click.command()
@click.option("--sample", is_flag=True, help="Crawl the bundled sample site instead of the live paper.")
@since_option
@until_option
@section_option
@limit_option
@refresh_option
@workers_option
@output_dir_option
@click.option("--include-credits", is_flag=True,
              help="Count names found only in photo credits, bylines and 'Theo ...' lines among the most mentioned.")
def run(sample: bool, since: str | None, until: str | None, section: str | None, limit: int | None,
        refresh: bool, workers: int, output: Path | None, include_credits: bool) -> None:
    """Crawl, extract entities and facts, export Parquet/CSV, and print a summary.

    The same as `baodantoc crawl`, then `baodantoc extract`, then `baodantoc export`, over one
    output folder (the store, export/ and nothing else). Re-running adds no duplicates: stored
    articles are skipped (unless --refresh) and only changed articles are re-extracted. The
    summary's most mentioned people leave out the paper's photographers and bylines
    (--include-credits counts them).

    Example: baodantoc run --sample
    """
    from ..export import ExportError
    from ..jobs.crawl import CrawlError, CrawlOptions
    from ..jobs.extract import ExtractError
    from ..jobs.run import run as run_all
    from ..store import StoreError
    from .console import StatusLine, print_report, print_run_summary, progress_bar
    from .crawl import failure_message

    # the report lists every error by kind; -v shows the crawler's own log lines
    options = CrawlOptions(sample=sample, since=since, until=until, section=section, limit=limit, refresh=refresh,
                           output=output, log_level=crawl_log_level(quiet="CRITICAL"),
                           progress=StatusLine.if_terminal("crawling"))
    try:
        summary = run_all(options, workers=workers, export_progress=progress_bar, include_credits=include_credits)
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
