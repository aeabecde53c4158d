"""Fact finding on inline sentences written for these tests (paper style, not copied from any set).

Each case: a sentence and the facts expected in it, as (kind, value, unit) triples — or none at all
for sentences whose numbers are dates, names, ordinals, ages, document numbers and the like.
"""

from __future__ import annotations

import json
import math

import pytest

from baodantoc.extract.api import annotate_text, process
from baodantoc.extract.doc import Sentence
from baodantoc.extract.facts import find_facts
from baodantoc.extract.normalize import make_doc

FACT_CASES = [
    # counts: the unit is the counted noun's head
    ("Toàn huyện có 2.967 trạm thu phát sóng thông tin di động (BTS).", [("count", 2967, "trạm")]),
    ("Năm nay, xã đã hỗ trợ 1.200 hộ nghèo làm nhà ở.", [("count", 1200, "hộ")]),
    ("Tỉnh đã cắt giảm 136 thủ tục hành chính.", [("count", 136, "thủ tục")]),
    ("Đoàn đã trao 350 suất quà cho học sinh.", [("count", 350, "suất")]),
    ("Huyện thành lập 16 tổ công tác xuống các bản.", [("count", 16, "tổ")]),
    ("Xã có 05 thôn đặc biệt khó khăn.", [("count", 5, "thôn")]),
    ("Bà con đã xây được 2 cây cầu treo.", [("count", 2, "cây cầu treo")]),
    ("Trường có 30 HTX và 12 tổ hợp tác tham gia.", [("count", 30, "HTX"), ("count", 12, "tổ")]),
    ("Đến nay, 25 Người có uy tín đã được tập huấn.", [("count", 25, "người")]),
    ("Tỉnh có 13,4 triệu người dân sinh sống.", [("count", 13_400_000, "người")]),
    ("Lễ hội thu hút 2 nghìn lượt khách.", [("count", 2000, "lượt")]),
    ("Huyện có 7 đồng chí được khen thưởng.", [("count", 7, "đồng chí")]),
    ("Họ cấp 01 tờ báo/người/kỳ cho Người có uy tín.", [("count", 1, "tờ")]),
    ("Bản in 30.000 tờ/kỳ.", [("count", 30000, "tờ/kỳ")]),
    ("Trong đó có 711 người DTTS/1.042 người.", [("count", 711, "người"), ("count", 1042, "người")]),
    ("Mường Lát là 1 trong 4 huyện nghèo nhất tỉnh.", [("count", 1, "huyện"), ("count", 4, "huyện")]),
    ("Số hộ nghèo toàn xã là 1.234.", [("count", 1234, "hộ")]),
    # percent
    ("Tỷ lệ hộ nghèo giảm còn 51,4%.", [("percent", 51.4, "%")]),
    ("Có 100%số hộ được dùng điện lưới.", [("percent", 100, "%")]),
    ("Lãi suất cho vay 25%/năm là quá cao.", [("percent", 25, "%")]),
    ("Tỷ lệ che phủ rừng đạt 60 phần trăm.", [("percent", 60, "%")]),
    ("Doanh thu du lịch tăng 12,3% so với cùng kỳ năm trước.", [("percent", 12.3, "%")]),
    # money
    ("Tổng kinh phí là 3,5 tỷ đồng.", [("money", 3_500_000_000, "đồng")]),
    ("Mỗi hộ được hỗ trợ 200 triệu đồng.", [("money", 200_000_000, "đồng")]),
    ("Dự án có vốn 1,2 triệu USD từ UNDP.", [("money", 1_200_000, "USD")]),
    ("Thu nhập bình quân đạt 60 triệu.", [("money", 60_000_000, "đồng")]),
    ("Mức hỗ trợ là 1.500.000 đồng/người/tháng.", [("money", 1_500_000, "đồng/người/tháng")]),
    ("Giá vé 80.000 VNĐ mỗi lượt.", [("money", 80000, "đồng/lượt")]),
    ("Tổng vốn đầu tư hơn 2 nghìn tỷ đồng.", [("money", 2e12, "đồng")]),
    # measure
    ("Xã có 2.000ha cà phê.", [("measure", 2000, "ha")]),
    ("Con đường dài 1,4km được bê tông hóa.", [("measure", 1.4, "km")]),
    ("Bà con hiến 250 m2 đất làm đường.", [("measure", 250, "m²")]),
    ("Diện tích tự nhiên là 1.200 km² với 5.000 m³ nước.", [("measure", 1200, "km²"), ("measure", 5000, "m³")]),
    ("Năng suất đạt 5,5 tấn/ha.", [("measure", 5.5, "tấn/ha")]),
    ("Mỗi năm thu hoạch 20 tấn chè búp tươi.", [("measure", 20, "tấn")]),
    # ranges
    ("Mỗi ha cho thu nhập từ 5 - 10 triệu đồng.", [("money", 5_000_000, "đồng")]),
    ("Diện tích mỗi hộ từ 5 đến 10 ha.", [("measure", 5, "ha")]),
    ("Giá dao động 80.000-100.000 đồng/kg.", [("money", 80000, "đồng/kg")]),
    # duration
    ("Ông đã có 20 năm gắn bó với bản.", [("duration", 20, "năm")]),
    ("Sau 3 tháng triển khai, mô hình đã có kết quả.", [("duration", 3, "tháng")]),
    ("Trong 6 tháng đầu năm 2023, tỉnh giải ngân 1.000 tỷ đồng.",
     [("duration", 6, "tháng"), ("money", 1e12, "đồng")]),
    ("Đoàn làm việc trong 2 ngày 29 và 30/11.", [("duration", 2, "ngày")]),
    # rank and ratio
    ("Tỉnh đứng thứ 10/63 cả nước về chỉ số PCI.", [("rank", 10, "rank")]),
    ("Huyện xếp thứ 2 toàn tỉnh về thu ngân sách.", [("rank", 2, "rank")]),
    ("Đây là loại chè số 1 Việt Nam.", [("rank", 1, "rank")]),
    ("Đến nay, 47/51 xã đã đạt chuẩn nông thôn mới.", [("ratio", 47, "xã")]),
    ("Rừng chiếm 3/4 diện tích tự nhiên.", [("ratio", 3, "diện tích")]),
    # numbers glued or at a sentence end
    ("Toàn xã có 1.761 hộ.", [("count", 1761, "hộ")]),
    ("Kết quả, số hộ thoát nghèo đạt 1.761.", [("count", 1761, "hộ")]),
]

