"""Where and when a number holds (issue 11): periods, their source, places, provinces, national scope.

Sentences written for these tests in the paper's style (not copied from any evaluation set). The
whole pipeline runs where the entity layer matters; the place picker is also tested alone on
hand-made mentions, so that these tests pin the fact rules, not the recognizer.
"""

from __future__ import annotations

from typing import Any

import pytest

from baodantoc.extract.api import annotate_text, process
from baodantoc.extract.doc import Doc, Fact, Mention
from baodantoc.extract.facts import find_facts
from baodantoc.extract.facts.clauses import Clauses
from baodantoc.extract.facts.periods import find_exprs, render
from baodantoc.extract.normalize import make_doc
from baodantoc.extract.sentences import split_sentences

PUB = {"published_at": "2024-05-10T09:00:00+07:00"}


def _facts(text: str, meta: dict[str, Any] | None = None) -> list[Fact]:
    return process(text, meta).facts


def _fact(text: str, fact_text: str, meta: dict[str, Any] | None = None) -> Fact:
    (fact,) = [f for f in _facts(text, meta) if f.text == fact_text]
    return fact


# --- periods: what each expression states --------------------------------------------------

#: (sentence, the fact's text, period, period_source); without a publication date
PERIOD_CASES = [
    ("Năm 2022, xã có 120 hộ nghèo.", "120 hộ", "2022", "stated"),
    ("Giai đoạn 2021-2025, tỉnh hỗ trợ 500 hộ.", "500 hộ", "2021/2025", "stated"),
    ("Trong 6 tháng đầu năm 2023, xã có 120 hộ thoát nghèo.", "120 hộ", "2023-01/2023-06", "stated"),
    ("6 tháng cuối năm 2023, xã có 120 hộ thoát nghèo.", "120 hộ", "2023-07/2023-12", "stated"),
    ("9 tháng năm 2023, doanh thu đạt 18 tỷ đồng.", "18 tỷ đồng", "2023-01/2023-09", "stated"),
    ("Quý II/2023, xã có 120 hộ thoát nghèo.", "120 hộ", "2023-04/2023-06", "stated"),
    ("Tháng 10/2022, xã có 120 hộ thoát nghèo.", "120 hộ", "2022-10", "stated"),
    ("Ngày 12/5/2021, huyện trao 40 con bò.", "40 con bò", "2021-05", "stated"),
    ("Tính đến ngày 23/3/2020, huyện có 300 ca mắc.", "300 ca", "../2020-03-23", "stated"),
    ("Tính đến cuối tháng 6/2024, dư nợ đạt 820 tỷ đồng.", "820 tỷ đồng", "../2024-06", "stated"),
    ("Tính đến hết năm 2023, đã có 47 tỉnh ban hành chính sách.", "47 tỉnh", "../2023", "stated"),
    ("Đến nay, xã có 120 hộ thoát nghèo.", "120 hộ", "../now", "stated"),
    ("Hiện nay toàn xã có 120 hộ nghèo.", "120 hộ", "../now", "stated"),
    ("Xã hiện có 120 hộ nghèo.", "120 hộ", "../now", "stated"),
    ("Giờ đây, gia đình anh có 3 ha chè.", "3 ha", "../now", "stated"),
    ("Tại thời điểm này, trung tâm đang nuôi dưỡng 200 em.", "200 em", "../now", "stated"),
    ("Từ năm 2019 đến nay, huyện xây 126 căn nhà.", "126 căn nhà", "2019/now", "stated"),
    ("Từ năm 2019, huyện xây 126 căn nhà.", "126 căn nhà", "2019/..", "stated"),
    ("Tỉnh đã tổ chức 3 lần đại hội vào các năm 2009, 2014 và 2019.", "3 lần", "2009/2019", "stated"),
    ("Năm học 2023 - 2024, tỉnh có 612 trường học.", "612 trường học", "2023/2024", "stated"),
    ("Tỷ lệ hộ nghèo giảm từ 31,5% năm 2015 xuống còn 8,6% năm 2019.", "8,6%", "2019", "stated"),
    ("Hợp tác xã thành lập năm 2015 với 7 thành viên, nay đã có 42 thành viên.", "7 thành viên", "2015", "stated"),
    ("Hợp tác xã thành lập năm 2015 với 7 thành viên, nay đã có 42 thành viên.", "42 thành viên", "../now",
     "stated"),
    ("Từ chỗ 41 hộ nghèo, nay thôn chỉ còn 9 hộ.", "9 hộ", "../now", "stated"),
    # the period an expression containing the number states: "9 tháng" is January to September
    ("Hội nghị sơ kết công tác 9 tháng đầu năm 2021.", "9 tháng", "2021-01/2021-09", "stated"),
    # a length of years matching a stated range is that range
    ("Báo cáo đánh giá 3 năm thực hiện chính sách, vùng miền núi (giai đoạn 2016 - 2018).", "3 năm",
     "2016/2018", "stated"),
    # within the clause, a later expression that refines the earlier one wins
    ("Đại hội năm 2024 sẽ diễn ra trong 2 ngày 29 và 30/11.", "2 ngày", "2024-11", "stated"),
    # a year the sentence states elsewhere completes a partial expression
    ("Hội nghị sơ kết 9 tháng đầu năm và triển khai nhiệm vụ 3 tháng cuối năm 2021.", "9 tháng",
     "2021-01/2021-09", "stated"),
]


