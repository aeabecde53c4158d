"""The crawler's commands — ``crawl`` and ``parse`` — registered on the ``baodantoc`` group.

Thin wrappers: ``crawl`` calls :func:`baodantoc.jobs.crawl`, ``parse`` calls
:func:`baodantoc.crawler.layouts.parse_page`. Expected failures end in one line and exit 1.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

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
)

if TYPE_CHECKING:
    from ..crawler.report import CrawlReport


def failure_message(report: CrawlReport) -> str | None:
    """The one line a crawl that failed its checks ends with; None when it passed.

    A crawl that fetched no page at all did not fail on coverage but on the network (offline, a
    proxy, the site down): that is said first, with the way to try the crawler offline.
    """
    failed = [c for c in report.checks if c["passed"] is False]
    if not failed:
        return None
    checks = "crawl checks failed: " + "; ".join(
        f"{c['name']} {c['value']} {'>' if c.get('op') == '≤' else '<'} {c['threshold']}" for c in failed)
    if report.pages_fetched == 0 and report.errors:
        kinds = ", ".join(f"{kind} {n}" for kind, n in report.errors.items())
        return (f"no page could be fetched ({kinds}): is the network up? "
                f"(--sample crawls the bundled sample site offline); {checks}")
    return checks


@click.command()
@click.option("--sample", is_flag=True, help="Start the bundled sample site and crawl it (throttling off).")
@click.option("--synthetic", type=click.IntRange(0, 1_000_000), default=0, show_default=True,
              help="With --sample: also serve this many generated articles.")
@click.option("--drifted", is_flag=True,
              help="With --sample: serve some sections in a redesigned markup (rehearse the drift alarm).")
@since_option
@until_option
@section_option
@limit_option
@refresh_option
@click.option("--jobdir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the crawl state here: re-run with the same folder to resume an interrupted crawl.")
@output_dir_option
@click.option("--http-cache", is_flag=True, help="Cache responses on disk (.scrapy/httpcache) for 24 h.")
@click.option("--url", "urls", multiple=True, metavar="URL", help="Fetch only this article URL (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def crawl(sample: bool, synthetic: int, drifted: bool, since: str | None, until: str | None, section: str | None,
          limit: int | None, refresh: bool, jobdir: Path | None, output: Path | None, http_cache: bool,
          urls: tuple[str, ...], as_json: bool) -> None:
    """Crawl the paper's hosts into the store and print what was fetched, stored and skipped.

    Discovers articles through robots.txt, sitemaps, RSS and the section listings found in each
    host's menu; stores each article once (by the id in its URL), links VietNamNet cross-posts,
    and skips articles already stored unless --refresh. Polite by default (robots.txt,
    AutoThrottle, 2 requests per host). Exits 1 if a coverage check fails, or if a host's pages
    are being read without their layout (the drift alarm: see docs/CRAWLING.md).

    Example: baodantoc crawl --since 2024-01-01 --section chinh-sach --limit 200
    """
    from ..jobs.crawl import CrawlError, CrawlOptions
    from ..jobs.crawl import crawl as run_crawl
    from .console import StatusLine, print_report

    options = CrawlOptions(sample=sample, synthetic=synthetic, drifted=drifted, since=since, until=until, section=section,
                           limit=limit, refresh=refresh, jobdir=jobdir, output=output, http_cache=http_cache,
                           urls=list(urls) or None, log_level=crawl_log_level(),
                           progress=StatusLine.if_terminal("crawling"))
    try:
        report = run_crawl(options)
    except CrawlError as exc:
        raise UserError(str(exc)) from exc
    print_report(report)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    message = failure_message(report)
    if message:
        raise UserError(message)


@click.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The URL the page was saved from (picks the layout, gives the id).")
@click.option("--fetched-at", metavar="ISO", help="When it was fetched (relative times count from it; default: the file's mtime).")
@click.option("--layout", help="Force a layout (cms, vietnamnet, generic) instead of choosing by host and page.")
@click.option("--content-type", help='HTTP Content-Type it was served with (e.g. "text/html; charset=windows-1258").')
@click.option("--explain", is_flag=True,
              help="Instead of JSON: each field with the layer and selector that gave it, and the candidates that lost.")
def parse(page: Path, url: str, fetched_at: str | None, layout: str | None, content_type: str | None,
          explain: bool) -> None:
    """Print the article record one saved page yields, as JSON (the way to debug a page).

    The layout is picked by the URL's host, then by which layout recognizes the page, then the
    generic fallback; "extraction" in the output says which layer gave each field. Exits 1 (after
    printing the record) when the crawler would skip the page, and says why. PAGE may be gzipped.
    --explain prints, per field, the layer and selector (or metadata key, or extractor) that
    answered and what the other layers proposed: the first step when a site changes its markup.

    Example: baodantoc parse tests/fixtures/pages/cms_2024_09_23.html.gz --url https://baodantoc.vn/ky-son-tang-toc-xoa-nha-tam-cho-dong-bao-mong-kho-mu-1726998300177.htm
    """
    from ..crawler import settings as crawl_settings
    from ..crawler.layouts import LAYOUTS, PageError, Recorder, parse_page
    from ..crawler.layouts.dates import parse_iso
    from ..crawler.validate import problem

    if layout is not None and layout not in LAYOUTS:
        raise UserError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    when = parse_iso(fetched_at) if fetched_at else datetime.fromtimestamp(page.stat().st_mtime, timezone.utc)
    if when is None:
        raise UserError(f"--fetched-at: not an ISO 8601 instant: {fetched_at!r}")
    cap = crawl_settings.DOWNLOAD_MAXSIZE
    with page.open("rb") as fh:  # never more than the cap: gzip does not shrink a page that is over it
        body = fh.read(cap + 1)
    if len(body) > cap:
        raise UserError(f"{page}: the file is over the {cap:,}-byte limit of a page (oversized)")
    recorder = Recorder(explain=explain)
    try:
        record = parse_page(body, url, content_type=content_type, fetched_at=when, layout=layout, max_bytes=cap,
                            recorder=recorder)
    except PageError as exc:
        raise UserError(f"{page}: {exc} ({exc.kind})") from exc
    if explain:
        from .console import print_explanation

        print_explanation(record, recorder.candidates)
    else:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    reason = problem(record)
    if reason:
        click.echo(f"the crawler would skip this page: {reason}", err=True)
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add ``crawl`` and ``parse`` to the command group."""
    group.add_command(crawl)
    group.add_command(parse)
