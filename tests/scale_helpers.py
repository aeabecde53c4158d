"""Helpers of the scale tests (engines, clusters, corpus shards): stores and corpora built from the
project's own gold articles, the CLI in a child process, and what two runs must agree on."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from baodantoc.records import Article
from baodantoc.store import connect, upsert_article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "sample_gold.jsonl"
#: Tables extraction writes, with their key (rows compared in key order).
ANNOTATION_TABLES = {"sentences": "article_id, sentence_index", "mentions": "article_id, mention_id",
                     "facts": "article_id, fact_id", "entities": "entity_id"}


def gold_texts() -> list[tuple[str, str]]:
    """(id, text) of the 35 sample-site articles the team wrote and annotated."""
    with open(GOLD, encoding="utf-8") as fh:
        return [(str(obj["id"]), obj["text"]) for obj in map(json.loads, fh)]


def make_store(path: Path, copies: int = 1) -> Path:
    """A store of the gold articles, each ``copies`` times under ids ``<id>-<k>``."""
    db = connect(path)
    with db:
        for k in range(copies):
            for article_id, text in gold_texts():
                aid = article_id if copies == 1 else f"{article_id}-{k}"
                upsert_article(db, Article(article_id=aid, url=f"https://baodantoc.vn/a-{aid}.htm",
                                           title=text.split("\n")[0], text=text, section="xa-hoi",
                                           published_at="2024-05-10T08:00:00+07:00"))
    db.close()
    return path


def store_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row extraction wrote, table by table, in key order (without the time it was written)."""
    db = sqlite3.connect(path)
    try:
        out = {t: db.execute(f"SELECT * FROM {t} ORDER BY {key}").fetchall() for t, key in ANNOTATION_TABLES.items()}
        out["extraction_state"] = db.execute(
            "SELECT article_id, extractor_version, content_hash, error FROM extraction_state ORDER BY 1").fetchall()
        return out
    finally:
        db.close()


def count(path: Path, sql: str) -> int:
    """One number from the store, read while another process may be writing it."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def write_parquet_corpus(path: Path, copies: int = 1) -> Path:
    """The gold articles as a Parquet corpus with other column names and an extra column."""
    texts = [(f"{i}-{k}", t) for k in range(copies) for i, t in gold_texts()]
    pq.write_table(pa.table({"doc": [i for i, _ in texts], "body": [t for _, t in texts],
                             "source": ["team" for _ in texts]}), path)
    return path


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``baodantoc ARGS`` in a child process (started, not waited for: end it with ``communicate``,
    which also closes its pipes)."""
    return subprocess.Popen([sys.executable, "-m", "baodantoc.cli", *args], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``baodantoc ARGS`` in a child process, to its end."""
    return subprocess.run([sys.executable, "-m", "baodantoc.cli", *args], cwd=ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
