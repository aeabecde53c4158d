"""baodantoc.extract.normalize: one-for-one normalization keeps offsets; NFD input maps back to the caller."""

import unicodedata

import pytest

from baodantoc.extract.normalize import (
    compose,
    fold_tone_placement,
    from_raw_offset,
    make_doc,
    normalize_chars,
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("uỷ ban", "ủy ban"), ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"), ("HOÀ", "HÒA"), ("Thuỵ", "Thụy"), ("loà", "lòa"),
        # closed syllables and "qu" are spelled the same in both placements: untouched
        ("hoàn thành", "hoàn thành"), ("quý", "quý"), ("khoảng", "khoảng"), ("thuyền", "thuyền"),
    ],
)
def test_old_tone_placement_is_folded(old: str, new: str) -> None:
    assert normalize_chars(old) == new
    assert fold_tone_placement(old) == new


def test_norm_has_the_length_of_text() -> None:
    text = "Ông\u00a0A “nói”\u2013 uỷ ban\x07 hoà\tbình"
    doc = make_doc(text)
    assert len(doc.norm) == len(doc.text)
    assert doc.norm == 'Ông A "nói"- ủy ban  hòa bình'


def test_nfd_input_is_composed_and_offsets_map_back() -> None:
    raw = unicodedata.normalize("NFD", "Lào Cai có 1.761 hộ")
    text, offsets = compose(raw)
    assert text == "Lào Cai có 1.761 hộ"
    assert offsets is not None and len(offsets) == len(text) + 1
    doc = make_doc(raw)
    start = doc.text.index("Cai")
    assert raw[doc.raw_offsets[start] : doc.raw_offsets[start + 3]] == unicodedata.normalize("NFD", "Cai")
    assert from_raw_offset(doc, doc.raw_offsets[start]) == start


def test_nfc_input_has_no_offset_map() -> None:
    assert compose("Lào Cai")[1] is None


def test_sentences_facts_and_mentions_share_the_callers_offsets() -> None:
    """Regression: ``article_result`` gave sentence offsets and sentence text in the composed
    text while mentions and facts pointed into the caller's (NFD) string, so a mention did not
    fall inside the sentence the store said it belonged to."""
    from baodantoc.extract.api import article_result

    raw = unicodedata.normalize("NFD", "Hôm nay trời đẹp. Ông Nguyễn Văn An về xã Tân Sơn, có 1.761 hộ nghèo.")
    result = article_result(raw)
    sentences = result.sentences
    assert [s.text for s in sentences] == [raw[s.start : s.end] for s in sentences]
    assert result.mentions and result.facts
    for item in [*result.mentions, *result.facts]:
        sent = sentences[item.sentence_index]
        assert sent.start <= item.start < item.end <= sent.end
        assert raw[item.start : item.end] == item.text
    assert result.facts[0].sentence == sentences[1].text
