"""The sample site: content validation, the article-text rule, the generator, and every endpoint over HTTP.

The server runs on port 0 in a thread; requests carry the real hostname in the Host header, as
the crawler's host-mapping middleware does.
"""

from __future__ import annotations

import copy
import email.utils
import gzip
import http.client
import itertools
import json
import re
import unicodedata
import urllib.robotparser
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from baodantoc.cli import cli
from baodantoc.crawler.compression import InflateError, inflate_capped
from baodantoc.crawler.sample_site import (
    ContentError,
    article_text,
    article_url,
    load_articles,
    load_sections,
)
from baodantoc.crawler.sample_site.catalog import PAGE_SIZE
from baodantoc.crawler.sample_site.content import (
    CONTENT_HOSTS,
    check_collection,
    crosspost_url,
    published_at,
    validate_article,
)
from baodantoc.crawler.sample_site.edges import BOMB_BYTES, EDGE_PAGES, OFFSITE_TARGET, gzip_bomb, to_cp1258
from baodantoc.crawler.sample_site.generator import generate_articles
from baodantoc.crawler.sample_site.server import serve_sample_site, start_process
from baodantoc.crawler.sample_site.site import SampleSite

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SYNTHETIC = 1000


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return load_articles()


@pytest.fixture(scope="module")
def site():
    with serve_sample_site(port=0, synthetic=SYNTHETIC, seed=7, slow_delay=0.05,
                           oversized_bytes=5 * 1024 * 1024) as running:
        yield running


