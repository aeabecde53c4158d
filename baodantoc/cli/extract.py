"""The extractor's commands — ``extract``, ``annotate``, ``evaluate`` — on the ``baodantoc`` group.

Thin wrappers around :mod:`baodantoc.jobs.extract`, :mod:`baodantoc.jobs.annotate` and
:mod:`baodantoc.jobs.evaluate`; expected failures end in one line and exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..config import CORPUS_SHARD_SIZE
from ..records import ENTITY_TYPES
from .errors import UserError
from .options import engine_choice, scheduler_option, store_option, workers_option


@click.command()
@click.argument("input", type=click.File("rb"), default="-")  # bytes: a bad line is skipped, not fatal
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", atomic=True), default=None,
              help="Output JSONL (default: stdout).")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Annotate a corpus (JSONL or Parquet) into Parquet shards of documents, mentions and facts "
                   "in this folder, instead of JSONL lines; a re-run resumes.")
@click.option("--id-column", default="id", show_default=True, help="With --shards: the column of document ids.")
@click.option("--text-column", default="text", show_default=True, help="With --shards: the column of texts.")
@click.option("--shard-size", type=click.IntRange(1), default=CORPUS_SHARD_SIZE, show_default=True,
              help="With --shards: input rows per shard.")
@workers_option
@scheduler_option
def annotate(input, output, shards_dir: Path | None, id_column: str, text_column: str, shard_size: int,
             workers: int, scheduler: str | None) -> None:
    """Annotate JSONL lines {"id", "text"} with entities and facts.

    Runs the same extractor as `extract` on arbitrary text; one output line per input line:
    {"id", "entities": [{"type","text","start","end",...}], "references": [...], "facts": [...]}.
    Lines that are not UTF-8 JSON objects with a "text" string are skipped and counted; the
    command exits 1 when no line could be annotated.

    With --shards DIR, a corpus of any size (JSONL or Parquet; --id-column and --text-column
    name its columns, the others are carried through) becomes Parquet shards in DIR (documents/,
    mentions/, facts/, typed like the exports), on --workers N processes or a Dask --scheduler.

    Example: baodantoc annotate ../shared/eval/bdt_dev.jsonl -o pred.jsonl
    """
    if shards_dir is not None:
        _annotate_corpus(input, output, shards_dir, id_column, text_column, shard_size, workers, scheduler)
        return
    given = [f"--{name.replace('_', '-')}" for name in ("id_column", "text_column", "shard_size", "workers", "scheduler")
             if click.get_current_context().get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE]
    if given:
        raise click.UsageError(f"{given[0]} applies to corpus runs: add --shards DIR (Parquet out)")
    if _starts_like_parquet(input):
        raise UserError(f"{input.name} is Parquet: annotate it into Parquet shards with --shards DIR")
    from ..jobs.annotate import annotate_stream
    from .console import progress_bar

    output = output or click.get_text_stream("stdout")
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


def _starts_like_parquet(stream) -> bool:
    """Does a binary input start with Parquet's magic bytes (read without consuming them)?"""
    peek = getattr(stream, "peek", None)
    return peek is not None and peek(4)[:4] == b"PAR1"


def _annotate_corpus(input, output, shards_dir: Path, id_column: str, text_column: str, shard_size: int,
                     workers: int, scheduler: str | None) -> None:
    """``annotate --shards``: a corpus file into Parquet shards (:mod:`baodantoc.jobs.corpus`)."""
    from ..jobs.corpus import AnnotateCorpusError, annotate_corpus
    from .console import progress_bar

    scheduler = engine_choice(workers, scheduler)
    if output is not None:
        raise click.UsageError("give -o (JSONL out) or --shards (Parquet out), not both")
    source = Path(input.name)
    input.close()
    if not source.is_file():
        raise UserError("--shards reads a file (it is read twice: to count and type its rows, then to annotate);"
                        " save the input to a file first")
    try:
        with progress_bar("annotating", unit="rows") as advance:
            report = annotate_corpus(source, shards_dir, id_column=id_column, text_column=text_column,
                                     shard_size=shard_size, workers=workers, scheduler=scheduler,
                                     on_total=advance.set_total, on_progress=advance)
    except AnnotateCorpusError as exc:
        raise UserError(str(exc)) from exc
    if report.written:
        msg = (f"annotated {report.documents:,} documents ({report.characters:,} characters) into {report.written}"
               f" shards in {shards_dir} ({report.mentions:,} mentions, {report.facts:,} facts; {report.engine})")
        if report.already:
            msg += f"; {report.already} of {report.shards} shards were already complete"
    else:
        msg = f"nothing to do: {report.already} of {report.shards} shards in {shards_dir} were already complete"
    if report.skipped:
        msg += "; skipped " + ", ".join(f"{n} {why}" for why, n in report.skipped.items())
    if report.failed:
        msg += f"; the extractor failed on {report.failed} documents (see their \"errors\")"
    click.echo(msg, err=True)


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
@scheduler_option
def extract(store_path: Path | None, refresh: bool, article_ids: tuple[str, ...], workers: int,
            scheduler: str | None) -> None:
    """Extract entities and facts from the articles in the store.

    Only articles whose text changed, or that an older extractor version processed, are redone;
    re-run it after upgrading baodantoc to bring old results up to date. An interrupted run
    resumes where it stopped. --workers N uses N processes here; --scheduler spreads the work over
    a Dask cluster (this process alone writes the store).

    Example: baodantoc extract --workers 2
    """
    from ..config import default_store_path
    from ..jobs.extract import ExtractError, extract_store
    from ..store import StoreError
    from .console import progress_bar

    scheduler = engine_choice(workers, scheduler)
    path = store_path or default_store_path()
    if not Path(path).exists():
        raise UserError(f"no store at {path}: run `baodantoc crawl` (or `baodantoc run --sample`) first")
    try:
        with progress_bar("extracting", unit="articles") as advance:
            report = extract_store(path, refresh=refresh, article_ids=list(article_ids) or None,
                                   workers=workers, scheduler=scheduler, on_progress=advance,
                                   on_total=advance.set_total)
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
