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
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .body import Body
from .bylines import BYLINE_LABEL, COLLECTIVE, SOURCE_LINE, is_source, split_byline
from .dates import parse_printed
from .text import clean, element_text, fold

#: Pieces at the top of a body checked for repeated title/sapo/byline/date lines.
TOP_PIECES = 4
#: A date or byline line is short: a sentence that mentions a date is text, not a byline.
MAX_BYLINE_CHARS = 80
#: A meta line under a title ("Gửi bởi X vào Thứ Hai, 20/04/2021 - 09:00") is at most this long.
MAX_META_CHARS = 100
_TRAIL = re.compile(r"^(?:trang chủ|home|trang nhất)\s*[›»>/|:-]", re.IGNORECASE)
#: A link text this long or longer is a title (menus and buttons are shorter).
MIN_LINK_TITLE = 12
#: Words a top line may hold besides repeated title/sapo/byline text and still be only the header.
MAX_LEFTOVER_WORDS = 8
#: A related-articles heading cuts the body only in its last part (share of pieces read so far).
RELATED_CUT_FROM = 0.4

_RELATED = re.compile(
    r"^(?:(?:các\s+)?(?:tin|bài|bài viết)\s+(?:cùng\s+(?:chuyên mục|chủ đề|danh mục)|liên quan|khác|"
    r"mới(?:\s+nhất)?|đọc nhiều|nổi bật|xem nhiều)|xem thêm|đọc thêm|có thể bạn quan tâm|bạn có thể quan tâm|"
    r"related(?:\s+(?:articles|posts|stories))?|read more|more stories|you may also like)\s*:?$", re.IGNORECASE)
#: The same heading with its items on one line ("Các tin khác: <title>").
_RELATED_LINE = re.compile(r"^(?:các\s+)?(?:tin|bài)\s+(?:khác|liên quan|cùng chuyên mục)\s*:\s*\S", re.IGNORECASE)
#: A footer line: copyright, licence, the publisher's address.
_FOOTER = re.compile(r"©|bản quyền|giấy phép|cơ quan của|cơ quan chủ quản|ghi rõ nguồn|all rights reserved",
                     re.IGNORECASE)
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
_UI_EXTRA = re.compile(r"^(?:gửi cho bạn bè|gửi bài|gửi email|bản in|phản hồi|góp ý|lưu tin)$", re.IGNORECASE)
_SOURCE_URL = re.compile(r"^(?:nguồn|source|url)\s*:\s*https?://\S+$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:cập nhật|đăng|đăng lúc|ngày đăng|thời gian|published|updated)\b", re.IGNORECASE)
_STYLE_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


@dataclass
class Cleaned:
    """The cleaned body, and what was taken out of it that belongs to other fields."""

    body: Body
    byline: str | None = None
    source: str | None = None
    removed: list[str] = field(default_factory=list)


def link_keys(root: HtmlElement) -> frozenset[str]:
    """The page's link texts (normalized), long enough to be titles of other articles."""
    return frozenset(k for k in (fold(a.text_content()) for a in root.iter("a")) if len(k) >= MIN_LINK_TITLE)


def _only_repeats(text: str, repeats: set[str], key: Callable[[str], str] = fold) -> bool:
    """Is ``text`` the page's header run together (breadcrumb, title, byline, date, sapo) and no more?"""
    rest = key(text)
    hits = 0
    for repeat in sorted(repeats, key=len, reverse=True):
        if repeat and repeat in rest:
            rest, hits = rest.replace(repeat, " "), hits + 1
    if not hits:
        return False
    rest = re.sub(r"\b\d+\b", " ", rest)
    return len(rest.split()) <= MAX_LEFTOVER_WORDS


def is_date_line(text: str) -> bool:
    """A short line that is a date/time (possibly with a byline or weekday): "Thứ Sáu, 26/12/2025"."""
    if len(text) > MAX_BYLINE_CHARS or not parse_printed(text):
        return False
    rest = re.sub(r"[\d/:.,|-]+|\b(?:thứ\s+\w+|chủ nhật|ngày|tháng|năm|lúc|gmt\+?\d*)\b", " ", text, flags=re.I)
    return len(rest.split()) <= 6


def byline_with_date(text: str) -> str | None:
    """"Hồng Minh - 10:45, 23/09/2024" -> "Hồng Minh" (the name part of a byline with its date)."""
    if len(text) > MAX_META_CHARS or not parse_printed(text):
        return None
    name = re.split(r"\s*[-–|,]?\s*(?:\d{1,2}[:h]\d{2}|\d{1,2}/\d{1,2}/\d{4}|thứ\s|chủ nhật)", text,
                    maxsplit=1, flags=re.IGNORECASE)[0].strip(" -–|,")
    name = re.sub(r"\s+(?:vào|lúc|ngày|đăng|cập nhật)$", "", name, flags=re.IGNORECASE)
    people, _ = split_byline(name)
    return name if people else None


