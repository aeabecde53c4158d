"""Word segmentation decoded in Python (extract/segment.py) agrees with underthesea's own, feature
for feature and word for word, on text nobody here tuned it on (the sample site's articles and the
general-news gold were written before it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from underthesea import word_tokenize

from baodantoc.crawler.sample_site.content import article_text, load_articles
from baodantoc.extract.crfsuite import CrfFormatError, read_weights, viterbi
from baodantoc.extract.segment import feature_strings, load_segmenter

GOLD = Path(__file__).parent / "gold" / "news_gold.jsonl"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    texts = [article_text(a) for a in load_articles()]
    texts += [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for t in texts for line in t.split("\n") if line.strip()]


def test_feature_strings_are_underthesea_cores(lines) -> None:
    import underthesea.pipeline.word_tokenize as ws

    word_tokenize("xin chào")  # loads underthesea's model
    featurizer = ws.word_tokenize_model.featurizer
    seg = load_segmenter()
    for line in lines[:150]:
        tokens = seg.tokenize(line)
        assert feature_strings(tokens, seg.dictionary) == featurizer.process([[[t] for t in tokens]])[0]


def test_words_are_underthesea_words(lines) -> None:
    seg = load_segmenter()
    differ = [line for line in lines if seg.words(line) != word_tokenize(line, use_token_normalize=False)]
    assert differ == []


@pytest.mark.parametrize("text", ["", " ", "Hà Nội", "a", "1.761 hộ", "“Xin chào!”"])
def test_short_and_odd_inputs(text) -> None:
    assert load_segmenter().words(text) == word_tokenize(text, use_token_normalize=False)


def test_viterbi_takes_the_best_path_not_the_best_labels() -> None:
    # label 1 scores best at position 1 alone, but 0 -> 1 is forbidden by its transition
    transition = ((0.0, -10.0), (0.0, 0.0))
    assert viterbi([[5.0, 0.0], [0.0, 2.0]], transition) == [0, 0]
    assert viterbi([[0.0, 1.0], [0.0, 2.0]], transition) == [1, 1]
    assert viterbi([], transition) == []


def test_a_file_that_is_no_crfsuite_model_is_refused() -> None:
    with pytest.raises(CrfFormatError):
        read_weights(b"not a model at all, but long enough to hold a header of 48 bytes....")
    with pytest.raises(CrfFormatError):
        read_weights(b"short")
