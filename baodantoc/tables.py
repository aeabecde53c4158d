"""Human-readable tables (rich) for command output; machines get JSON from the same data."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


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
    for typ in ("PER", "ORG", "LOC", "ETH"):
        table.add_column(typ)
    rows = max((len(v) for v in summary.top.values()), default=0)
    for i in range(rows):
        table.add_row(*[f"{v[i][0]} ({v[i][1]})" if i < len(v) else "" for v in (summary.top.get(x, []) for x in
                                                                               ("PER", "ORG", "LOC", "ETH"))])
    console.print(table)
    console.print(f"next: baodantoc search \"hộ nghèo\" --kind percent · baodantoc serve · notebooks/ "
                  f"(data in {summary.output})")
