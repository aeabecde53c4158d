"""Run every benchmark in turn (``make bench``); each prints its own comparison.

    python bench/run_all.py            # store benchmarks on 20,000 synthetic articles (~1 min to build)
    python bench/run_all.py --full     # on 100,000 articles, as issue 5's targets say (~6 min to build)

Benchmarks print ratios and medians against a baseline run in the same process; none passes or
fails. The synthetic store is built once per size in the temp folder and reused.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def run(script: str, *args: str) -> int:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    return subprocess.call([sys.executable, str(BENCH / script), *args])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="use a 100,000-article store (issue 5's targets)")
    args = ap.parse_args(argv)
    articles = 100_000 if args.full else 20_000
    store = Path(tempfile.gettempdir()) / f"baodantoc-bench-{articles}.sqlite"
    failures = 0
    failures += run("bench_entities.py") != 0
    failures += run("bench_facts.py") != 0
    failures += run("bench_parse.py") != 0
    failures += run("bench_crawl.py") != 0
    failures += run("bench_faults.py") != 0
    failures += run("bench_scale.py") != 0
    if not store.exists():
        failures += run("make_store.py", "--articles", str(articles), "--out", str(store)) != 0
    failures += run("bench_search.py", "--store", str(store)) != 0
    failures += run("bench_export.py", "--store", str(store)) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
