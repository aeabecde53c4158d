"""The ``baodantoc`` command line: one thin command per library function.

Each command parses its options, calls one function, and turns expected failures into a one-line
message and a non-zero exit (no traceback). Every command's help ends with an example.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_crawl import register as register_crawl_commands
from .cli_outputs import register as register_output_commands


class UserError(click.ClickException):
    """An expected failure: printed as one line, exit status 1."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="baodantoc")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Crawl Báo Dân tộc và Phát triển and extract people, agencies, places, ethnic groups and facts.

    Example: baodantoc run --sample
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", atomic=True), default="-",
              help="Output JSONL (default: stdout).")
def annotate(input, output) -> None:
    """Annotate JSONL lines {"id", "text"} with entities and facts.

    Runs the same extractor as `extract` on arbitrary text; one output line per input line:
    {"id", "entities": [{"type","text","start","end",...}], "facts": [...]}.
    Lines that are not JSON objects with a "text" string are skipped and counted.

    Example: baodantoc annotate ../shared/eval/bdt_dev.jsonl -o pred.jsonl
    """
    from .annotating import annotate_stream
    from .progress import progress_bar

    total = None
    if input is not sys.stdin and hasattr(input, "name"):
        try:
            total = os.path.getsize(input.name)
        except OSError:
            total = None
    with progress_bar("annotating", total=total, unit="chars", enabled=output is not sys.stdout) as advance:
        report = annotate_stream(input, output, on_progress=advance)
    skipped = sum(report.skipped.values())
    msg = f"annotated {report.written} of {report.read} lines ({report.characters:,} characters)"
    if skipped:
        msg += "; skipped " + ", ".join(f"{n} {why}" for why, n in report.skipped.items())
    if report.component_errors:
        msg += f"; {report.component_errors} lines had a component error (see their \"errors\")"
    click.echo(msg, err=True)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--types", default="PER,ORG,LOC,ETH", show_default=True,
              help="Entity types to score, comma-separated (VLSP has no ETH: use PER,ORG,LOC).")
@click.option("--no-baseline", is_flag=True, help="Skip raw underthesea (faster).")
@click.option("--errors", "show_errors", is_flag=True, help="List our false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold: Path, types: str, no_baseline: bool, show_errors: bool, as_json: bool) -> None:
    """Score the extractor on a gold JSONL file, side by side with raw underthesea.

    Entities are scored per document (distinct normalized surfaces), and per mention (exact span
    and type) where the gold has offsets; facts on kind and value (within 0.5%).

    Example: baodantoc evaluate tests/gold/sample_gold.jsonl
    """
    from .evaluating import GoldFileError
    from .evaluating import evaluate as run_evaluation
    from .progress import progress_bar

    type_tuple = tuple(t.strip().upper() for t in types.split(",") if t.strip())
    bad = [t for t in type_tuple if t not in ("PER", "ORG", "LOC", "ETH")]
    if bad:
        raise UserError(f"unknown entity type(s) {', '.join(bad)}: use PER, ORG, LOC, ETH")
    try:
        with progress_bar("evaluating", unit="docs") as advance:
            result = run_evaluation(gold, type_tuple, baseline=not no_baseline, keep_errors=show_errors,
                                    on_progress=advance)
    except GoldFileError as exc:
        raise UserError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from .tables import print_evaluation

    print_evaluation(result)


@cli.command()
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite store (default: output/baodantoc.sqlite).")
@click.option("--refresh", is_flag=True, help="Re-extract every article, not only changed ones.")
@click.option("--id", "article_ids", multiple=True, help="Only these article ids (repeatable).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to extract with (the work is CPU-bound: at most your cores).")
def extract(store_path: Path | None, refresh: bool, article_ids: tuple[str, ...], workers: int) -> None:
    """Extract entities and facts from the articles in the store.

    Only articles whose text changed, or that an older extractor version processed, are redone;
    re-run it after upgrading baodantoc to bring old results up to date.

    Example: baodantoc extract --workers 2
    """
    from .config import default_store_path
    from .extracting import extract_store
    from .progress import progress_bar
    from .store import StoreError

    path = store_path or default_store_path()
    if not Path(path).exists():
        raise UserError(f"no store at {path}: run `baodantoc crawl` (or `baodantoc run --sample`) first")
    total: list[int] = []
    try:
        with progress_bar("extracting", unit="articles") as advance:
            report = extract_store(path, refresh=refresh, article_ids=list(article_ids) or None,
                                   workers=workers, on_progress=advance, on_total=total.append)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    click.echo(
        f"extracted {report.extracted} of {report.pending} pending articles"
        f" ({report.mentions} mentions, {report.facts} facts, {report.entities} entities in the store;"
        f" extractor {report.extractor_version})"
        + (f"; {report.failed} failed: " + ", ".join(f"{n} {k}" for k, n in report.errors.items())
           if report.failed else ""),
        err=True,
    )


@cli.command("sample-site")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--synthetic", type=click.IntRange(0, 1_000_000), default=0, show_default=True,
              help="Also serve this many generated articles (for scale runs).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated articles.")
def sample_site(port: int, synthetic: int, seed: int) -> None:
    """Serve the bundled sample site (all the paper's hosts on one local port) until Ctrl-C.

    Requests pick the host by their Host header (unknown: baodantoc.vn); pages link to the real
    https:// hostnames, as the live site does. URLs and markup: crawler/sample_site/README.md.

    Example: baodantoc sample-site --port 8000 --synthetic 1000
    """
    import threading

    from crawler.sample_site import ContentError, serve_sample_site

    try:
        with serve_sample_site(port=port, synthetic=synthetic, seed=seed) as site:
            click.echo(f"sample site at {site.origin} ({len(site.site.catalog.articles)} articles)")
            click.echo("hosts (send one as the Host header): " + ", ".join(site.hosts))
            click.echo(f"try: curl -H 'Host: baodantoc.vn' {site.origin}/chinh-sach.htm   (Ctrl-C stops)")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
    except ContentError as exc:
        raise UserError(f"sample site content is invalid: {exc}") from exc
    except OSError as exc:
        raise UserError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from exc


register_crawl_commands(cli)  # crawl, parse (cli_crawl.py)
register_output_commands(cli)  # export, search, serve (cli_outputs.py)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="baodantoc")


if __name__ == "__main__":
    main()
