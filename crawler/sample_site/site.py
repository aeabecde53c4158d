"""Routing: (Host header, path) -> Response, for every host the sample site plays.

Well-behaved pages are rendered once and cached as bytes, so the server answers from memory
(a crawl must reach 50+ articles/s); the misbehaving ones (edges.py) are built per request.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

from . import cms_pages, drifted, feeds, vnn_pages
from .catalog import (
    HOSTS,
    MAIN_HOST,
    MOBILE_HOST,
    MTQG_HOST,
    VNN_HOST,
    VNN_HOSTS,
    WWW_HOST,
    Catalog,
    content_host,
    page_slice,
    pages,
)
from .cms_chrome import is_main_family, section_link
from .content import Article, article_url, load_articles, load_sections
from .edges import (
    EDGE_PAGES,
    OFFSITE_TARGET,
    OVERSIZED_BYTES,
    SLOW_DELAY,
    Response,
    double_encoded,
    gzip_bomb,
    oversized_page,
    truncated,
)
from .home import cms_home, simple_cms_page
from .responses import ARTICLE_RE, article_response, redirect, url_for, xml
from .responses import html as _html
from .vnn_routes import route_vnn

#: Upper bound on cached pages (a 10,000-article synthetic site needs about 30,000).
MAX_CACHED = 100_000
_CMS_LIST_RE = re.compile(r"^/([a-z0-9/-]+?)(?:-p(\d+))?\.htm$")
_TAG_RE = re.compile(r"^/([a-z0-9]+(?:\+[a-z0-9]+)*)\.html$")
_CMS_SITEMAP_RE = re.compile(r"^/sitemaps/sitemap-(\d{4})-(\d{2})\.xml$")



class SampleSite:
    """The whole sample site over one article set.

    ``articles`` defaults to the shipped JSON files; ``synthetic``/``seed`` add generated ones.
    ``slow_delay`` and ``oversized_bytes`` bound the misbehaving endpoints. ``drifted`` serves the
    articles of some sections in a redesign no layout knows (``drifted.py``).
    """

    def __init__(self, articles: list[Article] | None = None, *, synthetic: int = 0, seed: int = 0,
                 slow_delay: float = SLOW_DELAY, oversized_bytes: int = OVERSIZED_BYTES,
                 drifted: bool = False) -> None:
        sections = load_sections()
        articles = list(load_articles(sections=sections) if articles is None else articles)
        if synthetic:
            from .generator import generate_articles

            taken = {a["id"] for a in articles}
            crossposts = {a["crosspost"]["id"] for a in articles if a.get("crosspost")}
            articles += generate_articles(synthetic, seed, taken_ids=taken, taken_crossposts=crossposts)
        self.catalog = Catalog(sections, articles)
        self.slow_delay = slow_delay
        self.oversized_bytes = oversized_bytes
        self.drifted = drifted
        self._cache: dict[tuple[str, str], Response] = {}
        self._hits: Counter[tuple[str, str]] = Counter()
        self._not_found_pages: dict[str, Response] = {}
        self._lock = threading.Lock()

    @property
    def hosts(self) -> tuple[str, ...]:
        return HOSTS

    def respond(self, host: str, path: str) -> Response:
        """Answer a GET for ``path`` (query string already removed) on ``host`` (unknown: baodantoc.vn)."""
        host = host.lower().split(":", 1)[0]
        if host not in HOSTS:
            host = MAIN_HOST
        key = (host, path)
        article = self._article_for(host, path)
        if article is not None and "retry_500" in article.get("quirks", []):
            with self._lock:
                self._hits[key] += 1
                first = self._hits[key] == 1
            if first:
                return _html(simple_cms_page(self.catalog, host, "Lỗi máy chủ",
                                             ["Máy chủ đang bận, vui lòng thử lại sau."], "page-500"), 500)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._route(host, path)
            # Only real pages are kept: a crawler probing endless unknown URLs must not grow memory.
            if cached.action is None and cached.status in (200, 301) and len(self._cache) < MAX_CACHED:
                self._cache[key] = cached
        if article is not None and "slow" in article.get("quirks", []) and cached.status == 200:
            return Response(cached.status, cached.body, cached.content_type, cached.headers, None, self.slow_delay)
        return cached

    def _article_for(self, host: str, path: str) -> Article | None:
        if host == VNN_HOST:
            return self.catalog.crossposts.get(path)
        match = ARTICLE_RE.match(path)
        return self.catalog.by_id.get(match.group(2)) if match else None

    def _route(self, host: str, path: str) -> Response:
        if path == "/robots.txt":
            return Response(200, feeds.robots_txt(host).encode(), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            return xml(feeds.sitemap_index(self.catalog, host, url_for))
        if host in VNN_HOSTS:
            return route_vnn(self.catalog, host, path) or self._not_found(host)
        return self._route_cms(host, path)

    # -- the paper's CMS ------------------------------------------------------------------------

    def _route_cms(self, host: str, path: str) -> Response:
        catalog = self.catalog
        if path == "/":
            return _html(cms_home(catalog, host))
        if is_main_family(host) and path in EDGE_PAGES:
            return self._edge(host, path)
        if path == "/search" or path.startswith("/search/"):
            return _html(simple_cms_page(catalog, host, "Tìm kiếm", ["Nhập từ khóa để tìm kiếm."], "page-search"))
        if path.startswith("/rss"):
            return self._cms_rss(host, path)
        if match := _CMS_SITEMAP_RE.match(path):
            text = feeds.month_sitemap(catalog, host, int(match[1]), int(match[2]), 1, url_for)
            return xml(text) if text else self._not_found(host)
        if path == "/sitemaps/categories.xml":
            urls = [section_link(s, host) for s in catalog.sections.values() if self._cms_section_ok(host, s.slug)]
            return xml(feeds.categories_sitemap(urls, catalog.articles[0]["published"] if catalog.articles else ""))
        if match := ARTICLE_RE.match(path):
            return self._cms_article(host, path, match[1], match[2])
        if (match := _CMS_LIST_RE.match(path)) and self._cms_section_ok(host, match[1]):
            return self._cms_listing(host, match[1], int(match[2] or 1))
        if _TAG_RE.match(path) and path in catalog.tags:
            tag, items = catalog.tags[path]
            canonical = f"https://{MTQG_HOST if host == MTQG_HOST else MAIN_HOST}{path}"
            return _html(cms_pages.listing_page(catalog, host, tag, canonical, items[:30], None))
        return self._not_found(host)

    def _cms_section_ok(self, host: str, slug: str) -> bool:
        section = self.catalog.sections.get(slug)
        if section is None:
            return False
        return section.host == MTQG_HOST if host == MTQG_HOST else section.host == MAIN_HOST

    def _cms_article(self, host: str, path: str, slug: str, article_id: str) -> Response:
        article = self.catalog.by_id.get(article_id)
        if article is None:
            return self._not_found(host)
        if article["host"] != content_host(host):
            return redirect(article_url(article))
        if slug != article["slug"]:
            return redirect(article_url(article, host))
        if host == MOBILE_HOST and "m_redirect" in article.get("quirks", []):
            return redirect(article_url(article, WWW_HOST))
        if self.drifted and drifted.is_drifted(article):
            return article_response(article, drifted.article_page(article, self.catalog, host))
        return article_response(article, cms_pages.article_page(article, self.catalog, host))

    def _cms_listing(self, host: str, slug: str, page: int) -> Response:
        catalog = self.catalog
        section = catalog.sections[slug]
        items = catalog.in_section(host, slug)
        last = pages(items)
        base = section_link(section, host)[: -len(".htm")]
        paging = cms_pages.pagination(base, page, last)
        canonical = section_link(section, MAIN_HOST if host != MTQG_HOST else host, page)
        return _html(cms_pages.listing_page(catalog, host, section.name, canonical,
                                            page_slice(items, page), section, paging=paging))

    def _cms_rss(self, host: str, path: str) -> Response:
        catalog = self.catalog
        if path in ("/rss.htm", "/rss"):
            feeds_list = ([f'<a href="https://{host}/rss/trang-chu">Trang chủ</a>']
                          + [f'<a href="https://{host}/rss/{s.slug}">{s.name}</a>'
                             for s in catalog.sections.values() if self._cms_section_ok(host, s.slug)])
            return _html(simple_cms_page(catalog, host, "RSS", feeds_list, "page-rss"))
        slug = path[len("/rss/"):]
        if slug == "trang-chu":
            return xml(feeds.rss(host, "Trang chủ", f"https://{host}/", catalog.by_host[content_host(host)],
                                  url_for), "application/rss+xml")
        if self._cms_section_ok(host, slug):
            section = catalog.sections[slug]
            return xml(feeds.rss(host, section.name, section_link(section, host), catalog.in_section(host, slug),
                                  url_for), "application/rss+xml")
        return self._not_found(host)

    def _edge(self, host: str, path: str) -> Response:
        kind, title = EDGE_PAGES[path]
        catalog = self.catalog
        if kind == "not_found":
            return self._not_found(host)
        if kind == "drop":
            return Response(200, b"", action="drop")
        if kind == "truncate":
            return truncated(_html(cms_home(catalog, host)).body)
        if kind == "oversized":
            return Response(200, oversized_page(self.oversized_bytes))
        if kind == "empty":
            return Response(200, b"")
        if kind == "gzip_bomb":
            return Response(200, gzip_bomb(), headers=(("Content-Encoding", "gzip"),))
        if kind in ("redirect_loop", "redirect_loop_back"):
            other = next(p for p, (k, _) in EDGE_PAGES.items()
                         if k == ("redirect_loop_back" if kind == "redirect_loop" else "redirect_loop"))
            return redirect(f"https://{host}{other}", 302)
        if kind == "offsite_redirect":
            return redirect(OFFSITE_TARGET, 302)
        if kind == "server_error":
            return _html(simple_cms_page(catalog, host, "Lỗi máy chủ", ["Dịch vụ tạm thời gián đoạn."],
                                         "page-500"), 503)
        if kind == "mojibake":
            return Response(200, double_encoded(self._mojibake_page(host, path, title), strip_controls=True))
        text = {"about": ["Báo Dân tộc và Phát triển là cơ quan ngôn luận của Ủy ban Dân tộc.",
                          "Báo phát hành các ấn phẩm in và điện tử phục vụ đồng bào các dân tộc."],
                "contact": ["Điện thoại đường dây nóng: 024.0000.0000.", "Email: toasoan@baodantoc.vn"]}[kind]
        return _html(simple_cms_page(catalog, host, title, text, "page-static"))

    def _mojibake_page(self, host: str, path: str, title: str) -> str:
        """An ordinary article page under the edge's URL and title (its text is then garbled)."""
        model = next(a for a in self.catalog.articles if a["host"] == MAIN_HOST and not a.get("quirks"))
        slug, article_id = ARTICLE_RE.match(path).groups()  # type: ignore[union-attr]
        article = {**model, "id": article_id, "slug": slug, "title": title, "related": []}
        return cms_pages.article_page(article, self.catalog, host)

    def _not_found(self, host: str) -> Response:
        cached = self._not_found_pages.get(host)
        if cached is None:
            if host in VNN_HOSTS:
                cached = _html(vnn_pages.not_found_page(self.catalog, host), 404)
            else:
                cached = _html(simple_cms_page(self.catalog, host, "Không tìm thấy trang",
                                               ["Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ.",
                                                f'<a href="https://{host}/">Quay về trang chủ</a>'], "page-404"), 404)
            self._not_found_pages[host] = cached
        return cached
