"""``baodantoc evaluate``: our extractor and raw underthesea, scored on the same gold file.

Gold lines are ``{"id", "text", "entities": [{"type","text"[, "start","end"]}], "facts": [...]}``.
Scores are document level for entities (and mention level where gold has offsets) and per fact
kind; see :mod:`baodantoc.extract.evaluation` for the exact rules and for what they do not measure.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract.evaluation import Counts, Scores, score

log = logging.getLogger(__name__)


class GoldFileError(ValueError):
    """The gold file cannot be read; the message names the line."""


def load_gold(path: Path) -> dict[Any, dict[str, Any]]:
    """Gold documents keyed by id; a malformed line is an error (gold must be exact).

    Checked here, with the line number, is everything the scorer indexes without a default: it
    would otherwise stop on the first such line with a KeyError or TypeError traceback. A repeated
    id is an error too, since the later line would silently replace the earlier one.
    """
    gold: dict[Any, dict[str, Any]] = {}
    with path.open("rb") as fh:  # bytes: a line that is not UTF-8 is reported with its number
        for lineno, raw in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise GoldFileError(f"{where}: invalid UTF-8 at byte {exc.start}") from exc
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFileError(f"{where}: invalid JSON ({exc.msg})") from exc
            problem = _gold_problem(obj)
            if problem:
                raise GoldFileError(f"{where}: {problem}")
            if obj["id"] in gold:
                raise GoldFileError(f"{where}: id {obj['id']!r} is used by an earlier line")
            gold[obj["id"]] = obj
    if not gold:
        raise GoldFileError(f"{path}: no gold documents")
    return gold


def _gold_problem(obj: Any) -> str | None:
    """What makes one parsed gold line unusable, or None."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
        return 'each line needs "id" and a string "text"'
    if not isinstance(obj["id"], (str, int, float)):
        return f'"id" must be a string or a number, not {type(obj["id"]).__name__}'
    entities, facts = obj.get("entities", []), obj.get("facts", [])
    if not isinstance(entities, list) or not isinstance(facts, list):
        return '"entities" and "facts" must be lists'
    for e in entities:
        if not isinstance(e, dict) or not isinstance(e.get("type"), str) or not isinstance(e.get("text"), str):
            return f'each entity needs a string "type" and "text": {e!r}'
        if ("start" in e) != ("end" in e):
            return f'an entity with "start" needs "end", and the other way round: {e!r}'
    for f in facts:
        if not isinstance(f, dict) or "kind" not in f or "value" not in f:
            return f'each fact needs "kind" and "value": {f!r}'
    return None


@dataclass
class SystemRun:
    """Predictions of one system on the gold texts, with its speed."""

    name: str
    predictions: dict[Any, dict[str, Any]]
    seconds: float
    characters: int

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


#: what a gold line may tell the extractor besides its text (as ``annotate`` passes it on): the
#: publication date resolves "năm nay" and is the fallback period
GOLD_META = ("published_at",)


def run_system(name: str, gold: dict[Any, dict[str, Any]],
               predict: Callable[[str, Any, dict[str, Any]], dict[str, Any]],
               on_progress: Callable[[int], None] | None = None) -> SystemRun:
    """``predict(text, id, meta)`` over every gold text, timed after one warm-up call so that the
    speed compares the systems and not their model loading."""
    preds: dict[Any, dict[str, Any]] = {}
    chars = 0
    predict("Ông Nguyễn Văn An về Hà Nội.", "warm-up", {})  # load models first: speed is measured warm
    t0 = time.perf_counter()
    for doc_id, g in gold.items():
        preds[doc_id] = predict(g["text"], doc_id, {k: g[k] for k in GOLD_META if isinstance(g.get(k), str)})
        chars += len(g["text"])
        if on_progress:
            on_progress(1)
    return SystemRun(name, preds, time.perf_counter() - t0, chars)


def ours(text: str, doc_id: Any, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    from ..extract.api import annotate_text

    return annotate_text(text, doc_id=doc_id, meta=meta)


def underthesea_baseline(text: str, doc_id: Any, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    from ..extract.baseline import underthesea_entities

    return {"id": doc_id, "entities": underthesea_entities(text), "facts": []}


def score_rows(scores: Scores, types: Iterable[str]) -> list[tuple[str, Counts]]:
    """Rows in display order: each type, ENT, mention rows, MENTION, fact kinds, FACT."""
    types = list(types)
    rows: list[tuple[str, Counts]] = [(t, scores.counts[t]) for t in types if t in scores.counts]
    rows.append(("ENT (document)", scores.total(keys=types)))
    m_keys = [f"M:{t}" for t in types if f"M:{t}" in scores.counts]
    if m_keys:
        rows += [(k, scores.counts[k]) for k in m_keys]
        rows.append(("MENTION", scores.total(keys=m_keys)))
    f_keys = sorted(k for k in scores.counts if k.startswith("F:"))
    if f_keys:
        rows += [(k, scores.counts[k]) for k in f_keys]
        rows.append(("FACT", scores.total(prefix="F:")))
    return [(k, c) for k, c in rows if c.tp + c.fp + c.fn]


def evaluate(path: Path, types: tuple[str, ...], baseline: bool = True, keep_errors: bool = False,
             on_progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Score our extractor (and raw underthesea) on a gold file; returns a JSON-able summary."""
    gold = load_gold(path)
    runs = [run_system("baodantoc", gold, ours, on_progress)]
    if baseline:
        runs.append(run_system("underthesea", gold, underthesea_baseline, on_progress))
    result: dict[str, Any] = {"gold": str(path), "documents": len(gold), "types": list(types), "systems": {}}
    for run in runs:
        sc = score(gold, run.predictions, types=types, keep_errors=keep_errors and run.name == "baodantoc")
        result["systems"][run.name] = {
            "chars_per_second": round(run.chars_per_second),
            "scores": {k: {"p": c.precision, "r": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
                       for k, c in score_rows(sc, types)},
        }
        if keep_errors and run.name == "baodantoc":
            result["errors"] = [list(e) for e in sc.errors]
        context, wrong = context_scores(gold, run.predictions)
        if context:
            result["systems"][run.name]["context"] = context
            if keep_errors and run.name == "baodantoc":
                result.setdefault("errors", []).extend([w[0], f"CTX:{w[1]}", *map(str, w[2:])] for w in wrong)
    return result


def context_scores(gold: dict[Any, dict[str, Any]], predictions: dict[Any, dict[str, Any]]
                   ) -> tuple[dict[str, Any], list[tuple]]:
    """Where and when, on gold that says it (see ``extract/facts/quality.py``): per aspect the
    number right, the number scored and their ratio ({} for gold without fact context); and the
    wrong ones."""
    from ..extract.facts.quality import fact_context

    counts, wrong = fact_context(gold, predictions)
    scores = {k: {"right": counts[k], "total": counts[f"{k}:n"], "accuracy": counts[k] / counts[f"{k}:n"]}
              for k in ("province", "period", "head") if counts[f"{k}:n"]}
    return scores, wrong
