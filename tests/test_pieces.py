"""Long texts (issue 10): cut into pieces at paragraph boundaries, extracted piece by piece, joined
back with offsets into the whole text; the extraction time grows linearly with the length."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest

from baodantoc.extract.api import MAX_DOC_CHARS, annotate_text, default_components, process
from baodantoc.extract.normalize import make_doc
from baodantoc.extract.pieces import split_text
from baodantoc.extract.pipeline import Pipeline

PARAGRAPH = ("Năm 2023, huyện Mường Khương có 1.761 hộ nghèo, chiếm 21,4%. Ông Lò Văn Muôn, Chủ tịch "
             "UBND tỉnh Lào Cai, làm việc với đồng bào Mông ở xã Y Tý, huyện Bát Xát.")


@pytest.mark.parametrize("text, max_chars, pieces", [
    ("aaa\nbbb\nccc", 8, ["aaa\nbbb\n", "ccc"]),  # after the last line break that fits
    ("aaa\nbbb\nccc", 11, ["aaa\nbbb\nccc"]),  # at the limit: one piece
    ("aaa\nbbb\nccc", 10, ["aaa\nbbb\n", "ccc"]),  # one below
    ("Một câu. Hai câu. Ba", 12, ["Một câu. ", "Hai câu. Ba"]),  # no line break: a sentence end
    ("một hai ba bốn", 9, ["một hai ", "ba bốn"]),  # no sentence end: a space
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # nothing: anywhere
])
def test_texts_are_cut_at_the_best_break_that_fits(text, max_chars, pieces) -> None:
    assert split_text(text, max_chars) == pieces


def test_a_cut_never_parts_a_letter_from_its_accents() -> None:
    text = unicodedata.normalize("NFD", "ệệệệệệ")  # 3 code points each, no break anywhere
    pieces = split_text(text, 4)
    assert "".join(pieces) == text
    assert all(not unicodedata.combining(p[0]) and len(p) <= 4 for p in pieces)


def test_a_cap_below_one_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_text("abc", 0)


def test_pieces_join_into_one_doc_over_the_whole_text() -> None:
    text = "\n\n".join([PARAGRAPH] * 6)
    whole = process(text)
    cut = process(text, max_chars=len(PARAGRAPH) * 2 + 3)
    assert cut.text == text and cut.norm == whole.norm
    assert [s.index for s in cut.sentences] == list(range(len(cut.sentences)))
    assert [(s.start, s.end) for s in cut.sentences] == [(s.start, s.end) for s in whole.sentences]
    for m in cut.mentions:
        assert text[m.start:m.end] == m.text
        assert cut.sentences[m.sentence_index].start <= m.start < cut.sentences[m.sentence_index].end
    for f in cut.facts:
        assert text[f.start:f.end] == f.text
    # every paragraph is read alike, whichever piece it is in
    assert sorted((m.type, m.text) for m in cut.mentions) == sorted((m.type, m.text) for m in whole.mentions)
    assert len(cut.facts) == len(whole.facts) == 12


def test_offsets_of_pieces_point_into_the_callers_decomposed_text() -> None:
    raw = unicodedata.normalize("NFD", "\n".join([PARAGRAPH] * 3))
    out = annotate_text(raw, meta={})
    cut = process(raw, max_chars=len(raw) // 2)
    assert cut.raw == raw and len(cut.raw_offsets) == len(cut.text) + 1
    for e in out["entities"]:
        assert raw[e["start"]:e["end"]] == e["text"]


def test_the_cap_is_above_any_article_of_the_paper() -> None:
    assert MAX_DOC_CHARS >= 50_000


# many different people and bodies: the quadratic passes grew with the names, not the words
NAMES = [f"{f} {m} {g}" for f in ("Nguyễn", "Lò", "Giàng", "Hoàng") for m in ("Văn", "Seo", "Thị", "Đức")
         for g in ("Muôn", "Phử", "Lan", "Hưng", "Dế", "Sinh", "Tâm", "Khoa")]


def long_text(paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPH} Ông {NAMES[i % len(NAMES)]}, Chủ tịch UBND xã Bản {i}, cho biết UBND xã "
                       f"đã hỗ trợ {i} hộ; ông {NAMES[i % len(NAMES)].split()[-1]} nói." for i in range(paragraphs))


def test_document_passes_do_work_linear_in_the_mentions() -> None:
    """Regression (issue 10): linking scanned every named body per generic reference and every
    full name per person, so 160,000 characters took 9 s. Counts the function calls (Python and
    C) of the document-level passes, so the test measures work, not time."""
    from baodantoc.extract.entities import describe_entities, link_entities
    from baodantoc.extract.entities.harmonize import harmonize

    upto_entities = Pipeline([c for c in default_components() if c.name in ("sentences", "tokens", "entities")])

    def calls(paragraphs: int) -> int:
        doc = upto_entities(make_doc(long_text(paragraphs)))
        count = 0

        def profile(frame, event, arg) -> None:
            nonlocal count
            count += event in ("call", "c_call")

        sys.setprofile(profile)
        try:
            doc.mentions = harmonize(doc, doc.mentions)
            link_entities(describe_entities(doc))
        finally:
            sys.setprofile(None)
        return count

    small, large = calls(20), calls(160)
    assert large < 8 * small * 1.5, (small, large)


@pytest.mark.slow
def test_extraction_time_grows_linearly_with_the_text() -> None:
    """The same, end to end in CPU time: a text 16 times as long takes at most twice 16 times as
    long (the entity stage; no fixed time)."""
    # the entity stage: the fact place picker is issue 11's facts half
    pipeline = Pipeline([c for c in default_components() if c.name != "facts"])

    def seconds(t: str) -> float:
        best = float("inf")
        for _ in range(2):
            t0 = time.process_time()
            process(t, pipeline=pipeline, max_chars=len(t))  # no pieces: the passes themselves
            best = min(best, time.process_time() - t0)
        return best

    process(long_text(2), pipeline=pipeline)
    small, large = seconds(long_text(30)), seconds(long_text(480))
    assert large < 16 * small * 2, (small, large)