def _styled_as_byline(root: HtmlElement | None, text: str) -> bool:
    """Is an element printing exactly ``text`` bold, right-aligned, or classed as an author?"""
    if root is None:
        return False
    key = fold(text)
    for node in root.iter("p", "div", "span", "strong", "b", "em"):
        if fold(element_text(node)) != key:
            continue
        for el in (node, *node.iterancestors("p", "div")):
            style, cls = el.get("style") or "", (el.get("class") or "").lower()
            if _STYLE_RIGHT.search(style) or el.get("align") == "right" or "right" in cls or "author" in cls:
                return True
        if node.tag in ("strong", "b") or any(c.tag in ("strong", "b") and fold(element_text(c)) == key
                                                for c in node.iter()):
            return True
    return False


def _is_ui(text: str) -> bool:
    """An interface label, or several joined by "|" ("In bài | Gửi cho bạn bè")."""
    parts = [p.strip() for p in text.split("|") if p.strip()]
    return bool(parts) and all(_UI.match(p) or _UI_EXTRA.match(p) for p in parts)


def _tail_junk(pieces: list[str], links: Callable[[], frozenset[str]], key: Callable[[str], str] = fold) -> int:
    """How many pieces at the end are page furniture (labels, related lines, footer, link titles)."""
    cut = 0
    for text in reversed(pieces):
        if len(text) > MAX_META_CHARS * 2:
            break
        if _is_ui(text) or _RELATED_LINE.match(text) or _FOOTER.search(text) or key(text) in links():
            cut += 1
            continue
        break
    return cut


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
        if (people or labelled or outlet) and not text.endswith((".", "?", "!")) \
                and (labelled or _styled_as_byline(root, text)):
            if byline is None and (people or outlet):
                byline = text
            cut += 1  # a credit without people ("Trình bày: Ban Điện tử") goes too
            continue
        break
    return cut, byline, source


def clean_body(body: Body, title: str | None = None, sapo: str | None = None, byline: str | None = None,
               root: HtmlElement | None = None, vietnamese: bool = True,
               links: Callable[[], frozenset[str]] = frozenset, key: Callable[[str], str] = fold) -> Cleaned:
    """Apply the rules above to an extracted body (``root``: the page, to see how a line is styled).

    ``vietnamese``: the byline, credit and source-line rules are the paper's conventions; on a page
    in another language only repeats, related blocks and interface labels go. ``links``: gives the
    page's link texts (``link_keys``; asked only when needed), to tell titles listed as related.
    ``key``: ``text.fold``, or the page's kept one (``PageBundle.words.fold``): each paragraph is
    compared several times, and with each extractor's answer.
    """
    removed: list[str] = []
    pieces = list(body.pieces)
    repeats = {key(x) for x in (title, sapo, byline) if x}
    top_byline = None
    # the top: a kicker or trail above a repeated title goes with it
    title_at = next((i for i, text in enumerate(pieces[:TOP_PIECES]) if title and key(text) == key(title)), None)
    if title_at:
        removed.extend(pieces[:title_at])
        pieces = pieces[title_at:]
    # the top: title, sapo, byline, trail and date lines repeated above the text
    i = 0
    while i < min(len(pieces), TOP_PIECES):
        text = pieces[i]
        named = byline_with_date(text)
        if key(text) in repeats or is_date_line(text) or (_UPDATED.match(text) and len(text) <= MAX_BYLINE_CHARS) \
                or _only_repeats(text, repeats, key) or (_TRAIL.match(text) and len(text) <= MAX_META_CHARS) \
                or (named is not None and not text.rstrip().endswith((".", "!", "?"))):
            top_byline = top_byline or named
            removed.append(pieces.pop(i))
        elif sapo and len(text) < len(sapo) + 20 and key(sapo) in key(text) and i == 0:
            removed.append(pieces.pop(i))
        else:
            i += 1
    # related blocks at the end, see-also lines, UI labels, credits, repeated captions
    kept: list[str] = []
    seen: set[str] = set()
    in_box = False
    for n, text in enumerate(pieces):
        folded_text = key(text)
        if _RELATED.match(text):
            if n >= RELATED_CUT_FROM * len(pieces):
                removed.extend(pieces[n:])
                break
            in_box = True  # a related box inside the text: its link titles follow
            removed.append(text)
            continue
        if in_box and folded_text in links():
            removed.append(text)
            continue
        in_box = False
        if _SEE_ALSO.match(text) or _is_ui(text) or (vietnamese and _CREDIT.match(text)) \
                or (len(folded_text) >= 20 and folded_text in seen) or _SOURCE_URL.match(text) \
                or folded_text in repeats:
            removed.append(text)
            continue
        seen.add(folded_text)
        kept.append(text)
    junk = _tail_junk(kept, links, key)
    if junk:
        removed.extend(kept[-junk:])
        kept = kept[:-junk]
    cut, end_byline, source = _trailing_byline(kept, root) if vietnamese else (0, None, None)
    if cut:
        removed.extend(kept[-cut:])
        kept = kept[:-cut]
    if not kept:  # the rules took everything: keep the text, only the repeats at the top go
        return Cleaned(body=Body(pieces=pieces, images=body.images if pieces else []), byline=top_byline)
    return Cleaned(body=Body(pieces=kept, images=body.images), byline=end_byline or top_byline, source=source,
                   removed=removed)


__all__ = ["COLLECTIVE", "Cleaned", "byline_with_date", "clean_body", "is_date_line"]
