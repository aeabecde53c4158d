"""The generic layer against trafilatura on pages nobody here wrote: body word F1, empty bodies, speed.

    python bench/eval_generic.py --pages DIR [--rounds 3]

DIR holds pages of other publishers with a hand-checked body: ``<name>.html`` (raw bytes) and
``<name>.txt`` (the expected body text), optionally ``<name>.json`` with the page's ``"url"``. The
pages are not committed (their text belongs to their publishers). A public set in this layout ships
in newspaper4k's source distribution (MIT; 23 news pages of 2013-2020 in ten languages, their
expected text reviewed by its maintainers):

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 -d /tmp/np && tar xzf /tmp/np/*.tar.gz -C /tmp/np
    mkdir -p /tmp/np4k && cd /tmp/np/newspaper4k-0.9.6/tests/data && for t in txt/*.txt; do
      n=$(basename $t .txt); [ -f html/$n.html ] && cp html/$n.html $t /tmp/np4k/ &&
      { [ -f metadata/$n.json ] && cp metadata/$n.json /tmp/np4k/ || true; }; done
    python bench/eval_generic.py --pages /tmp/np4k

Both systems get the same bytes in the same run: ours is ``parse_page(..., layout="generic")`` (the
layer every unknown page meets), trafilatura is ``trafilatura.extract`` with its defaults. Score per
page: bag-of-words F1 of ``\\w+`` tokens (lower-cased) against the expected text, averaged over
pages; an empty body scores 0 and is counted. Speed: per page, the best of ``--rounds`` runs of
each, interleaved, then the median over pages (ours includes every field of the record; trafilatura
extracts the body only, so the comparison favours it).

What this does NOT measure: Vietnamese pages (none public with gold bodies; the drift fixtures in
tests/fixtures/drift cover those), the other fields, or pages from the same few sites at scale.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TOKEN = re.compile(r"\w+")
FETCHED = datetime(2026, 1, 15, tzinfo=timezone.utc)


def f1(got: str, want: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the bag of words of ``got`` against ``want``."""
    a, b = Counter(TOKEN.findall(got.lower())), Counter(TOKEN.findall(want.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return p, r, 2 * p * r / (p + r)


def load(folder: Path) -> list[tuple[str, str, bytes, str]]:
    """(name, url, html bytes, expected text) for every page with a .txt and an .html."""
    pages = []
    for txt in sorted(folder.glob("*.txt")):
        html = txt.with_suffix(".html")
        if not html.exists():
            continue
        meta = txt.with_suffix(".json")
        url = (json.loads(meta.read_text(encoding="utf-8")).get("url") if meta.exists() else None) \
            or f"https://example.org/{txt.stem}.html"
        pages.append((txt.stem, url, html.read_bytes(), txt.read_text(encoding="utf-8")))
    return pages


def ours(url: str, page: bytes) -> str:
    from baodantoc.crawler.layouts import parse_page

    return parse_page(page, url, fetched_at=FETCHED, layout="generic").body or ""


def theirs(url: str, page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page, url=url) or ""


def best_ms(fn, url: str, page: bytes, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(url, page)
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, required=True, help="folder of <name>.html + <name>.txt")
    ap.add_argument("--rounds", type=int, default=3, help="timed runs per page and system (best counts)")
    ap.add_argument("--each", action="store_true", help="print every page's scores")
    args = ap.parse_args(argv)
    pages = load(args.pages)
    if not pages:
        print(f"no <name>.html + <name>.txt pairs in {args.pages}", file=sys.stderr)
        return 1
    ours(pages[0][1], pages[0][2])  # warm-up: imports, trafilatura's settings
    theirs(pages[0][1], pages[0][2])
    rows = []
    for name, url, page, want in pages:
        got_ours, got_theirs = ours(url, page), theirs(url, page)
        ms_ours = best_ms(ours, url, page, args.rounds)
        ms_theirs = best_ms(theirs, url, page, args.rounds)
        rows.append((name, f1(got_ours, want), f1(got_theirs, want), not got_ours.strip(), not got_theirs.strip(),
                     ms_ours, ms_theirs, len(page)))
        if args.each:
            print(f"  {name:<28} ours F1 {rows[-1][1][2]:.3f}  trafilatura F1 {rows[-1][2][2]:.3f}  "
                  f"{ms_ours:7.1f} / {ms_theirs:7.1f} ms  {len(page) // 1024} KB")
    n = len(rows)
    print(f"pages: {n} from {args.pages} (median {statistics.median(r[7] for r in rows) // 1024} KB, "
          f"largest {max(r[7] for r in rows) // 1024} KB)")
    print("                    ours (generic layer)   trafilatura.extract")
    for label, index in (("precision", 0), ("recall", 1), ("F1", 2)):
        print(f"  body word {label:<9} {statistics.mean(r[1][index] for r in rows):10.3f}"
              f"             {statistics.mean(r[2][index] for r in rows):10.3f}")
    print(f"  empty bodies      {sum(r[3] for r in rows):6d} of {n}          {sum(r[4] for r in rows):6d} of {n}")
    ms_o, ms_t = statistics.median(r[5] for r in rows), statistics.median(r[6] for r in rows)
    print(f"  median ms/page    {ms_o:10.1f}             {ms_t:10.1f}      ratio ours/trafilatura {ms_o / ms_t:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
