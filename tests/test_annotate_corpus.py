"""``annotate --shards``: a JSONL or Parquet corpus into Parquet shards, without the store.

Shards are typed like the exports, the same bytes for the same input whatever runs the
extractor, written atomically; a re-run skips complete shards and never takes a half-written
one for complete. Runs on a Dask cluster are in test_cluster.py.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scale_helpers import cli, digests, gold_texts, run_cli, write_parquet_corpus

from baodantoc.export.schema import FACTS, MENTIONS
from baodantoc.export.shards import SHARD_TABLES, shard_name
from baodantoc.jobs.corpus import AnnotateCorpusError, annotate_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_parquet_corpus(tmp_path_factory.mktemp("corpus") / "corpus.parquet")


@pytest.fixture(scope="module")
def one_process(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus annotated on one process, in shards of 10 rows: the reference."""
    out = tmp_path_factory.mktemp("one") / "shards"
    report = annotate_corpus(corpus, out, id_column="doc", text_column="body", shard_size=10)
    assert (report.shards, report.written, report.documents) == (4, 4, 35)
    return out


def read(folder: Path, table: str) -> pa.Table:
    return pq.read_table(folder / table)


def test_shards_are_typed_like_the_exports_and_carry_the_input_columns(one_process: Path) -> None:
    assert sorted(p.name for p in (one_process / "mentions").iterdir()) == [shard_name(i) for i in range(4)]
    assert read(one_process, "mentions").schema == MENTIONS.arrow_schema()
    assert read(one_process, "facts").schema == FACTS.arrow_schema()
    docs = read(one_process, "documents")
    assert docs.schema.names == ["doc", "body", "source", "article_id", "characters", "mention_count", "fact_count",
                                 "errors"]
    assert docs.column("doc").to_pylist() == docs.column("article_id").to_pylist() == [f"{i}-0" for i, _ in gold_texts()]
    assert set(docs.column("source").to_pylist()) == {"team"}
    mentions = read(one_process, "mentions")
    assert sum(docs.column("mention_count").to_pylist()) == mentions.num_rows > 500
    assert sum(docs.column("fact_count").to_pylist()) == read(one_process, "facts").num_rows > 300


def test_mentions_are_what_the_jsonl_annotate_finds_in_the_same_text(one_process: Path) -> None:
    from baodantoc.extract.api import annotate_text

    doc_id, text = gold_texts()[3]
    line = annotate_text(text, doc_id=doc_id)
    expected = sorted((e["type"], e["text"], e["start"], e["end"], e["entity_id"])
                      for e in line["entities"] + line["references"])
    mentions = read(one_process, "mentions").to_pylist()
    got = sorted((m["type"], m["text"], m["start"], m["end"], m["entity_id"]) for m in mentions
                 if m["article_id"] == f"{doc_id}-0")
    assert got == expected
    facts = [f for f in read(one_process, "facts").to_pylist() if f["article_id"] == f"{doc_id}-0"]
    assert [(f["text"], f["value"], f["kind"]) for f in facts] == [
        (f["text"], f["value"], f["kind"]) for f in line["facts"]]


def test_a_rerun_writes_nothing(corpus: Path, one_process: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in one_process.rglob("*.parquet")}
    report = annotate_corpus(corpus, one_process, id_column="doc", text_column="body", shard_size=10)
    assert (report.already, report.written, report.documents) == (4, 0, 0)
    assert report.engine == ""  # nothing to do: no models loaded, no processes started
    assert {p: p.stat().st_mtime_ns for p in one_process.rglob("*.parquet")} == before


def test_workers_give_the_same_bytes(corpus: Path, one_process: Path, tmp_path: Path) -> None:
    report = annotate_corpus(corpus, tmp_path / "w2", id_column="doc", text_column="body", shard_size=10, workers=2)
    assert report.engine == "2 processes"
    assert digests(tmp_path / "w2") == digests(one_process)


def test_a_shard_a_killed_run_left_half_written_is_redone(corpus: Path, one_process: Path, tmp_path: Path) -> None:
    """The states a kill can leave (each file is renamed into place when whole, documents last):
    a shard without its documents file, and temporary files. Neither is taken for complete."""
    import shutil

    out = tmp_path / "killed"
    shutil.copytree(one_process, out)
    (out / "documents" / shard_name(1)).unlink()  # killed between the renames of shard 1
    (out / "facts" / shard_name(2)).unlink()
    (out / "documents" / shard_name(2)).unlink()
    partial = out / "mentions" / f".{shard_name(3)}.tmp-4242"
    partial.write_bytes(b"PAR1 half a file")
    report = annotate_corpus(corpus, out, id_column="doc", text_column="body", shard_size=10)
    assert (report.already, report.written) == (2, 2)
    assert not partial.exists()
    assert digests(out) == digests(one_process)