NOT_FACT_CASES = [
    "Sáng 25/11/2022, tại Hà Nội, Ủy ban Dân tộc tổ chức hội nghị.",
    "Hội nghị diễn ra vào tháng 10/2022 và kết thúc lúc 15:30.",
    "Năm 2019, ông được bầu làm trưởng bản.",
    "Theo Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ, chương trình được triển khai.",
    "Thực hiện Nghị quyết 88 của Quốc hội về đề án tổng thể.",
    "Mạng 5G đã phủ sóng; dịch COVID-19 được kiểm soát.",
    "Chương trình 135 và Dự án 1 được triển khai đồng bộ.",
    "Quốc hội khóa XV họp Kỳ họp thứ 6 tại Hà Nội.",
    "Chương trình giai đoạn 2021-2025 đạt nhiều kết quả.",
    "Già làng Hồ Văn Tư (81 tuổi) là người có uy tín.",
    "Tọa đàm Kỷ niệm 90 năm ngày thành lập Hội Nông dân Việt Nam.",
    "Ông được trao Huy hiệu 50 năm tuổi Đảng.",
    "Đợt 1 của chiến dịch tiêm mũi 2 bắt đầu từ ngày 15.",
    "Chiến sĩ Quân khu 9 giúp dân thu hoạch lúa.",
    "Xã có nhiều sản phẩm OCOP 3 sao.",
    "Mọi thông tin xin liên hệ số điện thoại 0912345678.",
    "Trụ sở đặt tại số 12 đường Lê Lợi.",
    "Bà Lường Thị Xuân, Bí thư Chi bộ bản 5, xã Mường Chiên cho biết.",
    "Hội nghị Trung ương 8 khóa XIII đã bàn về vấn đề này.",
    "Báo cáo công tác tuần 42/2023 được gửi đi.",
    "Đây là lần thứ 2 đoàn đến thăm bản.",
    "(Bài 2) Những người giữ lửa.",
    "Ở tuổi 65, bà vẫn lên nương.",
    "Từ ngày 12 - 19/10/2022, đoàn công tác tại Australia.",
    "Theo Nghị định số 120/2020/NĐ-CP của Chính phủ.",
    "Chỉ số giá tiêu dùng tháng 5 tăng nhẹ.",
    "Ca mắc F0 trong cộng đồng giảm.",
]


