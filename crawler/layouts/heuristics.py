"""The generic layer: what any news page gives away when no selector of ours matches any more.

These are the last step of every cascade, so a redesign of the live site degrades a field instead
of emptying it. Each heuristic is deliberately conservative (an empty answer beats a wrong one) and
never reads the page header, which on the CMS carries a stale clock.
"""

from __future__ import annotations

import re
from datetime import datetime

from bs4 import Tag

from .body import JUNK_CLASS, SKIPPED
from .bundle import PageBundle
from .dates import parse_printed
from .text import clean, element_text

#: How many text nodes after the headline are searched for the byline date.
DATE_SEARCH_STRINGS = 40
#: A content block must hold at least this many characters of paragraph text to be the body.
MIN_BODY_CHARS = 200
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")


def headline(b: PageBundle) -> Tag | None:
    """The article headline element: the first <h1> outside header/nav/footer."""
    for h1 in b.soup.find_all("h1"):
        if not any(p.name in ("header", "nav", "footer", "aside") for p in h1.parents) and element_text(h1):
            return h1
    return None


def title(b: PageBundle, site_names: tuple[str, ...] = ()) -> str | None:
    """og:title or <title> without the site's name, else the headline <h1>."""
    for raw in (b.meta_first("og:title", "twitter:title"), element_text(b.soup.title) if b.soup.title else None):
        text = clean(raw)
        for name in site_names:
            text = re.sub(rf"\s*[|–—-]\s*{re.escape(name)}\s*$", "", text)
        if not site_names:
            text = _TITLE_SUFFIX.sub("", text)
        if text:
            return text
    h1 = headline(b)
    return element_text(h1) or None if h1 else None


def sapo(b: PageBundle) -> str | None:
    """og:description or the description meta (may be shortened by the site)."""
    return clean(b.meta_first("og:description", "description", "twitter:description")) or None


def byline_date(b: PageBundle) -> datetime | None:
    """The first printed date after the headline, within a short distance (the byline area)."""
    h1 = headline(b)
    if h1 is None:
        return None
    for count, string in enumerate(h1.find_all_next(string=True)):
        if count >= DATE_SEARCH_STRINGS:
            break
        if string.parent is not None and string.parent.name in ("script", "style"):
            continue
        found = parse_printed(str(string))
        if found:
            return found
    return None


def content_container(b: PageBundle) -> Tag | None:
    """The element holding the most paragraph text (readability's core idea, in one pass).

    Each <p> adds its length to its parent and half of it to the grandparent; page chrome
    (header, nav, aside, footer, clutter classes) never counts.
    """
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in b.soup.find_all("p"):
        parents = list(p.parents)
        if any(x.name in SKIPPED or any(JUNK_CLASS.search(c) for c in (x.get("class") or [])) for x in parents):
            continue
        length = len(element_text(p))
        for weight, parent in zip((1.0, 0.5), parents[:2], strict=False):  # a <p> may sit at the top
            if parent.name in ("html", "body", "[document]"):
                continue
            scores[id(parent)] = scores.get(id(parent), 0.0) + weight * length
            nodes[id(parent)] = parent
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return nodes[best] if scores[best] >= MIN_BODY_CHARS else None


def breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    """[(name, href)] from an element whose class or aria-label says breadcrumb, home excluded."""
    for node in b.soup.find_all(attrs={"class": re.compile("breadcrumb|bread-crumb", re.I)}):
        out = [(element_text(a), str(a.get("href"))) for a in node.find_all("a", href=True)]
        out = [(n, h) for n, h in out if n and n.lower() not in ("trang chủ", "home")]
        if out:
            return out
    return None


def tags(b: PageBundle) -> list[str] | None:
    """Links marked rel=tag, or inside an element whose class names tags/keywords."""
    links = b.soup.find_all("a", rel="tag")
    if not links:
        for node in b.soup.find_all(attrs={"class": re.compile(r"(^|[-_])(tags?|keywords?)($|[-_])", re.I)}):
            links = node.find_all("a")
            if links:
                break
    names = list(dict.fromkeys(element_text(a) for a in links if element_text(a)))
    return names or None
