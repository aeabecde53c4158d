"""The structured-metadata layer: JSON-LD (NewsArticle, BreadcrumbList), og:/article: and <meta>.

No JSON-LD or article:published_time was seen on the live site, but a redesign usually adds them,
and when they appear they are the most reliable source for dates, authors and sections. Each
function returns the value or None; the layout's cascade records that this layer answered.
"""

from __future__ import annotations

from typing import Any

from .bundle import PageBundle
from .dates import parse_iso
from .text import clean

ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting")


def _article(b: PageBundle) -> dict[str, Any] | None:
    found = b.jsonld_of(*ARTICLE_TYPES)
    return found[0] if found else None


def _names(value: Any) -> list[str]:
    """Names out of a JSON-LD author/keywords value (a string, an object, or a list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def title(b: PageBundle) -> str | None:
    """JSON-LD headline (og:title carries the site name and is left to the generic layer)."""
    art = _article(b)
    return clean(art.get("headline")) or None if art and isinstance(art.get("headline"), str) else None


def sapo(b: PageBundle) -> str | None:
    """JSON-LD description (meta descriptions are often cut short: generic layer only)."""
    art = _article(b)
    return clean(art.get("description")) or None if art and isinstance(art.get("description"), str) else None


def byline(b: PageBundle) -> str | None:
    """Authors from JSON-LD, else <meta name=author>/article:author, as one byline string."""
    art = _article(b)
    names = _names(art.get("author")) if art else []
    if names:
        return " - ".join(clean(n) for n in names if clean(n)) or None
    value = b.meta_first("author", "article:author", "dable:author")
    return clean(value) or None if value and not value.startswith("http") else None


def published_at(b: PageBundle):
    """datePublished or article:published_time (ISO 8601)."""
    art = _article(b)
    value = art.get("datePublished") if art else None
    return parse_iso(value if isinstance(value, str) else None) or parse_iso(
        b.meta_first("article:published_time", "og:published_time", "pubdate", "publishdate", "date"))


def modified_at(b: PageBundle):
    """dateModified or article:modified_time (ISO 8601)."""
    art = _article(b)
    value = art.get("dateModified") if art else None
    return parse_iso(value if isinstance(value, str) else None) or parse_iso(
        b.meta_first("article:modified_time", "og:updated_time"))


def breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    """[(name, url)] from a JSON-LD BreadcrumbList, outermost first, home excluded."""
    for crumbs in b.jsonld_of("BreadcrumbList"):
        items = crumbs.get("itemListElement")
        if not isinstance(items, list):
            continue
        ordered = sorted((i for i in items if isinstance(i, dict)), key=lambda i: i.get("position") or 0)
        out = []
        for item in ordered:
            target = item.get("item")
            url = target.get("@id") if isinstance(target, dict) else target
            name = item.get("name") or (target.get("name") if isinstance(target, dict) else None)
            if isinstance(name, str) and isinstance(url, str):
                out.append((clean(name), url))
        if out:
            return out
    return None


def tags(b: PageBundle) -> list[str] | None:
    """JSON-LD keywords, else article:tag / news_keywords metas."""
    art = _article(b)
    words: list[str] = []
    if art:
        value = art.get("keywords")
        words = value.split(",") if isinstance(value, str) else _names(value)
    if not words:
        words = b.meta.get("article:tag", []) or (b.meta_first("news_keywords") or "").split(",")
    cleaned = list(dict.fromkeys(clean(w) for w in words if clean(w)))
    return cleaned or None


def canonical(b: PageBundle) -> str | None:
    """<link rel=canonical>, else og:url."""
    return b.link_href("canonical") or b.meta_first("og:url")
