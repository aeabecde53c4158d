"""The paper's own CMS (baodantoc.vn, www., m., the chuyên trang subdomains; 2019 to 2025).

Selectors were reported by third-party scrapers of the live site and are served by the sample
site; the mobile host uses the same classes inside a different page frame. An e-magazine splits
its body into one ``div.news-body-content`` per chapter, which the body walk reads in order.
Captions are printed twice (a table cell, then an italic paragraph); the body walk keeps one.
"""

from __future__ import annotations

from typing import ClassVar

from .base import Layout


class CmsLayout(Layout):
    """Báo Dân tộc và Phát triển's CMS: desktop, mobile and e-magazine pages."""

    name: ClassVar[str] = "cms"
    TITLE = "h1.news-title"
    SAPO = "h2.news-sapo"
    AUTHOR = "div.news-info span.author-name, span.author-name"
    DATE = "div.news-info span.distribution-date, span.distribution-date"
    BODY = "div.news-body-content"
    CAPTIONS = "td.image_caption, .image-caption"
    DROP = "div.box-related-inline, div.ads-inarticle, div.video-player, div.box-related, section.box-related"
    BREADCRUMB = "div.breadcrumb ul li a"
    TAGS = "div.news-tags a"
    RELATED = "section.box-related h3 a, div.box-related-inline a"
