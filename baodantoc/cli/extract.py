"""The extractor's commands — ``extract``, ``annotate``, ``evaluate`` — on the ``baodantoc`` group.

Thin wrappers around :mod:`baodantoc.jobs.extract`, :mod:`baodantoc.jobs.annotate` and
:mod:`baodantoc.jobs.evaluate`; expected failures end in one line and exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..records import ENTITY_TYPES
from .errors import UserError
from .options import store_option, workers_option


@click.command()
@click.argument("input", type=click.File("rb"), default="-")  # bytes: a bad line is skipped, not fatal
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", atomic=True), default="-",
              help="Output JSONL (default: stdout).")
def annotate(input, output) -> None:
    """Annotate JSONL lines {"id", "text"} with entities and facts.

    Runs the same extractor as `extract` on arbitrary text; one output line per input line:
    {"id", "entities": [{"type","text","start","end",...}], "references": [...], "facts": [...]}.
    Lines that are not UTF-8 JSON objects with a "text" string are skipped and counted; the
    command exits 1 when no line could be annotated.

    Example: baodantoc annotate ../shared/eval/bdt_dev.jsonl -o pred.jsonl
    """
    from ..jobs.annotate import annotate_stream
    from .console import progress_bar

    total = None
    if input is not sys.stdin and hasattr(input, "name"):
        try:  # lines to do, counted once up front (cheap next to annotating them)
            with open(input.name, "rb") as fh:
                total = sum(1 for line in fh if line.strip())
        except OSError:
            total = None
    with progress_bar("annotating", total=total, unit="lines", enabled=not output.isatty()) as advance:
        report = annotate_stream(input, output, on_progress=advance)
    skipped = sum(report.skipped.values())
    msg = f"annotated {report.written} of {report.read} lines ({report.characters:,} characters)"
    if skipped:
        msg += "; skipped " + ", ".join(f"{n} {why}" for why, n in report.skipped.items())
    if report.component_errors:
        msg += f"; {report.component_errors} lines had a component error (see their \"errors\")"
    click.echo(msg, err=True)
    if not report.written:  # nothing usable came in: a pipeline must not take that for success
        raise UserError("no input line could be read: expected JSON lines like {\"id\": 1, \"text\": \"...\"}"
                        if report.read else "no input lines: expected JSON lines like {\"id\": 1, \"text\": \"...\"}")


@click.command()
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
    from ..jobs.evaluate import GoldFileError
    from ..jobs.evaluate import evaluate as run_evaluation
    from .console import print_evaluation, progress_bar

    type_tuple = tuple(t.strip().upper() for t in types.split(",") if t.strip())
    bad = [t for t in type_tuple if t not in ENTITY_TYPES]
    if bad:
        raise UserError(f"unknown entity type(s) {', '.join(bad)}: use {', '.join(ENTITY_TYPES)}")
    try:
        with progress_bar("evaluating", unit="docs") as advance:
            result = run_evaluation(gold, type_tuple, baseline=not no_baseline, keep_errors=show_errors,
                                    on_progress=advance)
    except GoldFileError as exc:
        raise UserError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print_evaluation(result)


@click.command()
@store_option
@click.option("--refresh", is_flag=True, help="Re-extract every article, not only changed ones.")
@click.option("--id", "article_ids", multiple=True, help="Only these article ids (repeatable).")
@workers_option
def extract(store_path: Path | None, refresh: bool, article_ids: tuple[str, ...], workers: int) -> None:
    """Extract entities and facts from the articles in the store.

    Only articles whose text changed, or that an older extractor version processed, are redone;
    re-run it after upgrading baodantoc to bring old results up to date.

    Example: baodantoc extract --workers 2
    """
    from ..config import default_store_path
    from ..jobs.extract import ExtractError, extract_store
    from ..store import StoreError
    from .console import progress_bar

    path = store_path or default_store_path()
    if not Path(path).exists():
        raise UserError(f"no store at {path}: run `baodantoc crawl` (or `baodantoc run --sample`) first")
    total: list[int] = []
    try:
        with progress_bar("extracting", unit="articles") as advance:
            report = extract_store(path, refresh=refresh, article_ids=list(article_ids) or None,
                                   workers=workers, on_progress=advance, on_total=total.append)
    except (StoreError, ExtractError) as exc:
        raise UserError(str(exc)) from exc
    click.echo(
        f"extracted {report.extracted} of {report.pending} pending articles"
        f" ({report.mentions} mentions, {report.facts} facts, {report.entities} entities in the store;"
        f" extractor {report.extractor_version})"
        + (f"; {report.failed} failed: " + ", ".join(f"{n} {k}" for k, n in report.errors.items())
           if report.failed else ""),
        err=True,
    )


def register(group: click.Group) -> None:
    """Add ``extract``, ``annotate`` and ``evaluate`` to the command group."""
    group.add_command(extract)
    group.add_command(annotate)
    group.add_command(evaluate)
