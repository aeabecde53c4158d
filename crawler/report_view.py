"""The crawl report as rich tables, for people (machines read the JSON in ``crawl_runs.report``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .report import CrawlReport


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
    console.print(f"  store       {report.store} (run {report.run_id}; report in crawl_runs)", highlight=False)
    checks = Table(title="coverage and checks", title_justify="left")
    checks.add_column("check")
    checks.add_column("value", justify="right")
    checks.add_column("threshold", justify="right")
    checks.add_column("result")
    for check in report.checks:
        unit = "%" if check["name"].startswith("coverage:") else ""
        result = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]not run (no articles)[/]"}[check["passed"]]
        checks.add_row(check["name"], f"{check['value']}{unit}", f"≥ {check['threshold']}{unit}", result)
    console.print(checks)
    degraded = {f: n for f, layers in report.layers.items() for layer, n in layers.items() if layer == "generic"}
    if degraded:
        console.print("[yellow]fields read by the generic fallback (has the site's layout changed?):[/] "
                      + ", ".join(f"{f} {n}" for f, n in sorted(degraded.items())))
