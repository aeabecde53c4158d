"""Saved pages and their expected records, compared field by field (as Fundus tests its parsers).

Each ``tests/fixtures/pages/<layout>_<YYYY_MM_DD>.html.gz`` has a ``.json`` with the URL, the fetch
instant, the Content-Type and the ``expected`` record fields (empty fields are left out). The
fixtures are produced by ``scripts/generate_parser_fixtures.py``, which writes what the parsers
give today: a snapshot, until someone reads it against the page. So every fixture carries a
``reviewed`` note (who, when, how, what was found) with the sha256 of the ``expected`` it
reviewed; a regenerated ``expected`` fails here until it has been read again (tests/README.md).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest

from baodantoc.crawler.layouts import LAYOUTS, parse_page
from baodantoc.crawler.validate import problem
from baodantoc.records import CONTENT_FIELDS, Article

PAGES = Path(__file__).parent / "fixtures" / "pages"
FIXTURES = sorted(p.name.removesuffix(".json") for p in PAGES.glob("*.json"))
#: Fields compared when present in "expected" and required to be empty when absent from it.
COMPARED = (*CONTENT_FIELDS, "article_id", "text", "layout", "extraction", "alternate_urls")


def _load(name: str) -> tuple[dict, dict]:
    doc = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    record = parse_page((PAGES / f"{name}.html.gz").read_bytes(), doc["url"], content_type=doc["content_type"] or None,
                        fetched_at=datetime.fromisoformat(doc["fetched_at"])).to_dict()
    return doc, record


def test_there_is_a_fixture_for_every_layout() -> None:
    assert {name.rsplit("_", 3)[0] for name in FIXTURES} == set(LAYOUTS)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_names_follow_layout_and_date(name: str) -> None:
    layout, _, date = name.partition("_")
    assert layout in LAYOUTS
    datetime.strptime(date, "%Y_%m_%d")
    assert (PAGES / f"{name}.html.gz").exists()


@pytest.mark.parametrize("name", FIXTURES)
def test_expected_values_are_never_empty(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))["expected"]
    empty = [k for k, v in expected.items() if v in (None, "", [], {})]
    assert not empty, f"{name}: empty expected values {empty}: leave a field out instead"
    assert set(expected) <= set(COMPARED), f"{name}: unknown fields {set(expected) - set(COMPARED)}"


@pytest.mark.parametrize("name", FIXTURES)
def test_parsed_record_matches_expected_field_by_field(name: str) -> None:
    doc, record = _load(name)
    expected = doc["expected"]
    assert record["layout"] == name.split("_")[0]
    for field in COMPARED:
        if field in expected:
            assert record[field] == expected[field], f"{name}: field {field!r} differs"
        else:
            assert record.get(field) in (None, "", [], {}), f"{name}: {field!r} has a value the fixture does not expect"
    assert problem(Article.from_dict(record)) is None, f"{name}: the crawler would skip this page"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_field_a_layout_offers_has_an_expected_value(layout: str) -> None:
    covered: set[str] = set()
    for name in FIXTURES:
        if name.split("_")[0] == layout:
            covered |= set(json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))["expected"])
    missing = LAYOUTS[layout].offered_fields() - covered
    assert not missing, f"layout {layout} offers {sorted(missing)} but no fixture expects a value for them"


@pytest.mark.parametrize("name", FIXTURES)
def test_text_is_title_sapo_body_joined_by_blank_lines(name: str) -> None:
    _, record = _load(name)
    assert record["text"] == "\n\n".join(p for p in (record["title"], record["sapo"], record["body"]) if p)


REVIEW_KEYS = {"by", "on", "how", "findings", "expected_sha256"}


def expected_sha256(expected: dict) -> str:
    """The digest a review note records: of the expected fields, canonically serialized."""
    return hashlib.sha256(json.dumps(expected, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_was_reviewed_against_its_page(name: str) -> None:
    doc = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    note = doc.get("reviewed")
    assert isinstance(note, dict) and set(note) >= REVIEW_KEYS and all(note[k] for k in REVIEW_KEYS), (
        f"{name}: no review note: read every expected field against the page, then add "
        f"'reviewed' with {sorted(REVIEW_KEYS)} (tests/README.md)")
    datetime.strptime(note["on"], "%Y-%m-%d")
    assert note["expected_sha256"] == expected_sha256(doc["expected"]), (
        f"{name}: 'expected' changed since it was reviewed on {note['on']}: read the changed fields against the "
        "page, then update the note (by, on, findings, expected_sha256)")


def test_the_generic_fallback_reads_the_byline_printed_beside_the_date() -> None:
    """Regression (issue 9): the redesigned page prints 'Hồ Lài - Văn Quân' beside the date."""
    _, record = _load("generic_2024_09_23")
    assert record["author"] == ["Hồ Lài", "Văn Quân"]
