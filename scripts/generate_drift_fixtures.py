"""Write the drift fixtures: the paper's articles in markup of other CMSes and later generations.

    .venv/bin/python scripts/generate_drift_fixtures.py            # (re)write tests/fixtures/drift/
    .venv/bin/python scripts/generate_drift_fixtures.py --check    # only report what would change

Each case renders one hand-written article (the sample site's content, or the interview below)
with a template of ``drift_templates.py`` and writes ``<name>.html.gz`` (the bytes a server would
send: charset and Unicode form included) and ``<name>.json`` whose "expected" values come from the
CONTENT, never from the parser: the authors and source are written here by hand, the body is the
article text rule of the sample site (paragraphs, sub-headings, quotes, captions once, questions
then answers). A parser change therefore cannot rewrite what these fixtures expect; a failing
fixture is either a bug of the generic layer or a deliberate change of this file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import drift_templates as t  # noqa: E402

from baodantoc.crawler.sample_site import load_articles, load_sections  # noqa: E402
from baodantoc.crawler.sample_site.content import block_pieces  # noqa: E402
from baodantoc.crawler.sample_site.edges import to_cp1258  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "drift"
FETCHED_AT = "2026-01-15T08:00:00+07:00"

#: A hand-written interview (the sample content has none): questions by PV, answers by the guest.
INTERVIEW = {
    "id": "1731400200117", "slug": "nguoi-co-uy-tin-la-cau-noi-giua-dang-va-dong-bao", "host": "baodantoc.vn",
    "section": "chinh-sach/nguoi-co-uy-tin", "layout": "standard",
    "title": "Người có uy tín là cầu nối giữa chính quyền và đồng bào",
    "sapo": ("Nhân dịp tổng kết công tác năm 2024, phóng viên Báo Dân tộc và Phát triển trao đổi với ông Vàng "
             "Seo Chứ, Người có uy tín ở thôn Lùng Phình, xã Tả Van Chư, huyện Bắc Hà (Lào Cai) về vai trò của "
             "người có uy tín trong vùng đồng bào Mông."),
    "byline": "Lò Diệp", "published": "2024-11-12T16:30:00+07:00", "tags": ["Người có uy tín", "Lào Cai"],
    "blocks": [
        {"type": "qa", "q": "PV: Thưa ông, năm 2024 ông đã làm được những việc gì cho bà con trong thôn?",
         "a": ("Ông Vàng Seo Chứ: Năm nay tôi cùng cán bộ xã đi vận động được 14 hộ làm nhà vệ sinh hợp vệ sinh, "
               "3 gia đình không cho con tảo hôn nữa. Bà con nghe người trong dòng họ nói thì tin hơn nghe cán bộ.")},
        {"type": "qa", "q": "PV: Việc vận động bà con bỏ tục lệ cũ có gặp khó khăn không, thưa ông?",
         "a": ("Ông Vàng Seo Chứ: Khó nhất là đám ma kéo dài nhiều ngày, mổ nhiều trâu bò. Tôi phải nói từ "
               "dòng họ mình trước, họ Vàng làm gương thì các họ khác mới theo. Đến nay 42 hộ đã ký cam kết.")},
        {"type": "h", "text": "Mong có thêm lớp tập huấn"},
        {"type": "qa", "q": "PV: Ông có đề xuất gì với chính quyền các cấp?",
         "a": ("Ông Vàng Seo Chứ: Tôi mong mỗi năm có thêm lớp tập huấn về pháp luật và cách làm kinh tế, "
               "để người có uy tín về nói lại cho bà con. Chế độ hỗ trợ hiện nay đã kịp thời, bà con rất phấn khởi.")},
        {"type": "quote", "text": "Bà con nghe người trong dòng họ nói thì tin hơn nghe cán bộ."},
        {"type": "qa", "q": "PV: Xin cảm ơn ông!", "a": "Ông Vàng Seo Chứ: Cảm ơn nhà báo."},
    ],
}


@dataclass(frozen=True)
class Case:
    """One fixture: its name, template, article, how the byline is printed and what it means."""

    name: str
    template: Any
    article: str
    note: str
    authors: tuple[str, ...] = ()
    source: str | None = None
    byline: str | None = None  # printed byline; default: the content's
    url: str | None = None  # default: the article's canonical URL
    encoding: str = "utf-8"  # "windows-1258", "utf-8-sig", "nfd"
    content_type: str = "text/html; charset=utf-8"
    absent: tuple[str, ...] = ()  # fields the template does not print: expected empty
    extra: dict[str, Any] = field(default_factory=dict)  # expected values the page states otherwise


CASES = (
    Case("wordpress_yoast", t.wordpress, "1669357800027", "WordPress theme + Yoast @graph (author by @id), "
         "sapo as bold first paragraph, comments, Jetpack related posts", authors=("Đình Hiếu",)),
    Case("amp", t.amp, "1691464800087", "AMP view at /amp/...: amp-img, amp-ad, NewsArticle with Person list",
         authors=("Minh Thu", "Đức Anh"), url="https://baodantoc.vn/amp/{slug}-{id}.htm"),
    Case("print_view", t.print_view, "1604905800267", "print view: no menu, byline right-aligned at the end, "
         "source URL line", authors=("Quỳnh Trâm", "Lò Diệp"), url="https://baodantoc.vn/{slug}-{id}.htm?print=1",
         absent=("tags",)),
    Case("nextjs_state", t.nextjs, "1730638200327", "JavaScript redesign: empty app shell, the article HTML only "
         "in __NEXT_DATA__, JSON-LD without articleBody", authors=("Hồng Minh", "Thu Hà")),
    Case("jsonld_article_body", t.jsonld_body, "1610874000077", "metadata only: JSON-LD articleBody, empty DOM",
         authors=("Hồng Minh",)),
    Case("vietnamnet_2026", t.vietnamnet_2026, "1765242900237", "a later VietNamNet generation on the channel "
         "(newsFeature__*), lazy srcset images, byline after the body", authors=("Đình Hiếu", "Y Thưa")),
    Case("split_body_ads", t.split_ads, "1643002200297", "body in two containers split by an ad and a 'Tin liên "
         "quan' box, lazy images with noscript copies", authors=("Văn Quân", "Hồ Lài")),
    Case("table_2012_cp1258", t.table_2012, "28714", "2012 table layout, <font>, 'Cập nhật' date, byline at the "
         "end, served in windows-1258 with decomposed tones", authors=("Mai Thanh",), encoding="windows-1258",
         content_type="text/html; charset=windows-1258", absent=("tags",)),
    Case("theo_source", t.theo_source, "1701065100207", "a copy from another outlet: no byline, 'Theo TTXVN' "
         "closing the body, article:section", source="TTXVN", byline="", absent=("author",)),
    Case("interview_qa", t.interview, "interview", "interview: bold PV questions, answers, a pull quote",
         authors=("Lò Diệp",), absent=("tags",)),
    Case("photo_gallery", t.photo_gallery, "1709168700137", "photo story: slides with captions, byline as a "
         "right-aligned last line, 'Tin cùng chuyên mục' box", authors=("Hoàng Quân",), absent=("tags",)),
    Case("emagazine_2024", t.emagazine_2024, "1726536960137", "long-form: cover, chapters in <section>s, pull "
         "quotes, 'Thực hiện:' credits", authors=("Ngọc Thu", "Quốc Hùng"), absent=("tags",)),
    Case("drupal_nfd", t.drupal, "1618754400247", "Drupal 9 field markup, 'Gửi bởi X vào ...', the whole page in "
         "NFD", authors=("Hồng Minh",), byline="Hồng Minh (T/h)", encoding="nfd"),
    Case("joomla_microdata", t.joomla, "1652679300117", "Joomla 4: schema.org microdata (articleBody, author "
         "Person, datePublished), lead paragraph in the body", authors=("Hoàng Quân",), byline="Hoàng Quân"),
    Case("blogger", t.blogger, "1660512300317", "Blogger: h3 title under the blog's h1, abbr.published, labels",
         authors=("Thu Hà",), absent=("section",)),
    Case("dublin_core_br", t.dublin_core, "1625461200167", "old portal: Dublin Core metas, text as <br><br> lines, "
         "no <p> at all", authors=("Minh Thu",), absent=("tags",)),
    Case("mobile_2026", t.mobile_2026, "1599364800107", "new mobile page: 'Name - HH:MM, DD/MM/YYYY' byline, "
         "lazy images, a category link naming only the sub-section", authors=("Ngọc Thu",),
         url="https://m.baodantoc.vn/{slug}-{id}.htm", absent=("tags",),
         extra={"section_path": ["Người có uy tín"]}),
    Case("related_inline", t.related_inline, "1712565900057", "related links, a newsletter box, 'Theo dõi ... trên "
         "Google News' and 'Tin cùng chuyên mục' inside the text container", authors=("Khánh Ly",)),
    Case("video_2025", t.video_2025, "1689305580137", "video story: player fallback text before the text",
         authors=("Minh Thu", "Tiến Đạt"), absent=("tags",)),
    Case("legacy_bold_lead", t.legacy_bold_lead, "1558926600187", "about 2015: sapo as a bold first paragraph, "
         "'Bài và ảnh: X' closing the text", authors=("Mạnh Cường",), absent=("tags",)),
    Case("utf8_bom_no_charset", t.split_ads, "1599135600217", "UTF-8 with a BOM and no charset anywhere "
         "(HTTP says text/html only)", authors=("Lò Diệp", "Quỳnh Trâm"), encoding="utf-8-sig",
         content_type="text/html"),
    Case("wordpress_two_sections", t.wordpress, "1592615100047", "WordPress again, another article: one author, "
         "a parent section", authors=("Quỳnh Trâm",)),
)


def _article(case: Case, articles: dict[str, dict]) -> dict:
    return INTERVIEW if case.article == "interview" else articles[case.article]


def render(case: Case, article: dict, sections: dict) -> tuple[bytes, dict]:
    """The page bytes and the fixture document."""
    chain: list[tuple[str, str]] = []
    slug: str | None = article["section"]
    while slug:
        chain.insert(0, (sections[slug].name, f"https://baodantoc.vn/{slug}.htm"))
        slug = sections[slug].parent
    canonical = f"https://{article['host']}/{article['slug']}-{article['id']}.htm"
    url = (case.url or canonical).format(slug=article["slug"], id=article["id"])
    byline = article["byline"] if case.byline is None else case.byline
    nfc = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in article.items()}
    page = {"url": url, "canonical": canonical, "chain": chain, "byline": unicodedata.normalize("NFC", byline),
            "authors": list(case.authors), "source": case.source,
            "pieces": [unicodedata.normalize("NFC", p) for p in block_pieces(article)]}
    html = case.template(nfc, page)
    if case.encoding == "windows-1258":
        data = to_cp1258(html)
    elif case.encoding == "nfd":
        data = unicodedata.normalize("NFD", html).encode("utf-8")
    else:
        data = html.encode(case.encoding)
    expected = {"title": nfc["title"], "sapo": nfc["sapo"], "author": list(case.authors), "source": case.source,
                "published_at": article["published"], "section": article["section"],
                "section_path": [name for name, _ in chain], "tags": [unicodedata.normalize("NFC", x) for x in article["tags"]],
                "body": "\n\n".join(page["pieces"])}
    expected.update(case.extra)
    for name in case.absent:
        expected.pop(name, None)
    if "section" in case.absent:
        expected.pop("section_path", None)
    expected = {k: v for k, v in expected.items() if v not in (None, "", [])}
    doc = {"url": url, "fetched_at": FETCHED_AT, "content_type": case.content_type, "note": case.note,
           "provenance": "markup written by the baodantoc team in the style of the CMS named in the note "
                         "(scripts/drift_templates.py); text: the sample site's hand-written articles",
           "expected": expected}
    return gzip.compress(data, mtime=0), doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report changes, write nothing")
    args = parser.parse_args()
    sections = load_sections()
    articles = {a["id"]: a for a in load_articles(sections=sections)}
    OUT.mkdir(parents=True, exist_ok=True)
    changed = 0
    for case in CASES:
        data, doc = render(case, _article(case, articles), sections)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        json_path, page_path = OUT / f"{case.name}.json", OUT / f"{case.name}.html.gz"
        if json_path.exists() and json_path.read_text(encoding="utf-8") == text and page_path.exists() \
                and page_path.read_bytes() == data:
            continue
        changed += 1
        print(f"{'would write' if args.check else 'wrote'} {json_path.relative_to(ROOT)}")
        if not args.check:
            json_path.write_text(text, encoding="utf-8")
            page_path.write_bytes(data)
    print(f"{len(CASES)} drift fixtures, {changed} changed")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