@pytest.mark.parametrize(("text", "fact_text", "period", "source"), PERIOD_CASES, ids=[c[2] for c in PERIOD_CASES])
def test_period(text: str, fact_text: str, period: str, source: str) -> None:
    fact = _fact(text, fact_text)
    assert (fact.period, fact.period_source) == (period, source)


#: no period, and what would wrongly give one
NO_PERIOD_CASES = [
    ("Nhiều năm nay, xã có 150 ha thảo quả.", "150 ha"),  # "nhiều năm nay": for years, not this year
    ("Hơn 10 năm qua, xã có 150 ha thảo quả.", "150 ha"),  # "N năm qua" states no period
    ("Cách đây 10 năm, xã có 2 lớp học; đến tháng 7/2017, xã xây trường.", "2 lớp học"),  # later clause
    ("Xã thực hiện 150 dự án.", "150 dự án"),  # "thực hiện" is no "hiện"
    ("Xã có 2000 hộ.", "2000 hộ"),  # a number that is a fact is no year
    ("Công nhân có thu nhập hằng tháng 5 - 6 triệu đồng/người.", "5 - 6 triệu đồng/người"),  # no May
    ("Xã có 120 hộ, tăng 20 hộ so với năm 2021.", "120 hộ"),  # a comparison's year
    ("Theo Quyết định số 1205/QĐ-UBND ngày 20/3/2023, tỉnh được giao 512 tỷ đồng.", "512 tỷ đồng"),  # a document's
    ("Anh A (sinh năm 1985) có 3 ha quế.", "3 ha"),  # a birth year
    ("Sáng 23/10, đoàn trao 50 suất quà.", "50 suất"),  # a day of no known year
    ("Tính đến ngày 31/2/2020, xã có 300 hộ.", "300 hộ"),  # no such day
]


@pytest.mark.parametrize(("text", "fact_text"), NO_PERIOD_CASES, ids=[c[1] for c in NO_PERIOD_CASES])
def test_no_period(text: str, fact_text: str) -> None:
    fact = _fact(text, fact_text)
    assert (fact.period, fact.period_source) == (None, None)


def test_a_change_against_a_year_holds_from_that_year() -> None:
    text = "Năm 2022, tỉnh có 1.246 người, tăng 5 người so với năm 2021."
    assert [(f.text, f.period) for f in _facts(text)] == [("1.246 người", "2022"), ("5 người", "2021/2022")]


def test_a_change_against_the_same_period_keeps_its_own() -> None:
    text = "9 tháng năm 2023, doanh thu đạt 18 tỷ đồng, tăng 35% so với cùng kỳ năm 2022."
    assert _fact(text, "35%").period == "2023-01/2023-09"


# --- periods: the article's date ----------------------------------------------------------


def test_the_articles_date_completes_partial_expressions() -> None:
    meta = {"published_at": "2024-07-12T08:00:00+07:00"}
    text = "Trong 6 tháng đầu năm, huyện hỗ trợ 310 hộ. Riêng quý II, huyện giải ngân 18 tỷ đồng. Năm nay, huyện giảm 4% hộ nghèo."
    assert [(f.text, f.period, f.period_source) for f in _facts(text, meta)] == [
        ("6 tháng", "2024-01/2024-06", "stated"), ("310 hộ", "2024-01/2024-06", "stated"),
        ("18 tỷ đồng", "2024-04/2024-06", "stated"), ("4%", "2024", "stated")]


