"""Export of a large store: all records in < 60 s with peak memory < 2 GiB, streamed in chunks.

    python bench/make_store.py --articles 100000 --out /tmp/bdt100k.sqlite   # once, ~3 min
    python bench/bench_export.py --store /tmp/bdt100k.sqlite

Each run happens in a child process, which reports its own peak resident memory (``ru_maxrss``),
so the figure is the export's alone. We run ``baodantoc export`` (Parquet + CSV, every table) and, as a baseline in
the same run, the obvious alternative: each table read whole with pandas and written with
``DataFrame.to_parquet`` (Parquet only, so it does less work). Printed: seconds, rows/s, peak
RSS, file sizes, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OURS = """
import sys
from pathlib import Path
from baodantoc.export.writer import export_store
report = export_store(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
print(sum(report.rows.values()))
"""

NAIVE = """
import sqlite3, sys
from pathlib import Path
import pandas as pd
db = sqlite3.connect(sys.argv[1])
rows = 0
for table in ("articles", "mentions", "entities", "facts"):
    frame = pd.read_sql_query(f"SELECT * FROM {table}", db)
    frame.to_parquet(Path(sys.argv[2]) / f"{table}.parquet")
    rows += len(frame)
    del frame
print(rows)
"""

#: Appended to each child: its own peak resident set (KiB on Linux), the last line it prints.
PEAK = """
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_child(code: str, store: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, rows) of ``code`` run in a fresh Python process."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code + PEAK, str(store), str(out)], check=True,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    rows, peak_kib = done.stdout.strip().splitlines()[-2:]
    return seconds, int(peak_kib) / 1024, int(rows)


def size(folder: Path, suffix: str) -> float:
    return sum(p.stat().st_size for p in folder.glob(f"*{suffix}")) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="store to export (bench/make_store.py)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the pandas baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bdt-export-") as tmp:
        ours_dir, naive_dir = Path(tmp) / "ours", Path(tmp) / "naive"
        seconds, peak, rows = run_child(OURS, args.store, ours_dir)
        manifest = json.loads((ours_dir / "manifest.json").read_text(encoding="utf-8"))
        print(f"store: {args.store} ({args.store.stat().st_size / 2**20:,.0f} MiB); rows: "
              + ", ".join(f"{t} {v['rows']:,}" for t, v in manifest["tables"].items()))
        print(f"baodantoc export (Parquet + CSV): {seconds:.1f} s, {rows / seconds:,.0f} rows/s, peak RSS {peak:,.0f} MiB "
              f"(targets < 60 s: {'met' if seconds < 60 else 'NOT met'}; < 2048 MiB: {'met' if peak < 2048 else 'NOT met'})")
        print(f"  files: Parquet {size(ours_dir, '.parquet'):,.0f} MiB, CSV {size(ours_dir, '.csv'):,.0f} MiB")
        if not args.no_baseline:
            n_seconds, n_peak, _ = run_child(NAIVE, args.store, naive_dir)
            print(f"pandas whole-table baseline (Parquet only): {n_seconds:.1f} s, peak RSS {n_peak:,.0f} MiB")
            print(f"  ratios (baseline / ours): time {n_seconds / seconds:.2f}x, peak memory {n_peak / peak:.2f}x")


if __name__ == "__main__":
    main()