def fetch(site, url: str) -> tuple[int, dict[str, str], bytes]:
    """GET an absolute https://<real host>/... URL from the local server (no redirects followed)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Host": parts.netloc})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def soup(body: bytes, encoding: str = "utf-8") -> BeautifulSoup:
    return BeautifulSoup(body.decode(encoding), "html.parser")


def by_quirk(articles: list[dict], quirk: str) -> dict:
    return next(a for a in articles if quirk in a.get("quirks", []))


# -- content ------------------------------------------------------------------------------------


def test_content_set_is_complete_and_consistent(articles):
    assert len(articles) >= 40
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids))
    sections = load_sections()
    used = {a["section"] for a in articles}
    assert len(used) >= 8
    for slug, section in sections.items():
        if section.host in CONTENT_HOSTS:
            assert slug in used, f"section {slug} has no article"
    for article in articles:
        assert all(r in ids for r in article["related"])
        moment = published_at(article)
        assert moment.utcoffset() == timedelta(hours=7)
        assert article["published"].endswith("+07:00")


@pytest.mark.parametrize("quirk", ["nfd", "old_tone", "relative_time", "no_author", "legacy_cp1258", "wrong_charset",
                                   "double_utf8", "m_redirect", "retry_500", "slow", "malformed_html"])
def test_every_quirk_is_exercised(articles, quirk):
    assert by_quirk(articles, quirk)


def test_special_hosts_and_layouts_are_exercised(articles):
    assert {a["host"] for a in articles} == set(CONTENT_HOSTS)
    assert {a["layout"] for a in articles} >= {"standard", "photo", "video", "emagazine"}
    assert any(a.get("crosspost") and a["host"] == "baodantoc.vn" for a in articles)
    assert any(a.get("crosspost") and a["host"] == "dantocphattrien.vietnamnet.vn" for a in articles)
    assert any(len(a["id"]) <= 6 for a in articles)


def _valid() -> dict:
    return {
        "id": "1684300000123", "slug": "lao-cai-giam-ngheo", "host": "baodantoc.vn",
        "section": "chinh-sach/giam-ngheo", "layout": "standard", "title": "Tiêu đề", "sapo": "Sapo bài.",
        "byline": "Hồng Minh", "published": "2023-05-18T08:15:00+07:00", "modified": None,
        "blocks": [{"type": "p", "text": "Đoạn một."},
                   {"type": "figure", "src": "https://images.baodantoc.vn/uploads/2023/Tháng 5/Ngày_18/a.jpg",
                    "caption": "Chú thích."},
                   {"type": "figure", "src": "https://images.baodantoc.vn/uploads/2023/Tháng 5/Ngày_18/b.jpg",
                    "caption": ""},
                   {"type": "qa", "q": "Hỏi?", "a": "Đáp."}, {"type": "h", "text": "Tiêu đề phụ"},
                   {"type": "quote", "text": "Trích dẫn."}],
        "tags": ["Lào Cai"], "related": [], "quirks": [],
    }


BAD_ARTICLES = [
    ("id", lambda a: a.update(id=1684300000123)),
    ("id", lambda a: a.update(id="123")),
    ("id", lambda a: a.update(id="1784372800123")),  # draft created after publication
    ("slug", lambda a: a.update(slug="Lào-Cai")),
    ("host", lambda a: a.update(host="example.com")),
    ("section", lambda a: a.update(section="the-thao")),
    ("section", lambda a: a.update(section="mtqg")),  # mtqg only on the chuyên trang
    ("layout", lambda a: a.update(layout="gallery")),
    ("title", lambda a: a.update(title="")),
    ("sapo", lambda a: a.update(sapo="Hai  dấu cách")),
    ("sapo", lambda a: a.update(sapo="Xuống\ndòng")),
    ("title", lambda a: a.update(title=unicodedata.normalize("NFD", "Hoà Bình"))),
    ("published", lambda a: a.update(published="2023-05-18T08:15:00Z")),
    ("published", lambda a: a.update(published="18/05/2023")),
    ("modified", lambda a: a.update(modified="2023-05-17T08:15:00+07:00")),
    ("blocks", lambda a: a.update(blocks=[])),
    ("blocks[0]", lambda a: a["blocks"][0].update(type="table")),
    ("blocks[1]", lambda a: a["blocks"][1].update(src="http://example.com/a.jpg")),
    ("tags", lambda a: a.update(tags="Lào Cai")),
    ("crosspost", lambda a: a.update(crosspost={"host": "vietnamnet.vn", "id": "12", "slug": "x"})),
    ("quirks", lambda a: a.update(quirks=["sparkly"])),
    ("byline", lambda a: a.update(quirks=["no_author"])),
    ("host", lambda a: a.update(host="dantocphattrien.vietnamnet.vn")),  # channel starts 2025-07-01
]


@pytest.mark.parametrize(("field", "mutate"), BAD_ARTICLES)
def test_validation_names_file_and_field(field, mutate):
    sections = load_sections()
    validate_article(_valid(), "ok.json", sections)
    bad = copy.deepcopy(_valid())
    mutate(bad)
    with pytest.raises(ContentError) as info:
        validate_article(bad, "bad.json", sections)
    assert "bad.json" in str(info.value) and field in str(info.value)


def test_collection_rules():
    one, two = _valid(), _valid()
    with pytest.raises(ContentError, match="duplicate article id"):
        check_collection([one, two])
    one["related"] = ["999"]
    with pytest.raises(ContentError, match="unknown ids"):
        check_collection([one])


def test_load_articles_reports_the_bad_file(tmp_path):
    (tmp_path / "1684300000123.json").write_text(json.dumps(_valid()), encoding="utf-8")
    assert [a["id"] for a in load_articles(tmp_path)] == ["1684300000123"]
    (tmp_path / "1684300000124.json").write_text(json.dumps(_valid()), encoding="utf-8")
    with pytest.raises(ContentError, match=r"1684300000124\.json: file name must be the id"):
        load_articles(tmp_path)
    (tmp_path / "1684300000124.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match=r"1684300000124\.json: not a readable"):
        load_articles(tmp_path)


def test_article_text_rule():
    article = _valid()
    expected = "Tiêu đề\n\nSapo bài.\n\nĐoạn một.\n\nChú thích.\n\nHỏi?\n\nĐáp.\n\nTiêu đề phụ\n\nTrích dẫn."
    assert article_text(article) == expected
    nfd = copy.deepcopy(article)
    nfd["title"] = unicodedata.normalize("NFD", "Hoà Bình")
    assert article_text(nfd).startswith(unicodedata.normalize("NFC", "Hoà Bình") + "\n\n")


def test_urls(articles):
    channel = next(a for a in articles if a["host"] == "dantocphattrien.vietnamnet.vn" and a.get("crosspost"))
    assert article_url(channel) == f"https://dantocphattrien.vietnamnet.vn/{channel['slug']}-{channel['id']}.htm"
    assert article_url(channel, "m.baodantoc.vn").startswith("https://m.baodantoc.vn/")
    assert re.fullmatch(r"https://vietnamnet\.vn/[a-z0-9-]+-\d{7}\.html", crosspost_url(channel))


def test_cp1258_encoding_round_trips():
    text = "Hội nghị biểu dương Người có uy tín ở Mường Tè: ưu tiên đồng bào Hà Nhì, Mảng, Cống."
    encoded = to_cp1258(text)
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == text
    with pytest.raises(UnicodeDecodeError):
        encoded.decode("utf-8")


# -- generator ----------------------------------------------------------------------------------


def test_generator_is_deterministic_and_valid(articles):
    first = generate_articles(300, seed=3, taken_ids={a["id"] for a in articles})
    assert first == generate_articles(300, seed=3, taken_ids={a["id"] for a in articles})
    assert first != generate_articles(300, seed=4)
    sections = load_sections()
    for article in first:
        validate_article(article, article["id"], sections)
    check_collection(articles + first)
    clash = generate_articles(300, seed=3, taken_crossposts={str(2_200_000 + i) for i in range(50)})
    clash_ids = [int(a["crosspost"]["id"]) for a in clash if a.get("crosspost")]
    assert clash_ids and min(clash_ids) >= 2_200_050
    assert len({a["section"] for a in first}) == 13
    assert {a["host"] for a in first} == set(CONTENT_HOSTS)
    assert all(not published_at(a) < published_at(b) for a, b in itertools.pairwise(first))
    text = " ".join(article_text(a) for a in first[:50])
    assert re.search(r"\d{1,3}\.\d{3} hộ", text) and re.search(r"\d+,\d%", text)
    with pytest.raises(ValueError):
        generate_articles(-1)


# -- HTTP: articles and their markup --------------------------------------------------------------


def _join(pieces: list[str]) -> str:
    """Whitespace collapsed per piece (content text never has doubled whitespace), empties dropped."""
    return unicodedata.normalize("NFC", "\n\n".join(t for t in (" ".join(p.split()) for p in pieces) if t))


def _cms_text(page: BeautifulSoup) -> str:
    """Rebuild the article text from CMS markup by the README's contract."""
    pieces = [page.select_one("h1.news-title").get_text(), page.select_one("h2.news-sapo").get_text()]
    for body in page.select("div.news-body-content"):
        for el in body.find_all(recursive=False):
            classes = el.get("class") or []
            if (el.name == "p" and "image-desc" not in classes) or el.name in ("h3", "blockquote"):
                pieces.append(el.get_text())
            elif el.name == "div" and "qa-item" in classes:
                pieces += [el.select_one("p.question").get_text(), el.select_one("p.answer").get_text()]
            elif el.name == "table" and (cell := el.select_one("td.image_caption")):
                pieces.append(cell.get_text())
    return _join(pieces)


