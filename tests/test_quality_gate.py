"""The quality gate on the project's own gold: every file in tests/gold/ pinned and floored.

The cases are the files on disk, not the entries of tests/eval_baseline.json: deleting an entry,
or adding a gold file without one, fails here by name instead of shrinking the gate. Each entry
pins the file's sha256 and floors EVERY measure that applies to it (tests/quality_measures.py
lists them); a measure without a floor, or a floor on a measure the file does not have, fails
too. How to set and raise floors: the "_doc" of tests/eval_baseline.json. The gate on
../shared/eval is tests/test_shared_eval_gate.py.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from quality_measures import (
    BASELINE_PATH,
    GOLD_DIR,
    ROOT,
    below_floors,
    load_jsonl,
    measure,
    predict,
    sha256,
)

GOLD_FILES = sorted(p.relative_to(ROOT).as_posix() for p in GOLD_DIR.glob("*.jsonl"))


def _baseline() -> dict[str, Any]:
    assert BASELINE_PATH.exists(), f"{BASELINE_PATH.relative_to(ROOT)} is missing: without it nothing is gated"
    return json.loads(BASELINE_PATH.read_text(encoding="utf-8"))


def _entry(gold: str) -> dict[str, Any]:
    entries = _baseline().get("gold") or {}
    assert gold in entries, (f"{gold} has no entry in tests/eval_baseline.json: pin its sha256 and floor its "
                             "measures (see the file's _doc), or the gate silently ignores it")
    return entries[gold]


def test_the_gate_is_not_empty() -> None:
    assert GOLD_FILES, f"no gold file in {GOLD_DIR}: the gate would measure nothing"
    entries = _baseline().get("gold") or {}
    assert entries, "tests/eval_baseline.json gates no gold file"
    assert all(spec.get("floors") for spec in entries.values()), "an entry without floors gates nothing"


def test_every_entry_names_a_gold_file_that_exists() -> None:
    stale = sorted(set(_baseline().get("gold") or {}) - set(GOLD_FILES))
    assert not stale, f"entries for files that are not in tests/gold/: {stale} (remove or rename them)"


@pytest.mark.parametrize("gold", GOLD_FILES)
def test_gold_file_is_the_one_the_floors_were_set_on(gold: str) -> None:
    assert sha256(ROOT / gold) == _entry(gold).get("sha256"), (
        f"{gold} changed: re-measure with `.venv/bin/python tests/quality_measures.py` and update its sha256, "
        "measured scores and floors in tests/eval_baseline.json in the same commit")


@pytest.mark.parametrize("gold", GOLD_FILES)
def test_entry_is_well_formed(gold: str) -> None:
    spec = _entry(gold)
    floors = spec.get("floors")
    assert isinstance(floors, dict) and floors, f"{gold}: no floors"
    bad = {k: v for k, v in floors.items() if not (isinstance(v, (int, float)) and 0 < v <= 1 and math.isfinite(v))}
    assert not bad, f"{gold}: floors must be shares in (0, 1]: {bad}"
    # the types are those the gold annotates: a type left out would go unmeasured, one too many
    # would count every prediction of it as an error
    annotated = {e["type"] for doc in load_jsonl(ROOT / gold).values() for e in doc.get("entities", [])}
    assert set(spec.get("types", [])) == annotated, f"{gold}: types {spec.get('types')} but the gold annotates {sorted(annotated)}"


@pytest.mark.parametrize("gold", GOLD_FILES)
def test_scores_stay_above_their_floors(gold: str) -> None:
    spec = _entry(gold)
    if sha256(ROOT / gold) != spec.get("sha256"):
        pytest.fail(f"{gold} changed since its floors were set: not comparing (see the hash test)")
    scores = measure(load_jsonl(ROOT / gold), predict(ROOT / gold), tuple(spec["types"]))
    unfloored = sorted(set(scores) - set(spec["floors"]))
    assert not unfloored, (f"{gold}: measures without a floor in tests/eval_baseline.json: "
                           f"{ {k: round(scores[k], 4) for k in unfloored} }")
    below = below_floors(scores, spec["floors"])
    assert not below, f"{gold}: below the floors of tests/eval_baseline.json: {below}"
