"""Layout cleaning pieces on their own: bylines, dates, text, the body walk, selection, fingerprints."""

from __future__ import annotations

import gzip
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from lxml.html import fragment_fromstring

from baodantoc.crawler.fingerprint import (
    MIN_RESEMBLANCE,
    MIN_WORDS,
    SHORTLIST_DISTANCE,
    distance,
    fingerprint,
    resemblance,
    same_story,
    shortlisted,
)
from baodantoc.crawler.layouts.body import extract_body
from baodantoc.crawler.layouts.bundle import make_bundle, parse_tree
from baodantoc.crawler.layouts.bylines import split_byline
from baodantoc.crawler.layouts.dates import VIETNAM, iso, parse_iso, parse_printed, parse_relative
from baodantoc.crawler.layouts.text import clean, element_text

PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.mark.parametrize(("byline", "authors", "source"), [
    ("Hoàng Quý", ["Hoàng Quý"], None),
    ("Minh Thu - Đức Anh", ["Minh Thu", "Đức Anh"], None),
    ("Hà Anh và Lò Văn Sơn", ["Hà Anh", "Lò Văn Sơn"], None),
    ("Đình Hiếu, Y Thưa", ["Đình Hiếu", "Y Thưa"], None),
    ("Quỳnh Trâm (T/h)", ["Quỳnh Trâm"], None),
    ("Quỳnh Trâm (t/h)", ["Quỳnh Trâm"], None),
    ("Mạnh Cường - T/h", ["Mạnh Cường"], None),
    ("Bài và ảnh: Y Pốt Niê", ["Y Pốt Niê"], None),
    ("K'Bròng - Giàng Seo Phử", ["K'Bròng", "Giàng Seo Phử"], None),
    ("baochinhphu.vn", [], "baochinhphu.vn"),
    ("TTXVN", [], "TTXVN"),
    ("Theo TTXVN", [], "TTXVN"),
    ("(Theo Báo Nhân Dân)", [], "Báo Nhân Dân"),
    ("Thu Hà - TTXVN", ["Thu Hà"], "TTXVN"),
    ("Hồng Minh, www.dantoc.gov.vn", ["Hồng Minh"], "www.dantoc.gov.vn"),
    ("nhóm phóng viên", ["nhóm phóng viên"], None),        # the newsroom signing as a group
    ("Nhóm PV", ["Nhóm PV"], None),
    ("PV", ["PV"], None),
    ("Hồng Minh - 10:45, 23/09/2024", ["Hồng Minh"], None),  # the date printed with the byline
    ("Thu Hà | Thứ Sáu, 26/12/2025 - 22:10", ["Thu Hà"], None),
    ("Bài, ảnh: Lò Diệp", ["Lò Diệp"], None),
    ("Minh Thu - Minh Thu", ["Minh Thu"], None),
    ("", [], None),
    ("   ", [], None),
    (None, [], None),
])
def test_split_byline(byline: str | None, authors: list[str], source: str | None) -> None:
    assert split_byline(byline) == (authors, source)


@pytest.mark.parametrize(("text", "expected"), [
    ("09:30, 18/05/2024", "2024-05-18T09:30:00+07:00"),
    ("Hồng Minh - 09:30, 18/05/2024", "2024-05-18T09:30:00+07:00"),
    ("Thứ Sáu, 26/12/2025 - 22:10", "2025-12-26T22:10:00+07:00"),
    ("10:05 22/06/2020", "2020-06-22T10:05:00+07:00"),
    ("ngày 26 tháng 12 năm 2025", "2025-12-26T00:00:00+07:00"),
    ("Cập nhật 18/5/2024", "2024-05-18T00:00:00+07:00"),
    ("31/02/2024 10:00", None),          # no such day
    ("5 giờ trước", None),               # relative: only against a fetch time
    ("Quyết định 1719/QĐ-TTg", None),
    ("", None),
])
def test_parse_printed(text: str, expected: str | None) -> None:
    assert iso(parse_printed(text)) == expected


FETCHED = datetime(2026, 1, 15, 8, 0, 30, tzinfo=VIETNAM)


