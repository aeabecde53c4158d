"""VietNamNet's article markup: the paper's channel (dantocphattrien.vietnamnet.vn, since 2025) and
the cross-posts on vietnamnet.vn.

Selectors reported for the live site (issue 2). The date sits in the breadcrumb bar as
"Thứ Sáu, 26/12/2025 - 22:10"; a cross-post names the paper in a "Theo ..." line after the body.
"""

from __future__ import annotations

from typing import ClassVar

from ..sites import PAPER_NAMES
from .base import Layout


class VietnamnetLayout(Layout):
    """VietNamNet detail pages (content-detail-*)."""

    name: ClassVar[str] = "vietnamnet"
    site_names: ClassVar[tuple[str, ...]] = (*PAPER_NAMES, "VietNamNet", "Báo VietNamNet")
    TITLE = "h1.content-detail-title"
    SAPO = "h2.content-detail-sapo"
    AUTHOR = "p.article-detail-author__info span.name a"
    DATE = "div.bread-crumb-detail__time"
    BODY = "div#maincontent"
    CAPTIONS = "figure.image > figcaption"
    DROP = "div.vnn-ads-inline, div.article-relate"
    BREADCRUMB = "div.bread-crumb-detail ul li a"
    TAGS = "div.article-detail__tags a"
    RELATED = "div.article-relate h3 a, h3.horizontalPost__main-title a"
    SOURCE = "p.article-detail-source"