def test_a_killed_run_resumes_to_the_same_bytes(corpus: Path, one_process: Path, tmp_path: Path) -> None:
    """kill -9 of a real run once its first shard is written; the same command then finishes it."""
    out = tmp_path / "shards"
    args = ("annotate", str(corpus), "--shards", str(out), "--id-column", "doc", "--text-column", "body",
            "--shard-size", "10")
    proc = cli(*args)
    try:
        first = out / "documents" / shard_name(0)
        deadline = time.monotonic() + 300
        while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.communicate(timeout=60)
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert digests(out) == digests(one_process)


def test_jsonl_in_with_bad_lines_counted_and_types_kept(tmp_path: Path) -> None:
    texts = gold_texts()[:3]
    lines = [json.dumps({"id": n, "text": t, "score": n / 2, "tags": ["a"] if n else "b"}, ensure_ascii=False)
             for n, (_, t) in enumerate(texts)]
    lines[1:1] = ["not json", json.dumps({"id": 7}), json.dumps({"text": "Hà Nội"}), "", json.dumps([1, 2])]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = annotate_corpus(src, tmp_path / "out", shard_size=3)
    assert dict(report.skipped) == {"invalid JSON": 1, "no text": 1, "no id": 1, "not a JSON object": 1}
    assert (report.rows, report.shards, report.documents) == (7, 3, 3)
    docs = read(tmp_path / "out", "documents")
    assert docs.column("id").type == pa.int64() and docs.column("score").type == pa.float64()
    assert docs.column("id").to_pylist() == [0, 1, 2]
    assert docs.column("article_id").to_pylist() == ["0", "1", "2"]
    assert docs.column("tags").to_pylist() == ['"b"', '["a"]', '["a"]']  # a mix of kinds: JSON text


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"id_column": "nope"}, r"no column 'nope' \(give --id-column; its columns: doc, body, source\)"),
    ({"text_column": "source", "id_column": "body"}, None),
    ({"text_column": "doc", "id_column": "characters"}, r"no column 'characters'"),
])
def test_columns_are_checked_before_anything_runs(corpus: Path, tmp_path: Path, kwargs: dict,
                                                  message: str | None) -> None:
    kwargs = {"id_column": "doc", "text_column": "body", **kwargs}
    if message is None:  # any string column can be the text: a valid run
        report = annotate_corpus(corpus, tmp_path / "ok", shard_size=100, **kwargs)
        assert report.documents == 35
        return
    with pytest.raises(AnnotateCorpusError, match=message):
        annotate_corpus(corpus, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_a_text_column_that_is_not_text_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "ints.parquet"
    pq.write_table(pa.table({"id": [1, 2], "text": [3, 4]}), src)
    with pytest.raises(AnnotateCorpusError, match=r"column 'text' of .* is int64, not text"):
        annotate_corpus(src, tmp_path / "out")


def test_a_folder_of_another_run_or_of_other_files_is_refused(corpus: Path, one_process: Path, tmp_path: Path) -> None:
    with pytest.raises(AnnotateCorpusError, match=r"holds shards of another run \(shard_size 10 there, 20 now\)"):
        annotate_corpus(corpus, one_process, id_column="doc", text_column="body", shard_size=20)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(AnnotateCorpusError, match="not empty and holds no annotate shards"):
        annotate_corpus(corpus, other, id_column="doc", text_column="body")


def test_cli_corpus_run_and_its_guards(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    done = run_cli("annotate", str(corpus), "--shards", str(out), "--id-column", "doc", "--text-column", "body")
    assert done.returncode == 0, done.stderr
    assert "annotated 35 documents" in done.stderr and "into 1 shards" in done.stderr
    again = run_cli("annotate", str(corpus), "--shards", str(out), "--id-column", "doc", "--text-column", "body")
    assert again.returncode == 0 and "nothing to do: 1 of 1 shards" in again.stderr, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["_annotate.json", *sorted(SHARD_TABLES)]
    for args, message in [
        (("--workers", "2"), "--workers applies to corpus runs: add --shards DIR"),
        (("--shards", str(out), "-o", str(tmp_path / "x.jsonl")), "give -o (JSONL out) or --shards"),
        (("--shards", str(out), "--workers", "2", "--scheduler", "local:2"), "exclude each other"),
        ((), "is Parquet: annotate it into Parquet shards with --shards DIR"),
    ]:
        result = run_cli("annotate", str(corpus), *args)
        assert result.returncode != 0 and message in result.stderr, result.stderr
