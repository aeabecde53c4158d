"""The output commands — ``export``, ``search``, ``serve`` — registered on the ``baodantoc`` group.

Each command is a thin wrapper around one library function. Expected failures end in one line: a store problem exits 1,
an absurd query or filter exits 2 (the usage-error status), never with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import UserError
from .options import store_option


class BadQuery(click.ClickException):
    """A search or filter that cannot mean anything: one line, exit 2."""

    exit_code = 2


@click.command()
@store_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write to (default: output/export).")
@click.option("--format", "fmt", default="parquet,csv", show_default=True, metavar="FORMATS",
              help="Comma-separated: parquet, csv, xlsx (one workbook, a sheet per table), jsonl; or all.")
@click.option("--tables", multiple=True, metavar="NAMES",
              help="Tables to export, comma-separated or repeated: articles, mentions, entities, facts (default: all).")
def export(store_path: Path | None, output: Path | None, fmt: str, tables: tuple[str, ...]) -> None:
    """Export articles, mentions, entities and facts as Parquet, CSV, XLSX or JSON Lines.

    Parquet has typed columns (timestamps in +07:00, list columns); CSV is UTF-8 with a BOM so
    Excel shows Vietnamese correctly, with datapackage.json beside it (types, keys) for typed
    loading; the XLSX workbook keeps ids as text and dates as dates. DATA_DICTIONARY.md in the
    folder describes every column and gives the pandas line that reads each CSV typed. The folder
    is replaced whole (a killed export leaves the previous set); the same store gives the same bytes.

    Example: baodantoc export --format parquet --tables facts,entities
    """
    from ..config import default_export_dir, default_store_path
    from ..export import ExportError, export_store
    from .console import progress_bar

    names = [t.strip() for group in tables for t in group.split(",") if t.strip()]
    from ..export import FORMATS

    formats = [f.strip().lower() for f in fmt.split(",") if f.strip()]
    formats = list(FORMATS) if formats == ["all"] else ["parquet", "csv"] if formats == ["both"] else formats
    out_dir = output or default_export_dir()
    try:
        report = export_store(store_path or default_store_path(), out_dir, formats, names or None,
                              progress=progress_bar)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    counts = ", ".join(f"{n:,} {t}" for t, n in report.rows.items())
    click.echo(f"exported {counts} to {out_dir} ({' + '.join(formats)})", err=True)
    if report.bad_values:
        click.echo("exported empty (unreadable in the store): "
                   + ", ".join(f"{n} {what}" for what, n in report.bad_values.items()), err=True)
    if not any(report.rows.values()):
        click.echo("the store is empty: run `baodantoc crawl` and `baodantoc extract` (or `baodantoc run --sample`)",
                   err=True)


@click.command()
@click.argument("query", nargs=-1)
@store_option
@click.option("--person", metavar="NAME", help="Articles that mention this person (words in order: \"Lềnh\" works).")
@click.option("--org", metavar="NAME", help="Articles that mention this agency or organization.")
@click.option("--ethnic", metavar="NAME", help="Articles that mention this ethnic group.")
@click.option("--place", metavar="NAME", help="Place or province; a post-2025 province includes the old ones merged "
                                              "into it (facts: the fact's place; sentences: the article's places).")
@click.option("--strict-place", is_flag=True, help="--place with its pre-2025 borders only.")
@click.option("--same-sentence", is_flag=True, help="Entity and place filters must hold in the matched sentence.")
@click.option("--kind", help="Fact kind: count, percent, money, measure, rank, duration, ratio.")
@click.option("--unit", help="Fact unit as normalized (%, đồng, ha, hộ, người, ...).")
@click.option("--min", "min_value", metavar="NUMBER", help="Smallest fact value (\"3.5e9\", \"51,4\").")
@click.option("--max", "max_value", metavar="NUMBER", help="Largest fact value.")
@click.option("--since", metavar="DATE", help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--section", help="Section slug or name (\"kinh-te\" or \"Kinh tế\").")
@click.option("--facts", "facts_only", is_flag=True, help="One row per number (implied by --kind/--unit/--min/--max).")
@click.option("--sort", default="date", help="date (newest first, default) or relevance (best of the newest 2,000).")
@click.option("--fts", "raw_fts", is_flag=True, help="Advanced: QUERY is an FTS5 expression (\"ho ngheo\" OR NEAR(...)).")
@click.option("--limit", default="20", metavar="N", help="Most results to show (default 20).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV, one row per (sentence, number).")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the results to FILE instead; the format is its extension: .csv, .json, .jsonl, .txt.")
def search(query: tuple[str, ...], store_path: Path | None, person: str | None, org: str | None,
           ethnic: str | None, place: str | None, strict_place: bool, same_sentence: bool, kind: str | None,
           unit: str | None, min_value: str | None, max_value: str | None, since: str | None, until: str | None,
           section: str | None, facts_only: bool, sort: str, raw_fts: bool, limit: str, as_json: bool,
           as_csv: bool, out_file: Path | None) -> None:
    """Search sentences and numeric facts; diacritics do not matter ("lao cai" = "Lào Cai").

    QUERY words must all occur in the sentence; quotes, *, NEAR and parentheses are plain text
    unless --fts. A fact filter (--kind, --unit, --min, --max) returns one row per number.

    Example: baodantoc search ty le ho ngheo --place "Lào Cai" --kind percent --since 2022 -o facts.csv
    """
    from ..config import default_store_path
    from ..search import QueryError, SearchStoreError, build_query, count_matches, open_store
    from ..search import search as run_search

    fmt = _search_format(as_json, as_csv, out_file)
    try:
        n = int(limit)
    except ValueError:
        raise BadQuery(f"--limit {limit!r} is not a whole number") from None
    try:
        q = build_query(" ".join(query), fts=raw_fts, person=person, org=org, ethnic=ethnic, place=place,
                        strict_place=strict_place, same_sentence=same_sentence, kind=kind, unit=unit,
                        min_value=min_value, max_value=max_value, since=since, until=until, section=section,
                        facts_only=facts_only, sort=sort, limit=n)
        db = open_store(store_path or default_store_path())
        try:
            hits, notes = run_search(db, q)
            total = count_matches(db, q) if len(hits) >= q.limit else (len(hits), True)
        finally:
            db.close()
    except QueryError as exc:
        raise BadQuery(str(exc)) from None
    except SearchStoreError as exc:
        raise UserError(str(exc)) from None
    for note in notes:
        click.echo(note, err=True)
    _write_hits(hits, fmt, out_file, facts_mode=q.fact_mode)
    if not hits and not notes:
        click.echo("no results", err=True)
    elif len(hits) < total[0] or not total[1]:
        of = f"{total[0]:,}" if total[1] else f"more than {total[0]:,}"
        click.echo(f"showing {len(hits):,} of {of} (use --limit)", err=True)
    if out_file is not None:
        click.echo(f"wrote {len(hits):,} results to {out_file}", err=True)


#: ``search -o FILE``: the format of each extension.
SEARCH_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".txt": "table"}


def _search_format(as_json: bool, as_csv: bool, out_file: Path | None) -> str:
    """The output format: from --json/--csv, or from the extension of -o FILE; they must agree."""
    if as_json and as_csv:
        raise BadQuery("choose one of --json and --csv")
    flag = "json" if as_json else "csv" if as_csv else None
    if out_file is None:
        return flag or "table"
    fmt = SEARCH_FORMATS.get(out_file.suffix.lower())
    if fmt is None:
        raise BadQuery(f"-o {out_file}: unknown extension {out_file.suffix or '(none)'!r}; "
                       f"use one of {', '.join(SEARCH_FORMATS)}")
    if flag and flag != fmt:
        raise BadQuery(f"-o {out_file} writes {fmt}, not --{flag}: drop the flag or change the extension")
    return fmt


def _write_hits(hits: list, fmt: str, out_file: Path | None, facts_mode: bool) -> None:
    from ..search import write_csv, write_json, write_jsonl
    from .console import print_search_table, search_console

    writers = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}
    if out_file is None:
        if fmt in writers:
            writers[fmt](hits, sys.stdout)
        elif hits:
            print_search_table(hits, search_console(), facts_mode=facts_mode)
        return
    # written whole to a temporary file, then renamed: a failed write leaves no half file
    tmp = out_file.with_name(f".{out_file.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            if fmt in writers:
                writers[fmt](hits, f)
            else:
                print_search_table(hits, search_console(f), facts_mode=facts_mode)
        tmp.replace(out_file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {out_file}: {exc.strerror or exc}") from None


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the store to your network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True)
def serve(store_path: Path | None, host: str, port: int) -> None:
    """Serve the fact finder and the store's tables in Datasette (read-only) until Ctrl-C.

    The home page finds facts (a search box with province, kind, year, section and ethnic-group
    filters; CSV and Excel downloads); /bai/<id> shows an article with its entities and facts
    marked; the tables are described, link by their foreign keys and download as .xlsx; canned
    queries answer "facts about a place", "people and their roles" and more.

    Example: baodantoc serve --port 8001   (then open http://127.0.0.1:8001/)
    """
    import socket

    from ..config import default_store_path
    from ..web import ServeError
    from ..web import serve as run_serve

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        run_serve(store_path or default_store_path(), host, port)
    except ServeError as exc:
        raise UserError(str(exc)) from None


def register(group: click.Group) -> None:
    """Add the output commands to the ``baodantoc`` command group."""
    for command in (export, search, serve):
        group.add_command(command)
