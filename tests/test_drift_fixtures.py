"""The generic layer on markup nobody here wrote a layout for: the drift fixtures, field by field.

``tests/fixtures/drift/<name>.html.gz`` is one of the paper's articles as another CMS (or a later
generation of the paper's own) would serve it: WordPress, AMP, a print view, a JavaScript app shell,
metadata only, a newer VietNamNet, a body split by ads, a 2012 table layout in windows-1258, NFD
text, an interview, a photo story... Its ``.json`` holds what the record must say, taken from the
article's content and written by hand where the content does not say it (authors, source), never
from the parser (``scripts/generate_drift_fixtures.py``). No layout of ours matches these pages.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from baodantoc.crawler.layouts import parse_page
from baodantoc.crawler.validate import problem
from baodantoc.records import Article

DRIFT = Path(__file__).parent / "fixtures" / "drift"
FIXTURES = sorted(p.name.removesuffix(".json") for p in DRIFT.glob("*.json"))
#: Fields compared; a field the fixture leaves out must come back empty (no invented values).
COMPARED = ("title", "sapo", "author", "source", "published_at", "section", "section_path", "tags", "body")


def _load(name: str) -> tuple[dict, dict]:
    doc = json.loads((DRIFT / f"{name}.json").read_text(encoding="utf-8"))
    record = parse_page((DRIFT / f"{name}.html.gz").read_bytes(), doc["url"], content_type=doc["content_type"],
                        fetched_at=datetime.fromisoformat(doc["fetched_at"])).to_dict()
    return doc, record


def test_there_are_at_least_twenty_drift_fixtures() -> None:
    assert len(FIXTURES) >= 20


@pytest.mark.parametrize("name", FIXTURES)
def test_no_layout_of_ours_reads_the_page(name: str) -> None:
    _, record = _load(name)
    assert record["layout"] == "generic"


@pytest.mark.parametrize("name", FIXTURES)
def test_drifted_page_matches_expected_field_by_field(name: str) -> None:
    doc, record = _load(name)
    expected = doc["expected"]
    for field in COMPARED:
        if field in expected:
            assert record[field] == expected[field], f"{name}: field {field!r} differs"
        else:
            assert record[field] in (None, "", []), f"{name}: {field!r} has a value the fixture does not expect"
    assert problem(Article.from_dict(record)) is None, f"{name}: the crawler would skip this page"