def test_without_a_stated_period_the_articles_date_is_a_marked_fallback() -> None:
    fact = _fact("Con đường dài 2,5 km vừa được khánh thành.", "2,5 km", PUB)
    assert (fact.period, fact.period_source) == ("2024-05-10", "article_date")


def test_a_day_without_its_year_takes_the_articles_year() -> None:
    assert _fact("Sáng 15/3, hội trao 40 con bò.", "40 con bò", PUB).period == "2024-03"


# --- periods: carried only through a link --------------------------------------------------


def test_theo_do_carries_the_period_of_the_sentence_before_across_a_paragraph() -> None:
    text = "Ngày 18/4/2024, UBND tỉnh ban hành kế hoạch.\nTheo đó, tỉnh sẽ xây 56 công trình."
    fact = _fact(text, "56 công trình")
    assert (fact.period, fact.period_source) == ("2024-04", "carried")


@pytest.mark.parametrize("link", ["Trong đó", "Cụ thể", "Trong số đó"])
def test_links_carry(link: str) -> None:
    text = f"Đến nay, cả nước có 72.000 ca. {link}, khu vực Tây Nguyên có 20.000 ca."
    fact = _fact(text, "20.000 ca")
    assert (fact.period, fact.period_source) == ("../now", "carried")


def test_no_link_no_carry() -> None:
    text = "Năm 2022, huyện có 5.600 hộ nghèo.\nToàn huyện có 13 xã với 38.000 nhân khẩu."
    assert [f.period for f in _facts(text)] == ["2022", None, None]


def test_a_link_carries_only_one_sentence_back_through_a_sentence_without_time() -> None:
    text = "Năm 2022, huyện có 5.600 hộ nghèo. Huyện có 13 xã. Trong đó, 4 xã đặc biệt khó khăn."
    assert _fact(text, "4 xã").period is None


def test_nam_nay_after_a_stated_year_without_a_date_is_carried() -> None:
    text = "Năm 2024, xã trồng mới 50 ha. Năm nay, giá thảo quả ở mức 280.000 đồng/kg."
    fact = _fact(text, "280.000 đồng/kg")
    assert (fact.period, fact.period_source) == ("2024", "carried")


def test_a_monthly_reports_months_are_the_year_so_far() -> None:
    text = ("Chính phủ họp phiên thường kỳ tháng 5 năm 2022. Chỉ số giá tháng 5 tăng 0,38% và bình quân "
            "5 tháng tăng 2,25%. Thu ngân sách 5 tháng ước đạt 57,1% dự toán.")
    periods = [(f.text, f.period) for f in _facts(text)]
    assert periods == [("0,38%", "2022-05"), ("5 tháng", "2022-01/2022-05"), ("2,25%", "2022-01/2022-05"),
                       ("5 tháng", "2022-01/2022-05"), ("57,1%", "2022-01/2022-05")]


def test_lu_y_ke_months_are_the_year_so_far() -> None:
    meta = {"published_at": "2023-10-05T08:00:00+07:00"}
    assert _fact("Lũy kế 9 tháng, huyện đón 310.000 lượt khách.", "310.000 lượt", meta).period == \
        "2023-01/2023-09"


def test_expressions_and_their_rendering() -> None:
    text = "Quý III/2023 và tháng 5 và năm nay"
    exprs = find_exprs(text, 0)
    assert [(x.kind, render(x, 2024)) for x in exprs] == [
        ("quarter", "2023-07/2023-09"), ("month", "2024-05"), ("this_year", "2024")]


# --- places ---------------------------------------------------------------------------------


def _where(f: Fact) -> tuple[str | None, str | None]:
    return ("national" if f.scope == "national" else f.province), f.place


def test_a_village_no_gazetteer_lists_takes_its_communes_province() -> None:
    fact = _fact("Ở bản Sì Thâu Chải, xã Tả Phìn, huyện Sìn Hồ có 80 hộ.", "80 hộ")
    assert _where(fact) == ("Lai Châu", "loc:village-si-thau-chai-lai-chau")
    assert fact.province_2025 == "Lai Châu"


def test_a_commune_no_gazetteer_lists_takes_its_districts_province() -> None:
    fact = _fact("Làng Kon Pring, xã Đăk Côi (Kon Rẫy) có 74 hộ.", "74 hộ")
    assert (fact.province, fact.province_2025) == ("Kon Tum", "Quảng Ngãi")


