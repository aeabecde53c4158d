"""Faults, measured: kill -9 and resume, four jobs on one store, a gzip bomb, a stranger's database.

    python bench/bench_faults.py                       # 300 generated articles, 10 kills
    python bench/bench_faults.py --synthetic 1000 --kills 20 --seed 3

Each part prints against its baseline from the same run: the resumed job against an
uninterrupted crawl of the same site (articles lost, duplicated, differing; time), the queries of
serve and search during a crawl and extracts (answered, failed), the gzip bomb against a plain
page given to ``baodantoc parse`` (seconds, peak memory), and a foreign database's sha256 before and
after every command that takes a store. The machinery is the fault-injection suite's
(``tests/fault_helpers.py``), so the tests and these numbers measure the same thing.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fault_helpers import (  # noqa: E402  (tests/ is on the path only now)
    Load,
    count_rows,
    crawl_options,
    file_digest,
    finish_crawl,
    kill_when,
    run_measured,
    snapshot,
    start_crawl,
)


def kill_and_resume(site: object, work: Path, kills: int, seed: int) -> None:
    started = time.perf_counter()
    clean = finish_crawl(start_crawl(crawl_options(site, work / "clean")))
    clean_s = time.perf_counter() - started
    expected = snapshot(work / "clean" / "baodantoc.sqlite")
    out, job = work / "killed", str(work / "job")
    store = out / "baodantoc.sqlite"
    rng = random.Random(seed)
    started = time.perf_counter()
    hits = 0
    for i in range(kills):
        point = rng.randrange(0, max(1, (len(expected["articles"]) - count_rows(store)) // 2)) if i else 0
        hits += kill_when(start_crawl(crawl_options(site, out, jobdir=job)), store, point)
    final = finish_crawl(start_crawl(crawl_options(site, out, jobdir=job)))
    job_s = time.perf_counter() - started
    got = snapshot(store)
    lost = set(expected["articles"]) - set(got["articles"])
    extra = set(got["articles"]) - set(expected["articles"])
    differing = [a for a in expected["articles"] if a in got["articles"] and got["articles"][a] != expected["articles"][a]]
    runs = Counter(r[0] for r in sqlite3.connect(store).execute(
        "SELECT status || '/' || json_extract(report, '$.finish_reason') FROM crawl_runs"))
    print(f"kill -9 and resume ({hits} kills landed of {kills}, then the same command once more):")
    print(f"  articles   {len(expected['articles'])} in the uninterrupted crawl: {len(lost)} lost, {len(extra)} "
          f"duplicated or extra, {len(differing)} differing; same digest: {got['digest'] == expected['digest']}")
    print(f"  time       uninterrupted {clean_s:.1f} s ({clean.pages_fetched} pages); killed job {job_s:.1f} s "
          f"in all ({job_s / clean_s:.1f}x), last run {final.pages_fetched} pages, mode {final.job.get('mode')}")
    print(f"  crawl_runs {dict(runs)}")


def concurrent_jobs(site: object, work: Path) -> None:
    store = work / "concurrent" / "baodantoc.sqlite"
    crawl = start_crawl(crawl_options(site, store.parent))
    while count_rows(store) < 3 and crawl.poll() is None:
        time.sleep(0.05)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen([sys.executable, "-m", "baodantoc.cli", "serve", "--store", str(store), "--port",
                              str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    extracts: list[int] = []
    try:
        with Load(store, port) as load:
            while crawl.poll() is None:
                extracts.append(_extract(store))
            report = finish_crawl(crawl)
            extracts.append(_extract(store))
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    answered = sum(load.answered.values())
    print("crawl + extract + serve + search on one store:")
    print(f"  queries    {answered:,} answered ({dict(load.answered)}), {len(load.failed)} failed "
          f"({load.checkpoints} checkpoints injected)" + (f"; first: {load.failed[0]}" if load.failed else ""))
    print(f"  extract    {len(extracts)} runs ({len(extracts) - 1} during the crawl), "
          f"{sum(code != 0 for code in extracts)} failed; {count_rows(store, 'extraction_state')} of "
          f"{count_rows(store)} articles extracted")
    print(f"  crawl      {report.articles.get('new', 0)} new, store errors "
          f"{ {k: v for k, v in report.errors.items() if k.startswith('store:')} }, passed {report.passed}")


def _extract(store: Path) -> int:
    return subprocess.run([sys.executable, "-m", "baodantoc.cli", "extract", "--store", str(store)],
                          capture_output=True, cwd=ROOT, check=False).returncode


def gzip_bomb(work: Path) -> None:
    from baodantoc.crawler.sample_site.edges import gzip_bomb as bomb_bytes

    bomb = work / "bomb.html.gz"
    bomb.write_bytes(bomb_bytes())
    page = work / "page.html"
    page.write_text("<html><head><meta charset='utf-8'><title>Trang</title></head><body><h1 class='news-title'>"
                    "Trang</h1><div class='news-body-content'><p>Hơn 3.000 hộ nghèo.</p></div></body></html>",
                    encoding="utf-8")
    print("gzip bomb given to `baodantoc parse` (a fresh process each; Python and Scrapy included):")
    for name, path in (("bomb", bomb), ("plain page", page)):
        proc, seconds, peak = run_measured([sys.executable, "-m", "baodantoc.cli", "parse", str(path), "--url",
                                            "https://baodantoc.vn/trang-1716000000000.htm"])
        said = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "a record"
        print(f"  {name:10} {path.stat().st_size:>9,} bytes: exit {proc.returncode} in {seconds:.2f} s, "
              f"peak RSS {peak:.0f} MiB: {said[:100]}")


def foreign_database(work: Path) -> None:
    path = work / "theirs.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('ghi chú')")
    db.commit()
    db.close()
    before = file_digest(path)
    print(f"a stranger's SQLite file (sha256 {before[:16]}...) given to every command that takes a store:")
    for command in (["extract", "--store", str(path)], ["search", "--store", str(path), "lao cai"],
                    ["export", "--store", str(path), "-o", str(work / "export")],
                    ["serve", "--store", str(path), "--port", "1"]):
        proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", *command], capture_output=True, text=True,
                              cwd=ROOT, check=False, timeout=120)
        after = file_digest(path)
        siblings = sorted(p.name for p in work.iterdir() if p.name.startswith("theirs.db-"))
        print(f"  {command[0]:8} exit {proc.returncode}, sha256 {'unchanged' if after == before else 'CHANGED'}, "
              f"new files beside it: {siblings or 'none'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=300, help="generated articles the sample site adds")
    ap.add_argument("--kills", type=int, default=10, help="kill -9 cycles before the last run")
    ap.add_argument("--seed", type=int, default=1, help="seed of the kill points")
    args = ap.parse_args(argv)
    from baodantoc.crawler.sample_site import start_process

    with tempfile.TemporaryDirectory(prefix="baodantoc-faults-") as tmp, \
            start_process(port=0, synthetic=args.synthetic) as site:
        work = Path(tmp)
        kill_and_resume(site, work, args.kills, args.seed)
        concurrent_jobs(site, work)
        gzip_bomb(work)
        foreign_database(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