@pytest.mark.parametrize(("text", "expected"), [
    ("5 giờ trước", "2026-01-15T03:00:00+07:00"),
    ("30 phút trước", "2026-01-15T07:30:00+07:00"),
    ("2 ngày trước", "2026-01-13T08:00:00+07:00"),
    ("Hôm qua", "2026-01-14T08:00:00+07:00"),
    ("vừa xong", "2026-01-15T08:00:00+07:00"),
    ("09:30, 18/05/2024", None),
])
def test_relative_times_resolve_against_the_fetch_instant(text: str, expected: str | None) -> None:
    assert iso(parse_relative(text, FETCHED)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-18T09:30:00+07:00", "2024-05-18T09:30:00+07:00"),
    ("2024-05-18T02:30:00Z", "2024-05-18T09:30:00+07:00"),
    ("2024-05-18T09:30:00", "2024-05-18T09:30:00+07:00"),   # naive: the site's clock, +07:00
    ("not a date", None),
])
def test_parse_iso(text: str, expected: str | None) -> None:
    assert iso(parse_iso(text)) == expected


def test_clean_composes_nfd_and_keeps_old_tone_placement() -> None:
    nfd = unicodedata.normalize("NFD", "Hoà  Bình\u00a0thuỷ\n điện")
    assert clean(nfd) == "Hoà Bình thuỷ điện"
    assert clean(nfd) == unicodedata.normalize("NFC", clean(nfd))


def test_element_text_skips_scripts_and_reads_br_as_space() -> None:
    root = parse_tree("<p>Một<br>hai <script>var x=1;</script><b>ba</b><!-- c --></p>")
    assert element_text(root.find(".//p")) == "Một hai ba"


BODY_HTML = """<div class="news-body-content">
<p>Đoạn một.</p>
<div class="ads-inarticle"><script>ads()</script>Quảng cáo</div>
<table class="image center"><tr><td><img src="/a.jpg" alt="Chú thích"></td></tr>
<tr><td class="image_caption">Chú thích ảnh.</td></tr></table>
<p class="image-desc"><em>Chú thích ảnh.</em></p>
<h3>Tiêu đề phụ</h3>
<blockquote class="quote-box"><p>Trích dẫn.</p></blockquote>
<div class="box-related-inline">Xem thêm: <a href="/x-1716000000000.htm">Bài khác</a></div>
<div class="qa-item"><p class="question"><strong>Hỏi?</strong></p><p class="answer">Đáp.</p></div>
<div class="video-player"><video><source src="v.mp4">Trình duyệt của bạn không hỗ trợ phát video.</video></div>
<div class="social-share"><a href="https://facebook.com">Chia sẻ</a></div>
Văn bản <b>trần</b> cuối bài
</div>"""


def test_body_walk_keeps_each_piece_once_and_drops_clutter() -> None:
    root = parse_tree(BODY_HTML)
    body = extract_body(root.cssselect("div.news-body-content"), "https://baodantoc.vn/a-1716000000000.htm")
    assert body.pieces == ["Đoạn một.", "Chú thích ảnh.", "Tiêu đề phụ", "Trích dẫn.", "Hỏi?", "Đáp.",
                           "Văn bản trần cuối bài"]
    assert body.images == [{"src": "https://baodantoc.vn/a.jpg", "caption": "Chú thích ảnh."}]


def test_body_walk_reads_several_containers_in_order() -> None:
    root = parse_tree("<section><div class='c'><p>Một.</p></div></section><section><div class='c'><p>Hai.</p>"
                      "<figure><img data-original='https://x/b.jpg' src='data:,'><figcaption><p>Ảnh.</p>"
                      "</figcaption></figure></div></section>")
    body = extract_body(root.cssselect("div.c"), "https://baodantoc.vn/")
    assert body.text == "Một.\n\nHai.\n\nẢnh."
    assert body.images == [{"src": "https://x/b.jpg", "caption": "Ảnh."}]


SELECTORS = ["h1.news-title", "div.news-info span.author-name", "div.breadcrumb ul li a", "figure.image > figcaption",
             "section.box-related h3 a, div.box-related-inline a", "div#maincontent", "a[rel=next]", "td.image_caption",
             "p.article-detail-author__info span.name a", "div.bread-crumb-detail ul li a", "*.news-sapo", "meta"]


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html.gz"))[:6] + sorted(PAGES.glob("vietnamnet_*.html.gz")),
                         ids=lambda p: p.name)
def test_selection_is_in_document_order_without_duplicates(page: Path) -> None:
    bundle = make_bundle(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"), "https://baodantoc.vn/",
                         datetime(2026, 1, 15, tzinfo=VIETNAM))
    order = {node: i for i, node in enumerate(bundle.root.iter())}
    for selector in SELECTORS:
        found = bundle.select(selector)
        assert [order[n] for n in found] == sorted(order[n] for n in found), selector
        assert len(set(found)) == len(found), selector
        assert bundle.select_one(selector) is (found[0] if found else None)


