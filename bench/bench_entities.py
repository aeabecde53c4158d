"""Entity-stage speed and memory against raw underthesea.ner, on the same text, in one process.

    python bench/bench_entities.py [GOLD.jsonl ...]

The entity stage is everything up to entity ids (normalization, sentences, word segmentation,
recognition, attributes, linking) — not facts. Texts default to the project's own gold articles.
Prints characters per second (median of repeated rounds), the ratio to underthesea.ner, and the
peak resident memory of the process. Issue 3 target: >= 25,000 chars/s on one core, < 1 GiB.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baodantoc.extract.api import default_components  # noqa: E402
from baodantoc.extract.baseline import underthesea_entities  # noqa: E402
from baodantoc.extract.normalize import make_doc  # noqa: E402
from baodantoc.extract.pipeline import Pipeline  # noqa: E402

ROUNDS = 5


def load_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def chars_per_second(fn, texts: list[str]) -> float:
    """Median over rounds of characters processed per second."""
    total = sum(len(t) for t in texts)
    speeds = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        speeds.append(total / (time.perf_counter() - t0))
    return statistics.median(speeds)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [ROOT / "tests/gold/sample_gold.jsonl", ROOT / "tests/gold/news_gold.jsonl"]
    texts = load_texts(paths)
    entity_stage = Pipeline([c for c in default_components() if c.name != "facts"])
    entity_stage(make_doc(texts[0]))  # load models before timing
    underthesea_entities(texts[0])
    ours = chars_per_second(lambda t: entity_stage(make_doc(t)), texts)
    theirs = chars_per_second(underthesea_entities, texts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {len(texts)} ({sum(map(len, texts)):,} characters), median of {ROUNDS} rounds")
    print(f"baodantoc entity stage: {ours:>9,.0f} chars/s")
    print(f"underthesea.ner:        {theirs:>9,.0f} chars/s")
    print(f"ratio:                  {ours / theirs:>9.2f}x   (target: >= 25,000 chars/s)")
    print(f"peak memory (process):  {peak_mib:>9,.0f} MiB (target: < 1,024)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
