"""Reading the discovery documents: robots.txt, sitemaps, RSS feeds, menus and listing pages.

Pure functions from a document's text/tree to links (with a date where the document prints one),
so the spider only decides what to request and each format is tested on its own. Selectors for
menus and listing items are data here; each list ends in a generic form, so a redesign that renames
a class still yields links.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from ..records import VIETNAM
from .layouts.dates import parse_iso, parse_printed

log = logging.getLogger(__name__)

#: Section menus, most specific first (CMS desktop, CMS mobile, VietNamNet), then any <nav>.
MENU_LINKS = ("nav.main-menu a", "nav.m-menu a", "nav.mainNav a", "nav a")
#: One link per listing item (CMS, VietNamNet); the page's other article links are found too.
LISTING_ITEM_LINKS = ("div.news-in-timeline h3 a", "h3.horizontalPost__main-title a")
#: The item element around a listing link, and where in it the item's date is printed.
LISTING_ITEM = ("div.news-item", "div.horizontalPost")
LISTING_DATE = ("span.news-time", "time", "[class*=time]", "[class*=date]")
#: The "next page" link of a listing.
NEXT_PAGE = ("a[rel=next]", "a.next", "li.pagination-next a")
#: Feed URLs: /rss/<section> on the CMS, /rss/<section>.rss on VietNamNet.
FEED_PATH = re.compile(r"^/rss/.+|.+\.rss$")
#: Feeds of all news rather than one section.
GENERAL_FEEDS = ("trang-chu", "home", "tin-moi-nhat", "moi-nhat")


@dataclass(frozen=True)
class Link:
    """A discovered URL with the date its document printed for it (None when unknown)."""

    url: str
    date: datetime | None = None


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (its rules are obeyed by Scrapy's middleware)."""
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return found


def sitemap_entries(body: bytes) -> tuple[str, list[Link]]:
    """("sitemapindex"|"urlset", entries with lastmod) of a sitemap; ("", []) if unreadable."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False,
                                                             no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        log.warning("unreadable sitemap: %s", exc)
        return "", []
    if root is None:
        return "", []
    kind = etree.QName(root).localname
    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        values = {etree.QName(child).localname: (child.text or "").strip() for child in node
                  if isinstance(child.tag, str)}
        if values.get("loc"):
            entries.append(Link(values["loc"], parse_iso(values.get("lastmod"))))
    return kind, entries


def feed_items(body: bytes) -> list[Link]:
    """RSS 2.0 items (link, pubDate) or Atom entries (link href, updated/published)."""
    sel = Selector(body=body, type="xml")
    sel.remove_namespaces()
    items = []
    for item in sel.xpath("//item"):
        link = (item.xpath("link/text()").get() or item.xpath("guid/text()").get() or "").strip()
        if link:
            items.append(Link(link, _rfc822(item.xpath("pubDate/text()").get())))
    for entry in sel.xpath("//entry"):
        link = (entry.xpath("link/@href").get() or "").strip()
        if link:
            items.append(Link(link, parse_iso(entry.xpath("published/text()|updated/text()").get())))
    return items


def feed_section(url: str) -> str | None:
    """The section a feed covers, from its path ("/rss/van-hoa", "/rss/dan-toc-ton-giao.rss");
    None for the all-news feeds ("trang-chu", "home", "tin-moi-nhat")."""
    path = urlsplit(url).path
    if not path.startswith("/rss/"):
        return None
    section = path[len("/rss/"):].removesuffix(".rss").strip("/")
    return section if section and section not in GENERAL_FEEDS else None


def _rfc822(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return parse_iso(value)
    return moment.astimezone(VIETNAM) if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def _first_nonempty(sel: Selector, selectors: tuple[str, ...]) -> list[Selector]:
    for css in selectors:
        found = sel.css(css)
        if found:
            return list(found)
    return []


def menu_links(sel: Selector, base_url: str) -> list[str]:
    """Absolute URLs of the section menu (the first menu selector that matches, plus sub-menus)."""
    links = _first_nonempty(sel, MENU_LINKS)
    return list(dict.fromkeys(urljoin(base_url, h) for h in (a.attrib.get("href") for a in links) if h))


def feed_links(sel: Selector, base_url: str) -> list[str]:
    """Feed URLs linked from a page (an RSS index, or <link rel=alternate> in a head)."""
    hrefs = sel.css('link[type="application/rss+xml"]::attr(href), a::attr(href)').getall()
    urls = (urljoin(base_url, h.strip()) for h in hrefs if h.strip())
    return list(dict.fromkeys(u for u in urls if FEED_PATH.match(urlsplit(u).path)))


def listing_items(sel: Selector, base_url: str) -> list[Link]:
    """The items of a listing page, with the date printed in each item when there is one."""
    items: list[Link] = []
    for css_item in LISTING_ITEM:
        for node in sel.css(css_item):
            href = node.css("h3 a::attr(href)").get()
            if href:
                printed = next((t for css in LISTING_DATE for t in [" ".join(node.css(f"{css} ::text").getall())]
                                if t.strip()), "")
                items.append(Link(urljoin(base_url, href), parse_printed(printed)))
        if items:
            return items
    return [Link(urljoin(base_url, a.attrib["href"])) for a in _first_nonempty(sel, LISTING_ITEM_LINKS)
            if a.attrib.get("href")]


def all_links(sel: Selector, base_url: str) -> Iterator[str]:
    """Every <a href> of the page, absolute (the spider filters them by scope and shape)."""
    for href in sel.css("a::attr(href)").getall():
        href = href.strip()
        if href and not href.startswith(("javascript:", "mailto:", "tel:", "#")):
            yield urljoin(base_url, href)


def next_page(sel: Selector, base_url: str) -> str | None:
    """The listing's next-page link, or None on the last page."""
    for css in NEXT_PAGE:
        href = sel.css(f"{css}::attr(href)").get()
        if href:
            return urljoin(base_url, href.strip())
    return None
