"""Train the CRF entity tagger on the team-written corpus; optionally cross-validate first.

    python -m baodantoc.extract.training.train_ner            # train, write extract/models/ner_crf.bin
    python -m baodantoc.extract.training.train_ner --folds 5  # k-fold scores on the corpus, then train

The features are computed by baodantoc.extract.entities.features over the same syllables, lexicon and rule
candidates the recognizer uses at run time, so training and tagging cannot drift apart. Training
data is ONLY the team's own corpus (extract/training/corpus): no research-use set is read here.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from underthesea_core import CRFTagger, CRFTrainer

from ..entities.crf import MODEL_PATH, decode, rule_layer
from ..entities.features import lexicon_layers, sentence_features
from ..entities.model import load_entity_model
from ..entities.recognize import EntityModel, rule_candidates, sentence_views, sports_report
from ..normalize import make_doc
from ..sentences import split_sentences
from ..tokens import tokenize
from .corpus import Example, load_corpus

#: L1/L2 penalties and iterations: chosen by 5-fold cross-validation on the corpus (see --folds);
#: L1 keeps the model small by dropping features that never help.
C1 = 0.2
C2 = 0.01
MAX_ITERATIONS = 200

Sample = tuple[list[list[str]], list[str]]


def example_samples(ex: Example, model: EntityModel) -> list[Sample]:
    """(features, BIO labels) for each sentence of an example."""
    doc = tokenize(split_sentences(make_doc(ex.text)))
    out: list[Sample] = []
    views = sentence_views(doc, model.lexicon)
    sporty = sports_report(v for _, v in views)
    for sent, v in views:
        sylls = v.sylls
        labels = ["O"] * len(sylls)
        for typ, start, end in ex.spans:
            inside = [k for k, s in enumerate(sylls) if s.start >= start and s.end <= end]
            if not inside or start < sent.start or end > sent.end:
                continue
            labels[inside[0]] = "B-" + typ
            for k in inside[1:]:
                labels[k] = "I-" + typ
        rules = model.policy(rule_candidates(v, model, sporty=sporty))
        feats = sentence_features(sylls, lexicon_layers(len(sylls), v.matches), rule_layer(len(sylls), rules))
        out.append((feats, labels))
    return out


@contextmanager
def quiet_stdout():
    """underthesea_core prints every optimizer iteration to fd 1; keep the console readable."""
    sys.stdout.flush()  # what Python buffered must come out before fd 1 goes to /dev/null
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def train(samples: Sequence[Sample], path: Path, c1: float = C1, c2: float = C2,
          iterations: int = MAX_ITERATIONS) -> None:
    """Train on ``samples`` and save to ``path`` (gzipped when it ends in .gz, as shipped)."""
    trainer = CRFTrainer()
    trainer.set_l1_penalty(c1)
    trainer.set_l2_penalty(c2)
    trainer.set_max_iterations(iterations)
    with quiet_stdout():
        model = trainer.train([s[0] for s in samples], [s[1] for s in samples])
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix != ".gz":
        model.save(str(path))
        return
    with tempfile.TemporaryDirectory() as tmp:  # the model saves to a plain file; ship it gzipped
        plain = Path(tmp) / "model.bin"
        model.save(str(plain))
        path.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=9, mtime=0))


def span_scores(gold: Sequence[Sample], pred_labels: Sequence[list[str]]) -> dict[str, list[int]]:
    """Exact-span (type, start, end) counts per type: [tp, fp, fn]."""
    counts: dict[str, list[int]] = {}
    for (_, g), p in zip(gold, pred_labels, strict=True):
        gs, ps = set(decode(g)), set(decode(p))
        for typ in {t for t, _, _ in gs | ps}:
            c = counts.setdefault(typ, [0, 0, 0])
            gt = {x for x in gs if x[0] == typ}
            pt = {x for x in ps if x[0] == typ}
            c[0] += len(gt & pt)
            c[1] += len(pt - gt)
            c[2] += len(gt - pt)
    return counts


def cross_validate(samples: list[Sample], folds: int, c1: float, c2: float, iterations: int) -> None:
    """Print exact-span P/R/F1 per type over ``folds`` folds (a fixed shuffle, so runs compare):
    how C1, C2 and MAX_ITERATIONS were chosen."""
    rng = random.Random(13)
    order = list(range(len(samples)))
    rng.shuffle(order)
    total: Counter[tuple[str, int]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(folds):
            test_idx = set(order[f::folds])
            train_set = [s for i, s in enumerate(samples) if i not in test_idx]
            test_set = [samples[i] for i in sorted(test_idx)]
            path = Path(tmp) / f"fold{f}.bin"
            train(train_set, path, c1, c2, iterations)
            tagger = CRFTagger()
            tagger.load(str(path))
            preds = [tagger.tag(x) for x, _ in test_set]
            for typ, (tp, fp, fn) in span_scores(test_set, preds).items():
                total[(typ, 0)] += tp
                total[(typ, 1)] += fp
                total[(typ, 2)] += fn
    all_c = [0, 0, 0]
    for typ in sorted({t for t, _ in total}):
        tp, fp, fn = (total[(typ, i)] for i in range(3))
        all_c = [all_c[0] + tp, all_c[1] + fp, all_c[2] + fn]
        print(f"  {typ}: {_prf(tp, fp, fn)}")
    print(f"  ALL: {_prf(*all_c)}")


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=0, help="cross-validate with this many folds first")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--iterations", type=int, default=MAX_ITERATIONS)
    ap.add_argument("--output", type=Path, default=MODEL_PATH)
    ap.add_argument("--no-train", action="store_true", help="only cross-validate")
    args = ap.parse_args(argv)
    if args.folds == 1 or args.folds < 0:
        ap.error("--folds needs 2 or more (each fold is tested on a model trained on the others)")
    examples = load_corpus()
    model = load_entity_model(with_tagger=False)
    samples = [s for ex in examples for s in example_samples(ex, model)]
    n_ent = sum(lab.startswith("B-") for _, labels in samples for lab in labels)
    print(f"{len(examples)} examples -> {len(samples)} sentences, {n_ent} mentions", file=sys.stderr)
    if args.folds:
        print(f"{args.folds}-fold cross-validation (exact spans):", file=sys.stderr)
        cross_validate(samples, args.folds, args.c1, args.c2, args.iterations)
    if not args.no_train:
        train(samples, args.output, args.c1, args.c2, args.iterations)
        print(f"model written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
