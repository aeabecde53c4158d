"""The province of places no gazetteer pins down (extract/entities/provinces.py), on hand-made
LOC mentions, so these tests pin the inference and not the recognizer (issue 11)."""

from __future__ import annotations

from baodantoc.extract.doc import Mention
from baodantoc.extract.entities.attributes import describe
from baodantoc.extract.gazetteer import load_gazetteer
from baodantoc.extract.normalize import make_doc
from baodantoc.extract.sentences import split_sentences


def _described(text: str, surfaces: list[str]) -> dict[str, dict]:
    doc = make_doc(text)
    split_sentences(doc)
    at = 0
    for surface in surfaces:
        start = doc.text.index(surface, at)
        at = start + len(surface)
        sent = doc.sentence_at(start)
        doc.mentions.append(Mention("LOC", start, at, surface, sentence_index=sent.index if sent else -1))
    describe(doc, load_gazetteer())
    return {m.text: m.attributes for m in doc.mentions}


def test_a_village_takes_the_province_of_its_parent_in_the_chain() -> None:
    got = _described("Bản Nậm Khao, xã Tà Tổng, huyện Mường Tè có 96 hộ.",
                     ["Bản Nậm Khao", "xã Tà Tổng", "huyện Mường Tè"])
    assert (got["Bản Nậm Khao"]["province"], got["Bản Nậm Khao"]["province_source"]) == ("Lai Châu", "nearby")
    assert "province_source" not in got["xã Tà Tổng"]  # the gazetteer's own answer


def test_an_ambiguous_name_is_the_unit_that_lies_in_its_neighbour() -> None:
    got = _described("Xã Tân Lập, huyện Bắc Quang có 1.450 ha cam.", ["Xã Tân Lập", "huyện Bắc Quang"])
    assert got["Xã Tân Lập"]["province"] == "Hà Giang"
    got = _described("Ở xã Hồ Đắc Kiện, huyện Châu Thành có 19 tiêu chí.", ["xã Hồ Đắc Kiện", "huyện Châu Thành"])
    assert got["huyện Châu Thành"]["province"] == "Sóc Trăng"


def test_a_village_alone_takes_the_province_the_article_names_most() -> None:
    got = _described("Tỉnh Lai Châu có nhiều mô hình. Ở bản Lao Chải 1, 32 hộ trồng chè.",
                     ["Tỉnh Lai Châu", "bản Lao Chải 1"])
    assert (got["bản Lao Chải 1"]["province"], got["bản Lao Chải 1"]["province_source"]) == ("Lai Châu", "article")


def test_no_leading_province_leaves_a_village_open() -> None:
    got = _described("Tỉnh Lai Châu và tỉnh Sơn La. Ở bản Lao Chải, 32 hộ trồng chè.",
                     ["Tỉnh Lai Châu", "tỉnh Sơn La", "bản Lao Chải"])
    assert "province" not in got["bản Lao Chải"]


def test_places_apart_are_no_chain() -> None:
    got = _described("Bản Nà Hu có 78 hộ; còn huyện Mường Tè thì xa.", ["Bản Nà Hu", "huyện Mường Tè"])
    assert got["Bản Nà Hu"].get("province_source") == "article"  # from the article, not as a parent
