"""``baodantoc search`` output that tells the truth (issue 12): the truncation notice, a CSV with a
BOM like the exports, ``-o FILE`` with the format from its extension, a table that keeps URLs whole
in a pipe or a file, and an unknown section as an error that lists the known ones."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from outputs_helpers import synthetic_store

from baodantoc.cli import cli
from baodantoc.search import build_query, count_matches, open_store, search
from baodantoc.search.engine import COUNT_CAP


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("search_output") / "store.sqlite", articles=150)


def run(store: Path, *args: str):
    return CliRunner().invoke(cli, ["search", *args, "--store", str(store)])


def total(store: Path, words: str, **kwargs) -> int:
    db = open_store(store)
    try:
        hits, _ = search(db, build_query(words, limit=10_000, **kwargs))
    finally:
        db.close()
    return len(hits)


@pytest.mark.parametrize("limit_below", [1, 0])  # a limit below the number of matches, and exactly at it
def test_truncation_is_said_on_stderr(store: Path, limit_below: int) -> None:
    n = total(store, "ho ngheo")
    assert n > 5
    limit = n - limit_below
    result = run(store, "ho", "ngheo", "--limit", str(limit), "--csv")
    assert result.exit_code == 0, result.output
    notice = f"showing {limit:,} of {n:,} (use --limit)"
    assert (notice in result.stderr) == (limit < n)
    assert notice not in result.stdout


def test_count_stops_at_the_cap(store: Path) -> None:
    db = open_store(store)
    try:
        q = build_query("ho ngheo", limit=3)
        assert count_matches(db, q) == (total(store, "ho ngheo"), True)
        assert count_matches(db, q, cap=4) == (4, False)
    finally:
        db.close()
    assert COUNT_CAP >= 1000  # a journalist reads '20 of 1,000' as 'many': below that, exact


def test_fact_mode_counts_facts(store: Path) -> None:
    n = total(store, "ty le", kind="percent")
    result = run(store, "ty le", "--kind", "percent", "--limit", "2", "--json")
    assert len(json.loads(result.stdout)) == 2 and f"showing 2 of {n:,}" in result.stderr


def test_csv_starts_with_a_bom_like_the_exports(store: Path) -> None:
    result = run(store, "dong bao", "--limit", "3", "--csv")
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "published_at" and len(rows) >= 4


@pytest.mark.parametrize(("name", "check"), [
    ("hits.csv", lambda raw: raw.startswith(b"\xef\xbb\xbfpublished_at,")),
    ("hits.json", lambda raw: len(json.loads(raw)) == 4),
    ("hits.jsonl", lambda raw: [json.loads(line)["article_id"] for line in raw.decode().splitlines()].__len__() == 4),
    ("hits.txt", lambda raw: "https://" in raw.decode() and "\x1b[" not in raw.decode()),
])
def test_output_file_format_from_its_extension(store: Path, tmp_path: Path, name: str, check) -> None:
    target = tmp_path / name
    result = run(store, "dong bao", "--limit", "4", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote 4 results to {target}" in result.stderr
    assert check(target.read_bytes())
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x.pdf"], "Error: -o x.pdf: unknown extension '.pdf'; use one of .csv, .json, .jsonl, .txt"),
    (["-o", "x.csv", "--json"], "Error: -o x.csv writes csv, not --json"),
])
def test_output_file_errors(store: Path, args: list[str], message: str) -> None:
    result = run(store, "lao", *args)
    assert result.exit_code == 2 and result.output.strip().startswith(message)


def test_table_in_a_file_keeps_each_url_on_one_line(store: Path, tmp_path: Path) -> None:
    db = open_store(store)
    hits, _ = search(db, build_query("dong bao", limit=5))
    db.close()
    result = run(store, "dong bao", "--limit", "5")  # CliRunner's stdout is no terminal
    lines = result.stdout.splitlines()
    assert all(any(h.url in line for line in lines) for h in hits), "a URL was cut across lines"
    assert max(len(line) for line in lines) <= 220


def test_unknown_section_lists_the_known_ones(store: Path) -> None:
    result = run(store, "lao", "--section", "the-thao")
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("Error: --section 'the-thao' is not a section of the store; known: ")
    assert "kinh-te" in line and len(line.splitlines()) == 1


@pytest.mark.parametrize("section", ["kinh-te", "Kinh tế", "kinh te"])
def test_known_section_by_slug_or_name(store: Path, section: str) -> None:
    assert run(store, "lao", "--section", section).exit_code == 0
