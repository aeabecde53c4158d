"""The structured-metadata layer: JSON-LD (``@graph`` included), microdata, OpenGraph, Dublin Core.

No JSON-LD or article:published_time was seen on the live site, but a redesign (a WordPress theme,
a JavaScript framework, AMP) usually adds them, and when they appear they are the most reliable
source for dates, authors and sections. Each reader returns a value or None; the layout's cascade
records which one answered and with which key (``--explain``).

One small module rather than extruct: extruct parses the page a second time (and pulls in rdflib
and three more parsers) to return every vocabulary in full, while a news record needs a dozen
properties of one item; the tree is already parsed, so reading them here costs a few XPaths.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from .bundle import PageBundle
from .dates import parse_iso
from .text import clean, element_text

ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                 "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "WebPage")
#: A description cut by the site ends with an ellipsis: not the whole sapo.
TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
#: Meta keys of the publication date, most specific first (OpenGraph, Dublin Core, news CMSes).
DATE_METAS = ("article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
              "dc.date", "dcterms.created", "dcterms.date", "pubdate", "publishdate", "publish-date",
              "sailthru.date", "parsely-pub-date", "date")
MODIFIED_METAS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "lastmod")
AUTHOR_METAS = ("author", "article:author", "dc.creator", "dcterms.creator", "dable:author", "sailthru.author",
                "parsely-author")
TITLE_METAS = ("og:title", "twitter:title", "dc.title", "dcterms.title")
DESCRIPTION_METAS = ("og:description", "description", "twitter:description", "dc.description",
                     "dcterms.description")
SECTION_METAS = ("article:section", "section", "parsely-section", "dc.subject")
TAG_METAS = ("article:tag", "news_keywords", "parsely-tags")


def article(b: PageBundle) -> dict[str, Any] | None:
    """The page's JSON-LD article object (the first of a news/article type; WebPage last)."""
    for kinds in (ARTICLE_TYPES[:-1], ARTICLE_TYPES[-1:]):
        found = b.jsonld_of(*kinds)
        if found:
            return found[0]
    return None


def _names(value: Any, people_only: bool = False) -> list[str]:
    """Names out of a JSON-LD author/keywords value (a string, an object, or a list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if people_only and value.get("@type") in ("Organization", "NewsMediaOrganization", "WebSite"):
            return []
        return _names(value.get("name"), people_only)
    if isinstance(value, list):
        return [n for item in value for n in _names(item, people_only)]
    return []


def _text(value: Any) -> str | None:
    return clean(value) or None if isinstance(value, str) else None


# -- JSON-LD ---------------------------------------------------------------------------------------
def jsonld_value(b: PageBundle, key: str) -> Any:
    """A property of the article object, or None."""
    art = article(b)
    return art.get(key) if art else None


def jsonld_text(b: PageBundle, key: str) -> str | None:
    """A text property of the article object, cleaned ("headline", "description", "articleSection")."""
    value = jsonld_value(b, key)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return _text(value)


def _resolved(b: PageBundle, value: Any) -> Any:
    """A JSON-LD value with ``{"@id": ...}`` references replaced by the @graph node they name."""
    if isinstance(value, list):
        return [_resolved(b, v) for v in value]
    if isinstance(value, dict) and "@id" in value and len(value) == 1:
        return next((o for o in b.jsonld if o.get("@id") == value["@id"] and len(o) > 1), value)
    return value


def jsonld_authors(b: PageBundle) -> str | None:
    """The article's authors (people; an Organization as author is the publisher) as one byline."""
    names = [clean(n) for n in _names(_resolved(b, jsonld_value(b, "author")), people_only=True)]
    return " - ".join(dict.fromkeys(n for n in names if n)) or None


def jsonld_keywords(b: PageBundle) -> list[str] | None:
    value = jsonld_value(b, "keywords")
    words = value.split(",") if isinstance(value, str) else _names(value)
    return _unique(words)


