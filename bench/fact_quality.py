"""Fact quality on a gold file: F1 per kind, unit agreement, subject head accuracy.

Runs the extractor (the same ``annotate_text`` as ``baodantoc annotate``) on the gold texts unless a
prediction file is given, then prints the scorer's fact lines, the unit agreement on matched facts
and the share of gold subject heads found (definitions: :mod:`baodantoc.extract.facts.quality`).

Usage: python bench/fact_quality.py GOLD.jsonl [--pred PRED.jsonl] [--list]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from baodantoc.extract.evaluation import score
from baodantoc.extract.facts.quality import subject_heads, unit_agreement


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return {d["id"]: d for d in (json.loads(line) for line in fh if line.strip())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", type=Path, help="predictions (JSONL); default: run the extractor")
    ap.add_argument("--list", action="store_true", help="print every unit and head disagreement")
    args = ap.parse_args(argv)
    gold = _load(args.gold)
    if args.pred:
        pred = _load(args.pred)
    else:
        from baodantoc.extract.api import annotate_text

        pred = {i: annotate_text(d["text"], i, {k: d[k] for k in ("published_at",) if k in d})
                for i, d in gold.items()}
    scores = score(gold, pred, types=())
    for key, c in sorted(scores.counts.items()):
        if key.startswith("F:"):
            print(f"{key:12s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}  (tp={c.tp} fp={c.fp} fn={c.fn})")
    total = scores.total("F:")
    print(f"{'FACT':12s} P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f}")
    counts, wrong_units = unit_agreement(gold, pred)
    kinds = sorted({k.split(":")[0] for k in counts})
    matched = sum(counts[f"{k}:matched"] for k in kinds)
    agree = sum(counts[f"{k}:agree"] for k in kinds)
    for k in kinds:
        print(f"UNIT {k:9s} {counts[f'{k}:agree'] / counts[f'{k}:matched']:.3f}  "
              f"({counts[f'{k}:agree']}/{counts[f'{k}:matched']})")
    print(f"UNIT all       {agree / matched if matched else 0:.3f}  ({agree}/{matched})")
    right, n, wrong_heads = subject_heads(gold, pred)
    if n:
        print(f"SUBJECT head   {right / n:.3f}  ({right}/{n})")
    if args.list:
        for row in wrong_units:
            print("unit", *row, sep="\t")
        for row in wrong_heads:
            print("head", *row, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