@pytest.mark.parametrize("html", ["", "   ", "<?xml version='1.0' encoding='utf-8'?><p>Một</p>", "\x00<p>Hai</p>",
                                  "<html><body></body></html>", "không phải HTML"])
def test_any_text_parses_to_a_tree(html: str) -> None:
    root = parse_tree(html)
    assert root.tag == "html" and root.find("body") is not None


def test_fragments_walk_like_pages() -> None:
    body = extract_body([fragment_fromstring("<p>Một <b>hai</b></p>ba<p>bốn</p>", create_parent="div")], "")
    assert body.pieces == ["Một hai", "ba", "bốn"]


STORY = ("Năm 2025, tỉnh Lào Cai giảm được 1.761 hộ nghèo ở vùng đồng bào dân tộc thiểu số, đưa tỷ lệ hộ nghèo "
         "xuống còn 5,4%. Ông Hoàng Văn Nam, Phó Chủ tịch UBND tỉnh cho biết, tỉnh đã huy động hơn 3,5 tỷ đồng "
         "hỗ trợ sinh kế, xây 120 căn nhà cho hộ nghèo và mở 45 lớp dạy nghề cho thanh niên người Mông, Dao.")
OTHER = ("Đồn Biên phòng Pà Vầy Sủ nhận đỡ đầu 18 em học sinh nghèo người Mông theo chương trình Nâng bước em tới "
         "trường; mỗi em được hỗ trợ 500.000 đồng mỗi tháng cho đến hết lớp 12, cùng sách vở và quần áo ấm.")


def test_an_edited_copy_is_the_same_story_and_another_story_is_not() -> None:
    copy = STORY.replace("Năm 2025,", "Trong năm 2025,") + " Theo Báo Dân tộc và Phát triển."
    assert same_story(STORY, copy)
    assert resemblance(STORY, copy) >= MIN_RESEMBLANCE
    assert not same_story(STORY, OTHER)
    assert resemblance(STORY, OTHER) < 0.1
    original, edited, other = fingerprint(STORY), fingerprint(copy), fingerprint(OTHER)
    assert original and edited and other
    assert distance(original, edited) <= SHORTLIST_DISTANCE < distance(original, other)


def test_the_fingerprint_of_a_text_never_changes() -> None:
    """Stored fingerprints are compared with new ones across releases: a change to the hashing
    (shingle size, hash function, bit order) would silently stop every cross-post link."""
    assert fingerprint(STORY) == "49d15ba4096a62cb"


def test_the_fingerprint_ignores_case_punctuation_and_normalization() -> None:
    expected = fingerprint(STORY)
    assert fingerprint(STORY.upper()) == expected
    assert fingerprint(STORY.replace(", ", " – ").replace(". ", "! ")) == expected
    assert fingerprint(unicodedata.normalize("NFD", STORY)) == expected


@pytest.mark.parametrize(("a", "b", "bits"), [
    ("0000000000000000", "0000000000000000", 0),
    ("0000000000000000", "ffffffffffffffff", 64),
    ("0000000000000001", "0000000000000003", 1),
    ("8000000000000000", "0000000000000001", 2),
    ("49d15ba4096a62cb", "49d15ba4096a62ca", 1),
])
def test_distance_counts_differing_bits(a: str, b: str, bits: int) -> None:
    assert distance(a, b) == distance(b, a) == bits


@pytest.mark.parametrize(("bits", "shortlist"), [(SHORTLIST_DISTANCE - 1, True), (SHORTLIST_DISTANCE, True),
                                                 (SHORTLIST_DISTANCE + 1, False)])
def test_shortlist_threshold(bits: int, shortlist: bool) -> None:
    a = "0" * 16
    b = f"{(1 << bits) - 1:016x}"
    assert shortlisted(a, b) is shortlist


@pytest.mark.parametrize(("words", "fingerprinted"), [(MIN_WORDS - 1, False), (MIN_WORDS, True)])
def test_bodies_below_the_minimum_length_get_no_fingerprint(words: int, fingerprinted: bool) -> None:
    body = " ".join(f"từ{i}" for i in range(words))
    assert (fingerprint(body) is not None) is fingerprinted


def test_short_bodies_get_no_fingerprint_and_are_never_shortlisted() -> None:
    assert fingerprint("Quá ngắn để so sánh.") is None
    assert not shortlisted(None, fingerprint(STORY))
    assert not same_story("Quá ngắn.", "Quá ngắn.")
