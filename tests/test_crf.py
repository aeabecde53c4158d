"""baodantoc.extract.entities.crf: unpacking the shipped model and decoding its labels."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest

from baodantoc.extract.entities import crf


def test_the_model_is_unpacked_into_a_private_file_removed_after_loading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    packed = tmp_path / "model.bin.gz"
    packed.write_bytes(gzip.compress(b"weights"))
    with crf.plain_model(packed) as plain:
        assert plain.read_bytes() == b"weights" and plain.parent == tmp_path / "tmp"
        assert plain.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_failed_unpack_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a partial file stayed in the temp folder when the unpack failed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    packed = tmp_path / "model.bin.gz"
    packed.write_bytes(b"not gzip")
    with pytest.raises(gzip.BadGzipFile), crf.plain_model(packed):
        pass
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-PER", "I-PER", "O"], [("PER", 1, 3)]),
        (["I-LOC", "I-LOC", "B-LOC"], [("LOC", 0, 2), ("LOC", 2, 3)]),  # a stray I- opens a span
        (["B-ORG", "I-PER", "O"], [("ORG", 0, 1), ("PER", 1, 2)]),
        ([], []),
    ],
)
def test_decode(labels: list[str], spans: list[tuple[str, int, int]]) -> None:
    assert crf.decode(labels) == spans


def test_tagging_builds_exactly_the_trained_features_the_model_weighs() -> None:
    """The tagger hands the CRF only the attributes it has weights for (features.KnownFeatures);
    that must equal filtering the training features, or tagging and training disagree."""
    from baodantoc.crawler.sample_site.content import article_text, load_articles
    from baodantoc.extract.api import process
    from baodantoc.extract.crfsuite import read_weights
    from baodantoc.extract.entities.features import (
        KnownFeatures,
        feature_pairs,
        lexicon_layers,
        sentence_features,
    )
    from baodantoc.extract.entities.model import load_entity_model
    from baodantoc.extract.entities.syllables import sentence_syllables

    with crf.plain_model(crf.MODEL_PATH) as plain:
        weighed = frozenset(read_weights(plain.read_bytes()).state)
    known = KnownFeatures(weighed)
    lexicon = load_entity_model().lexicon
    checked = 0
    for article in load_articles()[:8]:
        doc = process(article_text(article))
        for sent in doc.sentences:
            sylls = sentence_syllables(doc, sent)
            layers = lexicon_layers(len(sylls), lexicon.match(sylls))
            rules = ["B-LOC" if s.shape == "Aa" else "O" for s in sylls]
            filtered = [[f for f in row if f in weighed] for row in sentence_features(sylls, layers, rules)]
            assert known.select(feature_pairs(sylls, layers, rules)) == filtered
            checked += 1
    assert checked > 50
