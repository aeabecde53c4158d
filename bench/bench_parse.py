"""Parse + clean per article page: our layouts against trafilatura, on the same pages, in one run.

    python bench/bench_parse.py [--rounds 5] [--no-sample-site]

Pages: the parser fixtures (tests/fixtures/pages, with reviewed expected records) and, unless
--no-sample-site, every article page of the sample site on its canonical host (speed only).
Both systems get the same raw bytes and decode them themselves; trafilatura runs
``bare_extraction(with_metadata=True)``, its usual way to get text plus metadata.

Printed: median ms/page of each and the ratio (target: ours no slower, ratio <= 1.0), and field
accuracy of both twice: against the fixtures' reviewed records, and against the sample site's own
content (the article JSON the pages are rendered from: independent of our parsers, so not
circular). Fields: title, sapo (trafilatura's description), author set (fixtures only: the content
has the raw byline), publication day (trafilatura gives no time of day, so both are compared by
day), tags, and the body (exact, and the word-level F1 against the expected body).

What this does NOT measure: pages of the live site (not reachable from here; the sample site
reproduces its reported markup), fetching, or layouts trafilatura was tuned for.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import urllib.request
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT / "tests" / "fixtures" / "pages"
#: Issue 2: parse+clean no slower than trafilatura on the same pages.
TARGET_RATIO = 1.0
FIELDS = ("title", "sapo", "author", "day", "tags", "body_exact", "body_f1")


def _fixtures() -> list[tuple[str, bytes, dict[str, Any]]]:
    out = []
    for doc_path in sorted(PAGES.glob("*.json")):
        doc = json.loads(doc_path.read_text(encoding="utf-8"))
        page = gzip.decompress((PAGES / doc_path.name.replace(".json", ".html.gz")).read_bytes())
        out.append((doc["url"], page, doc))
    return out


def _sample_pages() -> list[tuple[str, bytes, dict[str, Any]]]:
    """(url, bytes, expected) for every sample article; expected comes from the content files."""
    from baodantoc.crawler.sample_site import article_url, load_articles, serve_sample_site
    from baodantoc.crawler.sample_site.content import article_body

    pages = []
    with serve_sample_site(port=0) as site:
        for article in load_articles():
            url = article_url(article)
            parts = urlsplit(url)
            request = urllib.request.Request(site.origin + parts.path, headers={"Host": parts.hostname or ""})
            for _ in range(2):  # the retry_500 page answers 500 once
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        expected = {"title": article["title"], "sapo": article["sapo"], "tags": article["tags"],
                                    "published_at": article["published"], "body": article_body(article)}
                        if "relative_time" in article.get("quirks", []):  # "5 giờ trước": no day to compare
                            del expected["published_at"]
                        pages.append((url, response.read(), expected))
                    break
                except urllib.error.HTTPError:
                    continue
    return pages


def ours(url: str, page: bytes, fetched_at: datetime) -> dict[str, Any]:
    from baodantoc.crawler.layouts import parse_page

    r = parse_page(page, url, fetched_at=fetched_at).to_dict()
    return {"title": r["title"], "sapo": r["sapo"], "author": set(r["author"]),
            "day": (r["published_at"] or "")[:10] or None, "tags": set(r["tags"]), "body": r["body"]}


def theirs(url: str, page: bytes, fetched_at: datetime) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True)
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    authors = {a.strip() for a in (data.get("author") or "").replace(";", ",").split(",") if a.strip()}
    tags = data.get("tags") or []
    return {"title": data.get("title"), "sapo": data.get("description"), "author": authors,
            "day": (data.get("date") or "")[:10] or None, "tags": set(tags if isinstance(tags, list) else [tags]),
            "body": data.get("text") or ""}


def _f1(got: str, want: str) -> float:
    a, b = Counter(got.split()), Counter(want.split())
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def score(got: dict[str, Any], expected: dict[str, Any]) -> dict[str, float]:
    """Per-field 1/0 (body_f1: 0..1) of one page's extraction against the expected values."""
    import unicodedata

    expected = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in expected.items()}
    want = {"title": expected.get("title"), "sapo": expected.get("sapo"), "author": set(expected.get("author", [])),
            "day": (expected.get("published_at") or "")[:10] or None, "tags": set(expected.get("tags", [])),
            "body": expected.get("body", "")}
    present = {"title": "title", "sapo": "sapo", "author": "author", "day": "published_at", "tags": "tags"}
    out = {f: float(got.get(f) == want[f]) for f, key in present.items() if key in expected}
    out["body_exact"] = float(got.get("body") == want["body"])
    out["body_f1"] = _f1(got.get("body") or "", want["body"])
    return out


def _time(fn: Any, pages: list[tuple[str, bytes]], rounds: int, fetched_at: datetime) -> float:
    times = []
    for _ in range(rounds):
        for url, page in pages:
            t0 = time.perf_counter()
            fn(url, page, fetched_at)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _accuracy(title: str, cases: list[tuple[str, bytes, dict[str, Any], datetime]]) -> None:
    totals = {name: Counter() for name in ("ours", "trafilatura")}
    counted: Counter[str] = Counter()  # pages that have an expected value for the field
    for url, page, expected, when in cases:
        for name, fn in (("ours", ours), ("trafilatura", theirs)):
            scores = score(fn(url, page, when), expected)
            totals[name].update(scores)
        counted.update(scores.keys())
    fields = [f for f in FIELDS if counted[f]]
    print(f"field accuracy against {title}, {len(cases)} pages (share right; body_f1: mean word F1)")
    print("  field        ours   trafilatura   pages")
    for field in fields:
        print(f"  {field:<10} {totals['ours'][field] / counted[field]:6.2f}   {totals['trafilatura'][field] / counted[field]:6.2f}"
              f"        {counted[field]}")
    means = [statistics.mean(totals[n][f] / counted[f] for f in fields) for n in ("ours", "trafilatura")]
    print(f"  mean       {means[0]:6.2f}   {means[1]:6.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-sample-site", action="store_true", help="fixtures only")
    args = ap.parse_args(argv)
    fetched = datetime.fromisoformat("2026-01-15T08:00:00+07:00")
    fixtures = [(u, p, doc["expected"], datetime.fromisoformat(doc["fetched_at"])) for u, p, doc in _fixtures()]
    sample = [] if args.no_sample_site else [(u, p, e, fetched) for u, p, e in _sample_pages()]
    pages = [(u, p) for u, p, _, _ in fixtures + sample]
    for fn in (ours, theirs):  # warm-up: imports, lazy data
        fn(*pages[0], fetched)
    ms_ours = _time(ours, pages, args.rounds, fetched)
    ms_theirs = _time(theirs, pages, args.rounds, fetched)
    print(f"pages: {len(pages)} ({len(fixtures)} fixtures, {len(sample)} sample-site articles), rounds: {args.rounds}")
    print(f"median ms/page   ours {ms_ours:6.2f}   trafilatura {ms_theirs:6.2f}   "
          f"ratio ours/trafilatura {ms_ours / ms_theirs:.2f} (target <= {TARGET_RATIO})")
    _accuracy("the fixtures' reviewed records", fixtures)
    if sample:
        _accuracy("the sample site's content files", sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
