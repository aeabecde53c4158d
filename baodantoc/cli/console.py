"""Everything the command line draws for people: tables, reports, progress; all with rich.

One place for console rendering, so commands look alike and the library layers below never
print: they return records and take progress callbacks, and this module turns both into a
display (machines get JSON or CSV from the same records).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..records import ENTITY_TYPES

if TYPE_CHECKING:  # types only: a progress bar must not import Scrapy or the gazetteer
    from ..crawler.report import CrawlReport
    from ..search import Hit


# -- progress -----------------------------------------------------------------------------------


class Advance:
    """What :func:`progress_bar` yields: ``advance(n)`` moves the bar; ``advance.set_total(n)``
    gives a total learnt after the bar was opened (a job counts its work first), which brings
    "M of N" and the time remaining."""

    def __init__(self, progress: Progress | None = None, task: Any = None) -> None:
        self.progress, self.task = progress, task

    def __call__(self, n: float = 1) -> None:
        if self.progress is not None:
            self.progress.advance(self.task, n)

    def set_total(self, total: float | None) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=total)


@contextmanager
def progress_bar(description: str, total: float | None = None, unit: str = "",
                 enabled: bool = True) -> Iterator[Advance]:
    """Yield an :class:`Advance`; shows a bar on an interactive stderr, does nothing otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield Advance()
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn()]
    if unit:
        columns.append(TextColumn(unit))
    columns.append(TimeRemainingColumn())
    with Progress(*columns, transient=True) as progress:
        yield Advance(progress, progress.add_task(description, total=total))


class StatusLine:
    """A spinner with a changing status text (the crawl's): call it with the text, None to end.

    Shown on stderr only when it is a terminal, so a crawl in CI or piped to a file stays quiet.
    """

    def __init__(self, label: str, console: Console | None = None) -> None:
        self.label = label
        self.console = console or Console(stderr=True)
        self.progress: Progress | None = None
        self.task_id: Any = None

    @classmethod
    def if_terminal(cls, label: str) -> StatusLine | None:
        """A status line when stderr is a terminal, else None (no display)."""
        return cls(label) if sys.stderr.isatty() else None

    def __call__(self, text: str | None) -> None:
        if text is None:
            if self.progress is not None:
                self.progress.stop()
                self.progress = None
            return
        if self.progress is None:
            self.progress = Progress(SpinnerColumn(), TextColumn(f"[bold]{self.label}[/] {{task.description}}"),
                                     TimeElapsedColumn(), console=self.console, transient=True)
            self.progress.start()
            self.task_id = self.progress.add_task(text, total=None)
        self.progress.update(self.task_id, description=text)


# -- crawl report --------------------------------------------------------------------------------


def _counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return f"{total:,}" + (": " + " · ".join(f"{k} {n:,}" for k, n in counts.items()) if counts else "")


def _seconds(report: CrawlReport) -> str:
    return f" in {report.elapsed_s:.1f} s" if report.elapsed_s else ""


def print_report(report: CrawlReport, console: Console | None = None) -> None:
    """Summary lines (articles, skips by reason, errors by kind, cross-posts), then the checks."""
    console = console or Console(stderr=True)
    a = report.articles
    console.print(f"[bold]crawl {report.run_id or ''}[/] {report.finish_reason or ''}{_seconds(report)}: "
                  f"{report.pages_fetched:,} pages fetched", highlight=False)
    console.print(f"  articles    {a.get('new', 0):,} new · {a.get('updated', 0):,} updated · "
                  f"{a.get('unchanged', 0):,} unchanged", highlight=False)
    console.print(f"  skipped     {_counts(report.skipped)}", highlight=False)
    console.print(f"  errors      {_counts(report.errors)}", highlight=False)
    console.print(f"  cross-posts {_counts(report.crossposts)}", highlight=False)
    if report.repaired:
        console.print(f"  repaired    {_counts(report.repaired)}", highlight=False)
    console.print(f"  store       {report.store} (run {report.run_id}; report in crawl_runs)", highlight=False)
    if report.job:
        console.print(f"  job         {report.job['dir']}: run {report.job['run']}, {report.job['mode']} "
                      f"({report.job['why']})", highlight=False)
    checks = Table(title="coverage and checks", title_justify="left")
    checks.add_column("check")
    checks.add_column("value", justify="right")
    checks.add_column("threshold", justify="right")
    checks.add_column("result")
    for check in report.checks:
        unit = "%" if check["name"].startswith(("coverage:", "drift:")) else ""
        result = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]not run (no articles)[/]"}[check["passed"]]
        checks.add_row(check["name"], f"{check['value']}{unit}", f"{check.get('op', '≥')} {check['threshold']}{unit}",
                       result)
    console.print(checks)
    print_hosts(report, console)


