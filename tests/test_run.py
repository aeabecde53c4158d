"""``baodantoc run --sample``: the demo crawls, extracts and exports, and re-running adds nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from baodantoc.crawler.sample_site.content import load_articles

ROOT = Path(__file__).resolve().parent.parent


def counts(store: Path) -> dict[str, int]:
    db = sqlite3.connect(store)
    try:
        return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "entities", "facts", "sentences", "extraction_state")}
    finally:
        db.close()


def test_the_demo_stores_every_sample_article_with_entities_and_facts(sample_output: Path) -> None:
    store = sample_output / "baodantoc.sqlite"
    n = counts(store)
    # every hand-written article that is a real article page (the edge-case pages are not)
    assert n["articles"] == len(load_articles())
    assert n["extraction_state"] == n["articles"]
    assert n["mentions"] > 20 * n["articles"] // 2 and n["facts"] > 5 * n["articles"] // 2
    db = sqlite3.connect(store)
    types = dict(db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type").fetchall())
    assert set(types) == {"PER", "ORG", "LOC", "ETH"}
    errors = db.execute("SELECT COUNT(*) FROM extraction_state WHERE error IS NOT NULL").fetchone()[0]
    assert errors == 0


def test_the_demo_exports_parquet_and_csv_of_the_same_rows(sample_output: Path) -> None:
    store = sample_output / "baodantoc.sqlite"
    n = counts(store)
    export = sample_output / "export"
    for table in ("articles", "mentions", "entities", "facts"):
        assert pq.read_metadata(export / f"{table}.parquet").num_rows == n[table]
        assert (export / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    # the manifest is the demo's receipt: rows per table = the store's, sha256 per file = the file's,
    # and it names every file written beside it, no more
    manifest = json.loads((export / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"] == {t: {"rows": n[t]} for t in ("articles", "mentions", "entities", "facts")}
    written = sorted(p.name for p in export.iterdir() if p.is_file() and p.name != "manifest.json")
    assert sorted(manifest["files"]) == written
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((export / name).read_bytes()).hexdigest() == digest, name


def test_the_demo_summary_names_the_stages(sample_output: Path) -> None:
    log = (sample_output / "run.log").read_text(encoding="utf-8")
    for line in ("articles", "extract", "export", "store", "most mentioned"):
        assert line in log


def test_the_demo_prints_no_crawler_log_lines(sample_output: Path) -> None:
    """Regression: `run` asks for no crawl log (the report counts every error), yet the sample
    site's broken pages printed Scrapy's WARNING/ERROR lines above the demo's output."""
    log = (sample_output / "run.log").read_text(encoding="utf-8")
    noisy = [line for line in log.splitlines() if line.split(" ", 1)[0] in ("DEBUG", "INFO", "WARNING", "ERROR")
             and line.split(" ", 2)[1].startswith(("scrapy", "crawler", "twisted"))]
    assert not noisy, noisy[:5]


def test_a_second_run_adds_no_duplicates(sample_output: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    subprocess.run(["cp", "-r", str(sample_output), str(out)], check=True)
    before = counts(out / "baodantoc.sqlite")
    proc = subprocess.run([sys.executable, "-m", "baodantoc.cli", "run", "--sample", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert counts(out / "baodantoc.sqlite") == before
    assert "extract     0 articles" in proc.stdout
