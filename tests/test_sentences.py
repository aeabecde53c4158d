"""baodantoc.extract.sentences: splits on sentence ends, never inside abbreviations or numbers."""

import pytest

from baodantoc.extract.sentences import split_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông A về TP. Hồ Chí Minh. Có 1.761 hộ.", ["Ông A về TP. Hồ Chí Minh.", "Có 1.761 hộ."]),
        ("ThS. Lê Văn B nói. Xong!", ["ThS. Lê Văn B nói.", "Xong!"]),
        ("Ông Nguyễn V. A đến. Bà B đi.", ["Ông Nguyễn V. A đến.", "Bà B đi."]),
        ('"Chúng tôi sẽ làm." Ông nói.', ['"Chúng tôi sẽ làm."', "Ông nói."]),
        ("Tăng 51,4% so với năm 2022. Năm 2023 giảm.", ["Tăng 51,4% so với năm 2022.", "Năm 2023 giảm."]),
        ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
        ("   \n\n ", []),
        ("không viết hoa. sau dấu chấm", ["không viết hoa. sau dấu chấm"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_huge_paragraph_is_cut_into_bounded_pieces() -> None:
    text = "chữ " * 300_000  # 1.2 MB, no sentence end
    spans = split_spans(text)
    assert len(spans) > 100
    assert all(e - s <= 2000 for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())


class _CountingPattern:
    """Wraps a compiled pattern and adds up the characters each ``search`` may scan."""

    def __init__(self, pattern) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        self.scanned += endpos - pos
        return self.pattern.search(text, pos, endpos)


def test_abbreviation_checks_scan_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: each dot used to search the whole text before it for the word it ends, so a
    100 KB paragraph of short sentences took minutes (quadratic). Only the word before the dot
    needs reading."""
    import baodantoc.extract.sentences as sentences_module

    spy = _CountingPattern(sentences_module._WORD_BEFORE)
    monkeypatch.setattr(sentences_module, "_WORD_BEFORE", spy)
    text = "Ông A. Bình đi chợ. " * 2_000
    spans = split_spans(text)
    assert len(spans) == 2_000 and text[spans[0][0] : spans[0][1]] == "Ông A. Bình đi chợ."
    assert spy.scanned <= 2 * len(text)


def test_pieces_of_a_long_run_do_not_start_or_end_with_a_space() -> None:
    """Regression: a run cut at a space left that space at the start of the next piece."""
    text = "chữ  " * 2_000
    spans = split_spans(text)
    assert len(spans) > 1
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()
