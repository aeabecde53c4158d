"""The ``baodantoc`` command line: one thin command per library function.

Each command parses its options, calls one function, and turns expected failures into a one-line
message and a non-zero exit (no traceback). Every command's help ends with an example.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from . import __version__


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="baodantoc")


if __name__ == "__main__":
    main()
