"""The scorer (extract/evaluation.py) on tiny hand-made gold/prediction pairs with known counts.

Every number the quality gate compares with a floor comes from here, so each rule is pinned down
on its own: P/R/F1 arithmetic, the surface normalization per type, the 0.5% fact tolerance just
below/at/above, facts matched at most once, document-level sets, mention-level exact spans, the
types filter, and files not annotated for facts.
"""

from __future__ import annotations

import unicodedata

import pytest

from baodantoc.extract.evaluation import Counts, fact_matches, normalize_surface, score


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f1"),
    [
        (3, 1, 2, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (1, 0, 0, 1.0, 1.0, 1.0),
        (0, 2, 3, 0.0, 0.0, 0.0),
        (0, 0, 0, 0.0, 0.0, 0.0),  # nothing to score: zero, not a ZeroDivisionError
        (2, 0, 2, 1.0, 0.5, 2 / 3),
    ],
)
def test_counts_give_precision_recall_f1(tp: int, fp: int, fn: int, p: float, r: float, f1: float) -> None:
    c = Counts(tp, fp, fn)
    assert (c.precision, c.recall, c.f1) == pytest.approx((p, r, f1))


def test_counts_add_up() -> None:
    c = Counts(1, 2, 3)
    c.add(Counts(10, 20, 30))
    assert (c.tp, c.fp, c.fn) == (11, 22, 33)


