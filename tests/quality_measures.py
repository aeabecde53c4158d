"""The measures of the quality gate (tests/test_quality_gate.py), and a command that prints them.

Predictions come from the ``baodantoc annotate`` contract (:func:`baodantoc.jobs.annotate.annotate_stream`,
so the gate scores exactly what a user's ``annotate`` run writes). Measures, each a share in 0..1:

==============================  ==========================================================  =====================
name                            what                                                        applies when
==============================  ==========================================================  =====================
``PER`` ``ORG`` ``LOC`` ``ETH``  document-level entity F1 of the type                        gold or prediction has it
``ENT``                         document-level entity F1 over the file's types              the file has entities
``M:PER`` ... ``MENTION``       mention-level F1 (exact type + span), per type and overall  gold has offsets
``FACT``                        fact F1 (kind, value within 0.5%)                           gold has facts
``UNIT``                        unit agreement on matched facts                             gold has facts
``SUBJECT_HEAD``                subject head right, over gold facts with a ``head``         gold facts have heads
``PROVINCE`` ``PERIOD``         fact context (../shared/eval/score_factctx.py)              a fact-context file
``PROVINCE`` ``PERIOD``         fact context (extract/facts/quality.py ``fact_context``)    gold facts have a period
==============================  ==========================================================  =====================

Definitions are those of :mod:`baodantoc.extract.evaluation` and :mod:`baodantoc.extract.facts.quality`
(and, for the fact context of ../shared/eval, the shared scorer itself, run as a program: nothing of
it is copied here). A measure that does not apply to a file is simply absent from its scores.

    .venv/bin/python tests/quality_measures.py              # today's scores against the floors
    .venv/bin/python tests/quality_measures.py --shared     # ... also on ../shared/eval (~3 min)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE_PATH = ROOT / "tests" / "eval_baseline.json"
GOLD_DIR = ROOT / "tests" / "gold"
#: Where ../shared/eval is looked for when BAODANTOC_SHARED_EVAL is not set: beside the clone, as CI has it.
DEFAULT_SHARED_EVAL = ROOT.parent / "shared" / "eval"

Docs = Mapping[Any, Mapping[str, Any]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_baseline(path: Path = BASELINE_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def shared_eval_dir() -> Path:
    """The folder of the shared evaluation data: $BAODANTOC_SHARED_EVAL, else ../shared/eval beside
    the clone, else beside the repository this one was cloned from (a CI clone in a scratch folder
    of a checkout that has ../shared/eval next to it)."""
    env = os.environ.get("BAODANTOC_SHARED_EVAL")
    if env:
        return Path(env)
    if DEFAULT_SHARED_EVAL.exists():
        return DEFAULT_SHARED_EVAL
    origin = _local_origin()
    return origin.parent / "shared" / "eval" if origin is not None else DEFAULT_SHARED_EVAL


def _local_origin() -> Path | None:
    """The folder of the ``origin`` remote when it is a local path, else None."""
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True,
                             text=True, check=False, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url and "://" not in url.replace("file://", "") else None
    return path if path is not None and path.is_dir() else None


def load_jsonl(path: Path) -> dict[Any, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {d["id"]: d for d in (json.loads(line) for line in fh if line.strip())}


@cache
def _annotated(path: Path, digest: str) -> str:
    """The ``annotate`` output of a JSONL file (cached per content: the gate reads each file once)."""
    from baodantoc.jobs.annotate import annotate_stream

    out = io.StringIO()
    with path.open("rb") as src:
        annotate_stream(src, out)
    return out.getvalue()


def predict(path: Path) -> dict[Any, dict[str, Any]]:
    """What ``baodantoc annotate PATH`` writes, keyed by id."""
    text = _annotated(path, sha256(path))
    return {d["id"]: d for d in map(json.loads, text.splitlines())}


def _share(right: int, total: int) -> float:
    return right / total if total else 0.0


def measure(gold: Docs, pred: Docs, types: tuple[str, ...]) -> dict[str, float]:
    """Every measure of the table above that applies to ``gold``, by name."""
    from baodantoc.extract.evaluation import score
    from baodantoc.extract.facts.quality import fact_context, subject_heads, unit_agreement

    scores = score(gold, pred, types=types)
    out: dict[str, float] = {}
    for t in types:
        c = scores.counts.get(t)
        if c is not None and c.tp + c.fp + c.fn:
            out[t] = c.f1
    if any(e.get("type") in types for g in gold.values() for e in g.get("entities", [])):
        out["ENT"] = scores.total(keys=types).f1
    m_keys = [f"M:{t}" for t in types if f"M:{t}" in scores.counts]
    for k in m_keys:
        c = scores.counts[k]
        if c.tp + c.fp + c.fn:
            out[k] = c.f1
    if m_keys:
        out["MENTION"] = scores.total(keys=m_keys).f1
    if any(g.get("facts") for g in gold.values()):
        out["FACT"] = scores.total(prefix="F:").f1
        counts, _ = unit_agreement(gold, pred)
        matched = sum(v for k, v in counts.items() if k.endswith(":matched"))
        agree = sum(v for k, v in counts.items() if k.endswith(":agree"))
        out["UNIT"] = _share(agree, matched)
        right, total, _ = subject_heads(gold, pred)
        if total:
            out["SUBJECT_HEAD"] = _share(right, total)
    if any("period" in f for g in gold.values() for f in g.get("facts", [])):  # where and when (issue 11)
        context, _ = fact_context(gold, pred)
        out["PROVINCE"] = _share(context["province"], context["province:n"])
        out["PERIOD"] = _share(context["period"], context["period:n"])
    return out


#: What the shared fact-context scorer prints: "... province 0.812 (...); period 0.700".
_FACTCTX_LINE = re.compile(r"province (?P<PROVINCE>[\d.]+) .*period (?P<PERIOD>[\d.]+)")


def factctx_measures(scorer: Path, gold: Path, predictions: Docs) -> dict[str, float]:
    """PROVINCE and PERIOD as ../shared/eval/score_factctx.py prints them for ``predictions``."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        for p in predictions.values():
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    try:
        proc = subprocess.run([sys.executable, str(scorer), str(gold), fh.name], capture_output=True,
                              text=True, timeout=300, check=True)
    finally:
        os.unlink(fh.name)
    m = _FACTCTX_LINE.search(proc.stdout)
    if m is None:
        raise RuntimeError(f"{scorer.name} printed no province/period line: {proc.stdout[-500:]!r}")
    return {k: float(v) for k, v in m.groupdict().items()}


