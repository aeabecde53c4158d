"""Hostile input to the crawler and to ``baodantoc parse``: gzip bombs, mislabelled charsets,
mojibake, redirects that loop or leave the site. Each is refused fast or repaired, and counted
under a name; none ends in a traceback or in a garbled article stored as a normal one."""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from pathlib import Path

import pytest
from fault_helpers import run_measured
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, XmlResponse
from test_crawl_parse_command import PAGE, URL, run, write
from test_crawl_pipelines import cms_page

from baodantoc.crawler.compression import InflateError, inflate_capped
from baodantoc.crawler.errors import OffsiteRedirect, RedirectLoop, classify
from baodantoc.crawler.layouts import parse_html
from baodantoc.crawler.layouts.bundle import decode_page, utf8_mislabelled
from baodantoc.crawler.layouts.mojibake import garbled
from baodantoc.crawler.redirects import refusal
from baodantoc.crawler.sample_site import article_text, load_articles
from baodantoc.crawler.sample_site.edges import double_encoded, gzip_bomb
from baodantoc.crawler.spiders.baodantoc import BaodantocSpider
from baodantoc.crawler.validate import problem

ROOT = Path(__file__).resolve().parent.parent
CAP = 4 * 1024 * 1024

# -- gzip, inflated no further than the cap ------------------------------------------------------


@pytest.mark.parametrize(("size", "fits"), [(CAP - 1, True), (CAP, True), (CAP + 1, False)])
def test_inflating_stops_just_past_the_cap(size: int, fits: bool) -> None:
    data = gzip.compress(b"a" * size)
    if fits:
        assert inflate_capped(data, CAP) == b"a" * size
    else:
        with pytest.raises(InflateError, match="inflates to over 4,194,304 bytes") as info:
            inflate_capped(data, CAP)
        assert info.value.kind == "oversized"


@pytest.mark.parametrize(("data", "kind"), [
    (gzip.compress(b"<html>trang</html>")[:-6], "decoding"),       # cut short
    (b"\x1f\x8b\x08\x00garbage-not-deflate", "decoding"),           # corrupt
])
def test_broken_gzip_is_a_decoding_error(data: bytes, kind: str) -> None:
    with pytest.raises(InflateError) as info:
        inflate_capped(data, CAP)
    assert info.value.kind == kind


def test_every_gzip_member_is_read() -> None:
    assert inflate_capped(gzip.compress(b"<html>") + gzip.compress(b"</html>") + b"\0\0", None) == b"<html></html>"


def test_a_gzip_bomb_given_to_parse_is_refused_fast_in_little_memory(tmp_path: Path) -> None:
    """Issue 10: a 1 MB gzip that inflates to 1 GiB was refused after 5 s and 2.1 GB of memory."""
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip_bomb())
    plain = tmp_path / "page.html"
    plain.write_text(PAGE, encoding="utf-8")
    bomb_run = run_measured([sys.executable, "-m", "baodantoc.cli", "parse", str(bomb), "--url", URL])
    page_run = run_measured([sys.executable, "-m", "baodantoc.cli", "parse", str(plain), "--url", URL])
    proc, seconds, peak = bomb_run
    print(f"\ngzip bomb ({bomb.stat().st_size:,} bytes -> 1 GiB): refused in {seconds:.2f} s, peak RSS {peak:.0f} MiB "
          f"(a plain page, parsed: {page_run[1]:.2f} s, {page_run[2]:.0f} MiB)")
    assert page_run[0].returncode == 0
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"Error: {bomb}: gzip page inflates to over {CAP:,} bytes "
                                                f"({bomb.stat().st_size:,} bytes of gzip) (oversized)"]
    assert peak < page_run[2] + 32  # the cap's 4 MiB and a step, not the bomb's 1 GiB


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as fh:
        fh.seek(6 * 1024 * 1024 * 1024)  # a sparse 6 GiB file: reading it whole would be the failure
        fh.write(b"\n")
    code, record, stderr = run(str(page), "--url", URL)
    assert code == 1 and record is None and "over the 4,194,304-byte limit of a page (oversized)" in stderr


def test_a_gzipped_sitemap_is_read_and_a_sitemap_bomb_counted() -> None:
    spider = BaodantocSpider()
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{URL}</loc><lastmod>2024-05-18</lastmod></url></urlset>").encode()
    url = "https://baodantoc.vn/sitemaps/sitemap-2024-05.xml.gz"
    requests = list(spider.parse_sitemap(XmlResponse(url, body=gzip.compress(sitemap), request=Request(url))))
    assert [r.url for r in requests] == [URL]
    spider.max_bytes = 1024 * 1024
    assert list(spider.parse_sitemap(XmlResponse(url, body=gzip_bomb(8 << 20), request=Request(url)))) == []


def test_the_sample_sites_bomb_is_what_it_claims() -> None:
    bomb = gzip_bomb(16 << 20)
    assert len(bomb) < 20_000 and zlib.decompress(bomb, wbits=31) == bytes(16 << 20)


# -- charsets and mojibake ----------------------------------------------------------------------

VIETNAMESE = "Hơn 3.000 hộ nghèo ở Lào Cai được hỗ trợ sinh kế; người Mông, Dao ở các xã vùng cao."


