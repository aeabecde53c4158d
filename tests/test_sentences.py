"""extract.sentences: splits on sentence ends, never inside abbreviations or numbers."""

import pytest

from extract.sentences import split_spans


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
