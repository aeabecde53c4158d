"""baodantoc.extract.entities.resolve: the overlap policies are plain functions and can be swapped."""

from __future__ import annotations

from baodantoc.extract.entities.resolve import most_confident, outermost_then_confident
from baodantoc.extract.entities.view import Cand

ORG = Cand("ORG", 0, 4, 0.96, "rule:org-pattern")  # "UBND tỉnh Lào Cai"
LOC = Cand("LOC", 1, 4, 0.97, "rule:prefix")  # "tỉnh Lào Cai" inside it
CRF_LONG = Cand("ORG", 0, 7, 0.99, "crf")  # a statistical span running into a person
PER = Cand("PER", 4, 7, 0.93, "rule:cue")


def test_the_default_keeps_the_outermost_rule_span_and_lets_no_crf_span_cut_a_confident_rule() -> None:
    assert outermost_then_confident([ORG, LOC, CRF_LONG, PER]) == [ORG, PER]


def test_the_alternative_policy_trusts_confidence_alone() -> None:
    assert most_confident([ORG, LOC, CRF_LONG, PER]) == [CRF_LONG]
    assert most_confident([ORG, LOC, PER]) == [LOC, PER]


def test_the_entity_model_takes_any_policy() -> None:
    from baodantoc.extract.entities.model import load_entity_model
    from baodantoc.extract.entities.recognize import EntityModel, recognize
    from baodantoc.extract.normalize import make_doc
    from baodantoc.extract.sentences import split_sentences
    from baodantoc.extract.tokens import tokenize

    base = load_entity_model()
    model = EntityModel(base.lexicon, base.national_heads, base.tagger, policy=lambda cands: [])
    doc = recognize(tokenize(split_sentences(make_doc("Ông Nguyễn Văn An về Hà Nội."))), model)
    assert doc.mentions == []