def _vnn_text(page: BeautifulSoup) -> str:
    pieces = [page.select_one("h1.content-detail-title").get_text(), page.select_one("h2.content-detail-sapo").get_text()]
    for el in page.select_one("div#maincontent").find_all(recursive=False):
        if el.name in ("p", "h2", "blockquote"):
            pieces.append(el.get_text())
        elif el.name == "figure" and (cap := el.select_one("figcaption")):
            pieces.append(cap.get_text())
    return _join(pieces)


def _get_article(site, url: str) -> tuple[int, dict, bytes]:
    status, headers, body = fetch(site, url)
    if status == 500:  # the retry_500 article fails once per URL
        status, headers, body = fetch(site, url)
    return status, headers, body


def test_every_article_page_yields_its_article_text(site, articles):
    for article in articles:
        status, headers, body = _get_article(site, article_url(article))
        assert status == 200, article["id"]
        charset = headers["content-type"].split("charset=")[1]
        html = body.decode("cp1258" if charset == "windows-1258" else "utf-8")
        if "double_utf8" in article.get("quirks", []):  # undo the Latin-1 round trip it is served with
            html = html.encode("latin-1").decode("utf-8")
        page = BeautifulSoup(html, "lxml")  # lxml recovers malformed pages the way browsers do
        vnn = article["host"] == "dantocphattrien.vietnamnet.vn"
        assert (_vnn_text(page) if vnn else _cms_text(page)) == article_text(article), article["id"]
        assert page.select_one("link[rel=canonical]")["href"] == article_url(article)
        assert page.select_one('meta[property="og:title"]')["content"]
        assert not page.select('script[type="application/ld+json"]')
        if crosspost := crosspost_url(article):
            status, _, cross = fetch(site, crosspost)
            assert status == 200 and _vnn_text(soup(cross)) == article_text(article)