def _layers(counts: dict[str, int]) -> str:
    return " · ".join(f"{layer} {n:,}" for layer, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def print_hosts(report: CrawlReport, console: Console) -> None:
    """One line per host: which layouts read its article pages; on a drift alarm, each field's layers,
    the alarms in words with sample URLs, and what to do next."""
    if report.hosts:
        console.print("  layouts     " + " | ".join(
            f"{host} {_layers(entry.get('layouts', {}))}" for host, entry in sorted(report.hosts.items())),
            highlight=False)
    if not report.drift:
        return
    console.print("[bold red]drift alarm[/]: how each host's article pages were read, field by field", highlight=False)
    for host in sorted({a["host"] for a in report.drift}):
        entry = report.hosts.get(host, {})
        console.print(f"  {host}: {entry.get('pages', 0):,} article pages · layouts {_layers(entry.get('layouts', {}))}",
                      highlight=False)
        for name, layers in sorted(entry.get("fields", {}).items()):
            console.print(f"    {name:<13} {_layers(layers)}", highlight=False, markup=False)
    for alarm in report.drift:
        console.print(f"[bold red]DRIFT[/] {alarm['message']}", highlight=False, soft_wrap=True)
        for url in alarm["samples"]:
            console.print(f"    e.g. {url}", highlight=False, markup=False, soft_wrap=True)
    hosts = ", ".join(sorted({a["host"] for a in report.drift}))
    console.print(f"[yellow]{hosts}: pages are being read without their layout. Run `baodantoc parse PAGE --url URL "
                  "--explain` on a sample page, then follow docs/CRAWLING.md, \"When the site changes its "
                  "layout\".[/]", highlight=False)


# -- parse --explain ------------------------------------------------------------------------------

#: Characters of a value shown per line by ``parse --explain`` (bodies are long).
EXPLAIN_WIDTH = 90


def _short(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "(nothing)"
    if isinstance(value, list):
        value = " | ".join(v if isinstance(v, str) else " / ".join(str(x) for x in v if x) if isinstance(v, tuple)
                           else str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= EXPLAIN_WIDTH else text[: EXPLAIN_WIDTH - 1] + "…"


def print_explanation(record: Any, candidates: list[Any], console: Console | None = None) -> None:
    """``parse --explain``: per field, the layer and source that answered, then the candidates that lost.

    ``candidates`` are the layout recorder's (``baodantoc.crawler.layouts.trace.Candidate``); a
    field no layer answered says so, so a missing value is as visible as a fallback.
    """
    console = console or Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]layout[/] {record.layout} · article_id {record.article_id} · {record.url}")
    fields: dict[str, list[Any]] = {}
    for candidate in candidates:
        fields.setdefault(candidate.field, []).append(candidate)
    for name, found in fields.items():
        winner = next((c for c in found if c.won), None)
        head = (f"[bold]{name}[/] ← [cyan]{winner.layer}[/] ({winner.source}): {_short(winner.value)}"
                if winner else f"[bold]{name}[/] ← [red]no layer answered[/]")
        console.print(head, markup=True)
        for c in found:
            if c is winner:
                continue
            mark = "lost" if c.value not in (None, "", [], {}) else "empty"
            console.print(f"    {mark:5} {c.layer} ({c.source}): {_short(c.value)}", markup=False)


# -- extraction scores and the run summary -------------------------------------------------------


def print_evaluation(result: dict[str, Any], console: Console | None = None) -> None:
    """Scores of each system side by side: P/R/F1 per row key."""
    console = console or Console(width=None if Console().is_terminal else 140)
    systems = list(result["systems"])
    table = Table(title=f"{result['gold']} — {result['documents']} documents", show_lines=False)
    table.add_column("score")
    for name in systems:
        table.add_column(f"{name} P / R / F1", justify="right", no_wrap=True)
        table.add_column("tp/fp/fn", justify="right", style="dim", no_wrap=True)
    keys: list[str] = []
    for name in systems:
        keys += [k for k in result["systems"][name]["scores"] if k not in keys]
    for key in keys:
        row = [key]
        for name in systems:
            s = result["systems"][name]["scores"].get(key)
            if s is None:
                row += ["-", ""]
            else:
                row += [f"{s['p']:.3f} / {s['r']:.3f} / [bold]{s['f1']:.3f}[/]", f"{s['tp']}/{s['fp']}/{s['fn']}"]
        table.add_row(*row)
    console.print(table)
    speed = ", ".join(f"{n} {result['systems'][n]['chars_per_second']:,} chars/s" for n in systems)
    console.print(f"speed: {speed}")
    for name in systems:
        context = result["systems"][name].get("context")
        if context:
            parts = [f"{k} {v['accuracy']:.3f} ({v['right']}/{v['total']})" for k, v in context.items()]
            console.print(f"fact context ({name}, matched facts): " + ", ".join(parts))
    for err in result.get("errors", []):
        console.print("\t".join(str(x) for x in err), markup=False, highlight=False)


def print_run_summary(summary: Any, console: Console | None = None) -> None:
    """The closing lines of ``baodantoc run``: what extraction and export did, what is in the store."""
    console = console or Console()
    ext, exp = summary.extract, summary.export
    console.print(f"extract     {ext.extracted} articles ({ext.mentions:,} mentions, {ext.facts:,} facts;"
                  f" extractor {ext.extractor_version})" + (f", {ext.failed} failed" if ext.failed else ""))
    console.print(f"export      {len(exp.files)} files in {summary.output / 'export'}")
    t = summary.totals
    console.print(f"store       {t['articles']:,} articles · {t['mentions']:,} mentions · {t['entities']:,} entities"
                  f" · {t['facts']:,} facts")
    table = Table(title="most mentioned (articles)", show_header=True)
    for typ in ENTITY_TYPES:
        table.add_column(typ)
    rows = max((len(v) for v in summary.top.values()), default=0)
    for i in range(rows):
        table.add_row(*[f"{v[i][0]} ({v[i][1]})" if i < len(v) else "" for v in (summary.top.get(x, []) for x in ENTITY_TYPES)])
    console.print(table)
    console.print(f"next: baodantoc search \"hộ nghèo\" --kind percent · baodantoc serve · notebooks/ "
                  f"(data in {summary.output})")


# -- search results ------------------------------------------------------------------------------


def _highlighted(hit: Hit) -> Text:
    text = Text(hit.sentence)
    for start, end in hit.spans:
        text.stylize("bold yellow", start, end)
    return text


def _number(fact: dict[str, Any], with_subject: bool) -> str:
    label = ("~" if fact.get("approx") else "") + (fact.get("text") or "")
    if with_subject and fact.get("subject"):
        label += f" ({fact['subject']})"
    if with_subject:
        context = _where_when(fact)
        if context:
            label += f"\n  {context}"
    return label


def _where_when(fact: dict[str, Any]) -> str:
    """ "Sì Thâu Chải, Lai Châu · 2023", "cả nước · ../now", "Lai Châu · 2024-05-10 (article date)"."""
    if fact.get("scope") == "national":
        where = "cả nước"
    else:
        names = [n for n in (fact.get("place_name"), fact.get("province")) if n]
        where = ", ".join(dict.fromkeys(names))
    when = fact.get("period") or ""
    if when and fact.get("period_source") == "article_date":
        when += " (article date)"
    return " · ".join(x for x in (where, when) if x)


#: Width of the search table written to a pipe or a file (no terminal to size it; $COLUMNS wins):
#: wide enough that a 13-digit-id URL (~110 characters) stays on one line beside a readable sentence.
FILE_WIDTH = 220


def search_console(file: IO[str] | None = None) -> Console:
    """The console the search table is drawn on: the terminal as it is, or, for a pipe or a file,
    :data:`FILE_WIDTH` columns (or $COLUMNS) without colour codes, so URLs are not cut into lines."""
    if file is None and sys.stdout.isatty():
        return Console()
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else FILE_WIDTH
    return Console(file=file or sys.stdout, width=width, no_color=True, highlight=False, force_terminal=False,
                   legacy_windows=False)


def print_search_table(hits: list[Hit], console: Console | None = None, facts_mode: bool = False) -> None:
    """The human view: one row per hit. On a terminal URLs fold (and are links); elsewhere they stay
    whole on one line, as a program that reads the lines back needs them."""
    console = console or Console()
    table = Table(show_lines=True, expand=True)
    table.add_column("Date", no_wrap=True, width=10)
    table.add_column("Sentence", ratio=5)
    table.add_column("Number", ratio=2)
    table.add_column("Title", ratio=3)
    if console.is_terminal:
        table.add_column("URL", ratio=3, overflow="fold")  # folded, never cut: and a terminal link besides
    else:
        longest = max((len(h.url or "") for h in hits), default=3)
        table.add_column("URL", no_wrap=True, overflow="fold", min_width=min(longest, console.width // 2))
    for hit in hits:
        numbers = "\n".join(_number(f, facts_mode) for f in hit.facts)
        url = Text(hit.url or "", style=f"link {hit.url}" if hit.url else "")
        table.add_row((hit.published_at or "")[:10], _highlighted(hit), numbers, hit.title or "", url)
    console.print(table)