def test_an_ambiguous_district_is_the_one_that_holds_its_commune() -> None:
    fact = _fact("Ở xã Hồ Đắc Kiện, huyện Châu Thành, ông đã vận động làm 19 tiêu chí.", "19 tiêu chí")
    assert (fact.province, fact.province_2025) == ("Sóc Trăng", "Cần Thơ")


def test_a_village_alone_takes_the_articles_province() -> None:
    text = "Huyện Tam Đường (Lai Châu) có nhiều mô hình hay. Ở bản Lao Chải 1, 32 hộ đã trồng 18 ha chè."
    assert [_where(f)[0] for f in _facts(text)] == ["Lai Châu", "Lai Châu"]


@pytest.mark.parametrize("text", [
    "Theo Ủy ban Dân tộc, cả nước hiện có 1.552 xã khu vực III.",
    "Toàn quốc có 14,1 triệu người dân tộc thiểu số.",
    "Nước ta có 53 dân tộc thiểu số.",
    "Chương trình được triển khai tại 63 tỉnh, thành phố.",
    "Đã có 47/63 tỉnh ban hành chính sách.",
    "Năm 2022, ngân sách trung ương phân bổ 15.300 tỷ đồng.",
    "Tỉnh Lai Châu tổ chức ngày hội với đại biểu của 54 dân tộc anh em.",
])
def test_national_figures(text: str) -> None:
    (fact,) = _facts(text)
    assert (fact.scope, fact.province, fact.province_2025) == ("national", None, None)


def test_the_country_as_a_comparisons_standard_marks_nothing() -> None:
    text = "Tỉnh Lai Châu đứng thứ 10/63 cả nước, có 47/51 xã đạt chuẩn; tỷ lệ nghèo 30%, cao nhất cả nước."
    assert [_where(f)[0] for f in _facts(text)] == ["Lai Châu"] * 3


def test_a_few_provinces_are_no_nation() -> None:
    (fact,) = _facts("Tỉnh Lai Châu hỗ trợ 3 tỉnh bạn.")
    assert (fact.scope, fact.province) == (None, "Lai Châu")


def test_each_clause_has_its_own_place() -> None:
    text = "Tỷ lệ hộ nghèo của tỉnh Sơn La là 19,67%, trong khi tỷ lệ này của cả nước chỉ còn 2,93%."
    assert [_where(f)[0] for f in _facts(text)] == ["Sơn La", "national"]


def test_a_place_after_tai_belongs_to_the_number_before_it() -> None:
    text = "Đoàn đã trao 300 suất quà tại Cà Mau và 200 suất quà tại Bạc Liêu."
    assert [_where(f)[0] for f in _facts(text)] == ["Cà Mau", "Bạc Liêu"]


def test_a_ranks_comparison_set_is_not_its_place() -> None:
    text = "Xã Hướng Phùng (Quảng Trị) là vùng cà phê. Đây là vùng cà phê số 1 Việt Nam."
    assert _where(_fact(text, "1"))[0] == "Quảng Trị"


def test_a_country_named_after_a_noun_is_what_is_counted_not_where() -> None:
    text = "Đoàn có 5 ngày làm việc tại Lào, thăm 3 trường học có học sinh Việt Nam theo học."
    fact = _fact(text, "3 trường học")
    assert (fact.scope, fact.province, fact.place) == (None, None, "loc:country-lao")


def test_an_agencys_name_places_its_numbers() -> None:
    fact = _fact("Trung tâm Y tế huyện Nậm Pồ đang điều trị 37 bệnh nhân.", "37 bệnh nhân")
    assert fact.province == "Điện Biên"


def test_an_article_naming_no_place_is_national() -> None:
    (fact,) = _facts("Báo cáo cho thấy, năm 2023 có 98,5% hộ được dùng điện lưới.")
    assert (fact.scope, fact.place) == ("national", None)
    assert fact.attributes["place_source"] == "article"


def test_a_sentence_without_a_place_takes_its_paragraphs_then_the_articles() -> None:
    text = ("Tỉnh Kon Tum có 10 huyện.\n"
            "Ở tỉnh Gia Lai, làng Plei Ơi có 74 hộ. Làng có 9 hộ nghèo.\n"
            "Tỉnh Kon Tum đã hỗ trợ 500 hộ. Kinh phí là 2 tỷ đồng.\n"
            "Người dân góp 300 ngày công.")
    got = [(f.text, f.province, f.attributes["place_source"]) for f in _facts(text)]
    assert got == [("10 huyện", "Kon Tum", "sentence"), ("74 hộ", "Gia Lai", "sentence"),
                   ("9 hộ", "Gia Lai", "paragraph"), ("500 hộ", "Kon Tum", "sentence"),
                   ("2 tỷ đồng", "Kon Tum", "paragraph"), ("300 ngày công", "Kon Tum", "article")]