def test_cms_article_markup(site, articles):
    article = next(a for a in articles if a["byline"] and a["host"] == "baodantoc.vn" and not a.get("quirks")
                   and any(b["type"] == "figure" and b["caption"] for b in a["blocks"]))
    page = soup(fetch(site, article_url(article))[2])
    moment = published_at(article)
    assert page.select_one("div.news-info").get_text() == f"{article['byline']} - {moment:%H:%M, %d/%m/%Y}"
    assert "Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27" in page.select_one("span.date-now").get_text()
    assert "Analytic" in page.get_text()
    caption = next(b["caption"] for b in article["blocks"] if b["type"] == "figure" and b["caption"])
    assert page.select_one("div.news-body-content").get_text().count(caption) == 2
    img = page.select_one("div.news-body-content img")["src"]
    assert img.startswith("https://images.baodantoc.vn/uploads/") and "%" in img and " " not in img
    assert "Tin cùng chuyên mục" in page.select_one("section.box-related").get_text()
    assert page.select("div.breadcrumb ul li a")[1]["href"].endswith(".htm")
    for tag_link in page.select("div.news-tags a"):
        assert fetch(site, tag_link["href"])[0] == 200
    assert page.select("div.social-share a.share-fb") and page.select("div.ads-inarticle script")
    assert page.select('a[href^="https://www.facebook.com/"]') and page.select('a[href^="https://nhandan.vn/"]')


def test_mobile_and_www_variants(site, articles):
    article = next(a for a in articles if a["host"] == "baodantoc.vn" and not a.get("quirks"))
    status, _, body = fetch(site, article_url(article, "m.baodantoc.vn"))
    page = soup(body)
    assert status == 200 and page.select_one("article.m-detail h1.news-title").get_text() == article["title"]
    assert page.select_one("link[rel=canonical]")["href"] == article_url(article)
    assert _cms_text(page) == article_text(article)
    status, _, body = fetch(site, article_url(article, "www.baodantoc.vn"))
    assert status == 200 and _cms_text(soup(body)) == article_text(article)


def test_redirects(site, articles):
    moved = by_quirk(articles, "m_redirect")
    status, headers, _ = fetch(site, article_url(moved, "m.baodantoc.vn"))
    assert status == 301 and headers["location"] == article_url(moved, "www.baodantoc.vn")
    channel = next(a for a in articles if a["host"] == "dantocphattrien.vietnamnet.vn")
    status, headers, _ = fetch(site, article_url(channel, "baodantoc.vn"))
    assert status == 301 and headers["location"] == article_url(channel)
    plain = next(a for a in articles if a["host"] == "baodantoc.vn" and not a.get("quirks"))
    status, headers, _ = fetch(site, f"https://baodantoc.vn/sai-duong-dan-{plain['id']}.htm")
    assert status == 301 and headers["location"] == article_url(plain)