def jsonld_breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    """[(name, url)] from a JSON-LD BreadcrumbList, outermost first."""
    for crumbs in b.jsonld_of("BreadcrumbList"):
        items = crumbs.get("itemListElement")
        if not isinstance(items, list):
            continue
        ordered = sorted((i for i in items if isinstance(i, dict)), key=lambda i: _position(i.get("position")))
        out = []
        for item in ordered:
            target = item.get("item")
            url = target.get("@id") or target.get("url") if isinstance(target, dict) else target
            name = item.get("name") or (target.get("name") if isinstance(target, dict) else None)
            if isinstance(name, str) and isinstance(url, str) and clean(name):
                out.append((clean(name), url))
        if out:
            return out
    return None


def _position(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# -- microdata (schema.org itemprop) ---------------------------------------------------------------
def _itemprop_value(node: HtmlElement) -> str:
    for attr in ("content", "datetime"):
        if node.get(attr):
            return clean(node.get(attr))
    if node.tag in ("a", "link") and node.get("href") and node.get("itemscope") is None:
        return clean(node.get("href"))
    return element_text(node)


def itemprop(b: PageBundle, name: str) -> str | None:
    """The first microdata property ``name`` outside <head> metas (those are in ``b.meta``)."""
    for node in b.memo("itemprops", lambda: b.root.xpath("//body//*[@itemprop]")):
        if name in (node.get("itemprop") or "").split():
            if node.get("itemscope") is not None:  # author: an embedded Person
                inner = node.xpath(".//*[contains(concat(' ', @itemprop, ' '), ' name ')]")
                value = _itemprop_value(inner[0]) if inner else element_text(node)
            else:
                value = _itemprop_value(node)
            if value:
                return value
    return None


def itemprop_authors(b: PageBundle) -> str | None:
    names = []
    nodes = [n for n in b.memo("itemprops", lambda: b.root.xpath("//body//*[@itemprop]"))
             if "author" in (n.get("itemprop") or "").split()]
    for node in nodes:
        inner = node.xpath(".//*[contains(concat(' ', @itemprop, ' '), ' name ')]")
        name = _itemprop_value(inner[0]) if inner else element_text(node)
        if name and not name.startswith("http"):
            names.append(name)
    return " - ".join(dict.fromkeys(names)) or None


def itemprop_breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    """[(name, url)] from a microdata BreadcrumbList."""
    for trail in (b.root.xpath("//*[@itemtype][contains(@itemtype, 'BreadcrumbList')]")
                  if b.memo("itemprops", lambda: b.root.xpath("//body//*[@itemprop]")) else ()):
        out = []
        for item in trail.xpath(".//*[contains(concat(' ', @itemprop, ' '), ' itemListElement ')]"):
            links = item.xpath(".//*[@href]")
            names = item.xpath(".//*[contains(concat(' ', @itemprop, ' '), ' name ')]")
            name = _itemprop_value(names[0]) if names else element_text(item)
            if links and name:
                out.append((name, links[0].get("href")))
        if out:
            return out
    return None


# -- one field each, as the cascades ask ----------------------------------------------------------
def meta_text(b: PageBundle, *keys: str) -> str | None:
    """The first meta among ``keys`` that has a value, cleaned."""
    return clean(b.meta_first(*keys)) or None


def whole(text: str | None) -> str | None:
    """``text`` unless the site cut it short with an ellipsis."""
    return text if text and not TRUNCATED.search(text) else None


def date_value(text: str | None) -> Any:
    """An ISO 8601 (or printed) date from metadata, in +07:00."""
    return parse_iso(text) if text else None


def meta_authors(b: PageBundle) -> str | None:
    """<meta name=author>, article:author, Dublin Core creator (URLs are profile links: skipped)."""
    for key in AUTHOR_METAS:
        for value in b.meta.get(key, []):
            if not value.startswith("http"):
                return clean(value) or None
    return None


def meta_tags(b: PageBundle) -> list[str] | None:
    words: list[str] = list(b.meta.get("article:tag", []))
    for key in TAG_METAS[1:]:
        words += (b.meta_first(key) or "").split(",")
    return _unique(words)


def _unique(words: list[str]) -> list[str] | None:
    return list(dict.fromkeys(clean(w) for w in words if clean(w))) or None


def canonical(b: PageBundle) -> str | None:
    """<link rel=canonical>, else og:url."""
    return b.link_href("canonical") or b.meta_first("og:url")