def test_the_paragraph_context_is_what_the_sentence_before_is_about() -> None:
    text = "Tỉnh Quảng Trị có đường biên giới dài 206 km giáp với Lào. Hiện nay, tỉnh có 2 cửa khẩu quốc tế."
    assert [_where(f)[0] for f in _facts(text)] == ["Quảng Trị", "Quảng Trị"]


def test_the_capital_as_the_venue_of_the_opening_event_is_not_the_articles_place() -> None:
    text = ("Ngày 10/1/2024, tại Hà Nội, Ủy ban Dân tộc tổ chức hội nghị tổng kết.\n"
            "Năm 2023, Ủy ban Dân tộc đã trình Chính phủ ban hành 9 văn bản.")
    assert _fact(text, "9 văn bản").scope == "national"


def test_a_province_as_the_venue_stays_the_articles_place() -> None:
    text = "Ngày 5/3, tại tỉnh Lai Châu, hội nghị được tổ chức.\nNăm 2023, có 300 hộ thoát nghèo."
    assert _fact(text, "300 hộ").province == "Lai Châu"


# --- issue 11: Roman numerals are never places -----------------------------------------------


@pytest.mark.parametrize("text", [
    "Năm 2023, tỉnh Lai Châu có 120 xã khu vực III với 35.000 hộ nghèo.",
    "Đại hội đại biểu các dân tộc thiểu số tỉnh Lai Châu lần thứ III có 300 đại biểu.",
])
def test_issue11_roman_numerals_are_never_places(text: str) -> None:
    out = annotate_text(text)
    assert not [e for e in out["entities"] if e["type"] == "LOC" and e["text"] in ("I", "II", "III", "IV")]
    assert {f["province"] for f in out["facts"]} == {"Lai Châu"}


def test_a_ward_named_by_a_roman_numeral_with_its_prefix_is_a_place() -> None:
    out = annotate_text("Phường III có 200 hộ.")
    assert [(e["text"], e["attributes"].get("province")) for e in out["entities"]] == [("Phường III", "Hậu Giang")]


# --- the place picker alone, on hand-made mentions -------------------------------------------


def _doc(text: str, locs: list[tuple[str, str, dict[str, Any]]]) -> Doc:
    """A Doc split into sentences with hand-made LOC mentions (surface, entity_id, attributes)."""
    doc = make_doc(text)
    split_sentences(doc)
    for surface, entity_id, attrs in locs:
        start = doc.text.index(surface)
        sent = doc.sentence_at(start)
        doc.mentions.append(Mention("LOC", start, start + len(surface), surface, sentence_index=sent.index if sent else -1,
                                    attributes=attrs, entity_id=entity_id))
    return doc


LAO_CAI = {"name": "Lào Cai", "level": "province", "province": "Lào Cai", "province_2025": "Lào Cai"}
BAT_XAT = {"name": "Bát Xát", "level": "district", "province": "Lào Cai", "province_2025": "Lào Cai"}


def test_place_is_the_sentence_place_else_the_main_place() -> None:
    text = "Tỉnh Lào Cai có 120 xã. Huyện Bát Xát có 20 xã.\nToàn tỉnh có 300 thôn."
    doc = find_facts(_doc(text, [("Tỉnh Lào Cai", "loc:lao-cai", LAO_CAI), ("Huyện Bát Xát", "loc:bat-xat", BAT_XAT)]))
    assert [(f.place, f.province) for f in doc.facts] == [
        ("loc:lao-cai", "Lào Cai"), ("loc:bat-xat", "Lào Cai"), ("loc:lao-cai", "Lào Cai")]


def test_a_place_without_a_province_says_nothing_about_where() -> None:
    doc = find_facts(_doc("Bên sông Mã có 30 hộ.", [("sông Mã", "loc:river-ma", {"name": "sông Mã", "level": "river"})]))
    assert [(f.place, f.scope) for f in doc.facts] == [(None, "national")]


