"""Pages that misbehave on purpose, and the byte-level quirks of some articles.

The endpoints here are what a crawl of the live site meets now and then: a removed article, a
server error that passes on retry, a dropped connection, a truncated or oversized response, an
empty 200, a non-article page with an article-like URL, legacy pages in windows-1258, NFD text.
Everything is bounded (no endless stream, the slow page waits a fraction of a second by default)
so a crawl of the whole sample site always finishes quickly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Article-like URLs on baodantoc.vn (and www./m.) that do not serve an article: path -> (kind, title).
EDGE_PAGES: dict[str, tuple[str, str]] = {
    "/hoi-nghi-tong-ket-cong-tac-dan-toc-da-go-1600000000000.htm":
        ("not_found", "Hội nghị tổng kết công tác dân tộc (tin đã gỡ)"),
    "/ket-noi-bi-ngat-giua-chung-1600000000001.htm":
        ("drop", "Phiên giao dịch bị gián đoạn giữa chừng"),
    "/trang-tra-ve-thieu-du-lieu-1600000000002.htm":
        ("truncate", "Bản tin bị cắt ngang khi truyền tải"),
    "/chuyen-de-anh-dung-luong-lon-1600000000003.htm":
        ("oversized", "Chuyên đề ảnh có dung lượng rất lớn"),
    "/trang-trang-khong-co-noi-dung-1600000000004.htm":
        ("empty", "Trang trắng không có nội dung"),
    "/gioi-thieu-bao-dan-toc-va-phat-trien-1001.htm":
        ("about", "Giới thiệu Báo Dân tộc và Phát triển"),
    "/lien-he-toa-soan-1002.htm":
        ("contact", "Liên hệ tòa soạn"),
}

#: Default size of the oversized response (several MB, above Scrapy's usual warn size).
OVERSIZED_BYTES = 6 * 1024 * 1024
#: Default delay of the ``slow`` article: long enough to notice, short enough for a whole-site crawl.
SLOW_DELAY = 0.3

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class Response:
    """What the server sends: ``action`` is None (normal), "drop" or "truncate"; ``delay`` in seconds."""

    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    action: str | None = None
    delay: float = 0.0


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese text in windows-1258 as legacy pages were: base letters plus combining tones.

    windows-1258 has no precomposed toned letters (ế, ộ, ữ...), so each is split into its base
    (with circumflex/breve/horn, which the code page has) and a combining tone mark.
    """
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            out += f"&#{ord(char)};".encode("ascii")
    return bytes(out)


def cp1258_page(html: str) -> Response:
    """A page served in windows-1258, with the charset declared in both header and <meta>."""
    html = html.replace('<meta charset="utf-8">',
                        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', 1)
    return Response(200, to_cp1258(html), "text/html; charset=windows-1258")


def malform(html: str) -> str:
    """Break the markup the way hand-edited CMS pages do, keeping the text readable.

    Paragraph and list-item end tags are dropped, the article/main wrappers are never closed, and an
    unclosed inline tag is left before the footer; an HTML5 parser still recovers the article.
    """
    html = html.replace("</p>", "").replace("</li>", "")
    html = html.replace("</article>", "").replace("</main>", "")
    return html.replace('<footer class="footer">', '<div class="clear"><span class="broken"><b>\n'
                        '<footer class="footer">', 1)


def oversized_page(size: int = OVERSIZED_BYTES) -> bytes:
    """An HTML page of about ``size`` bytes: a gallery whose inline script embeds image data."""
    head = ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Chuyên đề ảnh</title></head>'
            '<body><div class="gallery"><script>var gallery = "')
    tail = '";</script><p>Chuyên đề ảnh</p></div></body></html>\n'
    head_bytes, tail_bytes = head.encode("utf-8"), tail.encode("utf-8")
    return head_bytes + b"A" * max(0, size - len(head_bytes) - len(tail_bytes)) + tail_bytes


def truncated(body: bytes) -> Response:
    """Declare the full length, send only the first half, then close (a partial-content failure)."""
    return Response(200, body, action="truncate")


_ID_RE = re.compile(r"-(\d+)\.htm$")


def edge_id(path: str) -> str | None:
    """The numeric id in an edge page's path (for tests and docs)."""
    match = _ID_RE.search(path)
    return match.group(1) if match else None
