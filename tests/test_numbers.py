"""The Vietnamese number parser, table-driven: digit strings alone, then numbers in their phrase.

The phrase cases run the fact component on a hand-built Doc (our sentence splitter, no underthesea
tokens) so they test the number reading, not the tokenizer; tests/test_facts.py runs the full
pipeline.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baodantoc.extract.api import fact_row
from baodantoc.extract.facts.component import find_facts
from baodantoc.extract.facts.numbers import MAX_DIGITS, MAX_VALUE, detect_style, parse_number, scale
from baodantoc.extract.normalize import make_doc
from baodantoc.extract.sentences import split_sentences

# raw string, style, expected value (None = not a number)
PARSE_CASES = [
    ("1.761", "vi", 1761), ("1.966", "vi", 1966), ("51,4", "vi", 51.4), ("0,38", "vi", 0.38),
    ("2.000", "vi", 2000), ("05", "vi", 5), ("03", "vi", 3), ("0", "vi", 0), ("100", "vi", 100),
    ("1.000.000", "vi", 1_000_000), ("12.345.678", "vi", 12_345_678), ("1.234,5", "vi", 1234.5),
    ("13,4", "vi", 13.4), ("2,25", "vi", 2.25), ("57,1", "vi", 57.1), ("1,1", "vi", 1.1),
    ("3,5", "vi", 3.5), ("1.5", "vi", 1.5), ("2.25", "vi", 2.25), ("0.5", "vi", 0.5),
    ("1,500", "vi", 1.5), ("1,500", "en", 1500), ("1.500", "vi", 1500), ("1.500", "en", 1.5),
    ("1,500.25", "vi", 1500.25), ("1,500.25", "en", 1500.25), ("1,234,567", "vi", 1_234_567),
    ("1,234,567", "en", 1_234_567), ("1.2.3", "vi", None), ("1.23.456", "vi", None),
    ("12,34,567", "vi", None), ("1.23,4", "vi", None), ("1234,567", "vi", 1234.567),
    ("1234.5", "vi", 1234.5), ("72.296", "vi", 72296), ("5.266", "vi", 5266), ("548", "vi", 548),
    ("99999999999999", "vi", 99_999_999_999_999), ("9" * 19, "vi", None), ("9" * 400, "vi", None),
    ("", "vi", None), ("abc", "vi", None), ("1..2", "vi", None), ("1,", "vi", None),
    (".5", "vi", None), ("007", "vi", 7), ("10", "en", 10), ("0,5", "en", 0.5),
]


@pytest.mark.parametrize(("raw", "style", "expected"), PARSE_CASES, ids=[f"{c[0][:12]}-{c[1]}" for c in PARSE_CASES])
def test_parse_number(raw: str, style: str, expected: float | None) -> None:
    got = parse_number(raw, style)  # type: ignore[arg-type]
    if expected is None:
        assert got is None
    else:
        assert got is not None and math.isclose(got, expected)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("Có 1.761 hộ, chiếm 51,4%.", "vi"),
        ("Tổng 1.234.567 người.", "vi"),
        ("Revenue 1,234,567 USD and 2.5 percent.", "en"),
        ("Giá 1,500.25 USD, tăng 2.5 lần.", "en"),
        ("Không có số.", "vi"),
        ("Có 1,500 người và 51,4% và 1.234.567 đồng.", "vi"),
    ],
)
def test_detect_style(text: str, style: str) -> None:
    assert detect_style(text) == style


def _quantity(sentence: str) -> tuple[float, float | None, str | None, str, bool] | None:
    doc = make_doc(sentence)
    split_sentences(doc)
    find_facts(doc)
    if not doc.facts:
        return None
    f = doc.facts[0]
    return f.value, f.value_max, f.unit, f.kind, f.approx


# sentence, (value, value_max, unit, kind, approx) of its first fact, or None for no fact
PHRASE_CASES = [
    ("Xã có 1.761 hộ.", (1761, None, "hộ", "count", False)),
    ("Tỷ lệ đạt 51,4%.", (51.4, None, "%", "percent", False)),
    ("Xã có 2.000ha cà phê.", (2000, None, "ha", "measure", False)),
    ("Kinh phí 3,5 tỷ đồng.", (3.5e9, None, "đồng", "money", False)),
    ("Hỗ trợ 200 triệu đồng.", (2e8, None, "đồng", "money", False)),
    ("Có 2 nghìn người.", (2000, None, "người", "count", False)),
    ("Có 2 ngàn người.", (2000, None, "người", "count", False)),
    ("Có 05 thôn.", (5, None, "thôn", "count", False)),
    ("Có hơn 1.000 người.", (1000, None, "người", "count", True)),
    ("Đạt 10/63 tỉnh.", (10, None, "tỉnh", "ratio", False)),
    ("Mỗi hộ có 5 - 10 ha.", (5, 10, "ha", "measure", False)),
    ("Mỗi hộ có từ 5 đến 10 ha.", (5, 10, "ha", "measure", False)),
    ("Vốn 1,2 triệu USD.", (1.2e6, None, "USD", "money", False)),
    ("Lãi 25%/năm.", (25, None, "%", "percent", False)),
    ("Báo in 30.000 tờ/kỳ.", (30000, None, "tờ/kỳ", "count", False)),
    ("Vốn 5 nghìn tỷ đồng.", (5e12, None, "đồng", "money", False)),
    ("Vốn 5 ngàn tỷ đồng.", (5e12, None, "đồng", "money", False)),
    ("Vốn 7 tỉ đồng.", (7e9, None, "đồng", "money", False)),
    ("Thu 60 - 70 triệu đồng.", (6e7, 7e7, "đồng", "money", False)),
    ("Giá 80.000-100.000 đồng/người.", (80000, 100000, "đồng/người", "money", False)),
    ("Mức 1.500.000 đồng/người/tháng.", (1.5e6, None, "đồng/người/tháng", "money", False)),
    ("Giá 50.000đ/kg.", (50000, None, "đồng/kg", "money", False)),
    ("Giá 50.000 VNĐ.", (50000, None, "đồng", "money", False)),
    ("Tăng 20-30%.", (20, 30, "%", "percent", False)),
    ("Tăng 20% - 30%.", (20, 30, "%", "percent", False)),
    ("Có 100%số hộ dùng điện.", (100, None, "%", "percent", False)),
    ("Dài 1,4km.", (1.4, None, "km", "measure", False)),
    ("Rộng 250 m2.", (250, None, "m²", "measure", False)),
    ("Rộng 250m².", (250, None, "m²", "measure", False)),
    ("Rộng 12 km2.", (12, None, "km²", "measure", False)),
    ("Chứa 300 m3 nước.", (300, None, "m³", "measure", False)),
    ("Thu 5,5 tấn/ha.", (5.5, None, "tấn/ha", "measure", False)),
    ("Khoảng 20 kg.", (20, None, "kg", "measure", True)),
    ("Gần 5ha.", (5, None, "ha", "measure", True)),
    ("Trên 1,1 tỷ đồng.", (1.1e9, None, "đồng", "money", True)),
    ("Dưới 10.000 người.", (10000, None, "người", "count", True)),
    ("Hàng 100 lượt khách.", (100, None, "lượt", "count", True)),
    ("Ước đạt 57,1%.", (57.1, None, "%", "percent", True)),
    ("Xấp xỉ 3 tấn.", (3, None, "tấn", "measure", True)),
    ("Ít nhất 15 người.", (15, None, "người", "count", True)),
    ("Tối thiểu 15 người.", (15, None, "người", "count", True)),
    ("Từ 18 người trở lên.", (18, None, "người", "count", True)),
    ("Trong 20 năm.", (20, None, "năm", "duration", False)),
    ("Sau 3 tháng.", (3, None, "tháng", "duration", False)),
    ("Mất 15 ngày.", (15, None, "ngày", "duration", False)),
    ("Đứng thứ 18 cả nước.", (18, None, "rank", "rank", False)),
    ("Đứng thứ 10/63.", (10, None, "rank", "rank", False)),
    ("Vốn 1,5 tỷ USD.", (1.5e9, None, "USD", "money", False)),
    ("Thu nhập 60 triệu.", (6e7, None, "đồng", "money", False)),
    ("Dân số 1,2 triệu người.", (1.2e6, None, "người", "count", False)),
    ("Dòng điện 110 kV.", (110, None, "kV", "measure", False)),
    ("Công suất 30 MW.", (30, None, "MW", "measure", False)),
    ("Nhiệt độ 5 độ C.", (5, None, "°C", "measure", False)),
    ("Có 99999999999999 tỷ đồng.", None),
    ("Có 99999999999999999999999 người.", None),
    ("Số 1.761.", None),
    ("Năm 2022.", None),
    ("Ngày 25/11/2022.", None),
    ("Lúc 15:23.", None),
    ("Quyết định 1719/QĐ-TTg.", None),
    ("Mạng 5G.", None),
    ("Ông 81 tuổi.", None),
]


@pytest.mark.parametrize(("sentence", "expected"), PHRASE_CASES, ids=[c[0][:30] for c in PHRASE_CASES])
def test_number_in_phrase(sentence: str, expected: tuple | None) -> None:
    got = _quantity(sentence)
    if expected is None:
        assert got is None
        return
    assert got is not None, sentence
    value, value_max, unit, kind, approx = got
    assert math.isclose(value, expected[0]), got
    assert (value_max is None) == (expected[1] is None), got
    if expected[1] is not None:
        assert math.isclose(value_max, expected[1]), got
    assert (unit, kind, approx) == expected[2:], got


# Just below, at and above the two limits: MAX_DIGITS digits (separators excluded) and MAX_VALUE.
LIMIT_CASES = [
    ("9" * (MAX_DIGITS - 1), 1e17),
    ("9" * MAX_DIGITS, 1e18),  # 18 nines: the float is 1e18, at MAX_VALUE, kept
    ("999.999.999.999.999.999", 1e18),
    ("9" * (MAX_DIGITS - 1) + ",9", 1e17),
    ("1" + "0" * MAX_DIGITS, None),  # 19 digits
    ("9" * MAX_DIGITS + ",9", None),
    ("999.999.999.999.999.999,9", None),
]


@pytest.mark.parametrize(("raw", "expected"), LIMIT_CASES, ids=[f"{len(c[0])}chars-{c[0][-3:]}" for c in LIMIT_CASES])
def test_digit_limit(raw: str, expected: float | None) -> None:
    got = parse_number(raw)
    if expected is None:
        assert got is None
    else:
        assert got is not None and math.isclose(got, expected)


@pytest.mark.parametrize(
    ("value", "factor", "expected"),
    [
        (1e9, 1e9, 1e18),  # "1 tỷ tỷ": at MAX_VALUE
        (1.0000001e9, 1e9, None),  # just above
        (999, 1e15, 9.99e17),  # "999 triệu tỷ"
        (1001, 1e15, None),
        (-2e18, 1, None),
        (float("inf"), 1, None),
        (float("nan"), 1, None),
    ],
)
def test_scaled_values_stay_finite_and_bounded(value: float, factor: float, expected: float | None) -> None:
    got = scale(value, factor)
    assert got == expected if expected is None else math.isclose(got or 0, expected)
    assert got is None or abs(got) <= MAX_VALUE


def _vietnamese(integer: int, fraction: str = "") -> str:
    """A number as the paper writes it: dots group thousands, a comma marks decimals."""
    grouped = f"{integer:,}".replace(",", ".")
    return grouped + ("," + fraction if fraction else "")


def _english(integer: int, fraction: str = "") -> str:
    return f"{integer:,}" + ("." + fraction if fraction else "")


# Round trip: any quantity written the Vietnamese way (or, in an English-style document, the
# English way) reads back as its value, up to the 18 digits the parser accepts.
_INTEGERS = st.integers(min_value=0, max_value=10**12 - 1)
_FRACTIONS = st.text(alphabet="0123456789", min_size=0, max_size=6)


@settings(max_examples=400, deadline=None)
@given(_INTEGERS, _FRACTIONS)
def test_vietnamese_written_numbers_read_back(integer: int, fraction: str) -> None:
    written = _vietnamese(integer, fraction)
    assert parse_number(written, "vi") == float(f"{integer}.{fraction or 0}"), written


@settings(max_examples=400, deadline=None)
@given(_INTEGERS, _FRACTIONS)
def test_english_written_numbers_read_back_in_an_english_document(integer: int, fraction: str) -> None:
    written = _english(integer, fraction)
    assert parse_number(written, "en") == float(f"{integer}.{fraction or 0}"), written


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["hộ", "người", "học sinh", "con bò"]))
def test_a_count_in_a_sentence_reads_back(count: int, noun: str) -> None:
    """The fact component (our sentences, no underthesea) reads the number it is given, whatever it is."""
    sentence = f"Toàn tỉnh có {_vietnamese(count)} {noun} được hỗ trợ."
    got = _quantity(sentence)
    assert got is not None, sentence
    assert (got[0], got[1], got[3]) == (count, None, "count"), sentence


# Property: any text — digits, separators, units and Vietnamese words, or anything Unicode holds
# (combining marks, other scripts, control characters) — gives finite facts whose text is the exact
# substring, in the normalized text and in the caller's string, never an exception (the component
# runs without underthesea here).
_VIETNAMESE = ("0123456789.,/%- đồnghatỷiệuêmkgnămthứsố()\n:"  # the pieces of quantities
               "ĐĂÂÊÔƠƯăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
               "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"  # combining tone and vowel marks (NFD text)
               "²³°–—…“”\u00a0\u200b\t")
_TEXTS = st.one_of(st.text(alphabet=_VIETNAMESE, max_size=160),
                   st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_any_text_gives_finite_well_placed_facts(text: str) -> None:
    doc = make_doc(text)
    split_sentences(doc)
    find_facts(doc)
    for f in doc.facts:
        assert math.isfinite(f.value) and abs(f.value) <= MAX_VALUE
        assert f.value_max is None or math.isfinite(f.value_max)
        assert doc.text[f.start : f.end] == f.text
        row = fact_row(doc, f)
        assert text[row.start : row.end] == row.text  # offsets in the caller's string (NFD stays NFD)
