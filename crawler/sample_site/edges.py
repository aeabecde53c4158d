"""Pages that misbehave on purpose, and the byte-level quirks of some articles.

The endpoints here are what a crawl of the live site meets now and then: a removed article, a
server error that passes on retry, one that never does, a dropped connection, a truncated or
oversized response, a gzip bomb, redirects that loop or leave the paper's hosts, an empty 200, a
non-article page with an article-like URL, legacy pages in windows-1258, NFD text, a wrong charset
and double-encoded UTF-8 (mojibake), one of them beyond repair. Everything is bounded (no endless
stream, the slow page waits a fraction of a second by default, the bomb is 1 MB on the wire) so a
crawl of the whole sample site always finishes quickly.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

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
    "/bo-anh-nen-gzip-phinh-to-1600000000005.htm":
        ("gzip_bomb", "Bộ ảnh nén phình to khi giải nén"),
    "/bai-viet-chuyen-vong-quanh-1600000000006.htm":
        ("redirect_loop", "Bài viết chuyển hướng vòng quanh"),
    "/bai-viet-chuyen-vong-quanh-lan-hai-1600000000007.htm":
        ("redirect_loop_back", "Bài viết chuyển hướng vòng quanh (lần hai)"),
    "/bai-viet-chuyen-sang-trang-khac-1600000000008.htm":
        ("offsite_redirect", "Bài viết chuyển sang trang khác"),
    "/may-chu-loi-lien-tuc-1600000000009.htm":
        ("server_error", "Máy chủ báo lỗi liên tục"),
    "/ban-tin-loi-ma-hoa-ky-tu-1600000000010.htm":
        ("mojibake", "Bản tin lỗi mã hóa ký tự"),
}
#: Edge pages reached only through another one (never linked).
UNLINKED_KINDS = ("about", "contact", "redirect_loop_back")
#: Where the off-site redirect points: a host that is not the paper's.
OFFSITE_TARGET = "https://www.facebook.com/baodantoc"

#: Default size of the oversized response (several MB, above Scrapy's usual warn size).
OVERSIZED_BYTES = 6 * 1024 * 1024
#: Default delay of the ``slow`` article: long enough to notice, short enough for a whole-site crawl.
SLOW_DELAY = 0.3
#: What the gzip bomb inflates to: 1 GiB of zeros, about 1 MB on the wire.
BOMB_BYTES = 1 << 30
_BOMB_STEP = 1 << 20

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


@lru_cache(maxsize=2)
def gzip_bomb(inflated: int = BOMB_BYTES) -> bytes:
    """A valid gzip stream of ``inflated`` zero bytes (a multiple of 1 MiB), built without
    compressing them: after a full flush, deflate encodes each further MiB of zeros as the same
    1,037 bytes, so the stream is that block repeated (about 1 MB for 1 GiB)."""
    steps = max(1, inflated // _BOMB_STEP)
    zeros = bytes(_BOMB_STEP)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(steps):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"  # gzip, deflate, no name, unix
    trailer = struct.pack("<II", crc, (steps * _BOMB_STEP) & 0xFFFFFFFF)
    return header + block * steps + deflate.flush(zlib.Z_FINISH) + trailer


def double_encoded(html: str, strip_controls: bool = False) -> bytes:
    """UTF-8 that went through a Latin-1 reader and was written out as UTF-8 again ("Hơn" ->
    "HÆ¡n"); ``strip_controls`` also drops the C1 control characters that produces, as some
    sanitizers do, which leaves mojibake no tool can undo exactly."""
    text = html.encode("utf-8").decode("latin-1")
    if strip_controls:
        text = "".join(c for c in text if not "\x80" <= c <= "\x9f")
    return text.encode("utf-8")


def truncated(body: bytes) -> Response:
    """Declare the full length, send only the first half, then close (a partial-content failure)."""
    return Response(200, body, action="truncate")


_ID_RE = re.compile(r"-(\d+)\.htm$")


def edge_id(path: str) -> str | None:
    """The numeric id in an edge page's path (for tests and docs)."""
    match = _ID_RE.search(path)
    return match.group(1) if match else None
