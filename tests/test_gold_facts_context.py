"""Validate the fact-context gold (tests/gold/facts_context_gold.jsonl): team-written texts in the
paper's style, each fact with where and when by the guideline's "Fact context" conventions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baodantoc.extract.gazetteer import gazetteer_key, load_gazetteer
from baodantoc.records import FACT_KINDS

GOLD = Path(__file__).resolve().parent / "gold" / "facts_context_gold.jsonl"
ROWS = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
FACTS = [(row["id"], row, f) for row in ROWS for f in row["facts"]]
LEVELS = {"province", "district", "commune", "village", "country", "region", "other", None}
#: the period formats of the guideline: a year, a range, a month, months, an open end or start, now
PERIOD = re.compile(r"^(?:\d{4}(?:-\d\d)?(?:/(?:\d{4}(?:-\d\d)?|now|\.\.))?|\.\./(?:now|\d{4}(?:-\d\d(?:-\d\d)?)?))$")


def test_ids_are_unique_and_every_line_has_facts() -> None:
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert all(r["facts"] for r in ROWS)


@pytest.mark.parametrize(("doc_id", "row", "fact"), FACTS, ids=[f"{d}:{f['text']}" for d, _, f in FACTS])
def test_fact(doc_id: str, row: dict, fact: dict) -> None:
    assert fact["text"] in row["text"]
    assert fact["kind"] in FACT_KINDS
    assert fact["place_level"] in LEVELS
    assert fact["period"] is None or PERIOD.match(fact["period"]), fact["period"]
    if fact["province"] is not None:
        assert load_gazetteer().province(gazetteer_key(fact["province"])) is not None
    if fact["place_level"] in ("province", "district", "commune", "village"):
        assert fact["province"], "a place in Vietnam always has its province"
    if fact["place_level"] in ("country", "region", "other", None):
        assert fact["province"] is None
    if fact["place"] is not None and fact["place_level"] not in ("country", "region"):
        assert fact["place"].lower() in row["text"].lower()
