"""Entity-stage speed and memory against raw underthesea.ner, on the same text, in one process.

    python bench/bench_entities.py [TEXTS.jsonl ...]     # e.g. ../shared/eval/bdt_dev.jsonl

The entity stage is everything up to entity ids (normalization, sentences, word segmentation,
recognition, attributes, linking) — not facts. Texts default to paper-like text: the sample
site's 48 articles whole (title, sapo, body, captions and credits; 2,000 characters on average,
many names and numbers), written in the paper's style; a JSON Lines file with a "text" per line
(the paper's real text) can be given instead. Prints characters per CPU second of this process
(one core; the median of repeated rounds, each starting with empty caches, so it is the speed of
a first reading), the ratio to underthesea.ner, and the peak resident memory of the process.
Targets: >= 60,000 chars/s per core on the paper's text (issue 11), < 1 GiB.
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
from baodantoc.extract.segment import load_segmenter  # noqa: E402

ROUNDS = 5


def load_texts(paths: list[Path]) -> list[str]:
    if not paths:
        from baodantoc.crawler.sample_site.content import article_text, load_articles

        return [article_text(a) for a in load_articles()]
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def chars_per_second(fn, texts: list[str], before_round=lambda: None) -> float:
    """Median over rounds of characters processed per CPU second (the machine is shared: wall
    time would measure the neighbours)."""
    total = sum(len(t) for t in texts)
    speeds = []
    for _ in range(ROUNDS):
        before_round()
        t0 = time.process_time()
        for t in texts:
            fn(t)
        speeds.append(total / (time.process_time() - t0))
    return statistics.median(speeds)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv]
    texts = load_texts(paths)
    entity_stage = Pipeline([c for c in default_components() if c.name != "facts"])
    entity_stage(make_doc(texts[0]))  # load models before timing
    underthesea_entities(texts[0])
    ours = chars_per_second(lambda t: entity_stage(make_doc(t)), texts, load_segmenter().clear_caches)
    theirs = chars_per_second(underthesea_entities, texts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    source = ", ".join(str(p) for p in paths) or "the sample site's articles (paper-like)"
    print(f"texts: {len(texts)} from {source} ({sum(map(len, texts)):,} characters), median of {ROUNDS} rounds")
    print(f"baodantoc entity stage: {ours:>9,.0f} chars per CPU second")
    print(f"underthesea.ner:        {theirs:>9,.0f} chars per CPU second")
    print(f"ratio:                  {ours / theirs:>9.2f}x   (target: >= 60,000 chars/s per core)")
    print(f"peak memory (process):  {peak_mib:>9,.0f} MiB (target: < 1,024)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