def test_retry_then_200_is_per_url(site, articles):
    article = by_quirk(articles, "retry_500")
    url = article_url(article, "www.baodantoc.vn")
    status, _, body = fetch(site, url)
    assert status == 500 and "Lỗi máy chủ" in body.decode()
    assert fetch(site, url)[0] == 200
    assert fetch(site, url)[0] == 200


def test_slow_article_is_delayed_but_served(site, articles):
    article = by_quirk(articles, "slow")
    response = site.site.respond("baodantoc.vn", article_url(article)[len("https://baodantoc.vn"):])
    assert response.status == 200 and response.delay == 0.05
    assert fetch(site, article_url(article))[0] == 200


def test_quirky_articles(site, articles):
    legacy = by_quirk(articles, "legacy_cp1258")
    _, headers, body = fetch(site, article_url(legacy))
    assert headers["content-type"] == "text/html; charset=windows-1258"
    assert b'charset=windows-1258"' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    nfd = by_quirk(articles, "nfd")
    text = fetch(site, article_url(nfd))[2].decode()
    assert unicodedata.is_normalized("NFD", text) and not unicodedata.is_normalized("NFC", text)
    assert "hoà" in unicodedata.normalize("NFC", text).lower()
    relative = by_quirk(articles, "relative_time")
    page = soup(fetch(site, article_url(relative))[2])
    assert page.select_one("span.distribution-date").get_text() == "5 giờ trước"
    anonymous = by_quirk(articles, "no_author")
    page = soup(fetch(site, article_url(anonymous))[2])
    assert page.select_one("span.author-name") is None and page.select_one("span.distribution-date")
    broken = by_quirk(articles, "malformed_html")
    body = fetch(site, article_url(broken))[2].decode()
    assert "</p>" not in body and "</article>" not in body
    assert _cms_text(BeautifulSoup(body, "lxml")) == article_text(broken)
    mislabelled = by_quirk(articles, "wrong_charset")
    _, headers, body = fetch(site, article_url(mislabelled))
    assert headers["content-type"] == "text/html; charset=iso-8859-1"
    assert article_text(mislabelled).split("\n")[0] in body.decode("utf-8")      # the bytes are UTF-8
    doubled = by_quirk(articles, "double_utf8")
    text = fetch(site, article_url(doubled))[2].decode("utf-8")
    title = article_text(doubled).split("\n")[0]
    assert title not in text and title.encode("utf-8").decode("latin-1") in text  # mojibake, on purpose


def test_vietnamnet_markup(site, articles):
    article = next(a for a in articles if a["host"] == "dantocphattrien.vietnamnet.vn" and a["byline"])
    page = soup(fetch(site, article_url(article))[2])
    moment = published_at(article)
    weekday = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")[moment.weekday()]
    assert page.select_one("div.bread-crumb-detail__time").get_text() == f"{weekday}, {moment:%d/%m/%Y - %H:%M}"
    assert page.select_one("p.article-detail-author__info span.name a").get_text() == article["byline"]
    assert [a.get_text() for a in page.select("div.bread-crumb-detail ul li a")][-1] == \
        load_sections()[article["section"]].name
    assert page.select("div#maincontent figure.image > figcaption") or not any(
        b["type"] == "figure" and b["caption"] for b in article["blocks"])


# -- HTTP: listings, feeds, discovery ---------------------------------------------------------------