@pytest.mark.parametrize(("body", "declared", "mislabelled"), [
    (VIETNAMESE.encode("utf-8"), "cp1252", True),        # UTF-8 served as ISO-8859-1 (read as cp1252)
    (VIETNAMESE.encode("utf-8"), "iso-8859-1", True),
    (VIETNAMESE.encode("utf-8"), "utf-8", False),        # declared right
    (VIETNAMESE.encode("utf-8"), "cp1258", False),       # a Vietnamese code page is never second-guessed
    ("Café à Zürich".encode("cp1252"), "cp1252", False),  # real Latin-1 is not valid UTF-8
    (b"plain ascii", "cp1252", False),                   # nothing to tell
])
def test_utf8_mislabelled(body: bytes, declared: str, mislabelled: bool) -> None:
    assert utf8_mislabelled(body, declared) is mislabelled


def test_a_page_served_with_the_wrong_charset_keeps_every_letter() -> None:
    """Read as windows-1252, the UTF-8 of "ờ" loses its last byte (0x9D is no character there)."""
    html = PAGE.replace("Lào Cai giảm nghèo</h1>", "Người dân ở Lào Cai</h1>")
    text = decode_page(html.encode("utf-8"), "text/html; charset=iso-8859-1")
    assert text == html and "\ufffd" not in text


@pytest.mark.parametrize("text", [
    VIETNAMESE, "NGÃ BA ĐỒNG LỘC, ĐÃ XONG", "Chỉ số “hạnh phúc” – 51,4% · 3,5 tỷ đồng", "Ủy ban Dân tộc; Thuỷ điện",
    "Café, naïve, Zürich, São Paulo, Ærø", "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý",
])
def test_real_text_is_not_taken_for_mojibake(text: str) -> None:
    assert not garbled(text)


def test_no_sample_article_is_taken_for_mojibake() -> None:
    assert [a["id"] for a in load_articles() if garbled(article_text(a))] == []


def test_double_encoded_utf8_is_repaired_exactly() -> None:
    """Issue 10: "HÆ¡n 3.000 há»" was stored as a normal article with 100% coverage."""
    good = parse_html(cms_page(body=VIETNAMESE), URL)
    repaired = parse_html(double_encoded(cms_page(body=VIETNAMESE)).decode("utf-8"), URL)
    assert repaired.text == good.text and repaired.author == good.author
    assert repaired.extraction["encoding"] == "repaired" and "encoding" not in good.extraction
    assert problem(repaired) is None


def test_mojibake_that_cannot_be_undone_is_skipped_not_stored() -> None:
    broken = double_encoded(cms_page(body=VIETNAMESE), strip_controls=True).decode("utf-8")
    record = parse_html(broken, URL)
    assert "encoding" not in record.extraction and problem(record) == "mojibake"


def test_parse_says_the_crawler_would_skip_mojibake(tmp_path: Path) -> None:
    page = write(tmp_path, double_encoded(PAGE, strip_controls=True))
    code, record, stderr = run(page, "--url", URL)
    assert code == 1 and record is not None and stderr.strip() == "the crawler would skip this page: mojibake"
    code, record, _ = run(write(tmp_path, double_encoded(PAGE), "doubled.html"), "--url", URL)
    assert code == 0 and record is not None and record["title"] == "Lào Cai giảm nghèo"


# -- redirects ---------------------------------------------------------------------------------

A = "https://baodantoc.vn/bai-a-1600000000006.htm"
B = "https://baodantoc.vn/bai-b-1600000000007.htm"


@pytest.mark.parametrize(("chain", "target", "refused"), [
    ([A], B, None),                                        # an ordinary redirect
    ([A, B], A, RedirectLoop),                             # back to where it began
    ([A], A, RedirectLoop),                                # to itself
    ([A], A + "#binh-luan", RedirectLoop),                 # to itself, a fragment aside
    ([A, A + "?utm_source=fb"], A, RedirectLoop),          # a tracking parameter added, then dropped
    ([A], "https://www.facebook.com/baodantoc", OffsiteRedirect),
    ([A], "https://m.baodantoc.vn/bai-a-1600000000006.htm", None),  # another of the paper's hosts
    ([A.replace("https:", "http:")], A, None),             # http -> https is no loop
])
def test_redirect_refusals(chain: list[str], target: str, refused: type | None) -> None:
    problem_ = refusal(chain, target)
    assert (type(problem_) if problem_ else None) is refused


@pytest.mark.parametrize(("exc", "kind"), [
    (RedirectLoop("redirect loop: a -> b -> a"), "redirect_loop"),
    (OffsiteRedirect("redirect off the paper's hosts"), "redirect_offsite"),
    (IgnoreRequest("max redirections reached"), "redirect_max"),
    (IgnoreRequest("Ignored response <200 x> because its body (1 B compressed, 4 B decompressed so far) exceeded "
                   "DOWNLOAD_MAXSIZE (3 B) during decompression."), "oversized"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots"),
])
def test_failures_are_counted_by_kind(exc: BaseException, kind: str) -> None:
    assert classify(exc) == kind


def test_report_json_keeps_the_new_fields() -> None:
    from baodantoc.crawler.report import CrawlReport

    report = CrawlReport(repaired={"charset": 1}, job={"mode": "rebuilt"})
    assert CrawlReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
