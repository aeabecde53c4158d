"""The paper's cleaning rules, applied to any body the generic layer extracted.

A library extractor returns what a reader of any site would call the text; a Vietnamese news page
adds its own furniture around it, and the record must not carry it (every offset downstream points
into the body). Rules, each on the extracted pieces (paragraphs), none tied to a layout:

- the title, the sapo, a date line or a byline repeated at the top of the body go;
- a caption printed twice (a table cell and an italic line, alt text and figcaption) stays once;
- a photo credit on its own line ("Ảnh: TTXVN", "Ảnh minh họa") goes; a caption keeps its credit;
- "Tin cùng chuyên mục", "Tin liên quan", "Xem thêm", "Đọc thêm" and what follows them at the end
  go, and an inline "Xem thêm: <title>" line goes;
- share, subscription, comment, print and ad labels go;
- a byline printed as the last paragraph (bold or right-aligned, or labelled: "Bài và ảnh: ...",
  "Nhóm PV", a "(T/h)" mark) and a "Theo ..."/"Nguồn: ..." line go to ``author``/``source``.

If the rules below the top would leave nothing, the text is kept (an empty body is worse); a body
that only repeated the title or the sapo is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .body import Body
from .bylines import BYLINE_LABEL, COLLECTIVE, SOURCE_LINE, is_source, split_byline
from .dates import parse_printed
from .text import clean, element_text

#: Pieces at the top of a body checked for repeated title/sapo/byline/date lines.
TOP_PIECES = 4
#: A date or byline line is short: a sentence that mentions a date is text, not a byline.
MAX_BYLINE_CHARS = 80
#: Words a top line may hold besides repeated title/sapo/byline text and still be only the header.
MAX_LEFTOVER_WORDS = 8
#: A related-articles heading cuts the body only in its last part (share of pieces read so far).
RELATED_CUT_FROM = 0.4

_RELATED = re.compile(
    r"^(?:(?:tin|bài|bài viết)\s+(?:cùng\s+(?:chuyên mục|chủ đề|danh mục)|liên quan|khác|mới(?:\s+nhất)?|"
    r"đọc nhiều|nổi bật|xem nhiều)|xem thêm|đọc thêm|có thể bạn quan tâm|bạn có thể quan tâm|"
    r"related(?:\s+(?:articles|posts|stories))?|read more|more stories|you may also like)\s*:?$", re.IGNORECASE)
_SEE_ALSO = re.compile(r"^(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|>>|»)\s*[:>»-]", re.IGNORECASE)
_UI = re.compile(
    r"^(?:chia sẻ(?:\s+bài viết)?|share(?:\s+(?:this|on)\b.*)?|tweet|bình luận|gửi bình luận|ý kiến bạn đọc|"
    r"xem bình luận|in bài(?:\s+viết)?|print|copy link|sao chép (?:liên kết|link)|lưu bài|"
    r"theo dõi .{0,40}(?:trên|tại|qua) (?:google news|zalo|facebook|youtube|tiktok).*|"
    r"đăng ký(?: nhận)?(?: bản)? tin.*|đăng ký|subscribe.*|sign up.*|newsletter|"
    r"quảng cáo|advertisement|sponsored|tài trợ|"
    r"trình duyệt của bạn không hỗ trợ.*|your browser does not support.*|"
    r"(?:tags?|từ khóa|từ khoá|thẻ|chủ đề)\s*:.*|trở lại|về trang chủ|lên đầu trang|"
    r"(?:zalo|facebook|twitter|email|messenger)(?:\s*[|·,]\s*(?:zalo|facebook|twitter|email|messenger))*)$",
    re.IGNORECASE)
_CREDIT = re.compile(
    r"^\(?\s*(?:ảnh|ảnh minh họa|ảnh minh hoạ|ảnh tư liệu|nguồn ảnh|đồ họa|đồ hoạ|video|clip|infographic|photo)"
    r"(?:\s*[:：]\s*[^.!?]{0,60}|\s+minh\s+h[ọo]a)?\s*\)?\.?$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:cập nhật|đăng|đăng lúc|ngày đăng|thời gian|published|updated)\b", re.IGNORECASE)
_STYLE_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


@dataclass
class Cleaned:
    """The cleaned body, and what was taken out of it that belongs to other fields."""

    body: Body
    byline: str | None = None
    source: str | None = None
    removed: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _only_repeats(text: str, repeats: set[str]) -> bool:
    """Is ``text`` the page's header run together (breadcrumb, title, byline, date, sapo) and no more?"""
    rest = _key(text)
    hits = 0
    for repeat in sorted(repeats, key=len, reverse=True):
        if repeat and repeat in rest:
            rest, hits = rest.replace(repeat, " "), hits + 1
    rest = re.sub(r"\b\d+\b", " ", rest)
    return hits > 0 and len(rest.split()) <= MAX_LEFTOVER_WORDS


