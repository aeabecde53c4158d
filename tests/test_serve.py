"""baodantoc serve: Datasette over the store, read-only, with metadata, facets, search, canned queries.

Requests go through Datasette's in-process client (no socket); tests/test_browser.py drives a
real Chromium against a real server.
"""

from __future__ import annotations

import importlib
import json
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from outputs_helpers import get, served_store

from baodantoc.cli import cli
from baodantoc.store import connect
from baodantoc.store.folding import fts_words, tokens
from baodantoc.web.serve import build_datasette, prepare_store

serve_module = importlib.import_module("baodantoc.web.serve")  # the package's `serve` is the function


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return served_store(tmp_path_factory.mktemp("serve") / "bdt.sqlite", articles=150)


@pytest.fixture(scope="module")
def ds(store: Path):
    return build_datasette(store)


def get_json(ds, path: str) -> list[dict]:
    response = get(ds, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text[:500]
    return json.loads(response.text)


def test_the_store_is_served_read_only_and_live(ds) -> None:
    """Regression (issue 10): served immutable, a store that a crawl was writing answered
    "database disk image is malformed" to most queries."""
    db = ds.databases["bdt"]
    assert db.is_mutable is True and db.is_memory is False
    response = get(ds, "/bdt.json?sql=" + "delete+from+articles")
    assert response.status_code == 400  # mode=ro: Datasette never writes, even when asked


def test_tables_and_columns_are_described(ds) -> None:
    page = get(ds, "/bdt/facts")
    assert page.status_code == 200
    assert "Normalized value" in page.text and "One row per numeric fact" in page.text
    meta = ds.metadata(database="bdt", table="facts")
    assert "unit" in meta["columns"]["start"]  # units are written into the descriptions


@pytest.mark.parametrize(("table", "facet"), [("facts", "kind"), ("mentions", "type"), ("entities", "type"),
                                              ("articles", "section"), ("fact_details", "province_2025"),
                                              ("places", "level")])
def test_facets(ds, table: str, facet: str) -> None:
    response = get(ds, f"/bdt/{table}.json?_size=1")
    assert response.status_code == 200, response.text[:300]
    facets = response.json()["facet_results"]
    assert facet in facets and facets[facet]["results"]


@pytest.mark.parametrize("words", ["dong bao", "Đồng bào", "ĐỒNG BÀO"])
def test_table_search_ignores_diacritics(ds, store: Path, words: str) -> None:
    rows = get_json(ds, f"/bdt/facts.json?_search={words}&_size=max")
    db = connect(store)
    expected = {r[0] + "/" + r[1] for r in db.execute("SELECT article_id, fact_id, sentence, subject FROM facts")
                if {"dong", "bao"} <= set(tokens(r[2] or "")) | set(tokens(r[3] or ""))}
    db.close()
    assert expected and {r["article_id"] + "/" + r["fact_id"] for r in rows} == expected


def test_entity_search(ds) -> None:
    rows = get_json(ds, "/bdt/entities.json?_search=hau+a+lenh")
    assert [r["canonical_name"] for r in rows] == ["Hầu A Lềnh"]


def test_canned_search_sentences(ds) -> None:
    rows = get_json(ds, "/bdt/search_sentences.json?words=lao+cai+ty+le")
    assert rows and all({"lao", "cai", "ty", "le"} <= set(tokens(r["sentence"])) for r in rows)
    assert [r["published_at"] for r in rows] == sorted((r["published_at"] for r in rows), reverse=True)
    assert get_json(ds, "/bdt/search_sentences.json?words=%22NEAR(*") == []  # syntax is harmless


def test_canned_facts_about_a_place_covers_merged_provinces(ds) -> None:
    rows = get_json(ds, "/bdt/facts_about_place.json?place=lao+cai&kind=")
    provinces = {r["province"] for r in rows}
    assert rows and {r["province_2025"] for r in rows} == {"Lào Cai"} and "Yên Bái" in provinces
    percent = get_json(ds, "/bdt/facts_about_place.json?place=L%C3%A0o+Cai&kind=percent")
    assert percent and {r["kind"] for r in percent} == {"percent"}


def test_canned_people_and_agencies(ds) -> None:
    people = get_json(ds, "/bdt/people_and_roles.json?name=lenh")
    assert people and all("Lềnh" in p["name"] for p in people) and all(p["role"] for p in people)
    agencies = get_json(ds, "/bdt/articles_mentioning_agency.json?agency=ban+dan+toc")
    assert agencies and all("Dân tộc" in a["agency"] for a in agencies)


def test_rows_written_while_serving_show_up(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite"
    writer = connect(path)
    with writer:
        writer.execute("INSERT INTO articles (article_id, url, text) VALUES ('42', 'u', 't')")
    assert Path(f"{path}-wal").stat().st_size > 0  # the row is only in the WAL so far
    ds = build_datasette(path, live=prepare_store(path))
    assert [r["article_id"] for r in get_json(ds, "/wal/articles.json")] == ["42"]
    with writer:  # a crawl goes on writing while the store is served
        writer.execute("INSERT INTO articles (article_id, url, text) VALUES ('43', 'u2', 't2')")
    assert sorted(r["article_id"] for r in get_json(ds, "/wal/articles.json")) == ["42", "43"]
    writer.close()


def test_a_file_we_cannot_write_is_served_as_an_immutable_snapshot(tmp_path: Path, store: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(store.read_bytes())
    monkeypatch.setattr(serve_module.os, "access", lambda path, mode: mode != os.W_OK)  # root writes anything
    live = prepare_store(copy)
    assert live is False and build_datasette(copy, live).databases["copy"].is_mutable is False
    assert "snapshot" in serve_module.serve_mode(live) and "live" in serve_module.serve_mode(True)


def test_fts_words_quotes_everything() -> None:
    assert fts_words('Lào "Cai" NEAR(*') == '"lao" "cai" "near"'
    assert fts_words("***") == '""' and fts_words(None) == '""'


def test_cli_missing_store_and_busy_port(tmp_path: Path, store: Path) -> None:
    missing = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none.sqlite"), "--port", "1"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--store", str(store), "--port", str(port)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}")
    assert len(result.output.strip().splitlines()) == 1
