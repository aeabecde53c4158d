"""``baodantoc parse``: one saved page in, its record out; bad input gives one clear line and exit 1."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from baodantoc.cli import cli
from baodantoc.crawler.sample_site.edges import to_cp1258

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://baodantoc.vn/lao-cai-giam-ngheo-1716000000000.htm"
PARAGRAPH = ("Năm 2025, tỉnh Lào Cai giảm được 1.761 hộ nghèo ở vùng đồng bào dân tộc thiểu số, đưa tỷ lệ hộ nghèo "
             "xuống còn 5,4%, theo báo cáo của Ban Dân tộc tỉnh.")
PAGE = (f"<html><head><meta charset='utf-8'><title>Lào Cai giảm nghèo | Báo Dân tộc và Phát triển</title></head>"
        f"<body><header><span class='date-now'>Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27</span></header>"
        f"<h1 class='news-title'>Lào Cai giảm nghèo</h1><div class='news-info'><span class='author-name'>"
        f"Hồng Minh (T/h)</span> - <span class='distribution-date'>09:30, 18/05/2024</span></div>"
        f"<h2 class='news-sapo'>Sapo hoà bình.</h2><div class='news-body-content'><p>{PARAGRAPH}</p>"
        f"<p>{PARAGRAPH}</p></div></body></html>")


def run(*args: str) -> tuple[int, dict | None, str]:
    result = CliRunner().invoke(cli, ["parse", *args])
    try:
        record = json.loads(result.stdout)
    except json.JSONDecodeError:
        record = None
    return result.exit_code, record, result.stderr


def write(tmp_path: Path, data: bytes, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_fixture_page_gives_its_expected_record() -> None:
    doc = json.loads((PAGES / "cms_2024_09_23.json").read_text(encoding="utf-8"))
    code, record, _ = run(str(PAGES / "cms_2024_09_23.html.gz"), "--url", doc["url"], "--fetched-at", doc["fetched_at"])
    assert code == 0 and record is not None
    assert {k: record[k] for k in doc["expected"]} == doc["expected"]


def test_a_plain_page_reads_byline_date_and_keeps_the_spelling(tmp_path: Path) -> None:
    code, record, _ = run(write(tmp_path, PAGE.encode()), "--url", URL)
    assert code == 0 and record is not None
    assert record["author"] == ["Hồng Minh"]
    assert record["published_at"] == "2024-05-18T09:30:00+07:00"        # not the stale header clock
    assert record["sapo"] == "Sapo hoà bình."                           # old tone placement kept


def test_nfd_and_windows_1258_pages_give_nfc_text(tmp_path: Path) -> None:
    _, expected, _ = run(write(tmp_path, PAGE.encode()), "--url", URL)
    nfd = unicodedata.normalize("NFD", PAGE).encode()
    _, from_nfd, _ = run(write(tmp_path, nfd, "nfd.html"), "--url", URL)
    cp1258 = to_cp1258(PAGE.replace("charset='utf-8'", "charset='windows-1258'"))
    _, from_cp1258, _ = run(write(tmp_path, cp1258, "cp.html"), "--url", URL)
    _, gzipped, _ = run(write(tmp_path, gzip.compress(PAGE.encode()), "page.html.gz"), "--url", URL)
    assert expected is not None
    for other in (from_nfd, from_cp1258, gzipped):
        assert other is not None and other["text"] == expected["text"]


def test_content_type_charset_wins_over_a_wrong_meta(tmp_path: Path) -> None:
    cp1258 = to_cp1258(PAGE)                                            # the <meta> still says utf-8
    code, record, _ = run(write(tmp_path, cp1258), "--url", URL, "--content-type", "text/html; charset=windows-1258")
    assert code == 0 and record is not None and record["title"] == "Lào Cai giảm nghèo"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \n  ", "empty"),
    (b"<html>" + b"x" * (4 * 1024 * 1024 + 1), "oversized"),
    (b"\x1f\x8b\x08garbage", "decoding"),
])
def test_unreadable_pages_end_in_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    code, record, err = run(write(tmp_path, data), "--url", URL)
    assert code == 1 and record is None
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(("html", "reason"), [
    ("<html><head><title>Giới thiệu</title></head><body><h1>Giới thiệu</h1><p>" + PARAGRAPH * 3 + "</p></body></html>",
     "not_article"),
    ("<html><body><h1 class='news-title'>Tiêu đề</h1><div class='news-body-content'></div></body></html>", "empty_body"),
    (PAGE.replace("Lào Cai giảm nghèo</h1>", "L\ufffdo Cai</h1>"), "decoding"),
])
def test_pages_the_crawler_would_skip_print_the_record_and_say_why(tmp_path: Path, html: str, reason: str) -> None:
    code, record, err = run(write(tmp_path, html.encode()), "--url", URL)
    assert code == 1 and record is not None
    assert f"would skip this page: {reason}" in err


def test_undecodable_bytes_are_a_decoding_skip(tmp_path: Path) -> None:
    data = PAGE.encode().replace("Lào".encode(), b"L\xe0\xff\xfeo")    # invalid UTF-8 in the title
    code, _, err = run(write(tmp_path, data), "--url", URL)
    assert code == 1 and "decoding" in err


def test_malformed_html_still_gives_a_record(tmp_path: Path) -> None:
    broken = PAGE.replace("</p>", "").replace("</div>", "<b><i>").replace("</body></html>", "")
    code, record, _ = run(write(tmp_path, broken.encode()), "--url", URL)
    assert code == 0 and record is not None and record["body"].startswith("Năm 2025")


@pytest.mark.parametrize(("args", "message"), [
    (["--layout", "nope"], "unknown layout"),
    (["--fetched-at", "yesterday"], "--fetched-at"),
])
def test_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = run(write(tmp_path, PAGE.encode()), "--url", URL, *args)
    assert code == 1 and message in err


def test_forcing_the_generic_layout_records_its_layers(tmp_path: Path) -> None:
    code, record, _ = run(write(tmp_path, PAGE.encode()), "--url", URL, "--layout", "generic")
    assert code == 0 and record is not None
    assert record["layout"] == "generic" and record["extraction"]["title"] == "generic"
    assert record["published_at"] == "2024-05-18T09:30:00+07:00"


def test_the_help_example_runs() -> None:
    help_text = cli.commands["parse"].help or ""
    example = help_text.split("Example:", 1)[1].split()
    assert example[:2] == ["baodantoc", "parse"]
    result = CliRunner().invoke(cli, example[1:])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["layout"] == "cms"
