"""Machine-readable discovery: robots.txt, sitemaps (index + monthly) and RSS 2.0 feeds.

CMS hosts: /sitemap.xml (index) -> /sitemaps/sitemap-YYYY-MM.xml and /sitemaps/categories.xml;
RSS at /rss/<section> (and /rss/trang-chu for the latest). VietNamNet hosts: /sitemap.xml (index)
-> /sitemap-article-MM-YYYY-NN.xml (month before year, loc + lastmod only); RSS at
/rss/<section>.rss.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from .catalog import VNN_HOSTS, Catalog, content_host
from .content import Article, published_at
from .markup import SITE_NAME, rfc822

#: Articles per VietNamNet monthly sitemap file (the NN suffix counts files within a month).
VNN_SITEMAP_CHUNK = 200
#: Items per RSS feed.
RSS_ITEMS = 20


def robots_txt(host: str) -> str:
    """robots.txt: search and admin pages are disallowed; the sitemap index is announced."""
    return (f"# robots.txt for {host}\nUser-agent: *\nDisallow: /search\nDisallow: /admin/\n"
            f"Disallow: /*?print=1\nAllow: /\n\nSitemap: https://{host}/sitemap.xml\n")


def _lastmod(article: Article) -> str:
    return article.get("modified") or article["published"]


def _urlset(entries: list[tuple[str, str]]) -> str:
    rows = "".join(f"<url><loc>{xml_escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>\n"
                   for loc, lastmod in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n')


def _index(entries: list[tuple[str, str]]) -> str:
    rows = "".join(f"<sitemap><loc>{xml_escape(loc)}</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
                   for loc, lastmod in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</sitemapindex>\n')


def sitemap_index(catalog: Catalog, host: str, url_for) -> str:
    """The sitemap index of a host: one entry per monthly file (+ categories on CMS hosts)."""
    entries = []
    for (year, month), items in catalog.months(host).items():
        newest = max(_lastmod(a) for a in items)
        if host in VNN_HOSTS:
            for n in range(1, -(-len(items) // VNN_SITEMAP_CHUNK) + 1):
                entries.append((f"https://{host}/sitemap-article-{month:02d}-{year}-{n:02d}.xml", newest))
        else:
            entries.append((f"https://{host}/sitemaps/sitemap-{year}-{month:02d}.xml", newest))
    if host not in VNN_HOSTS:
        entries.append((f"https://{host}/sitemaps/categories.xml", catalog.articles[0]["published"]
                        if catalog.articles else "2019-08-23T09:25:27+07:00"))
    return _index(entries)


def month_sitemap(catalog: Catalog, host: str, year: int, month: int, chunk: int, url_for) -> str | None:
    """One monthly urlset (``chunk`` counts from 1), or None when there is no such file."""
    items = catalog.months(host).get((year, month))
    if not items:
        return None
    if host in VNN_HOSTS:
        items = items[(chunk - 1) * VNN_SITEMAP_CHUNK:chunk * VNN_SITEMAP_CHUNK]
        if not items:
            return None
    elif chunk != 1:
        return None
    return _urlset([(url_for(a, host), _lastmod(a)) for a in items])


def categories_sitemap(urls: list[str], lastmod: str) -> str:
    """The section listings of a CMS host."""
    return _urlset([(u, lastmod) for u in urls])


def rss(host: str, title: str, link: str, items: list[Article], url_for) -> str:
    """An RSS 2.0 channel with link/title/pubDate/description/guid per item."""
    rows = []
    for article in items[:RSS_ITEMS]:
        url = url_for(article, host)
        rows.append(f"<item><title>{xml_escape(article['title'])}</title><link>{xml_escape(url)}</link>"
                    f"<description>{xml_escape(article['sapo'])}</description>"
                    f"<pubDate>{rfc822(published_at(article))}</pubDate>"
                    f'<guid isPermaLink="true">{xml_escape(url)}</guid></item>\n')
    name = SITE_NAME if content_host(host) == "baodantoc.vn" else host
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
            f"<title>{xml_escape(title)} - {xml_escape(name)}</title>\n<link>{xml_escape(link)}</link>\n"
            f"<description>{xml_escape(title)}</description>\n<language>vi</language>\n"
            f"{''.join(rows)}</channel>\n</rss>\n")
