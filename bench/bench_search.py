"""Search latency on a large store: a word query with one filter, p95 < 50 ms at 100,000 articles.

    python bench/make_store.py --articles 100000 --out /tmp/bdt100k.sqlite   # once, ~3 min
    python bench/bench_search.py --store /tmp/bdt100k.sqlite

Each query of :data:`QUERIES` (words + one filter, as a journalist types them) runs once to warm
the page cache, then ``--repeat`` times; we print the median and p95 over all runs, per query,
and against a baseline measured in the same run on the same store: the same query ranked by
bm25 over every match (what a plain FTS5 ``ORDER BY rank`` does), which the streaming plan of
baodantoc/search_sql.py avoids. Also printed: the first query of a process (it loads the
province mapping) and one whole ``baodantoc search`` command (process start included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from baodantoc import search_sql
from baodantoc.search import open_store, search
from baodantoc.search.query import build_query

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("hộ nghèo", {"place": "Lào Cai"}),
    ("tỷ lệ", {"kind": "percent"}),
    ("đồng bào", {"since": "2024"}),
    ("đồng bào", {"until": "2020-06"}),
    ("trồng rừng", {"section": "kinh-te"}),
    ("nguồn vốn", {"org": "Ban Dân tộc"}),
    ("bà con", {"person": "Hầu A Lềnh"}),
    ("trẻ em đến trường", {"place": "Đắk Lắk"}),
    ("vay", {"unit": "đồng"}),
    ("bản sắc văn hóa", {"ethnic": "Mông"}),
    ("lao động", {"min_value": "1000"}),
    ("giao thông", {"place": "Yên Bái"}),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_queries(db, repeat: int, relevance_everything: bool = False) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    saved = search_sql.RELEVANCE_POOL
    if relevance_everything:
        search_sql.RELEVANCE_POOL = 10**12  # rank every match: the plain FTS5 plan
    try:
        for words, filters in QUERIES:
            q = build_query(words, limit=20, sort="relevance" if relevance_everything else "date", **filters)
            search(db, q)  # warm the page cache
            label = f"{words} + {next(iter(filters))}={next(iter(filters.values()))}"
            for _ in range(repeat):
                t = time.perf_counter()
                search(db, q)
                times.setdefault(label, []).append((time.perf_counter() - t) * 1000)
    finally:
        search_sql.RELEVANCE_POOL = saved
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="store to search (bench/make_store.py)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per query (default 20)")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="runs per query of the baseline (default 3)")
    args = parser.parse_args()

    started = time.perf_counter()
    db = open_store(args.store)
    search(db, build_query("hộ nghèo", place="Lào Cai"))
    cold = (time.perf_counter() - started) * 1000
    n_articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_sentences = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    print(f"store: {args.store} ({n_articles:,} articles, {n_sentences:,} sentences)")
    print(f"first query of a process (open store + province mapping): {cold:.0f} ms")

    ours = time_queries(db, args.repeat)
    base = time_queries(db, args.baseline_repeat, relevance_everything=True)
    print(f"\n{'query (words + one filter)':44} {'median ms':>10} {'p95 ms':>8} {'bm25-all median':>16} {'ratio':>7}")
    for label, values in ours.items():
        b = statistics.median(base[label])
        m = statistics.median(values)
        print(f"{label[:44]:44} {m:10.1f} {percentile(values, 0.95):8.1f} {b:16.1f} {b / m:6.1f}x")
    every = [v for values in ours.values() for v in values]
    every_base = [v for values in base.values() for v in values]
    p95 = percentile(every, 0.95)
    print(f"\nall {len(every)} runs: median {statistics.median(every):.1f} ms, p95 {p95:.1f} ms, "
          f"max {max(every):.1f} ms  (target p95 < 50 ms: {'met' if p95 < 50 else 'NOT met'})")
    print(f"baseline (bm25 over every match): median {statistics.median(every_base):.1f} ms, "
          f"p95 {percentile(every_base, 0.95):.1f} ms; ratio of medians "
          f"{statistics.median(every_base) / statistics.median(every):.1f}x")
    db.close()

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "baodantoc.cli", "search", "hộ nghèo", "--place", "Lào Cai",
                    "--store", str(args.store), "--json"], check=True, capture_output=True)
    print(f"one `baodantoc search` command, process start included: {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
