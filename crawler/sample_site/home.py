"""Home pages: the latest articles of a host, plus the boxes that lead a crawler everywhere else.

The CMS home links the chuyên trang, the VietNamNet channel and a "Có thể bạn quan tâm" box that
holds the misbehaving endpoints (edges.py) and links with tracking parameters, so a crawler that
starts from the home page meets every case the live site can throw at it.
"""

from __future__ import annotations

from .catalog import CHANNEL_HOST, MAIN_HOST, MOBILE_HOST, MTQG_HOST, Catalog, content_host
from .cms_chrome import TRACKING_QUERIES, article_link, is_main_family
from .cms_pages import listing_page, simple_page, timeline
from .edges import EDGE_PAGES, UNLINKED_KINDS
from .markup import esc
from .vnn_pages import listing_page as vnn_listing_page

#: Items in the home page's main timeline.
HOME_ITEMS = 15


def _edge_box(catalog: Catalog, host: str) -> str:
    rows = [f'<div class="news-item"><div class="news-content"><h3 class="news-title-list">'
            f'<a href="https://{host}{path}" title="{esc(title)}">{esc(title)}</a></h3></div></div>'
            for path, (kind, title) in EDGE_PAGES.items() if kind not in UNLINKED_KINDS]
    for i, article in enumerate(catalog.by_host[MAIN_HOST][:3]):
        url = article_link(article, host) + TRACKING_QUERIES[i % len(TRACKING_QUERIES)]
        rows.append(f'<div class="news-item"><div class="news-content"><h3 class="news-title-list">'
                    f'<a href="{esc(url)}" title="{esc(article["title"])}">{esc(article["title"])}</a></h3></div></div>')
    return ('<section class="box-other"><h2 class="box-title">Có thể bạn quan tâm</h2>'
            f'<div class="news-in-timeline box-other__list">{"".join(rows)}</div></section>')


def cms_home(catalog: Catalog, host: str) -> str:
    """Home of baodantoc.vn, www., m. or the chuyên trang."""
    items = catalog.by_host[content_host(host)][:HOME_ITEMS]
    boxes = ""
    if is_main_family(host):
        mtqg = catalog.by_host[MTQG_HOST][:5]
        channel = catalog.by_host[CHANNEL_HOST][:5]
        if mtqg:
            boxes += ('<section class="box-mtqg"><h2 class="box-title"><a href="https://'
                      f'{MTQG_HOST}/">Chuyên trang Chương trình MTQG</a></h2>'
                      f'{timeline(mtqg, host, "news-in-timeline box-mtqg__list")}</section>')
        if channel:
            boxes += ('<section class="box-channel"><h2 class="box-title"><a href="https://'
                      f'{CHANNEL_HOST}/">Dân tộc và Phát triển trên VietNamNet</a></h2>'
                      f'{timeline(channel, host, "news-in-timeline box-channel__list")}</section>')
        boxes += _edge_box(catalog, host)
    heading = "Chương trình MTQG" if host == MTQG_HOST else "Tin mới nhất"
    canonical = f"https://{MAIN_HOST}/" if host != MTQG_HOST else f"https://{MTQG_HOST}/"
    if host == MOBILE_HOST:
        canonical = f"https://{MAIN_HOST}/"
    return listing_page(catalog, host, heading, canonical, items, None, extra_boxes=boxes)


def vnn_home(catalog: Catalog, host: str) -> str:
    """Home of dantocphattrien.vietnamnet.vn or vietnamnet.vn (only what the paper put there)."""
    items = catalog.by_host[content_host(host)][:HOME_ITEMS]
    heading = "Dân tộc và Phát triển" if host == CHANNEL_HOST else "Dân tộc - Tôn giáo"
    return vnn_listing_page(catalog, host, heading, f"https://{host}/", items, None, 0, 0)


def simple_cms_page(catalog: Catalog, host: str, heading: str, paragraphs: list[str], body_class: str) -> str:
    """A non-article CMS page (404, 500, about, contact, search, RSS index)."""
    return simple_page(catalog, host, heading, paragraphs, f"https://{host}/", body_class)
