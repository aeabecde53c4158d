"""The site's indexes over the content: which articles each host lists, per section, per tag, per month.

Built once when the server starts, so every page is a lookup plus string formatting; the renderers
read from here and never scan the article list themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .content import Article, Section, published_at, sort_newest_first
from .markup import tag_path

#: The paper's own CMS hosts (desktop, www alias, mobile) and the chuyên trang subdomain.
MAIN_HOST = "baodantoc.vn"
WWW_HOST = "www.baodantoc.vn"
MOBILE_HOST = "m.baodantoc.vn"
MTQG_HOST = "chuongtrinhmtqg.baodantoc.vn"
CHANNEL_HOST = "dantocphattrien.vietnamnet.vn"
VNN_HOST = "vietnamnet.vn"
HOSTS = (MAIN_HOST, WWW_HOST, MOBILE_HOST, MTQG_HOST, CHANNEL_HOST, VNN_HOST)
CMS_HOSTS = (MAIN_HOST, WWW_HOST, MOBILE_HOST, MTQG_HOST)
VNN_HOSTS = (CHANNEL_HOST, VNN_HOST)
#: The section VietNamNet files the cross-posts under.
VNN_SECTION = "dan-toc-ton-giao"
#: Listing page size (the paper shows about ten items per page).
PAGE_SIZE = 10


def content_host(request_host: str) -> str:
    """The host whose articles a request host serves (www. and m. serve baodantoc.vn's)."""
    return MAIN_HOST if request_host in (WWW_HOST, MOBILE_HOST) else request_host


@dataclass
class Catalog:
    """Indexes over a validated, newest-first article list."""

    sections: dict[str, Section]
    articles: list[Article]
    by_id: dict[str, Article] = field(init=False)
    by_host: dict[str, list[Article]] = field(init=False)
    crossposts: dict[str, Article] = field(init=False)
    tags: dict[str, tuple[str, list[Article]]] = field(init=False)

    def __post_init__(self) -> None:
        # Listings and sitemaps ask for the same slices again and again; the content never changes.
        self._memo_sections: dict[tuple[str, str], list[Article]] = {}
        self._memo_months: dict[str, dict[tuple[int, int], list[Article]]] = {}
        self.articles = sort_newest_first(self.articles)
        self.by_id = {a["id"]: a for a in self.articles}
        self.by_host = defaultdict(list)
        self.tags = {}
        self.crossposts = {}
        for article in self.articles:
            self.by_host[article["host"]].append(article)
            cross = article.get("crosspost")
            if cross:
                self.crossposts[f"/{cross['slug']}-{cross['id']}.html"] = article
                self.by_host[VNN_HOST].append(article)
            for tag in article["tags"]:
                path = tag_path(tag)
                if path != "/.html":
                    self.tags.setdefault(path, (tag, []))[1].append(article)

    def section_chain(self, slug: str) -> list[Section]:
        """The section and its ancestors, outermost first (for breadcrumbs)."""
        chain: list[Section] = []
        current: str | None = slug
        while current:
            section = self.sections[current]
            chain.insert(0, section)
            current = section.parent
        return chain

    def children(self, slug: str | None) -> list[Section]:
        """Sections whose parent is ``slug`` (None: top-level), in menu order."""
        return [s for s in self.sections.values() if s.parent == slug]

    def menu_sections(self, host: str) -> list[Section]:
        """Top-level sections a host's menu shows (the CMS menu also links the chuyên trang)."""
        if host == VNN_HOST:
            return [self.sections[VNN_SECTION]]
        return [s for s in self.children(None) if s.host != VNN_HOST]

    def in_section(self, host: str, slug: str) -> list[Article]:
        """Articles of a host filed in a section or one of its sub-sections, newest first (memoized)."""
        key = (content_host(host), slug)
        if key not in self._memo_sections:
            if host == VNN_HOST:
                found = self.by_host[VNN_HOST] if slug == VNN_SECTION else []
            else:
                found = [a for a in self.by_host[key[0]]
                         if a["section"] == slug or a["section"].startswith(slug + "/")]
            self._memo_sections[key] = found
        return self._memo_sections[key]

    def months(self, host: str) -> dict[tuple[int, int], list[Article]]:
        """A host's articles grouped by (year, month) of publication, newest month first (memoized)."""
        key = content_host(host)
        if key not in self._memo_months:
            grouped: dict[tuple[int, int], list[Article]] = defaultdict(list)
            for article in self.by_host[key]:
                moment = published_at(article)
                grouped[(moment.year, moment.month)].append(article)
            self._memo_months[key] = dict(sorted(grouped.items(), reverse=True))
        return self._memo_months[key]

    def related(self, article: Article) -> list[Article]:
        """The "Tin cùng chuyên mục" list: the article's own ``related`` ids, else section neighbours."""
        chosen = [self.by_id[r] for r in article["related"] if r in self.by_id]
        if not chosen:
            same = [a for a in self.by_host[article["host"]]
                    if a["section"] == article["section"] and a["id"] != article["id"]]
            chosen = same[:5]
        return chosen


def pages(items: list[Article], page_size: int = PAGE_SIZE) -> int:
    """Number of listing pages for ``items`` (at least one, possibly empty)."""
    return max(1, -(-len(items) // page_size))


def page_slice(items: list[Article], page: int, first: int = 1, page_size: int = PAGE_SIZE) -> list[Article]:
    """Items of listing page ``page``, where the first page is numbered ``first`` (CMS 1, VietNamNet 0)."""
    start = (page - first) * page_size
    return items[start:start + page_size] if start >= 0 else []
