"""The layout base class: a site generation's selectors, one small reading method per field.

A subclass sets the selectors as named class attributes (None: "not offered") and overrides a
``site_<field>`` method only where a selector is not enough. How the selector layer combines with
the metadata and generic layers is the same for every layout and lives in ``fields.py``; the
selectors are what changes when the site's markup does.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from ..sites import PAPER_NAMES
from .body import Body, extract_body
from .bundle import PageBundle
from .text import element_text


class Layout:
    """A site generation's reading rules. Subclasses set the selectors; None means "not offered"."""

    name: ClassVar[str] = "base"
    site_names: ClassVar[tuple[str, ...]] = PAPER_NAMES
    TITLE: ClassVar[str | None] = None
    SAPO: ClassVar[str | None] = None
    AUTHOR: ClassVar[str | None] = None
    DATE: ClassVar[str | None] = None
    BODY: ClassVar[str | None] = None
    CAPTIONS: ClassVar[str | None] = None
    DROP: ClassVar[str | None] = None
    BREADCRUMB: ClassVar[str | None] = None
    TAGS: ClassVar[str | None] = None
    RELATED: ClassVar[str | None] = None
    SOURCE: ClassVar[str | None] = None

    def matches(self, b: PageBundle) -> bool:
        """Is this page in this layout? Its headline selector must be present."""
        return self.TITLE is not None and b.select_one(self.TITLE) is not None

    def offered_fields(self) -> set[str]:
        """Record fields this layout's selectors can fill: each needs an expected value in a fixture."""
        by_selector = {"title": self.TITLE, "sapo": self.SAPO, "author": self.AUTHOR, "published_at": self.DATE,
                       "body": self.BODY, "images": self.BODY, "section_path": self.BREADCRUMB,
                       "section": self.BREADCRUMB, "tags": self.TAGS, "related_urls": self.RELATED,
                       "source": self.SOURCE}
        return {name for name, selector in by_selector.items() if selector}

    # -- the selector layer: one small method per field -------------------------------------
    def site_title(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.TITLE)) or None

    def site_sapo(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.SAPO)) or None

    def site_byline(self, b: PageBundle) -> str | None:
        names = [element_text(n) for n in b.select(self.AUTHOR)]
        return " - ".join(n for n in names if n) or None

    def site_source(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.SOURCE)) or None

    def site_date_text(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.DATE)) or None

    def site_containers(self, b: PageBundle) -> list[HtmlElement]:
        return b.select(self.BODY)

    def site_body(self, b: PageBundle) -> Body | None:
        """The layout's body containers, walked without its clutter and with its captions."""
        containers = self.site_containers(b)
        if not containers:
            return None
        return extract_body(containers, b.url, b.select(self.DROP), b.select(self.CAPTIONS))

    def site_breadcrumb(self, b: PageBundle) -> list[tuple[str, str]] | None:
        crumbs = [(element_text(a), a.get("href") or "") for a in b.select(self.BREADCRUMB)]
        return [(n, h) for n, h in crumbs if n and urlsplit(urljoin(b.url, h)).path not in ("", "/")] or None

    def site_tags(self, b: PageBundle) -> list[str] | None:
        names = [element_text(a) for a in b.select(self.TAGS)]
        return list(dict.fromkeys(n for n in names if n)) or None

    def site_related(self, b: PageBundle) -> list[str] | None:
        hrefs = [a.get("href") for a in b.select(self.RELATED) if a.get("href")]
        return hrefs or None