def _walk(site, url: str, link_selector: str, next_selector: str) -> tuple[list[str], int]:
    links, pages = [], 0
    while url:
        status, _, body = fetch(site, url)
        assert status == 200, url
        page = soup(body)
        found = [a["href"] for a in page.select(link_selector)]
        assert len(found) <= PAGE_SIZE
        links += found
        pages += 1
        nxt = page.select_one(next_selector)
        url = nxt["href"] if nxt else ""
    return links, pages


def test_cms_pagination_is_deep_and_newest_first(site):
    catalog = site.site.catalog
    total_pages = 0
    for section in catalog.sections.values():
        if section.host != "baodantoc.vn":
            continue
        links, pages = _walk(site, f"https://baodantoc.vn/{section.slug}.htm",
                             "div.col-main > div.news-in-timeline h3 a", "div.pagination a.next")
        expected = [article_url(a) for a in catalog.in_section("baodantoc.vn", section.slug)]
        assert links == expected, section.slug
        total_pages += pages
    assert total_pages >= 100
    status, _, body = fetch(site, "https://baodantoc.vn/chinh-sach/giam-ngheo-p999.htm")
    assert status == 200 and not soup(body).select("div.col-main > div.news-in-timeline h3 a")
    mtqg, _ = _walk(site, "https://chuongtrinhmtqg.baodantoc.vn/mtqg.htm",
                    "div.col-main > div.news-in-timeline h3 a", "div.pagination a.next")
    assert mtqg and all(u.startswith("https://chuongtrinhmtqg.baodantoc.vn/") for u in mtqg)


def test_vnn_listing_pages_count_from_zero(site):
    catalog = site.site.catalog
    links, pages = _walk(site, "https://vietnamnet.vn/dan-toc-ton-giao", "div.list-content h3.horizontalPost__main-title a",
                         "li.pagination-next a")
    assert links == [crosspost_url(a) for a in catalog.by_host["vietnamnet.vn"]] and pages > 1
    assert fetch(site, "https://vietnamnet.vn/dan-toc-ton-giao-page0")[2] == fetch(site, "https://vietnamnet.vn/dan-toc-ton-giao")[2]
    links, _ = _walk(site, "https://dantocphattrien.vietnamnet.vn/chinh-sach",
                     "div.list-content h3.horizontalPost__main-title a", "li.pagination-next a")
    assert links == [article_url(a) for a in catalog.in_section("dantocphattrien.vietnamnet.vn", "chinh-sach")]


@pytest.mark.parametrize(("host", "feed"), [("baodantoc.vn", "/rss/van-hoa"), ("baodantoc.vn", "/rss/chinh-sach/giam-ngheo"),
                                            ("baodantoc.vn", "/rss/trang-chu"), ("chuongtrinhmtqg.baodantoc.vn", "/rss/mtqg"),
                                            ("dantocphattrien.vietnamnet.vn", "/rss/chinh-sach.rss"),
                                            ("vietnamnet.vn", "/rss/dan-toc-ton-giao.rss")])
def test_rss_feeds(site, host, feed):
    status, headers, body = fetch(site, f"https://{host}{feed}")
    assert status == 200 and "xml" in headers["content-type"]
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("channel/item")
    assert items
    dates = [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True) and all(d.utcoffset() == timedelta(hours=7) for d in dates)
    for item in items:
        assert item.findtext("title") and item.findtext("description")
        assert item.findtext("link").startswith("https://")
    assert fetch(site, items[0].findtext("link"))[0] in (200, 500)


@pytest.mark.parametrize("host", ["baodantoc.vn", "chuongtrinhmtqg.baodantoc.vn", "dantocphattrien.vietnamnet.vn",
                                  "vietnamnet.vn"])