def _facts(text: str, meta: dict | None = None) -> list:
    return process(text, meta).facts


@pytest.mark.parametrize(("text", "expected"), FACT_CASES, ids=[c[0][:40] for c in FACT_CASES])
def test_facts_found(text: str, expected: list[tuple[str, float, str]]) -> None:
    got = [(f.kind, f.value, f.unit) for f in _facts(text)]
    assert len(got) == len(expected), got
    for (kind, value, unit), (gk, gv, gu) in zip(expected, got, strict=True):
        assert gk == kind, got
        assert math.isclose(gv, value, rel_tol=1e-9), got
        assert gu == unit, got


@pytest.mark.parametrize("text", NOT_FACT_CASES, ids=[c[:40] for c in NOT_FACT_CASES])
def test_not_facts(text: str) -> None:
    assert [f.text for f in _facts(text)] == []


# --- offsets, text and the annotate contract -------------------------------------------------


def test_fact_text_is_the_exact_substring_and_hedges_stay_out() -> None:
    text = "Toàn xã có khoảng 1.761 hộ, trong đó gần 51,4% là hộ nghèo; kinh phí 3,5 tỷ đồng."
    doc = process(text)
    assert [f.text for f in doc.facts] == ["1.761 hộ", "51,4%", "3,5 tỷ đồng"]
    for f in doc.facts:
        assert doc.text[f.start : f.end] == f.text
        assert f.sentence_index == 0
    assert [f.approx for f in doc.facts] == [True, True, False]


def test_annotate_output_carries_the_fact_fields() -> None:
    out = annotate_text("Xã có 120 hộ nghèo.", doc_id="x1", meta={"published_at": "2023-04-05T08:00:00+07:00"})
    (fact,) = out["facts"]
    assert {k: fact[k] for k in ("text", "value", "kind", "unit", "approx", "subject", "period", "period_source")} == {
        "text": "120 hộ", "value": 120.0, "kind": "count", "unit": "hộ", "approx": False,
        "subject": "hộ nghèo", "period": "2023-04-05", "period_source": "article_date",
    }
    json.dumps(out, ensure_ascii=False)  # the record is plain JSON


def test_non_nfc_input_keeps_offsets_into_the_callers_string() -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", "Năm nay có 1.761 hộ đạt chuẩn.")
    out = annotate_text(raw)
    (fact,) = out["facts"]
    assert raw[fact["start"] : fact["end"]] == fact["text"]


# --- subject and role (period and place: tests/test_fact_context.py) -----------------------------------------------------------

SUBJECT_CASES = [
    ("Tỉnh có 2.967 trạm thu phát sóng thông tin di động (BTS).",
     "trạm thu phát sóng thông tin di động (BTS)", "trạm"),
    ("Huyện đã cắt giảm 136 thủ tục hành chính.", "thủ tục hành chính", "thủ tục"),
    ("Năm nay có 1.200 hộ nghèo được vay vốn.", "hộ nghèo", "hộ"),
    ("Xã có 85% số hộ trồng cà phê.", "số hộ trồng cà phê", "hộ"),
    ("Tỷ lệ hộ nghèo giảm còn 5%.", "Tỷ lệ hộ nghèo", "tỷ lệ"),
    ("Thu nhập bình quân đạt 45 triệu đồng/người/năm.", "Thu nhập bình quân", "thu nhập"),
]


@pytest.mark.parametrize(("text", "subject", "head"), SUBJECT_CASES, ids=[c[2] for c in SUBJECT_CASES])
def test_subject_and_head(text: str, subject: str, head: str) -> None:
    (fact,) = _facts(text)
    assert fact.subject == subject
    assert fact.attributes["head"] == head