def is_date_line(text: str) -> bool:
    """A short line that is a date/time (possibly with a byline or weekday): "Thứ Sáu, 26/12/2025"."""
    if len(text) > MAX_BYLINE_CHARS or not parse_printed(text):
        return False
    rest = re.sub(r"[\d/:.,|-]+|\b(?:thứ\s+\w+|chủ nhật|ngày|tháng|năm|lúc|gmt\+?\d*)\b", " ", text, flags=re.I)
    return len(rest.split()) <= 6


def byline_with_date(text: str) -> str | None:
    """"Hồng Minh - 10:45, 23/09/2024" -> "Hồng Minh" (the name part of a byline with its date)."""
    if not is_date_line(text):
        return None
    name = re.split(r"\s*[-–|,]?\s*(?:\d{1,2}[:h]\d{2}|\d{1,2}/\d{1,2}/\d{4}|thứ\s|chủ nhật)", text,
                    maxsplit=1, flags=re.IGNORECASE)[0].strip(" -–|,")
    people, _ = split_byline(name)
    return name if people else None


def _styled_as_byline(root: HtmlElement | None, text: str) -> bool:
    """Is an element printing exactly ``text`` bold, right-aligned, or classed as an author?"""
    if root is None:
        return False
    key = _key(text)
    for node in root.iter("p", "div", "span", "strong", "b", "em"):
        if _key(element_text(node)) != key:
            continue
        for el in (node, *node.iterancestors("p", "div")):
            style, cls = el.get("style") or "", (el.get("class") or "").lower()
            if _STYLE_RIGHT.search(style) or el.get("align") == "right" or "right" in cls or "author" in cls:
                return True
        if node.tag in ("strong", "b") or any(c.tag in ("strong", "b") and _key(element_text(c)) == key
                                                for c in node.iter()):
            return True
    return False


def _trailing_byline(pieces: list[str], root: HtmlElement | None) -> tuple[int, str | None, str | None]:
    """How many pieces at the end are a byline or a source line, and what they say."""
    cut, byline, source = 0, None, None
    for text in reversed(pieces[-3:]):
        if len(text) > MAX_BYLINE_CHARS:
            break
        label = SOURCE_LINE.match(text)
        if label and source is None:
            source, cut = clean(label.group("src")), cut + 1
            continue
        people, named_source = split_byline(text)
        labelled = bool(BYLINE_LABEL.search(text)) or bool(COLLECTIVE.match(text))
        outlet = not people and bool(named_source) and is_source(named_source)
        if byline is None and (people or labelled or outlet) and not text.endswith((".", "?", "!")) \
                and (labelled or _styled_as_byline(root, text)):
            byline, cut = text, cut + 1
            continue
        break
    return cut, byline, source


def clean_body(body: Body, title: str | None = None, sapo: str | None = None, byline: str | None = None,
               root: HtmlElement | None = None, vietnamese: bool = True) -> Cleaned:
    """Apply the rules above to an extracted body (``root``: the page, to see how a line is styled).

    ``vietnamese``: the byline, credit and source-line rules are the paper's conventions; on a page
    in another language only repeats, related blocks and interface labels go.
    """
    removed: list[str] = []
    pieces = list(body.pieces)
    repeats = {_key(x) for x in (title, sapo, byline) if x}
    top_byline = None
    # the top: title, sapo, byline and date lines repeated above the text
    i = 0
    while i < min(len(pieces), TOP_PIECES):
        text = pieces[i]
        named = byline_with_date(text)
        if _key(text) in repeats or is_date_line(text) or (_UPDATED.match(text) and len(text) <= MAX_BYLINE_CHARS) \
                or _only_repeats(text, repeats):
            top_byline = top_byline or named
            removed.append(pieces.pop(i))
        elif sapo and len(text) < len(sapo) + 20 and _key(sapo) in _key(text) and i == 0:
            removed.append(pieces.pop(i))
        else:
            i += 1
    # related blocks at the end, see-also lines, UI labels, credits, repeated captions
    kept: list[str] = []
    seen: set[str] = set()
    for n, text in enumerate(pieces):
        if _RELATED.match(text) and n >= RELATED_CUT_FROM * len(pieces):
            removed.extend(pieces[n:])
            break
        key = _key(text)
        if _SEE_ALSO.match(text) or _UI.match(text) or (vietnamese and _CREDIT.match(text)) \
                or (len(key) >= 20 and key in seen):
            removed.append(text)
            continue
        seen.add(key)
        kept.append(text)
    cut, end_byline, source = _trailing_byline(kept, root) if vietnamese else (0, None, None)
    if cut:
        removed.extend(kept[-cut:])
        kept = kept[:-cut]
    if not kept:  # the rules took everything: keep the text, only the repeats at the top go
        return Cleaned(body=Body(pieces=pieces, images=body.images if pieces else []), byline=top_byline)
    return Cleaned(body=Body(pieces=kept, images=body.images), byline=end_byline or top_byline, source=source,
                   removed=removed)


__all__ = ["COLLECTIVE", "Cleaned", "byline_with_date", "clean_body", "is_date_line"]
