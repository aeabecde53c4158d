"""The generic layer on its own: never an empty body when a page has text, and ``parse --explain``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baodantoc.cli import cli
from baodantoc.crawler.layouts import Recorder, parse_html
from baodantoc.crawler.layouts.body import Body
from baodantoc.crawler.layouts.cleaning import clean_body

WORDS = ("đồng bào", "dân tộc", "thiểu số", "huyện", "xã", "bản", "giảm nghèo", "hỗ trợ", "người Mông", "cán bộ",
         "trường học", "con đường", "mùa màng", "ruộng bậc thang", "nhà văn hóa", "the", "village", "road", "school")
#: Class and id names from every corner of the web, clutter-sounding ones included: a page whose
#: only text sits in <div class="share-box"> still has article text.
CLASSES = ("content", "article", "post", "main", "entry", "text", "box", "wrapper", "ads", "share", "comments",
           "related", "footer", "sidebar", "menu", "col-8", "detail", "print-area", "x1", "")
WRAPPERS = ("div", "section", "article", "main", "td", "span", "aside", "nav", "footer", "header", "form", "center")

sentence = st.lists(st.sampled_from(WORDS), min_size=8, max_size=20).map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=2, max_size=5).map(" ".join)


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str]]:
    paragraphs = draw(st.lists(paragraph, min_size=4, max_size=10))
    inner = "".join(f"<p>{p}</p>" if draw(st.booleans()) else f"<div>{p}</div>{draw(st.sampled_from(['', '<br>']))}"
                    for p in paragraphs)
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(st.sampled_from(WRAPPERS))
        inner = f'<{tag} class="{draw(st.sampled_from(CLASSES))}">{inner}</{tag}>'
        if tag == "td":
            inner = f"<table><tr>{inner}</tr></table>"
    chrome = draw(st.sampled_from(["", "<nav><a href='/a'>Trang chủ</a> <a href='/b'>Thời sự</a></nav>",
                                   "<div class='menu'><ul><li><a href='/x'>Xã hội</a></li></ul></div>"]))
    title = draw(st.sampled_from(["", "<h1>Tiêu đề bài viết</h1>", "<title>Một trang</title>"]))
    return f"<html><head>{title if 'title>' in title else ''}</head><body>{chrome}{title if 'h1' in title else ''}" \
           f"{inner}</body></html>", paragraphs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_a_page_with_a_few_hundred_words_of_text_never_gets_an_empty_body(page: tuple[str, list[str]]) -> None:
    html, paragraphs = page
    if sum(len(p.split()) for p in paragraphs) < 150:
        return  # the property is about pages with a few hundred words
    record = parse_html(html, "https://example.org/tin-tuc/bai-viet-1716000000000.htm", layout="generic")
    assert record.body, record.extraction
    assert record.extraction["body"].startswith(("generic:", "metadata"))
    found = set(record.body.split("\n\n"))
    assert any(p in found or p in record.body for p in paragraphs)


def test_cleaning_that_would_leave_nothing_keeps_the_text() -> None:
    body = Body(pieces=["Chia sẻ", "Quảng cáo"])
    assert clean_body(body).body.pieces == ["Chia sẻ", "Quảng cáo"]
    assert clean_body(Body(pieces=["Tiêu đề"]), title="Tiêu đề").body.pieces == []


def test_the_recorder_keeps_losers_without_changing_the_winner() -> None:
    html = ("<html><head><meta property='og:title' content='Lào Cai giảm nghèo | Báo Dân tộc và Phát triển'>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
            "\"2024-05-18T09:30:00+07:00\", \"headline\": \"Lào Cai giảm nghèo\"}</script></head><body>"
            "<h1>Lào Cai giảm nghèo</h1><p>" + "Năm 2025, tỉnh Lào Cai giảm được 1.761 hộ nghèo. " * 8 + "</p></body></html>")
    plain = parse_html(html, "https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm")
    recorder = Recorder(explain=True)
    explained = parse_html(html, "https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm", recorder=recorder)
    assert plain.to_dict() == explained.to_dict()
    titles = [c for c in recorder.candidates if c.field == "title"]
    assert [c.won for c in titles].count(True) == 1 and len(titles) > 2
    assert recorder.winner("published_at").source == "JSON-LD datePublished"


PAGES = Path(__file__).parent / "fixtures"


def test_parse_explain_names_layer_selector_and_losers() -> None:
    doc = json.loads((PAGES / "drift" / "wordpress_yoast.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["parse", str(PAGES / "drift" / "wordpress_yoast.html.gz"), "--url", doc["url"],
                                      "--fetched-at", doc["fetched_at"], "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("layout generic")
    assert any(line.startswith("author ← metadata (JSON-LD author): Đình Hiếu") for line in lines)
    assert any(line.startswith("published_at ← metadata (JSON-LD datePublished)") for line in lines)
    assert any(line.startswith("body ← generic:trafilatura") for line in lines)
    assert any(line.strip().startswith("lost  generic (element classed author/byline)") for line in lines)


def test_parse_explain_on_a_layout_page_names_the_css_selector() -> None:
    doc = json.loads((PAGES / "pages" / "cms_2024_09_23.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["parse", str(PAGES / "pages" / "cms_2024_09_23.html.gz"), "--url", doc["url"],
                                      "--fetched-at", doc["fetched_at"], "--explain"])
    assert result.exit_code == 0
    assert "title ← selector (h1.news-title): Kỳ Sơn tăng tốc" in result.output
    assert "body ← selector (div.news-body-content)" in result.output
