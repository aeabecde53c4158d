"""The ``baodantoc`` command line: one thin command per library function.

Each command parses its options, calls one function, and turns expected failures into a one-line
message and a non-zero exit (no traceback). Every command's help ends with an example.
"""

from __future__ import annotations

import logging
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="baodantoc")


if __name__ == "__main__":
    main()