def test_robots_and_sitemaps_cover_every_article(site, host):
    status, _, body = fetch(site, f"https://{host}/robots.txt")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(body.decode().splitlines())
    assert status == 200 and not robots.can_fetch("*", f"https://{host}/search?q=lao+cai")
    assert robots.can_fetch("*", f"https://{host}/")
    assert robots.site_maps() == [f"https://{host}/sitemap.xml"]
    index = ET.fromstring(fetch(site, f"https://{host}/sitemap.xml")[2])
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    locs: list[str] = []
    for entry in index.iter(f"{SITEMAP_NS}loc"):
        if host.endswith("vietnamnet.vn"):
            assert re.fullmatch(rf"https://{re.escape(host)}/sitemap-article-(0[1-9]|1[0-2])-20\d\d-\d\d\.xml", entry.text)
        urlset = ET.fromstring(fetch(site, entry.text)[2])
        assert all(u.findtext(f"{SITEMAP_NS}lastmod") for u in urlset.iter(f"{SITEMAP_NS}url"))
        locs += [loc.text for loc in urlset.iter(f"{SITEMAP_NS}loc")]
    catalog = site.site.catalog
    if host == "vietnamnet.vn":
        expected = {crosspost_url(a) for a in catalog.by_host[host]}
    else:
        expected = {article_url(a) for a in catalog.by_host[host]}
    assert expected and expected <= set(locs)


def test_home_pages_and_unknown_host(site):
    for host in site.hosts:
        status, _, body = fetch(site, f"https://{host}/")
        assert status == 200 and soup(body).title.get_text()
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    conn.request("GET", "/")
    assert b"news-in-timeline" in conn.getresponse().read()
    conn.close()
    home = soup(fetch(site, "https://baodantoc.vn/")[2])
    hrefs = [a["href"] for a in home.select("div.news-in-timeline h3 a")]
    assert any("utm_source=" in h and "utm_medium=" in h for h in hrefs) and any("fbclid=" in h for h in hrefs)
    assert any(h.startswith("https://chuongtrinhmtqg.baodantoc.vn/") for h in hrefs)
    assert any(h.startswith("https://dantocphattrien.vietnamnet.vn/") for h in hrefs)
    for path, (kind, _) in EDGE_PAGES.items():
        if kind != "redirect_loop_back":  # reached through the first leg of the loop only
            assert f"https://baodantoc.vn{path}" in hrefs or path in home.select_one("footer").decode()
    tracked = next(h for h in hrefs if "utm_source=" in h)
    assert fetch(site, tracked)[2] == fetch(site, tracked.split("?")[0])[2]


def test_internal_links_resolve(site, articles):
    """Every link to the paper's hosts on home pages and article pages answers (edge pages aside)."""
    edge_urls = {f"https://{h}{p}" for h in ("baodantoc.vn", "www.baodantoc.vn", "m.baodantoc.vn") for p in EDGE_PAGES}
    pages = [f"https://{h}/" for h in site.hosts]
    pages += [article_url(a) for a in articles] + [u for a in articles if (u := crosspost_url(a))]
    seen: set[str] = set()
    for page_url in pages:
        status, headers, body = _get_article(site, page_url)
        assert status == 200, page_url
        charset = headers["content-type"].split("charset=")[1]
        for link in BeautifulSoup(body.decode("cp1258" if charset == "windows-1258" else "utf-8"), "lxml").select("a[href]"):
            url = link["href"].split("#")[0]
            if urlsplit(url).netloc in site.hosts and url not in edge_urls and url not in seen:
                seen.add(url)
                assert _get_article(site, url)[0] in (200, 301), f"{url} linked from {page_url}"
    assert len(seen) > 200


def test_absolute_form_request_target(site):
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    conn.request("GET", "http://vietnamnet.vn/robots.txt")
    assert b"Sitemap: https://vietnamnet.vn/sitemap.xml" in conn.getresponse().read()
    conn.close()


# -- HTTP: misbehaving endpoints ---------------------------------------------------------------------


def _edge(kind: str) -> str:
    return "https://baodantoc.vn" + next(p for p, (k, _) in EDGE_PAGES.items() if k == kind)


def test_not_found_is_styled(site):
    for url in (_edge("not_found"), "https://baodantoc.vn/khong-co-trang-nay", "https://vietnamnet.vn/khong-co-1234567.html"):
        status, headers, body = fetch(site, url)
        assert status == 404 and "text/html" in headers["content-type"]
        assert "Không tìm thấy" in body.decode()


