"""Extraction throughput on one process, ``--workers N`` and a LocalCluster of N, on the same store.

    python bench/bench_scale.py [--articles 2000] [--workers 2] [--repeat 3] [--texts FILE.jsonl]

The store holds N synthetic articles (bench/make_store.py: invented text in the paper's register)
or, with ``--texts``, the texts of a JSONL file ({"text": ...} per line). Each round extracts the
whole store (``refresh``) once per engine, in turn, so a change of load on a shared machine hits
every engine alike; the figures are medians over rounds.

Printed per engine: wall time; characters/s end to end (what a user waits for: start-up, model
loading and the tail included) and steady (between the first and the last chunk written); the
ratio of each to one process (issue 13's target: >= 1.8x on 2 cores); Dask's overhead per article
(steady time per article of the LocalCluster minus that of the process pool, same worker count)
and its start-up; and the writer's capacity: articles/s this process stores (the one writer caps
how many cores one store can use). Plus the load average before and after (the cores are shared).

What this does NOT measure: a real network between machines (results of a chunk are ~100 kB), or
more cores than this machine has; docs/SCALING.md says how the sizing table extrapolates.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import baodantoc.jobs.extract as extracting  # noqa: E402
from baodantoc.records import Article  # noqa: E402
from baodantoc.store import connect, upsert_article  # noqa: E402


def texts_store(path: Path, source: Path, articles: int) -> Path:
    """A store of the texts in ``source`` (repeated up to ``articles``), as the crawl would hold them."""
    with source.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    db = connect(path)
    with db:
        for i in range(articles):
            upsert_article(db, Article(article_id=str(i), url=f"https://baodantoc.vn/a-{i}.htm", text=texts[i % len(texts)],
                                       title=texts[i % len(texts)].split("\n")[0],
                                       published_at="2024-05-10T08:00:00+07:00"))
    db.close()
    return path


class Timed:
    """One extract run: wall time, time of the first and last chunk written, time spent writing."""

    def __init__(self) -> None:
        self.first = self.last = 0.0
        self.chunks = 0
        self.articles_first = 0
        self.writing = 0.0

    def progress(self, n: int) -> None:
        now = time.perf_counter()
        if not self.chunks:
            self.first, self.articles_first = now, n
        self.last = now
        self.chunks += 1


def run_once(store: Path, workers: int, scheduler: str | None) -> dict[str, float]:
    timed = Timed()
    real_write = extracting._write

    def timed_write(*args, **kwargs):  # the writer's own time, to know its capacity
        t0 = time.perf_counter()
        real_write(*args, **kwargs)
        timed.writing += time.perf_counter() - t0

    extracting._write = timed_write
    try:
        t0 = time.perf_counter()
        report = extracting.extract_store(store, refresh=True, workers=workers, scheduler=scheduler,
                                          on_progress=timed.progress)
        wall = time.perf_counter() - t0
    finally:
        extracting._write = real_write
    steady_articles = report.extracted - timed.articles_first
    steady_s = timed.last - timed.first
    return {"wall": wall, "chars": report.characters, "articles": report.extracted,
            "end_to_end": report.characters / wall,
            "steady": report.characters * steady_articles / report.extracted / steady_s if steady_s else 0.0,
            "s_per_article": steady_s / steady_articles if steady_articles else 0.0,
            "startup": timed.first - t0, "writer": report.extracted / timed.writing if timed.writing else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--texts", type=Path, help="JSONL of texts to use instead of synthetic articles")
    args = ap.parse_args(argv)
    n = args.workers
    engines = {"1 process": (1, None), f"--workers {n}": (n, None), f"LocalCluster of {n}": (1, f"local:{n}")}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.sqlite"
        if args.texts:
            texts_store(store, args.texts, args.articles)
            what = f"{args.articles:,} articles from {args.texts.name}"
        else:
            from make_store import make_store

            make_store(store, args.articles)
            what = f"{args.articles:,} synthetic articles (bench/make_store.py)"
        load_before = os.getloadavg()
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in engines}
        for r in range(args.repeat):
            for name, (workers, scheduler) in engines.items():
                runs[name].append(run_once(store, workers, scheduler))
                print(f"  round {r + 1} {name}: {runs[name][-1]['wall']:.1f} s", file=sys.stderr, flush=True)
        load_after = os.getloadavg()

    def med(name: str, key: str) -> float:
        return statistics.median(x[key] for x in runs[name])

    base = "1 process"
    chars = runs[base][0]["chars"]
    print(f"store: {what}, {chars:,} characters extracted per run; median of {args.repeat} rounds;"
          f" {os.cpu_count()} cores; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"{'engine':<18}{'wall s':>8}{'chars/s':>10}{'ratio':>7}{'steady chars/s':>16}{'ratio':>7}"
          f"{'start-up s':>12}{'writer art/s':>14}")
    for name in engines:
        print(f"{name:<18}{med(name, 'wall'):>8.1f}{med(name, 'end_to_end'):>10,.0f}"
              f"{med(name, 'end_to_end') / med(base, 'end_to_end'):>6.2f}x{med(name, 'steady'):>16,.0f}"
              f"{med(name, 'steady') / med(base, 'steady'):>6.2f}x{med(name, 'startup'):>12.1f}"
              f"{med(name, 'writer'):>14,.0f}")
    pool, dask = f"--workers {n}", f"LocalCluster of {n}"
    overhead_ms = (med(dask, "s_per_article") - med(pool, "s_per_article")) * 1000
    per_article_ms = med(pool, "s_per_article") * 1000
    print(f"Dask overhead per article (steady, {dask} vs {pool}): {overhead_ms:+.2f} ms"
          f" ({overhead_ms / per_article_ms:+.1%} of {per_article_ms:.1f} ms per article);"
          f" start-up {med(dask, 'startup') - med(pool, 'startup'):+.1f} s")
    print(f"per core (1 process, steady): {med(base, 'steady'):,.0f} characters/s;"
          f" target for {n} workers: >= {0.9 * n:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