# (type, one surface, another surface): the same entity by the guideline
SAME = [
    ("LOC", "tỉnh Lào Cai", "Lào Cai"),
    ("LOC", "TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("LOC", "thành phố Hồ Chí Minh", "TP Hồ Chí Minh"),
    ("LOC", "xã Hòa Bình", "Hoà Bình"),  # prefix and old tone placement
    ("LOC", "huyện Mường Tè,", "Mường Tè"),  # trailing punctuation
    ("ETH", "dân tộc Ê Đê", "Ê-đê"),
    ("ETH", "người Êđê", "đồng bào Ê Đê"),
    ("ETH", "Bru - Vân Kiều", "Bru-Vân Kiều"),
    ("PER", "ông Nguyễn Văn An", "Nguyễn Văn An"),
    ("PER", "già làng Hồ Văn Tư", "Hồ Văn Tư"),
    ("ORG", "UBND tỉnh Sơn La", "Ủy ban nhân dân tỉnh Sơn La"),
    ("ORG", "Uỷ ban Dân tộc", "ỦY BAN DÂN TỘC"),
    ("ORG", "NHCSXH", "Ngân hàng Chính sách xã hội"),
    ("ORG", unicodedata.normalize("NFD", "Sở Y tế"), "Sở Y tế"),
]
# (type, surface, surface): different entities, or a prefix that only another type drops
DIFFERENT = [
    ("LOC", "Lào Cai", "Lai Châu"),
    ("ORG", "UBND tỉnh Lào Cai", "UBND Lào Cai"),  # an ORG keeps "tỉnh": it is part of the name
    ("PER", "Nguyễn Văn An", "Nguyễn Văn Anh"),
    ("ETH", "Thái", "Tày"),
    ("LOC", "Hòa Bình", "Hoà Bính"),  # a different tone is a different word
    ("PER", "ông Lò", "bà Lù"),
]


@pytest.mark.parametrize(("typ", "a", "b"), SAME)
def test_spellings_of_one_entity_normalize_alike(typ: str, a: str, b: str) -> None:
    assert normalize_surface(a, typ) == normalize_surface(b, typ) != ""


@pytest.mark.parametrize(("typ", "a", "b"), DIFFERENT)
def test_different_entities_stay_apart(typ: str, a: str, b: str) -> None:
    assert normalize_surface(a, typ) != normalize_surface(b, typ)


def test_prefixes_are_dropped_only_for_their_type() -> None:
    assert normalize_surface("tỉnh Lào Cai", "LOC") == "lào cai"
    assert normalize_surface("tỉnh Lào Cai", "ORG") == "tỉnh lào cai"
    assert normalize_surface("dân tộc Mông", "LOC") == "dân tộc mông"
    assert normalize_surface("ông Ba", "ETH") == "ôngba"


GOLD_VALUE = 1000.0  # tolerance 0.5% = 5.0


@pytest.mark.parametrize(
    ("pred_value", "matches"),
    [
        (1000.0, True),
        (1004.99, True),  # just inside
        (1005.0, True),  # at the tolerance
        (1005.01, False),  # just outside
        (995.0, True),
        (994.99, False),
        (None, False),  # no value is no match, not 0
        ("abc", False),
        ("1000", True),  # a numeric string is read as its number
    ],
)
def test_fact_value_tolerance_is_half_a_percent(pred_value: object, matches: bool) -> None:
    gold = {"kind": "count", "value": GOLD_VALUE}
    assert fact_matches(gold, {"kind": "count", "value": pred_value}) is matches


def test_fact_kind_must_agree_and_zero_matches_only_zero() -> None:
    assert not fact_matches({"kind": "count", "value": 5}, {"kind": "percent", "value": 5})
    assert fact_matches({"kind": "count", "value": 0}, {"kind": "count", "value": 0})
    assert not fact_matches({"kind": "count", "value": 0}, {"kind": "count", "value": 0.001})


def _ents(*pairs: tuple[str, str]) -> list[dict]:
    return [{"type": t, "text": s} for t, s in pairs]


def test_document_level_entities_are_sets_per_article() -> None:
    gold = {"a": {"entities": _ents(("LOC", "Lào Cai"), ("LOC", "tỉnh Lào Cai"), ("PER", "Lò Văn Sơn"))},
            "b": {"entities": _ents(("LOC", "Lào Cai"))}}
    pred = {"a": {"entities": _ents(("LOC", "Lào Cai"), ("LOC", "Lào Cai"), ("PER", "Lò Văn Sáu"),
                                    ("ORG", "Sở Y tế"))},
            "b": {"entities": []}}
    s = score(gold, pred)
    # "Lào Cai" twice and "tỉnh Lào Cai" are one LOC in a; b's LOC is a second, missed
    assert (s.counts["LOC"].tp, s.counts["LOC"].fp, s.counts["LOC"].fn) == (1, 0, 1)
    assert (s.counts["PER"].tp, s.counts["PER"].fp, s.counts["PER"].fn) == (0, 1, 1)
    assert (s.counts["ORG"].tp, s.counts["ORG"].fp, s.counts["ORG"].fn) == (0, 1, 0)
    total = s.total()
    assert (total.tp, total.fp, total.fn) == (1, 2, 2)


def test_types_filter_scores_only_the_named_types() -> None:
    gold = {"a": {"entities": _ents(("LOC", "Lào Cai"), ("ETH", "Mông"))}}
    pred = {"a": {"entities": _ents(("LOC", "Lào Cai"), ("ORG", "Sở Y tế"))}}
    s = score(gold, pred, types=("PER", "ORG", "LOC"))
    assert "ETH" not in s.counts  # VLSP has no ETH: its gold ETH would be misses, our ETH errors
    assert s.total(keys=("PER", "ORG", "LOC")).tp == 1 and s.total(keys=("PER", "ORG", "LOC")).fp == 1


def test_a_document_without_prediction_is_all_misses() -> None:
    s = score({"a": {"entities": _ents(("LOC", "Lào Cai")), "facts": [{"kind": "count", "value": 3}]}}, {})
    assert (s.counts["LOC"].fn, s.counts["F:count"].fn) == (1, 1)


def test_each_gold_fact_matches_one_prediction_at_most() -> None:
    five = {"kind": "count", "value": 5}
    s = score({"a": {"facts": [five, five]}}, {"a": {"facts": [five]}})
    assert (s.counts["F:count"].tp, s.counts["F:count"].fp, s.counts["F:count"].fn) == (1, 0, 1)
    s = score({"a": {"facts": [five]}}, {"a": {"facts": [five, five]}})
    assert (s.counts["F:count"].tp, s.counts["F:count"].fp, s.counts["F:count"].fn) == (1, 1, 0)


def test_facts_are_scored_per_kind_and_totalled() -> None:
    gold = {"a": {"facts": [{"kind": "count", "value": 5}, {"kind": "percent", "value": 51.4}]}}
    pred = {"a": {"facts": [{"kind": "count", "value": 5}, {"kind": "money", "value": 51.4}]}}
    s = score(gold, pred)
    assert (s.counts["F:count"].tp, s.counts["F:percent"].fn, s.counts["F:money"].fp) == (1, 1, 1)
    total = s.total(prefix="F:")
    assert (total.tp, total.fp, total.fn) == (1, 1, 1)


def test_a_gold_file_without_facts_does_not_count_ours_as_errors() -> None:
    s = score({"a": {"entities": _ents(("LOC", "Lào Cai")), "facts": []}},
              {"a": {"entities": [], "facts": [{"kind": "count", "value": 5}]}})
    assert not any(k.startswith("F:") for k in s.counts)


def test_mentions_need_the_exact_span_and_type() -> None:
    gold = {"a": {"entities": [{"type": "LOC", "text": "Lào Cai", "start": 4, "end": 11},
                               {"type": "PER", "text": "An", "start": 20, "end": 22}]}}
    pred = {"a": {"entities": [{"type": "LOC", "text": "Lào Cai", "start": 4, "end": 11},
                               {"type": "PER", "text": "An", "start": 19, "end": 22},  # one character off
                               {"type": "ORG", "text": "An", "start": 20, "end": 22}]}}  # right span, wrong type
    s = score(gold, pred)
    assert (s.counts["M:LOC"].tp, s.counts["M:PER"].fp, s.counts["M:PER"].fn, s.counts["M:ORG"].fp) == (1, 1, 1, 1)
    total = s.total(prefix="M:")
    assert (total.tp, total.fp, total.fn) == (1, 2, 1)


def test_no_mention_scores_without_gold_offsets() -> None:
    s = score({"a": {"entities": _ents(("LOC", "Lào Cai"))}},
              {"a": {"entities": [{"type": "LOC", "text": "Lào Cai", "start": 0, "end": 7}]}})
    assert not any(k.startswith("M:") for k in s.counts)


def test_errors_list_false_positives_and_misses() -> None:
    gold = {"a": {"entities": _ents(("LOC", "Lào Cai")), "facts": [{"kind": "count", "value": 5, "text": "5 hộ"}]}}
    pred = {"a": {"entities": _ents(("LOC", "Lai Châu")), "facts": [{"kind": "count", "value": 6, "text": "6 hộ"}]}}
    errors = score(gold, pred, keep_errors=True).errors
    assert sorted(errors) == sorted([("a", "LOC", "FP", "lai châu"), ("a", "LOC", "FN", "lào cai"),
                                     ("a", "F:count", "FN", "5 hộ"), ("a", "F:count", "FP", "6 hộ")])