def test_place_without_mentions_is_national_for_the_article() -> None:
    doc = find_facts(_doc("Toàn tỉnh có 300 thôn.", []))
    assert [(f.place, f.province, f.scope) for f in doc.facts] == [(None, None, "national")]


class _CountingList(list):
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


@pytest.mark.parametrize("sentences", [10, 40])
def test_issue10_the_place_picker_walks_the_mentions_a_fixed_number_of_times(sentences: int) -> None:
    """No scan over every mention per fact: the walks over the mention list do not grow with the
    number of facts (10 or 40 sentences, each with a place and a number)."""
    text = " ".join(f"Huyện Bát Xát có {k + 1} xã." for k in range(sentences))
    doc = make_doc(text)
    split_sentences(doc)
    for s in doc.sentences:
        start = doc.text.index("Huyện Bát Xát", s.start)
        doc.mentions.append(Mention("LOC", start, start + 13, "Huyện Bát Xát", sentence_index=s.index,
                                    attributes=BAT_XAT, entity_id="loc:bat-xat"))
    _CountingList.walks = 0
    doc.mentions = _CountingList(doc.mentions)
    find_facts(doc)
    assert len(doc.facts) == sentences
    assert _CountingList.walks <= 4


def test_clauses_end_at_commas_but_not_inside_lists_of_units() -> None:
    text = "Tỉnh có 52 tỉnh, thành phố tham gia, với 300 hộ; xã có 1,5 ha."
    clauses = Clauses.of(text, 0)
    assert clauses.around(text.index("thành")) == clauses.around(text.index("52"))
    assert clauses.around(text.index("300")) != clauses.around(text.index("52"))
    assert clauses.around(text.index("1,5")) == clauses.around(text.index("ha."))


def test_annotate_output_carries_where_and_when() -> None:
    out = annotate_text("Năm 2023, bản Nậm Khao, xã Tà Tổng, huyện Mường Tè có 96 hộ.", doc_id="x")
    (fact,) = out["facts"]
    assert {k: fact[k] for k in ("place", "province", "province_2025", "scope", "period", "period_source")} == {
        "place": "loc:village-nam-khao-lai-chau", "province": "Lai Châu", "province_2025": "Lai Châu",
        "scope": None, "period": "2023", "period_source": "stated"}


@pytest.mark.parametrize(("text", "fact_text", "province"), [
    # the country as the whole a place belongs to: the place wins
    ("Huyện Trạm Tấu là một trong 74 huyện nghèo của cả nước, đồng bào Mông chiếm trên 77% dân số.", "77%",
     "Yên Bái"),
    ("Tỉnh Bình Phước là thủ phủ điều của cả nước với diện tích khoảng 145.000 ha.", "145.000 ha", "Bình Phước"),
    # a place abroad as a destination or a neighbour is not where the number holds
    ("Tỉnh Lào Cai có 182 km đường biên giới giáp tỉnh Vân Nam (Trung Quốc).", "182 km", "Lào Cai"),
    ("Huyện Mường Nhé giáp cả Lào và Trung Quốc, có 11 xã với 99 bản.", "11 xã", "Điện Biên"),
    # a year is no count of provinces; a list of one province's communes is that province
    ("Ban Dân tộc tỉnh Hà Giang cho biết, năm 2021 tỉnh đã tổ chức 3 lớp bồi dưỡng.", "3 lớp", "Hà Giang"),
    ("Sở Khoa học tỉnh Bình Phước triển khai đề tài tại 3 xã Bù Gia Mập, Đắk Ơ và Phú Nghĩa.", "3 xã", "Bình Phước"),
])
def test_where_a_number_holds_in_sentences_with_several_places(text: str, fact_text: str, province: str) -> None:
    fact = _fact(text, fact_text)
    assert (fact.scope, fact.province) == (None, province)


def test_two_provinces_in_two_clauses_are_no_list() -> None:
    fact = _fact("Sau hợp nhất với tỉnh Kon Tum, tỉnh Quảng Ngãi còn 94 thôn chưa có sóng.", "94 thôn",
                 {"published_at": "2025-09-10T08:00:00+07:00"})
    assert fact.province == "Quảng Ngãi"


def test_a_list_of_provinces_is_no_one_province() -> None:
    fact = _fact("Các tỉnh Sơn La, Điện Biên, Lai Châu có tỷ lệ hộ nghèo trên 20%.", "20%")
    assert (fact.province, fact.scope) == (None, None)