#: One sentence per subject rule of extract/facts/subject.py: (sentence, the fact's text, subject, head).
SUBJECT_RULE_CASES = [
    # money: the nearest money noun of the clause, as the phrase it heads, past time and verbs
    ("Kinh phí xây dựng nhà văn hóa thôn năm 2023 được duyệt là 1,2 tỷ đồng.", "1,2 tỷ đồng",
     "Kinh phí xây dựng nhà văn hóa thôn", "kinh phí"),
    ("Nguồn vốn ngân sách tỉnh cho dự án này là 800 triệu đồng.", "800 triệu đồng",
     "Nguồn vốn ngân sách tỉnh", "nguồn vốn"),
    ("Giá trị sản xuất trên 1 ha đất canh tác đạt 120 triệu đồng.", "120 triệu đồng",
     "Giá trị sản xuất", "giá trị sản xuất"),
    # money: transfer verbs (purpose, the verb itself, the recipient of a passive), distributives
    ("Xã dành 300 triệu đồng để sửa chữa trường mầm non.", "300 triệu đồng", "sửa chữa trường mầm non",
     "sửa chữa"),
    ("Anh Vàng A Dế vay 30 triệu đồng từ ngân hàng.", "30 triệu đồng", "vay", "vay"),
    ("Hợp tác xã Nậm Mu được hỗ trợ 150 triệu đồng.", "150 triệu đồng", "Hợp tác xã Nậm Mu", "hợp tác xã"),
    ("Mỗi hộ được nhận 5 triệu đồng.", "5 triệu đồng", "Mỗi hộ", "hộ"),
    ("Mỗi suất học bổng trị giá 2 triệu đồng.", "2 triệu đồng", "suất học bổng", "suất"),
    # comparatives; a clause that opens with its predicate takes the previous fact's subject
    ("Giá bán tại vườn cao hơn giá chợ 5.000 đồng/kg.", "5.000 đồng/kg", "Giá bán", "giá bán"),
    ("Doanh thu năm 2023 đạt 2 tỷ đồng, tăng 400 triệu đồng so với năm trước.", "400 triệu đồng",
     "Doanh thu", "doanh thu"),
    ("Con đường dài 4 km, rộng 5 m.", "5 m", "Con đường", "đường"),
    ("Bà con có 350 ha chè, chiếm 40% diện tích canh tác.", "40%", "chè", "chè"),
    ("Xã có 1.200 ha lúa, riêng thôn Nà Hẩu có 150 ha.", "150 ha", "lúa", "lúa"),
    # measure: a distance, a route, a measure noun
    ("Bản Nậm Khao cách trung tâm xã 25 km.", "25 km", "Bản Nậm Khao", "bản"),
    ("Đường từ bản đến trường học dài 6 km.", "6 km", "Đường từ bản đến trường học", "đường"),
    ("Năng suất lúa của xã đạt 5,8 tấn/ha.", "5,8 tấn/ha", "Năng suất lúa", "năng suất"),
    # duration: what lasts it, the activity after it, the clause it opens, a time noun
    ("Buổi tập huấn kéo dài 2 ngày.", "2 ngày", "Buổi tập huấn", "buổi"),
    ("Sau 4 năm xây dựng nông thôn mới, xã đã về đích.", "4 năm", "xây dựng nông thôn", "xây dựng"),
    ("Hơn 3 tháng qua, tổ công tác đã đến từng nhà.", "3 tháng", "tổ công tác", "tổ"),
    ("Thời hạn cho vay tối đa 5 năm.", "5 năm", "Thời hạn", "thời hạn"),
    # percent: a share predicate points before; otherwise the noun after; a rate carries over
    ("Hộ nghèo chiếm 12% tổng số hộ của xã.", "12%", "Hộ nghèo", "hộ"),
    ("Xã đã giải ngân 90% vốn được giao.", "90%", "vốn", "vốn"),
    ("Tỷ lệ che phủ rừng ở vùng thấp đạt 45%, vùng cao đạt 62%.", "62%", "Tỷ lệ che phủ rừng", "tỷ lệ"),
    # count: a bare classifier after a possessive counts the phrase before; "cây" is a head
    ("Đàn trâu của bản đã có 120 con.", "120 con", "Đàn trâu", "đàn"),
    ("Gia đình anh trồng 2.000 cây quế.", "2.000 cây quế", "cây quế", "cây"),
]