def measure_entry(path: Path, spec: Mapping[str, Any], shared: Path | None = None) -> dict[str, float]:
    """Today's measures of one baseline entry (``shared``: the folder of a ../shared/eval entry)."""
    types = tuple(spec.get("types", ()))
    if "factctx_of" in spec:  # fact context: gold without text, scored on the predictions of its text file
        assert shared is not None
        text_file = shared / spec["factctx_of"]
        return factctx_measures(shared / spec["scorer"], path, predict(text_file))
    return measure(load_jsonl(path), predict(path), types)


def below_floors(scores: Mapping[str, float], floors: Mapping[str, float]) -> dict[str, str]:
    """Measures under their floor (or missing), as "score < floor" for the failure message."""
    out = {}
    for name, floor in floors.items():
        got = scores.get(name)
        if got is None:
            out[name] = f"not measured (< {floor})"
        elif got < floor:
            out[name] = f"{got:.3f} < {floor}"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Print the quality gate's measures next to their floors.")
    ap.add_argument("--shared", action="store_true", help="also measure ../shared/eval (slow)")
    args = ap.parse_args(argv)
    baseline = load_baseline()
    entries = [(ROOT / name, spec, None) for name, spec in baseline["gold"].items()]
    if args.shared:
        folder = shared_eval_dir()
        entries += [(folder / name, spec, folder) for name, spec in baseline["shared"].items()]
    for path, spec, shared in entries:
        scores = measure_entry(path, spec, shared)
        pinned = "pinned" if sha256(path) == spec.get("sha256") else "CHANGED since pinned"
        print(f"{path.name}  ({pinned})")
        for name in sorted(set(scores) | set(spec.get("floors", {}))):
            floor = spec.get("floors", {}).get(name)
            got = scores.get(name)
            mark = "" if floor is None or (got is not None and got >= floor) else "  BELOW"
            print(f"  {name:14s} {'-' if got is None else f'{got:.4f}':>6s}   floor {floor if floor is not None else '-'}{mark}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