def test_dropped_connection(site):
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        fetch(site, _edge("drop"))


def test_truncated_response(site):
    with pytest.raises(http.client.IncompleteRead) as info:
        fetch(site, _edge("truncate"))
    assert info.value.expected > 0 and len(info.value.partial) > 0


def test_oversized_empty_and_non_article_pages(site):
    status, headers, body = fetch(site, _edge("oversized"))
    assert status == 200 and len(body) == 5 * 1024 * 1024 == int(headers["content-length"])
    status, headers, body = fetch(site, _edge("empty"))
    assert status == 200 and body == b"" and headers["content-length"] == "0"
    for kind in ("about", "contact"):
        status, _, body = fetch(site, _edge(kind))
        page = soup(body)
        assert status == 200 and page.select_one("h1.page-title")
        assert not page.select("h1.news-title, span.distribution-date, div.news-body-content")


def test_gzip_bomb_is_a_valid_gzip_stream_of_zeros(site):
    status, headers, body = fetch(site, _edge("gzip_bomb"))
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert len(body) < 1.1 * 1024 * 1024 and body == gzip_bomb(BOMB_BYTES)        # 1 GiB in about 1 MB
    assert gzip.decompress(gzip_bomb(8 << 20)) == bytes(8 << 20)                   # structure and CRC hold
    with pytest.raises(InflateError, match="over 4,194,304 bytes") as info:
        inflate_capped(body, 4 * 1024 * 1024)
    assert info.value.kind == "oversized"


def test_redirects_that_loop_or_leave_the_site(site):
    first, back = _edge("redirect_loop"), _edge("redirect_loop_back")
    for url, target in ((first, back), (back, first)):
        status, headers, _ = fetch(site, url)
        assert status == 302 and headers["location"] == target
    status, headers, _ = fetch(site, _edge("offsite_redirect"))
    assert status == 302 and headers["location"] == OFFSITE_TARGET and urlsplit(OFFSITE_TARGET).hostname not in site.hosts


def test_server_error_never_passes(site):
    assert [fetch(site, _edge("server_error"))[0] for _ in range(3)] == [503, 503, 503]


def test_unrepairable_mojibake_page(site):
    status, _, body = fetch(site, _edge("mojibake"))
    text = body.decode("utf-8")
    title = EDGE_PAGES[urlsplit(_edge("mojibake")).path][1]
    assert status == 200 and title not in text and not any("\x80" <= c <= "\x9f" for c in text)
    garbled = "".join(c for c in title.encode("utf-8").decode("latin-1") if not "\x80" <= c <= "\x9f")
    assert garbled in text  # double-encoded, then its C1 controls dropped: no tool can undo that exactly


# -- processes and CLI ----------------------------------------------------------------------------------


def test_start_process_serves_and_stops():
    with start_process(port=0, synthetic=20, seed=1) as handle:
        conn = http.client.HTTPConnection("127.0.0.1", handle.port, timeout=10)
        conn.request("GET", "/robots.txt", headers={"Host": "m.baodantoc.vn"})
        assert b"Sitemap: https://m.baodantoc.vn/sitemap.xml" in conn.getresponse().read()
        conn.close()
        assert handle.origin == f"http://127.0.0.1:{handle.port}"
    assert handle._process.poll() is not None


def test_cli_reports_a_busy_port(site):
    result = CliRunner().invoke(cli, ["sample-site", "--port", str(site.port)])
    assert result.exit_code == 1 and "cannot serve on 127.0.0.1" in result.output


def test_site_builds_with_explicit_articles():
    article = _valid()
    site = SampleSite([article])
    response = site.respond("www.baodantoc.vn:8000", f"/{article['slug']}-{article['id']}.htm")
    assert response.status == 200 and b"news-title" in response.body