@pytest.mark.parametrize(("text", "fact_text", "subject", "head"), SUBJECT_RULE_CASES,
                         ids=[c[1] for c in SUBJECT_RULE_CASES])
def test_subject_rules(text: str, fact_text: str, subject: str, head: str) -> None:
    (fact,) = [f for f in _facts(text) if f.text == fact_text]
    assert (fact.subject, fact.attributes["head"]) == (subject, head)


def test_roles_target_change_and_comparison() -> None:
    facts = _facts("Mục tiêu đến năm 2025, tỷ lệ che phủ rừng đạt 60%.")
    assert facts[0].attributes["role"] == "target"
    facts = _facts("Doanh thu du lịch tăng 12,3% so với cùng kỳ năm trước.")
    assert facts[0].attributes["role"] == "change"
    assert facts[0].attributes["direction"] == "increase"
    assert facts[0].attributes["compared_to"] == "cùng kỳ năm trước"
    facts = _facts("Xã đã thực hiện kế hoạch, hỗ trợ 50 hộ.")
    assert "role" not in facts[0].attributes  # "đã": done, not a target


# --- bad input -----------------------------------------------------------------------------

BAD_INPUTS = [
    "",
    "   \n\n  ",
    "99999999999999 tỷ đồng",
    "1." * 5000,
    "Có 1.761.",
    "Số " + "9" * 5000 + " người.",
    "100%số hộ, 2.000ha, 5/0 xã, 0/0 hộ, 1,,2 người, ..., 1.2.3.4 tấn",
    "<p>Có 5 hộ</p>\x00\x07 " + "₫" * 10,
    "Có " + "1 hộ, " * 3000,
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_never_crashes_nor_gives_inf(text: str) -> None:
    doc = process(text)
    assert not doc.errors
    for f in doc.facts:
        assert math.isfinite(f.value)
        assert f.value_max is None or math.isfinite(f.value_max)
        assert doc.text[f.start : f.end] == f.text


def test_absurd_values_are_counted_skips() -> None:
    doc = process("Có 99999999999999 tỷ đồng.")
    assert doc.facts == []
    assert doc.meta["fact_skips"] == {"unreadable or absurd number": 1}


def test_a_huge_sentence_is_skipped_and_counted() -> None:
    doc = make_doc("Có 5 hộ " * 1000)
    doc.sentences = [Sentence(0, 0, len(doc.text))]
    find_facts(doc)
    assert doc.facts == [] and doc.meta["fact_skips"] == {"sentence too long": 1}


# The subject-head floors on tests/gold/ are part of the quality gate (tests/eval_baseline.json).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đi bộ hơn 2 tiếng.", [("duration", 2, "tiếng")]),
        ("Em biết 2 tiếng dân tộc.", [("count", 2, "tiếng")]),
        ("Buổi lễ kéo dài 3 ngày 3 đêm.", [("duration", 3, "ngày"), ("duration", 3, "đêm")]),
        ("Thời gian tang lễ không quá 48 giờ.", [("duration", 48, "giờ")]),
        ("Giá bán từ 300.000 đồng đến 2 triệu đồng/kg.", [("money", 300000, "đồng/kg")]),
        ("Nhu cầu vốn cho giai đoạn 2021-2025 dự kiến 9.800 tỷ đồng.", [("money", 9.8e12, "đồng")]),
        ("Em mồ côi cha từ năm lên 7.", []),
        ("Tuyên phạt 3 bị cáo.", [("count", 3, "bị cáo")]),
    ],
    ids=lambda c: c if isinstance(c, str) else None,
)
def test_regressions_found_on_the_project_gold(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(f.kind, f.value, f.unit) for f in _facts(text)] == [(k, float(v), u) for k, v, u in expected]
