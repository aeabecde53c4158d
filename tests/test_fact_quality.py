"""Fact quality beyond F1 (extract/facts/quality.py): unit agreement and subject heads, by hand.

The gate floors both (UNIT, SUBJECT_HEAD in tests/eval_baseline.json); these cases pin their
rules: one spelling per unit, a count's unit agreeing on its head noun only, the quantity word
dropped from heads, pairing as the scorer pairs, and a missed fact counting against heads.
"""

from __future__ import annotations

import pytest

from baodantoc.extract.facts.quality import (
    heads_agree,
    norm_unit,
    pair_facts,
    subject_heads,
    unit_agreement,
    units_agree,
)


@pytest.mark.parametrize(
    ("unit", "normal"),
    [
        (None, ""),
        ("M2", "m²"),
        ("km2", "km²"),
        ("VNĐ", "đồng"),
        ("đ/kg", "đồng/kg"),
        ("đồng / người / tháng", "đồng/người/tháng"),
        ("xã, phường", "xã phường"),
        ("Héc-ta", "ha"),
        ("  Hộ  ", "hộ"),
        ("hoà", "hòa"),  # one tone placement
        (5, "5"),
    ],
)
def test_units_have_one_spelling(unit: object, normal: str) -> None:
    assert norm_unit(unit) == normal


@pytest.mark.parametrize(
    ("kind", "gold", "pred", "agree"),
    [
        ("count", "người", "người", True),
        ("count", "người", "người có uy tín", True),  # the head noun at the start
        ("count", "cầu", "cây cầu", True),  # ... or at the end
        ("count", "khẩu", "súng", False),
        ("count", "hộ nghèo", "hộ cận nghèo", False),  # neither is a whole-word prefix/suffix of the other
        ("ratio", "xã", "xã đạt chuẩn", True),
        ("measure", "ha", "ha rừng", False),  # only counts and ratios name their noun at any length
        ("money", "đồng", "VNĐ", True),
        ("money", "đồng", "USD", False),
        ("percent", "%", "%", True),
        ("count", "", "người", False),
        ("count", None, None, True),  # both empty: the same (a bare number)
    ],
)
def test_units_agree(kind: str, gold: str | None, pred: str | None, agree: bool) -> None:
    assert units_agree(kind, gold, pred) is agree


@pytest.mark.parametrize(
    ("gold", "pred", "agree"),
    [
        ("dư nợ", "tổng dư nợ", True),  # the quantity word is dropped
        ("hộ", "số hộ", True),
        ("đường biên giới", "đường", True),
        ("kinh phí", "vốn", False),
        ("kinh phí", None, False),
        ("", "", False),  # nothing to compare is never right
    ],
)
def test_heads_agree(gold: str, pred: str | None, agree: bool) -> None:
    assert heads_agree(gold, pred) is agree


def _fact(kind: str, value: float, unit: str | None = None, head: str | None = None, **extra: object) -> dict:
    out: dict = {"kind": kind, "value": value, "unit": unit, **extra}
    if head is not None:
        out["attributes"] = {"head": head}
    return out


GOLD = {"a": {"facts": [
    {"kind": "count", "value": 120, "unit": "hộ", "head": "hộ nghèo", "text": "120 hộ"},
    {"kind": "count", "value": 120, "unit": "người", "head": "người", "text": "120 người"},
    {"kind": "money", "value": 3.5e9, "unit": "đồng", "head": "kinh phí", "text": "3,5 tỷ đồng"},
    {"kind": "percent", "value": 51.4, "unit": "%", "text": "51,4%"},  # no head: not counted for heads
]}}
PRED = {"a": {"facts": [
    _fact("count", 120, "người", head="người"),  # first unused match for BOTH 120s: pairs with gold #1
    _fact("count", 120, "hộ", head="hộ nghèo"),
    _fact("money", 3.51e9, "đồng", head="vốn"),  # value within 0.5%, wrong head
]}}


def test_pairs_follow_the_scorer_first_unused_match_in_gold_order() -> None:
    pairs = pair_facts(GOLD, PRED)
    assert [(g["text"], p["unit"] if p else None) for _, g, p in pairs] == [
        ("120 hộ", "người"), ("120 người", "hộ"), ("3,5 tỷ đồng", "đồng"), ("51,4%", None)]


def test_unit_agreement_counts_matched_facts_per_kind() -> None:
    counts, wrong = unit_agreement(GOLD, PRED)
    assert counts == {"count:matched": 2, "money:matched": 1, "money:agree": 1}
    assert [w[2] for w in wrong] == ["120 hộ", "120 người"]  # the scorer paired them crosswise


def test_subject_heads_count_every_gold_fact_with_a_head_even_a_missed_one() -> None:
    right, total, wrong = subject_heads(GOLD, PRED)
    assert (right, total) == (0, 3)  # two crossed pairs and a wrong head; the percent has no head
    right, total, _ = subject_heads(GOLD, {"a": {"facts": [_fact("count", 120, head="hộ nghèo")]}})
    assert (right, total) == (1, 3)  # the two facts not predicted count as wrong
    assert [w[1] for w in wrong] == ["120 hộ", "120 người", "3,5 tỷ đồng"]


def test_a_prediction_without_attributes_has_no_head() -> None:
    right, total, _ = subject_heads({"a": {"facts": [{"kind": "count", "value": 5, "head": "hộ"}]}},
                                    {"a": {"facts": [{"kind": "count", "value": 5, "attributes": "hộ"}]}})
    assert (right, total) == (0, 1)
