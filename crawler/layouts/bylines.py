"""Bylines -> authors and source.

A byline names people ("Hoàng Quý - Minh Thu", "Hà Anh và Lò Văn Sơn", "Ngọc Chi, Quỳnh Trâm"),
sometimes with a compilation mark ("Quỳnh Trâm (T/h)") or a credit label ("Bài và ảnh: ..."), and
sometimes not a person at all: another outlet ("TTXVN", "Theo Báo Nhân Dân") or a web address
("baochinhphu.vn"). People go to ``author`` (a list, in byline order), the rest to ``source``, so a
count of articles per author never counts an agency as a journalist. A collective staff byline
("Nhóm PV", "PV", "Nhóm phóng viên", "CTV") is the newsroom signing its own work: it is kept as
the author, as printed. A date printed with the byline ("Hồng Minh - 10:45, 23/09/2024") is not
part of it.
"""

from __future__ import annotations

import re

from ..sites import OUTLET_NAMES, PAPER_NAMES
from .text import clean

# Compilation marks: "(T/h)", "(TH)", "(Tổng hợp)", "(theo ...)" kept apart below.
_COMPILED = re.compile(r"\(\s*(?:t\s*/\s*h|th|tổng\s+hợp)\s*\)|\bT/h\b\.?", re.IGNORECASE)
# "(Theo TTXVN)" / "Theo TTXVN" / "Nguồn: TTXVN": the rest names a source.
_SOURCE_LABEL = re.compile(r"^\(?\s*(?:theo|nguồn)\s*:?\s+(?P<src>.+?)\s*\)?$", re.IGNORECASE)
#: A source line printed after a body: "Theo Báo Nhân Dân", "(Theo TTXVN)", "Nguồn: VOV" (short,
#: capitalized after the label, no sentence punctuation inside).
SOURCE_LINE = re.compile(r"^\(?\s*(?:[Tt]heo|[Nn]guồn\s*:)\s+(?P<src>[A-ZĐ0-9][^.!?]{1,60}?)\s*\)?\.?$")
#: The newsroom signing as a group: kept as the author, as printed.
COLLECTIVE = re.compile(r"^(?:nhóm\s+(?:pv|phóng viên|ctv|tác giả)|pv|ctv|btv|phóng viên|nhóm pv\s*\d*)"
                        r"(?:\s*[-,]\s*(?:ctv|pv))?$", re.IGNORECASE)
# A date or time printed with a byline: "- 10:45, 23/09/2024", "| Thứ Sáu, 26/12/2025 - 22:10",
# "vào Thứ Hai, 23/09/2024".
_DATE_PART = re.compile(r"\s*[-–|,]?\s*(?:(?:vào|lúc|ngày|đăng lúc)\s+)?(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?"
                        r"(?:\d{1,2}[:h]\d{2}|\d{1,2}/\d{1,2}/\d{2,4}).*$", re.IGNORECASE)
# What a CMS prints before the name: "Đăng bởi", "Gửi bởi", "Viết bởi:", "bởi", "By", "Người viết:".
_POSTED_BY = re.compile(r"^(?:(?:(?:đăng|gửi|viết|biên tập|cập nhật)\s+)?bởi|by|người viết|người đăng)\s*:?\s+",
                        re.IGNORECASE)
# Credit labels before the names: "Bài và ảnh:", "Bài, ảnh:", "Ảnh:", "Tác giả:", "Nhóm PV:".
_LABEL = re.compile(r"^(?:(?:bài|ảnh|video|clip|thực hiện|tác giả|trình bày|đồ họa|đồ hoạ|nhóm phóng viên|phóng viên)"
                    r"(?:\s*(?:,|và|-|&)\s*(?:bài|ảnh|video|clip))*)\s*:\s*", re.IGNORECASE)
#: A credit label starting a line (the line is a byline or a credit, not text).
BYLINE_LABEL = re.compile(r"^(?:bài(?:\s*(?:,|và|-|&)\s*ảnh)?|thực hiện|tác giả|nhóm phóng viên|trình bày|"
                          r"thiết kế|đồ họa|đồ hoạ|biên tập|kỹ thuật|ảnh|video)\s*:|"
                          r"\(\s*(?:t\s*/\s*h|th|tổng\s+hợp)\s*\)$", re.IGNORECASE)
_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[,;&]\s*|\s+và\s+|\s*\|\s*", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|gov|edu)(?:\.vn)?/?$",
                     re.IGNORECASE)
_OUTLETS = {name.casefold() for name in (*OUTLET_NAMES, *PAPER_NAMES)}
#: A person's name: up to 7 words, each starting with an upper-case letter (K'Bròng, Y Pốt Niê).
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_MAX_NAME_WORDS = 7


def is_source(part: str) -> bool:
    """A web address or a known outlet: a byline part that is not a person."""
    return bool(_DOMAIN.match(part)) or part.casefold() in _OUTLETS


def _is_person(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= _MAX_NAME_WORDS and all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def split_byline(raw: str | None) -> tuple[list[str], str | None]:
    """Split a byline into (authors, source).

    Parts that are neither a recognizable name nor a known outlet (e.g. "nhóm phóng viên") go to
    ``source`` rather than being dropped, so nothing the page printed is lost.

    >>> split_byline("Hoàng Quý - Minh Thu (T/h)")
    (['Hoàng Quý', 'Minh Thu'], None)
    >>> split_byline("baochinhphu.vn")
    ([], 'baochinhphu.vn')
    """
    text = clean(raw)
    text = clean(_POSTED_BY.sub("", clean(_DATE_PART.sub("", text))))
    text = clean(_COMPILED.sub(" ", text)).strip(" -–—,;")
    if not text:
        return [], None
    sources: list[str] = []
    whole = _SOURCE_LABEL.match(text)
    if whole:
        return [], clean(whole.group("src"))
    text = _LABEL.sub("", text)
    if COLLECTIVE.match(text):
        return [text], None
    authors: list[str] = []
    for part in _SPLIT.split(text):
        part = clean(part).strip(" ().:")
        if not part:
            continue
        label = _SOURCE_LABEL.match(part)
        if label:
            sources.append(clean(label.group("src")))
        elif COLLECTIVE.match(part) and part not in authors:
            authors.append(part)
        elif is_source(part) or not _is_person(part):
            sources.append(part)
        elif part not in authors:
            authors.append(part)
    return authors, (", ".join(dict.fromkeys(sources)) or None)
