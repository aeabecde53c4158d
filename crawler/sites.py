"""Where to crawl, as data: the paper's hosts, their URL shapes, feeds and sitemaps.

Kept apart from how a page is read (``crawler/layouts/``) so a change of hosts or URL scheme is an
edit here, and a change of markup an edit there (Fundus keeps publishers apart from parsers the
same way). Nothing here names a section: sections change over time and are discovered from each
host's menu and sitemaps. The one exception is VietNamNet, where only the section that carries the
paper's cross-posts belongs to us (crawling the rest of vietnamnet.vn would be crawling another
newspaper).

Everything below was reported for the live site (issue 2, "Known about the live site").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListingShape:
    """How a section listing and its pages are spelled on a host.

    ``pattern`` matches a listing path with groups ``base`` (the section path) and ``page``;
    ``first`` and ``nth`` format the path of the unadorned page and of page ``{n}``;
    ``first_page`` is the number the unadorned page stands for (1 on the CMS, 0 on VietNamNet).
    """

    pattern: re.Pattern[str]
    first: str
    nth: str
    first_page: int


@dataclass(frozen=True)
class Site:
    """One host family: a canonical host and the aliases serving the same articles.

    ``article_paths``: regexes over the URL path with a named group ``id``; the first that matches
    makes the URL an article. ``id_prefix``: prepended to that id to form the article_id, empty for
    the paper's own CMS ids (one namespace on every CMS host) and a prefix for foreign systems
    whose ids could collide with ours. ``listings``: the listing URL shapes of the host.
    ``layouts``: the layout names to try first on this host (the page decides among them).
    ``sections_only``: the host is crawled only inside ``sections`` (a foreign outlet carrying our
    cross-posts). ``site_names``: names the site appends to page titles.
    """

    host: str
    aliases: tuple[str, ...] = ()
    layouts: tuple[str, ...] = ("cms",)
    article_paths: tuple[re.Pattern[str], ...] = ()
    id_prefix: str = ""
    listings: tuple[ListingShape, ...] = ()
    use_sitemaps: bool = True
    feeds: tuple[str, ...] = ()
    feed_index: str | None = None
    sections_only: bool = False
    sections: tuple[str, ...] = ()
    site_names: tuple[str, ...] = field(default=())

    @property
    def hosts(self) -> tuple[str, ...]:
        """The canonical host and its aliases."""
        return (self.host, *self.aliases)


# The CMS article URL: /<ascii-slug>-<13-digit ms id>.htm, legacy /<slug>-<4-6 digit id>.htm.
CMS_ARTICLE = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*-(?P<id>\d{13}|\d{4,6})\.htm$")
# Listings: /<cat>.htm, /<cat>/<subcat>.htm, page N as -p<N>.htm (article paths are tested first).
CMS_LISTING = ListingShape(re.compile(r"^/(?P<base>[a-z0-9-]+?(?:/[a-z0-9-]+?)?)(?:-p(?P<page>\d+))?\.htm$"),
                           "/{base}.htm", "/{base}-p{n}.htm", 1)
# The newer system on the VietNamNet channel: /<slug>-<5-digit id>.html (markup unknown).
CHANNEL_ARTICLE = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*-(?P<id>\d{5})\.html$")
# vietnamnet.vn cross-posts: /<slug>-<7-digit id>.html, no section in the path.
VNN_ARTICLE = re.compile(r"^/[a-z0-9]+(?:-[a-z0-9]+)*-(?P<id>\d{7})\.html$")
# VietNamNet listings: /<section>, page N as /<section>-page<N> counting from 0.
VNN_LISTING = ListingShape(re.compile(r"^/(?P<base>[a-z0-9-]+?(?:/[a-z0-9-]+?)?)(?:-page(?P<page>\d+))?$"),
                           "/{base}", "/{base}-page{n}", 0)

PAPER_NAMES = ("Báo Dân tộc và Phát triển", "Dân tộc và Phát triển", "Chuyên trang Chương trình MTQG")

SITES: tuple[Site, ...] = (
    Site(
        host="baodantoc.vn",
        aliases=("www.baodantoc.vn", "m.baodantoc.vn"),
        article_paths=(CMS_ARTICLE,),
        listings=(CMS_LISTING,),
        feeds=("/rss/trang-chu",),
        feed_index="/rss.htm",
        site_names=PAPER_NAMES,
    ),
    Site(
        host="chuongtrinhmtqg.baodantoc.vn",
        article_paths=(CMS_ARTICLE,),
        listings=(CMS_LISTING,),
        site_names=PAPER_NAMES,
    ),
    # The chuyên trang reported on the live site; same CMS (unverified, not in the sample site).
    Site(host="dantoctongiao.baodantoc.vn", article_paths=(CMS_ARTICLE,), listings=(CMS_LISTING,),
         site_names=PAPER_NAMES),
    Site(host="cacchuongtrinhmuctieuquocgia.baodantoc.vn", article_paths=(CMS_ARTICLE,),
         listings=(CMS_LISTING,), site_names=PAPER_NAMES),
    # Since 2025 the paper is VietNamNet's channel: the CMS ids on .htm pages (one namespace with
    # baodantoc.vn), and the newer system's 5-digit .html ids under their own prefix.
    Site(
        host="dantocphattrien.vietnamnet.vn",
        layouts=("vietnamnet", "cms"),
        article_paths=(CMS_ARTICLE, CHANNEL_ARTICLE),
        listings=(CMS_LISTING, VNN_LISTING),
        site_names=PAPER_NAMES,
    ),
    # vietnamnet.vn carries cross-posts under its own ids: linked to our record, never a second one.
    Site(
        host="vietnamnet.vn",
        aliases=("www.vietnamnet.vn",),
        layouts=("vietnamnet",),
        article_paths=(VNN_ARTICLE,),
        id_prefix="vnn-",
        listings=(VNN_LISTING,),
        use_sitemaps=False,  # its sitemaps list all of VietNamNet, not the paper
        feeds=("/rss/dan-toc-ton-giao.rss",),
        sections_only=True,
        sections=("dan-toc-ton-giao",),
        site_names=("VietNamNet", "Báo VietNamNet"),
    ),
)

#: The channel's 5-digit ids come from another system: keep them out of the CMS id namespace.
CHANNEL_ID_PREFIX = "dtpt-"

#: host -> Site, aliases included.
SITE_BY_HOST: dict[str, Site] = {h: site for site in SITES for h in site.hosts}

#: Hosts whose home page, robots.txt and feeds seed a crawl (aliases are never seeded: they serve
#: the same articles).
SEED_HOSTS = tuple(site.host for site in SITES if site.host in (
    "baodantoc.vn", "chuongtrinhmtqg.baodantoc.vn", "dantocphattrien.vietnamnet.vn", "vietnamnet.vn"))

#: Query parameters that only track a click; dropped from every URL before it is requested.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|zalo_\w+|_ga|_gl|mc_cid|mc_eid|igshid|ref|src|vnn_\w+)$",
    re.IGNORECASE,
)

#: Outlets and agencies whose name in a byline is a source, not an author.
OUTLET_NAMES = (
    "TTXVN", "VNA", "Vietnam+", "VietnamPlus", "VTV", "VOV", "VOH", "Nhân Dân", "Báo Nhân Dân",
    "Quân đội nhân dân", "QĐND", "Công an nhân dân", "CAND", "Tuổi Trẻ", "Thanh Niên", "Tiền Phong",
    "Lao Động", "Dân trí", "VnExpress", "VietNamNet", "Báo Chính phủ", "Cổng TTĐT Chính phủ",
    "Ủy ban Dân tộc", "UBDT", "Bộ Dân tộc và Tôn giáo", "Báo Dân tộc và Phát triển", "Tổng hợp",
)
