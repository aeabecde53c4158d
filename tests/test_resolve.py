"""baodantoc.extract.entities.resolve: the overlap policies are plain functions and can be swapped."""

from __future__ import annotations

import pytest

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


RULE_HEAD = Cand("ORG", 0, 3, 0.93, "rule:org-pattern")  # "Viện Vệ sinh"
RULE_SCOPE = Cand("LOC", 5, 7, 0.86, "rule:known-place")  # "Việt Nam" at its end


def test_a_confident_crf_organization_extends_the_rule_organization_it_starts_with() -> None:
    longer = Cand("ORG", 0, 7, 0.97, "crf")  # "Viện Vệ sinh dịch tễ ... Việt Nam"
    assert outermost_then_confident([RULE_HEAD, RULE_SCOPE, longer]) == [Cand("ORG", 0, 7, 0.93, "rule+crf")]


@pytest.mark.parametrize(
    ("crf", "why"),
    [
        (Cand("ORG", 0, 7, 0.84, "crf"), "just below EXTEND_CONF"),
        (Cand("ORG", 1, 7, 0.99, "crf"), "does not start where the rule organization starts"),
        (Cand("LOC", 0, 7, 0.99, "crf"), "not an organization"),
    ],
)
def test_no_extension_below_the_threshold_elsewhere_or_of_another_type(crf: Cand, why: str) -> None:
    assert RULE_HEAD in outermost_then_confident([RULE_HEAD, crf]), why


def test_an_extension_never_swallows_a_person() -> None:
    person = Cand("PER", 4, 7, 0.93, "rule:cue")
    assert outermost_then_confident([RULE_HEAD, person, Cand("ORG", 0, 7, 0.99, "crf")]) == [RULE_HEAD, person]


def test_at_the_threshold_the_extension_is_taken() -> None:
    from baodantoc.extract.entities.resolve import EXTEND_CONF

    crf = Cand("ORG", 0, 5, EXTEND_CONF, "crf")
    assert outermost_then_confident([RULE_HEAD, crf]) == [Cand("ORG", 0, 5, 0.93, "rule+crf")]
