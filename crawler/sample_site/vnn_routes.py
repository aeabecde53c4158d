"""Routes of the VietNamNet hosts: the paper's channel (dantocphattrien.) and the cross-posts (vietnamnet.vn).

Besides articles, listings (/<section>-page<N>), RSS and monthly sitemaps, the tag pages
(/chu-de/<tag>) and author pages (/tac-gia/<author>) that article pages link to are served as
listings, so a crawler that follows them meets pages, not a wall of 404s.
"""

from __future__ import annotations

import re

from . import feeds, vnn_pages
from .catalog import CHANNEL_HOST, MAIN_HOST, VNN_HOST, Catalog, page_slice, pages
from .content import Article, article_url
from .edges import Response
from .home import vnn_home
from .markup import dashed_slug
from .responses import ARTICLE_RE, article_response, html, redirect, url_for, xml

_LIST_RE = re.compile(r"^/([a-z0-9/-]+?)(?:-page(\d+))?$")
_SITEMAP_RE = re.compile(r"^/sitemap-article-(\d{2})-(\d{4})-(\d{2})\.xml$")
_TOPIC_RE = re.compile(r"^/(chu-de|tac-gia)/([a-z0-9-]+)$")


def section_ok(catalog: Catalog, host: str, slug: str) -> bool:
    """Whether ``slug`` is a section listed on this VietNamNet host."""
    section = catalog.sections.get(slug)
    if section is None:
        return False
    return section.host == VNN_HOST if host == VNN_HOST else section.host == MAIN_HOST


def _topic(catalog: Catalog, host: str, kind: str, slug: str) -> Response | None:
    articles: list[Article] = catalog.by_host[VNN_HOST if host == VNN_HOST else CHANNEL_HOST]
    if kind == "chu-de":
        matched = [a for a in articles if any(dashed_slug(t) == slug for t in a["tags"])]
        heading = next((t for a in matched for t in a["tags"] if dashed_slug(t) == slug), "")
    else:
        matched = [a for a in articles if a["byline"] and dashed_slug(a["byline"]) == slug]
        heading = matched[0]["byline"] if matched else ""
    if not matched:
        return None
    return html(vnn_pages.listing_page(catalog, host, heading, f"https://{host}/{kind}/{slug}",
                                       matched[:30], None, 0, 0))


def route_vnn(catalog: Catalog, host: str, path: str) -> Response | None:
    """Answer a path on a VietNamNet host; None means not found."""
    if path == "/":
        return html(vnn_home(catalog, host))
    if path == "/gioi-thieu":
        return html(vnn_pages.static_page(catalog, host, "Giới thiệu", "Báo VietNamNet - báo điện tử.", "page-static"))
    if match := _SITEMAP_RE.match(path):
        text = feeds.month_sitemap(catalog, host, int(match[2]), int(match[1]), int(match[3]), url_for)
        return xml(text) if text else None
    if path.startswith("/rss/") and path.endswith(".rss"):
        slug = path[len("/rss/"):-len(".rss")]
        if not section_ok(catalog, host, slug):
            return None
        section = catalog.sections[slug]
        return xml(feeds.rss(host, section.name, vnn_pages.section_url(section, host),
                             catalog.in_section(host, slug), url_for), "application/rss+xml")
    if host == VNN_HOST and (article := catalog.crossposts.get(path)):
        return html(vnn_pages.article_page(article, catalog, host))
    if host == CHANNEL_HOST and (match := ARTICLE_RE.match(path)):
        article = catalog.by_id.get(match[2])
        if article is None or article["host"] != CHANNEL_HOST:
            return None
        if match[1] != article["slug"]:
            return redirect(article_url(article))
        return article_response(article, vnn_pages.article_page(article, catalog, host))
    if match := _TOPIC_RE.match(path):
        return _topic(catalog, host, match[1], match[2])
    if (match := _LIST_RE.match(path)) and section_ok(catalog, host, match[1]):
        section = catalog.sections[match[1]]
        items = catalog.in_section(host, section.slug)
        page, last = int(match[2] or 0), pages(items) - 1
        return html(vnn_pages.listing_page(catalog, host, section.name, vnn_pages.section_url(section, host, page),
                                           page_slice(items, page, first=0), section, page, last))
    return None
