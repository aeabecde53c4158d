"""Extraction throughput on one process, ``--workers N`` and a LocalCluster of N, on the same store.

    python bench/bench_scale.py [--articles 2000] [--workers 2] [--repeat 3] [--texts FILE.jsonl]

The store holds N synthetic articles (bench/make_store.py: invented text in the paper's register)
or, with ``--texts``, the texts of a JSONL file ({"text": ...} per line). Each round extracts the
whole store (``refresh``) once per engine, in turn, so a change of load on a shared machine hits
every engine alike; the figures are medians over rounds. Each run is a fresh Python process, as
a ``baodantoc extract`` would be: every engine loads its models, none inherits them.

Printed per engine: wall time; characters/s end to end (what a user waits for: start-up, model
loading and the tail included) and steady (between the first and the last chunk written); the
ratio of each to one process (issue 13's target: >= 1.8x on 2 cores); Dask's overhead per article
(steady time per article of the LocalCluster minus that of the process pool, same worker count)
and its start-up; and the writer's capacity: characters/s of extracted text this process stores
(the one writer caps how many cores one store can use). Plus the load average before and after (the cores are shared).

What this does NOT measure: a real network between machines (results of a chunk are ~100 kB), or
more cores than this machine has; docs/SCALING.md says how the sizing table extrapolates.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
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
        self.cpu_first = 0.0
        self.writing = 0.0

    def progress(self, n: int) -> None:
        now = time.perf_counter()
        if not self.chunks:
            self.first, self.articles_first, self.cpu_first = now, n, cpu_seconds_live()
        self.last = now
        self.chunks += 1


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has reaped (pool and cluster workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_seconds_live() -> float:
    """CPU time of this process, its reaped children and its live descendants (mid-run)."""
    import psutil

    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            t = child.cpu_times()
            live += t.user + t.system
        except psutil.Error:
            continue
    return cpu_seconds() + live


def run_once(store: Path, workers: int, scheduler: str | None) -> dict[str, float]:
    timed = Timed()
    cpu0 = cpu_seconds()
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
    cpu = cpu_seconds() - cpu0
    steady_articles = report.extracted - timed.articles_first
    steady_s = timed.last - timed.first
    return {"wall": wall, "chars": report.characters, "articles": report.extracted,
            "articles_first": timed.articles_first,
            "end_to_end": report.characters / wall,
            "steady": report.characters * steady_articles / report.extracted / steady_s if steady_s else 0.0,
            "s_per_article": steady_s / steady_articles if steady_articles else 0.0,
            "startup": timed.first - t0, "cpu": cpu, "cpu_steady": cpu - (timed.cpu_first - cpu0),
            "writer": report.characters / timed.writing if timed.writing else 0.0}


def shard_writer(store: Path) -> dict[str, float]:
    """``annotate --shards`` of the store's texts on one process: characters/s of input that its
    writer (the Parquet shards) stores, the bound of a corpus run as ``writer`` is of extract's."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    import baodantoc.jobs.corpus as corpus

    db = sqlite3.connect(store)
    rows = db.execute("SELECT article_id, text, published_at FROM articles ORDER BY article_id").fetchall()
    db.close()
    source = store.with_suffix(".parquet")
    pq.write_table(pa.table({"id": [r[0] for r in rows], "text": [r[1] for r in rows],
                             "published_at": [r[2] for r in rows]}), source)
    real_write, writing = corpus.write_shard, [0.0]

    def timed_write(*args, **kwargs):
        t0 = time.perf_counter()
        real_write(*args, **kwargs)
        writing[0] += time.perf_counter() - t0

    corpus.write_shard = timed_write
    try:
        t0 = time.perf_counter()
        report = corpus.annotate_corpus(source, store.parent / "shards")
        wall = time.perf_counter() - t0
    finally:
        corpus.write_shard = real_write
    return {"wall": wall, "chars": report.characters, "writer": report.characters / writing[0]}


def run_child(store: Path, workers: int, scheduler: str | None) -> dict[str, float]:
    """:func:`run_once` (workers < 0: :func:`shard_writer`) in a fresh process (nothing loaded),
    its figures back as JSON."""
    out = subprocess.run([sys.executable, __file__, "--child", str(store), str(workers), scheduler or ""],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--texts", type=Path, help="JSONL of texts to use instead of synthetic articles")
    ap.add_argument("--child", nargs=3, metavar=("STORE", "WORKERS", "SCHEDULER"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        store, workers, scheduler = args.child
        if int(workers) < 0:
            print(json.dumps(shard_writer(Path(store))))
        else:
            print(json.dumps(run_once(Path(store), int(workers), scheduler or None)))
        return 0
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
                runs[name].append(run_child(store, workers, scheduler))
                print(f"  round {r + 1} {name}: {runs[name][-1]['wall']:.1f} s", file=sys.stderr, flush=True)
        shards = run_child(store, -1, None)
        load_after = os.getloadavg()

    def med(name: str, key: str) -> float:
        return statistics.median(x[key] for x in runs[name])

    base = "1 process"
    chars = runs[base][0]["chars"]
    print(f"store: {what}, {chars:,} characters extracted per run; median of {args.repeat} rounds;"
          f" {os.cpu_count()} cores; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"{'engine':<18}{'wall s':>8}{'chars/s':>10}{'ratio':>7}{'steady chars/s':>16}{'ratio':>7}"
          f"{'start-up s':>12}{'CPU s':>8}{'steady':>8}{'on idle cores':>15}{'writer chars/s':>16}")
    for name, (workers, scheduler) in engines.items():
        slots = workers if not scheduler else n
        print(f"{name:<18}{med(name, 'wall'):>8.1f}{med(name, 'end_to_end'):>10,.0f}"
              f"{med(name, 'end_to_end') / med(base, 'end_to_end'):>6.2f}x{med(name, 'steady'):>16,.0f}"
              f"{med(name, 'steady') / med(base, 'steady'):>6.2f}x{med(name, 'startup'):>12.1f}"
              f"{med(name, 'cpu'):>8.1f}{med(name, 'cpu_steady'):>8.1f}"
              f"{slots * med(base, 'cpu_steady') / med(name, 'cpu_steady'):>14.2f}x"
              f"{med(name, 'writer'):>16,.0f}")
    pool, dask = f"--workers {n}", f"LocalCluster of {n}"
    overhead_ms = (med(dask, "s_per_article") - med(pool, "s_per_article")) * 1000
    per_article_ms = med(pool, "s_per_article") * 1000
    articles = runs[base][0]["articles"]
    cpu_ms = (med(dask, "cpu_steady") - med(pool, "cpu_steady")) / articles * 1000
    print(f"Dask overhead per article (steady wall, {dask} vs {pool}): {overhead_ms:+.2f} ms"
          f" ({overhead_ms / per_article_ms:+.1%} of {per_article_ms:.1f} ms per article);"
          f" in CPU time (steady): {cpu_ms:+.2f} ms per article;"
          f" start-up {med(dask, 'startup') - med(pool, 'startup'):+.1f} s")
    print(f"writers: the store takes {med(base, 'writer'):,.0f} characters/s of extracted text (1 process, median),"
          f" Parquet shards (annotate --shards, 1 process) {shards['writer']:,.0f}")
    print(f"one core: {med(base, 'steady'):,.0f} characters/s of wall time (steady),"
          f" {chars * (1 - runs[base][0]['articles_first'] / articles) / med(base, 'cpu_steady'):,.0f}"
          " per CPU-second (steady);"
          f" target for {n} workers: >= {0.9 * n:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
