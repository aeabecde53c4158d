"""Save article pages from the sample site as parser fixtures and write their expected records.

    .venv/bin/python scripts/generate_parser_fixtures.py            # (re)write every fixture
    .venv/bin/python scripts/generate_parser_fixtures.py --check    # only report what would change

For each case below it fetches one page over HTTP (the real Host header, as the crawler does),
stores the bytes as ``tests/fixtures/pages/<layout>_<YYYY_MM_DD>.html.gz`` and the record the
parsers produce now as ``<same>.json`` under "expected" (empty fields left out). That is a snapshot
of the parsers, not yet a specification: a wrong value written here becomes a test that passes on
a bug. So each fixture keeps a "reviewed" note (by, on, how, findings, and the sha256 of the
expected fields it reviewed), which this script carries over when it rewrites a fixture; when the
expected fields change, it says which fixtures need a new review, and tests/test_parser_fixtures.py
fails until someone has read the changed fields against the page and updated the note. The cases
pick pages by their properties (host, layout, quirk), not by id, so the script keeps working as the
sample content grows (Fundus does the same with ``scripts/generate_parser_test_files.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from baodantoc.crawler.layouts import parse_page  # noqa: E402
from baodantoc.crawler.sample_site import article_url, crosspost_url, load_articles, serve_sample_site  # noqa: E402
from baodantoc.records import CONTENT_FIELDS  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
#: Fixed fetch instant: relative times ("5 giờ trước") resolve against it, so records are stable.
FETCHED_AT = "2026-01-15T08:00:00+07:00"
Article = dict


@dataclass(frozen=True)
class Case:
    """One fixture: which layout must read it, where to fetch it, which article, and why."""

    layout: str
    host: Callable[[Article], str | None]
    pick: Callable[[Article], bool]
    note: str
    transform: Callable[[bytes], bytes] | None = None


def _quirk(name: str) -> Callable[[Article], bool]:
    return lambda a: name in a.get("quirks", [])


def _two_authors(a: Article) -> bool:
    """A standard baodantoc.vn article without quirks whose byline is "A - B"."""
    return a["layout"] == "standard" and a["host"] == "baodantoc.vn" and not a.get("quirks") and " - " in a["byline"]


def redesign(page: bytes) -> bytes:
    """A CMS page after an imagined redesign: every class the CMS layout relies on is renamed."""
    text = page.decode("utf-8")
    for old, new in (("news-", "post-"), ("author-name", "post-writer"), ("distribution-date", "post-time")):
        text = text.replace(old, new)
    return text.encode("utf-8")


CASES = (
    Case("cms", lambda a: a["host"], _two_authors, "desktop CMS article, byline 'A - B'"),
    Case("cms", lambda a: "m.baodantoc.vn", lambda a: a["host"] == "baodantoc.vn" and a["layout"] == "standard"
         and not a.get("quirks") and " và " in a["byline"], "mobile host (m.): same classes, other page frame"),
    Case("cms", lambda a: a["host"], lambda a: a["layout"] == "emagazine", "e-magazine: one body div per chapter"),
    Case("cms", lambda a: a["host"], lambda a: a["layout"] == "photo", "photo story"),
    Case("cms", lambda a: a["host"], lambda a: a["layout"] == "video", "video story: the player's text is not body"),
    Case("cms", lambda a: a["host"], _quirk("nfd"), "NFD text with old tone placement (kept as written)"),
    Case("cms", lambda a: a["host"], _quirk("legacy_cp1258"), "legacy short id, windows-1258 bytes"),
    Case("cms", lambda a: a["host"], _quirk("relative_time"), "'5 giờ trước' against the fetch time"),
    Case("cms", lambda a: a["host"], _quirk("malformed_html"), "unclosed tags"),
    Case("cms", lambda a: a["host"], _quirk("no_author"), "no byline at all"),
    Case("cms", lambda a: a["host"], lambda a: a["byline"] in ("TTXVN", "baochinhphu.vn"), "an outlet as byline: source"),
    Case("cms", lambda a: a["host"], lambda a: a["host"] == "chuongtrinhmtqg.baodantoc.vn", "chuyên trang subdomain"),
    Case("vietnamnet", lambda a: a["host"], lambda a: a["host"] == "dantocphattrien.vietnamnet.vn",
         "the paper's VietNamNet channel"),
    Case("vietnamnet", lambda a: "vietnamnet.vn", lambda a: bool(a.get("crosspost")),
         "a cross-post on vietnamnet.vn ('Theo ...' source line)"),
    Case("generic", lambda a: a["host"], _two_authors,
         "CMS page with every layout class renamed: the generic fallback must still read it", redesign),
)


def fetch(origin: str, url: str) -> tuple[bytes, str]:
    """GET through the local origin with the real Host header; follows nothing, retries a 500 once."""
    parts = urlsplit(url)
    request = urllib.request.Request(origin + parts.path, headers={"Host": parts.hostname or ""})
    for attempt in (1, 2):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            if exc.code != 500 or attempt == 2:
                raise
    raise AssertionError("unreachable")


def expected_fields(record: dict) -> dict:
    """The record's content fields that have a value (empty ones are left out, see tests)."""
    keep = (*CONTENT_FIELDS, "article_id", "text", "layout", "extraction", "alternate_urls")
    return {k: record[k] for k in keep if record.get(k) not in (None, "", [], {})}


