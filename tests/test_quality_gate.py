"""The quality gate: the extractor must stay above its floors on the project's own gold.

Floors and the hash of each gold file live in tests/eval_baseline.json (as trafilatura keeps its
eval baseline). The gold is text the team wrote and annotated by the shared guideline; what the
scores do not measure is written in extract/evaluation.py.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from baodantoc.jobs.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((ROOT / "tests/eval_baseline.json").read_text(encoding="utf-8"))
GOLD_FILES = [k for k in BASELINE if not k.startswith("_")]


@pytest.mark.parametrize("gold", GOLD_FILES)
def test_gold_file_is_the_one_the_floors_were_set_on(gold: str) -> None:
    digest = hashlib.sha256((ROOT / gold).read_bytes()).hexdigest()
    assert digest == BASELINE[gold]["sha256"], (
        f"{gold} changed: re-measure with `baodantoc evaluate {gold}` and update its floors and sha256 "
        "in tests/eval_baseline.json in the same commit")


def _score(system: dict, key: str) -> float:
    """F1 of a score row, or for "context:<aspect>" the fact-context accuracy (province, period)."""
    if key.startswith("context:"):
        return system["context"][key.split(":", 1)[1]]["accuracy"]
    return system["scores"][key]["f1"]


@pytest.mark.parametrize("gold", GOLD_FILES)
def test_scores_stay_above_their_floors(gold: str) -> None:
    spec = BASELINE[gold]
    result = evaluate(ROOT / gold, tuple(spec["types"]), baseline=False)
    system = result["systems"]["baodantoc"]
    below = {k: round(_score(system, k), 3) for k, floor in spec["floors"].items() if _score(system, k) < floor}
    assert not below, f"below the floors of tests/eval_baseline.json: {below} (floors {spec['floors']})"
