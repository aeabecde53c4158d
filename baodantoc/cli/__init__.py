"""The ``baodantoc`` command line: one thin command per library function.

Each command parses its options (shared ones in ``options``), calls one function, renders its
result (``console``) and turns expected failures into a one-line message and a non-zero exit (no
traceback). Every command's help ends with an example.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ..config import VERSION
from ..store import DatabaseError, StoreError
from ..store.db import describe_error
from .crawl import register as register_crawl_commands
from .errors import UserError
from .extract import register as register_extract_commands
from .outputs import register as register_output_commands
from .run import register as register_run_commands


class Commands(click.Group):
    """The command group; a store failure no command foresaw (a damaged page met halfway through
    a search or an extract) still ends in one line that says what to do, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["baodantoc.argv"] = list(args)  # to name the store in a message, if it fails
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        except DatabaseError as exc:
            raise UserError(describe_error(_store_argument(ctx.meta.get("baodantoc.argv", [])), exc)) from None


def _store_argument(args: list[str]) -> str:
    """The store a command line names (--store; the output folder of crawl and run), else the default."""
    from ..config import default_store_path

    command = next((a for a in args if not a.startswith("-")), "")
    flags = ("--store", "-o", "--output") if command in ("crawl", "run") else ("--store",)
    for flag in flags:
        if flag in args[:-1]:
            value = args[args.index(flag) + 1]
            return value if flag == "--store" else str(default_store_path(Path(value)))
    return str(default_store_path())


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="baodantoc")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Crawl Báo Dân tộc và Phát triển and extract people, agencies, places, ethnic groups and facts.

    Example: baodantoc run --sample
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command("sample-site")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--synthetic", type=click.IntRange(0, 1_000_000), default=0, show_default=True,
              help="Also serve this many generated articles (for scale runs).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated articles.")
@click.option("--drifted", is_flag=True, help="Serve some sections in a redesigned markup no layout knows.")
def sample_site(port: int, synthetic: int, seed: int, drifted: bool) -> None:
    """Serve the bundled sample site (all the paper's hosts on one local port) until Ctrl-C.

    Requests pick the host by their Host header (unknown: baodantoc.vn); pages link to the real
    https:// hostnames, as the live site does. URLs and markup: crawler/sample_site/README.md.

    Example: baodantoc sample-site --port 8000 --synthetic 1000
    """
    import threading

    from ..crawler.sample_site import ContentError, serve_sample_site

    try:
        with serve_sample_site(port=port, synthetic=synthetic, seed=seed, drifted=drifted) as site:
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


register_run_commands(cli)  # run (run.py)
register_crawl_commands(cli)  # crawl, parse (crawl.py)
register_extract_commands(cli)  # extract, annotate, evaluate (extract.py)
register_output_commands(cli)  # export, search, serve (outputs.py)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="baodantoc")


if __name__ == "__main__":
    main()