def expected_sha256(expected: dict) -> str:
    """The digest a review note records (tests/test_parser_fixtures.py computes it the same way)."""
    return hashlib.sha256(json.dumps(expected, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def with_review(doc: dict, old_path: Path) -> tuple[dict, str | None]:
    """``doc`` with the review note of the fixture it replaces, and what to tell the user (or None).

    The note is kept even when the expected fields changed: its stale digest is what makes the
    fixture test fail until the new values have been read against the page.
    """
    old = json.loads(old_path.read_text(encoding="utf-8")) if old_path.exists() else {}
    note = old.get("reviewed")
    expected = doc.pop("expected")
    if note:
        doc["reviewed"] = note
    doc["expected"] = expected
    if not note:
        return doc, "new: read every expected field against the page and add a 'reviewed' note"
    if note.get("expected_sha256") != expected_sha256(expected):
        return doc, f"expected changed since its review on {note.get('on')}: review the diff and update the note"
    return doc, None


def build(origin: str, articles: list[Article]) -> dict[str, tuple[bytes, dict]]:
    """name -> (gzip bytes, JSON document) for every case."""
    out: dict[str, tuple[bytes, dict]] = {}
    fetched_at = datetime.fromisoformat(FETCHED_AT)
    for case in CASES:
        for article in articles:
            if not case.pick(article):
                continue
            host = case.host(article)
            url = crosspost_url(article) if host == "vietnamnet.vn" else article_url(article, host)
            name = f"{case.layout}_{article['published'][:10].replace('-', '_')}"
            if name in out or url is None:
                continue
            page, content_type = fetch(origin, url)
            if case.transform:
                page = case.transform(page)
            record = parse_page(page, url, content_type=content_type, fetched_at=fetched_at).to_dict()
            if record["layout"] != case.layout:
                raise SystemExit(f"{name}: expected layout {case.layout}, the parsers chose {record['layout']}")
            doc = {"url": url, "fetched_at": FETCHED_AT, "content_type": content_type, "note": case.note,
                   "expected": expected_fields(record)}
            out[name] = (gzip.compress(page, mtime=0), doc)
            break
        else:
            print(f"no sample article for case: {case.note}", file=sys.stderr)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report changes, write nothing")
    args = parser.parse_args()
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with serve_sample_site(port=0) as site:
        fixtures = build(site.origin, load_articles())
    changed = 0
    for name, (page, doc) in sorted(fixtures.items()):
        json_path, page_path = FIXTURES / f"{name}.json", FIXTURES / f"{name}.html.gz"
        doc, review = with_review(doc, json_path)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if review:
            print(f"REVIEW NEEDED {json_path.relative_to(ROOT)}: {review}")
        if json_path.exists() and json_path.read_text(encoding="utf-8") == text:
            continue
        changed += 1
        print(f"{'would write' if args.check else 'wrote'} {json_path.relative_to(ROOT)}")
        if not args.check:
            json_path.write_text(text, encoding="utf-8")
            page_path.write_bytes(page)
    stale = {re.sub(r"\.(json|html\.gz)$", "", p.name) for p in FIXTURES.iterdir()} - set(fixtures)
    for name in sorted(stale):
        print(f"not produced any more (delete if obsolete): {name}")
    print(f"{len(fixtures)} fixtures, {changed} changed")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
