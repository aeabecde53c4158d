"""Options and helpers several commands share (as spaCy's ``cli/_util.py``): one definition each."""

from __future__ import annotations

from pathlib import Path

import click

#: ``--store PATH`` of the commands that read or write the store.
store_option = click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            help="SQLite store (default: output/baodantoc.sqlite).")
#: ``-o/--output DIR`` of the commands that crawl into an output folder.
output_dir_option = click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
                                 help="Output folder holding the store (default: output/).")
#: The crawl's filters, shared by ``crawl`` and ``run``.
since_option = click.option("--since", metavar="DATE", help="Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
until_option = click.option("--until", metavar="DATE", help="Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD; the whole period).")
section_option = click.option("--section", metavar="PATH",
                              help='Only this section and its sub-sections ("van-hoa", "chinh-sach/giam-ngheo").')
limit_option = click.option("--limit", type=click.IntRange(1), metavar="N", help="Stop after storing N articles.")
refresh_option = click.option("--refresh", is_flag=True,
                              help="Fetch articles already in the store again (else they are skipped).")
workers_option = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                              help="Processes to extract with (the work is CPU-bound: at most your cores).")
#: ``--scheduler ADDRESS`` of the commands that can run the extractor on a Dask cluster.
scheduler_option = click.option(
    "--scheduler", metavar="ADDRESS", envvar="DASK_SCHEDULER_ADDRESS", show_envvar=True,
    help="Run on a Dask cluster: tcp://HOST:8786 (a running `dask scheduler`, workers started with "
         "--nthreads 1) or local:N (N worker processes on this machine). See docs/SCALING.md.")


def engine_choice(workers: int, scheduler: str | None) -> str | None:
    """The scheduler to use, after checking that ``--workers`` and ``--scheduler`` do not both ask
    for the processes (a cluster's size is its workers')."""
    if not scheduler:
        return None
    if workers > 1:
        source = click.get_current_context().get_parameter_source("scheduler")
        origin = " (from DASK_SCHEDULER_ADDRESS)" if source == click.core.ParameterSource.ENVIRONMENT else ""
        raise click.UsageError(f"--workers {workers} and --scheduler {scheduler}{origin} exclude each other: "
                               "give one (a cluster's size is set by its workers)")
    return scheduler


def verbosity() -> int:
    """How many -v the user gave to the ``baodantoc`` group."""
    return click.get_current_context().find_root().params.get("verbose") or 0


def crawl_log_level(quiet: str = "WARNING") -> str:
    """The crawl's own log level: ``quiet`` by default, INFO with -v, DEBUG with -vv."""
    verbose = verbosity()
    return quiet if verbose == 0 else "INFO" if verbose == 1 else "DEBUG"
