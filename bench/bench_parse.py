"""Parse + clean per article page: our layouts against trafilatura, on the same pages, in one run.

    python bench/bench_parse.py [--rounds 5] [--no-sample-site] [--pages DIR] [--sets drift,real]

Pages: the parser fixtures (tests/fixtures/pages, with reviewed expected records), the drift
fixtures (tests/fixtures/drift: the paper's articles in other CMSes' markup, read by the generic
layer), unless --no-sample-site every article page of the sample site on its canonical host, and
with --pages DIR every ``*.html`` there: heavy real pages of other publishers (speed only; see
bench/eval_generic.py for a public set and for their body F1).
Both systems get the same raw bytes and decode them themselves; trafilatura runs
``bare_extraction(with_metadata=True)``, its usual way to get text plus metadata.

Printed: per page set, the median over pages of each system's best of --rounds runs, in CPU time
of this process (``time.process_time``: another job on a shared machine does not count, though it
still slows the caches), interleaved per page and round so both see the same machine, and the ratio
(target: ours no slower, ratio <= 1.0); the load average before and after; and field
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
import os
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
DRIFT = ROOT / "tests" / "fixtures" / "drift"
#: Issue 9: parse+clean no slower than trafilatura on the same pages.
TARGET_RATIO = 1.0
FIELDS = ("title", "sapo", "author", "day", "tags", "body_exact", "body_f1")


def _fixtures(folder: Path = PAGES) -> list[tuple[str, bytes, dict[str, Any]]]:
    out = []
    for doc_path in sorted(folder.glob("*.json")):
        doc = json.loads(doc_path.read_text(encoding="utf-8"))
        page = gzip.decompress((folder / doc_path.name.replace(".json", ".html.gz")).read_bytes())
        out.append((doc["url"], page, doc))
    return out


def _real_pages(folder: Path) -> list[tuple[str, bytes]]:
    """(url, bytes) of every *.html in ``folder`` (url from a <name>.json beside it, if any)."""
    out = []
    for html in sorted(folder.glob("*.html")):
        meta = html.with_suffix(".json")
        url = (json.loads(meta.read_text(encoding="utf-8")).get("url") if meta.exists() else None) \
            or f"https://example.org/{html.stem}.html"
        out.append((url, html.read_bytes()))
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


def _time(pages: list[tuple[str, bytes]], rounds: int, fetched_at: datetime) -> tuple[float, float]:
    """Median over pages of each system's best of ``rounds`` runs (CPU ms), interleaved per page:
    each round runs both, the one that goes first alternating (the second finds warmer caches)."""
    best: dict[str, list[float]] = {"ours": [], "theirs": []}
    systems = [("ours", ours), ("theirs", theirs)]
    for url, page in pages:
        times: dict[str, list[float]] = {"ours": [], "theirs": []}
        for round_ in range(rounds):
            for name, fn in systems if round_ % 2 == 0 else systems[::-1]:
                t0 = time.process_time()
                fn(url, page, fetched_at)
                times[name].append((time.process_time() - t0) * 1000)
        for name in best:
            best[name].append(min(times[name]))
    return statistics.median(best["ours"]), statistics.median(best["theirs"])


def _load() -> str:
    """The 1-minute load average against the cores (a shared machine: say how busy it was)."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


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
    ap.add_argument("--pages", type=Path, help="a folder of heavy real pages (*.html) to time too")
    ap.add_argument("--sets", default="fixtures,drift,sample,real",
                    help="page sets to time, comma-separated (fixtures, drift, sample, real)")
    ap.add_argument("--no-accuracy", action="store_true", help="timing only")
    args = ap.parse_args(argv)
    wanted = set(args.sets.split(","))
    fetched = datetime.fromisoformat("2026-01-15T08:00:00+07:00")
    fixtures = [(u, p, doc["expected"], datetime.fromisoformat(doc["fetched_at"])) for u, p, doc in _fixtures()]
    drift = [(u, p, doc["expected"], datetime.fromisoformat(doc["fetched_at"])) for u, p, doc in _fixtures(DRIFT)]
    sample = [] if args.no_sample_site or ("sample" not in wanted and args.no_accuracy) \
        else [(u, p, e, fetched) for u, p, e in _sample_pages()]
    real = _real_pages(args.pages) if args.pages else []
    sets = [("fixtures", "fixtures", [(u, p) for u, p, _, _ in fixtures]),
            ("drift", "drift fixtures", [(u, p) for u, p, _, _ in drift]),
            ("sample", "sample site", [(u, p) for u, p, _, _ in sample]),
            ("real", f"real pages ({args.pages})", real)]
    first = sets[0][2][0]
    for fn in (ours, theirs):  # warm-up: imports, lazy data
        fn(*first, fetched)
    print(f"rounds: {args.rounds} (best of, per page, CPU time); median ms/page over each set; {_load()}")
    print(f"  {'pages':<34} {'n':>4} {'ours':>8} {'trafilatura':>12} {'ratio':>7}")
    for key, label, pages in sets:
        if pages and key in wanted:
            ms_ours, ms_theirs = _time(pages, args.rounds, fetched)
            print(f"  {label:<34} {len(pages):>4} {ms_ours:8.2f} {ms_theirs:12.2f} {ms_ours / ms_theirs:7.2f}"
                  f"   (target <= {TARGET_RATIO})")
    print(f"  after: {_load()}")
    if args.no_accuracy:
        return 0
    _accuracy("the fixtures' reviewed records", fixtures)
    _accuracy("the drift fixtures (expected values from the content)", drift)
    if sample:
        _accuracy("the sample site's content files", sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
