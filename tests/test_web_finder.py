"""The web UI's own pages in-process (Datasette's client, no browser): the fact finder, the article
page, the downloads, and the pieces they are made of (marking, place labels). The browser test
(tests/test_browser.py) drives the same pages in Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from outputs_helpers import fact_total, get, served_store

from baodantoc.web.finder import place_label
from baodantoc.web.marking import Span, mark, paragraphs
from baodantoc.web.serve import build_datasette


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return served_store(tmp_path_factory.mktemp("finder") / "bdt.sqlite", articles=120)


@pytest.fixture(scope="module")
def ds(store: Path):
    return build_datasette(store)


def test_home_page_is_the_fact_finder(ds, store: Path) -> None:
    page = get(ds, "/")
    assert page.status_code == 200 and "Tra cứu số liệu" in page.text
    assert page.text.count('class="fact-card"') == min(20, fact_total(store))
    for name in ("search_sentences", "facts_about_place", "people_and_roles", "percent_by_province_year"):
        assert f'/bdt/{name}"' in page.text  # canned queries linked, with their titles
    assert "Số liệu về một địa phương" in page.text


def test_finder_query_and_filters(ds, store: Path) -> None:
    page = get(ds, "/?q=ho+ngheo&kind=percent&limit=5")
    assert page.text.count('class="fact-card"') == min(5, fact_total(store, "ho ngheo", kind="percent"))
    assert 'class="num"' in page.text and 'class="hit"' in page.text
    bad = get(ds, "/?q=ho&section=khong-co")
    assert bad.status_code == 200 and "is not a section of the store" in bad.text


def test_unknown_article_is_404(ds) -> None:
    assert get(ds, "/bai/0000").status_code == 404


def test_article_page_marks_entities_and_facts(ds, store: Path) -> None:
    from baodantoc.store import connect

    db = connect(store)
    aid, n = db.execute("SELECT article_id, count(*) FROM facts GROUP BY article_id ORDER BY 2 DESC").fetchone()
    title = db.execute("SELECT title FROM articles WHERE article_id = ?", (aid,)).fetchone()[0]
    db.close()
    page = get(ds, f"/bai/{aid}")
    assert page.status_code == 200 and title.split()[0] in page.text
    assert page.text.count('<a class="fact"') == n and 'class="ent ent-' in page.text


def test_downloads_csv_and_xlsx(ds, store: Path) -> None:
    import openpyxl

    expected = fact_total(store, "ho ngheo")
    response = get(ds, "/-/facts.csv?q=ho+ngheo")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))) == expected
    response = get(ds, "/-/facts.xlsx?q=ho+ngheo")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert sheet.max_row - 1 == expected
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    assert row[header.index("article_id")].data_type == "s" and row[header.index("published_at")].is_date


def test_every_table_has_an_xlsx_rendering(ds) -> None:
    import openpyxl

    page = get(ds, "/bdt/articles")
    assert ".xlsx" in page.text
    response = get(ds, "/bdt/articles.xlsx?_size=5")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("article_id") + 1)
    assert cell.data_type == "s" and len(cell.value) >= 4  # an id stays text, not 1.55893E+12
    assert sheet.cell(row=2, column=header.index("published_at") + 1).is_date


def test_foreign_keys_label_and_link(ds) -> None:
    page = get(ds, "/bdt/facts?_size=3")
    assert 'href="/bdt/articles/' in page.text and 'href="/bdt/entities/' in page.text
    entity = get(ds, "/bdt/entities.json?type=LOC&_size=1&_shape=array").json()[0]
    row = get(ds, f"/bdt/entities/{entity['entity_id'].replace(':', '~3A')}")
    assert "mentions" in row.text  # links from the mentions that point to it


@pytest.mark.parametrize(("spans", "html"), [
    ([Span(0, 3, "b")], "<b>Lào</b> Cai &lt;x&gt;"),
    ([Span(0, 7, "mark", priority=0), Span(4, 7, "b", priority=1)], "<mark>Lào Cai</mark> &lt;x&gt;"),
    ([Span(4, 7, "b", priority=1), Span(0, 5, "mark", priority=0)], "<mark>Lào C</mark>ai &lt;x&gt;"),
    ([Span(5, 99, "b")], "Lào Cai &lt;x&gt;"),
])
def test_marking_escapes_and_never_overlaps(spans: list[Span], html: str) -> None:
    assert str(mark("Lào Cai <x>", spans)) == html


def test_paragraph_marks_use_whole_text_offsets() -> None:
    text = "Một.\n\nHai ba."
    out = paragraphs(text, [Span(6, 9, "b"), Span(2, 8, "i")], first=0)
    assert [str(p) for p in out] == ["Một.", "<b>Hai</b> ba."]


@pytest.mark.parametrize(("place", "province", "province_2025", "label"), [
    ("tỉnh Lào Cai", "Lào Cai", "Lào Cai", "tỉnh Lào Cai"),
    ("tỉnh Yên Bái", "Yên Bái", "Lào Cai", "tỉnh Yên Bái — tỉnh Lào Cai"),
    ("huyện Mù Cang Chải", "Yên Bái", "Lào Cai", "huyện Mù Cang Chải — tỉnh Lào Cai (trước 2025: Yên Bái)"),
    (None, "Yên Bái", "Lào Cai", "tỉnh Lào Cai (trước 2025: Yên Bái)"),
    (None, None, None, None),
])
def test_place_label_says_each_province_once(place, province, province_2025, label) -> None:
    assert place_label(place, province, province_2025) == label
