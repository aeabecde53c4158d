"""Speed of the fact component against the whole extraction of the same articles, in one run.

    python bench/bench_facts.py [ARTICLES.jsonl] [--rounds 3]

    python bench/bench_facts.py --scale 1000000     # + is the fact component linear? (issue 10)

Articles: any JSONL of {"id", "text"} lines; by default the project's own gold articles
(tests/gold/sample_gold.jsonl, text the team wrote). Each round runs the full default pipeline on
every article (timed per article), then the fact component alone on the finished Docs (so it sees
the same sentences, tokens and mentions it sees in the pipeline). Printed: total and median times,
and the ratio facts / full pipeline — issue 4's target is under 0.10.

``--scale N``: the articles joined into one text of about 10,000 characters and one of about N,
each run through the pipeline once, then the fact component alone timed on both (best of the
rounds); printed: characters/s of each and their ratio. Issue 10's target: the long text at least
half the speed of the short one (the place picker and the period reader look only at a number's
own sentence and the one before).

What this does NOT measure: model loading (a warm-up article runs first), the store, or I/O.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT / "tests" / "gold" / "sample_gold.jsonl"
#: Issue 4: facts must take under this share of a whole article's extraction time.
TARGET_RATIO = 0.10
#: Issue 10: a long text's characters/s at least this share of a 10 KB text's.
TARGET_SCALING = 0.5
SHORT_CHARS = 10_000


def _joined(texts: list[str], size: int) -> str:
    """Articles joined by blank lines (paragraph breaks) up to about ``size`` characters."""
    parts: list[str] = []
    n = 0
    while n < size:
        parts.append(texts[len(parts) % len(texts)])
        n += len(parts[-1]) + 2
    return "\n\n".join(parts)


def scaling(texts: list[str], size: int, rounds: int) -> float:
    """Print the fact component's characters/s on ~10 KB and on ~``size`` characters; return the ratio."""
    from baodantoc.extract.api import default_pipeline
    from baodantoc.extract.facts import find_facts
    from baodantoc.extract.normalize import make_doc

    speeds = []
    for n in (SHORT_CHARS, size):
        text = _joined(texts, n)
        doc = default_pipeline()(make_doc(text))
        best = min(_timed(find_facts, doc) for _ in range(rounds))
        speeds.append(len(text) / best)
        print(f"facts alone on {len(text):>9,} characters: {speeds[-1]:>9,.0f} characters/s ({len(doc.facts):,} facts)")
    ratio = speeds[1] / speeds[0]
    verdict = "met" if ratio >= TARGET_SCALING else "NOT met"
    print(f"long / short = {ratio:.2f}  (target >= {TARGET_SCALING:.2f}: {verdict})")
    return ratio


def _timed(fn: object, doc: object) -> float:
    t0 = time.perf_counter()
    fn(doc)  # type: ignore[operator]
    return time.perf_counter() - t0


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r["text"] for r in rows if isinstance(r.get("text"), str)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scale", type=int, metavar="CHARS", help="also time facts on ~10 KB vs ~CHARS characters")
    args = ap.parse_args(argv)
    from baodantoc.extract.api import default_pipeline
    from baodantoc.extract.facts import find_facts
    from baodantoc.extract.normalize import make_doc

    texts = _texts(args.articles)
    if not texts:
        print(f"no articles in {args.articles}", file=sys.stderr)
        return 1
    pipeline = default_pipeline()
    pipeline(make_doc(texts[0]))  # warm-up: models load lazily
    full_ms: list[float] = []
    fact_ms: list[float] = []
    for _ in range(args.rounds):
        docs = []
        for text in texts:
            t0 = time.perf_counter()
            docs.append(pipeline(make_doc(text)))
            full_ms.append((time.perf_counter() - t0) * 1000)
        for doc in docs:
            t0 = time.perf_counter()
            find_facts(doc)
            fact_ms.append((time.perf_counter() - t0) * 1000)
    chars = sum(len(t) for t in texts) * args.rounds
    ratio = sum(fact_ms) / sum(full_ms)
    print(f"articles: {len(texts)} x {args.rounds} rounds, {chars:,} characters ({args.articles.name})")
    print(f"pipeline components: {', '.join(pipeline.names)}")
    print(f"full pipeline  median {statistics.median(full_ms):7.2f} ms/article  total {sum(full_ms) / 1000:.2f} s")
    print(f"facts alone    median {statistics.median(fact_ms):7.2f} ms/article  total {sum(fact_ms) / 1000:.2f} s")
    print(f"facts / full pipeline = {ratio:.3f}  (target < {TARGET_RATIO:.2f}: {'met' if ratio < TARGET_RATIO else 'NOT met'})")
    if args.scale:
        scaling(texts, args.scale, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
