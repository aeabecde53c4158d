"""The layout base class: each record field filled by a short cascade of layers.

A layer is one way of reading a field: ``selector`` (the layout's own CSS selectors, named class
attributes of the subclass), ``metadata`` (JSON-LD, og:, <meta>: ``structured.py``) and ``generic``
(``heuristics.py``), plus two date-only layers, ``relative`` ("5 giờ trước" against the fetch
time) and ``id_timestamp`` (the 13-digit id's instant: last resort). The first layer that answers
wins and is written to ``extraction[field]``, so a record says how each value was obtained and a
layout change on the live site shows up as fields falling back to ``generic``.

Order: metadata first where it is authoritative (dates, authors, breadcrumb, tags, canonical URL);
the visible selector first for title, sapo and body, because every downstream offset points into
the text a reader sees, and metadata copies of it are often shortened or carry the site name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from .. import urls
from ..sites import PAPER_NAMES
from . import heuristics, structured
from .body import Body, extract_body
from .bundle import PageBundle
from .bylines import split_byline
from .dates import iso, parse_printed, parse_relative
from .text import element_text

Layer = tuple[str, Callable[[], Any]]


def first(field: str, extraction: dict[str, str], *layers: Layer) -> Any:
    """Run ``layers`` in order; the first truthy answer wins and its layer name is recorded."""
    for name, read in layers:
        value = read()
        if value:
            extraction[field] = name
            return value
    return None


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
        names = [element_text(n) for n in b.select(self.AUTHOR)] if self.AUTHOR else []
        return " - ".join(n for n in names if n) or None

    def site_source(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.SOURCE)) or None

    def site_date_text(self, b: PageBundle) -> str | None:
        return element_text(b.select_one(self.DATE)) or None

    def site_containers(self, b: PageBundle) -> list[Tag]:
        return b.select(self.BODY) if self.BODY else []

    def site_breadcrumb(self, b: PageBundle) -> list[tuple[str, str]] | None:
        if not self.BREADCRUMB:
            return None
        crumbs = [(element_text(a), str(a.get("href") or "")) for a in b.select(self.BREADCRUMB)]
        return [(n, h) for n, h in crumbs if n and urlsplit(urljoin(b.url, h)).path not in ("", "/")] or None

    def site_tags(self, b: PageBundle) -> list[str] | None:
        names = [element_text(a) for a in b.select(self.TAGS)] if self.TAGS else []
        return list(dict.fromkeys(n for n in names if n)) or None

    def site_related(self, b: PageBundle) -> list[str] | None:
        hrefs = [str(a.get("href")) for a in b.select(self.RELATED) if a.get("href")] if self.RELATED else []
        return hrefs or None

    # -- fields that need more than one element ---------------------------------------------
    def body(self, b: PageBundle, extraction: dict[str, str]) -> Body:
        """Body pieces and images: the layout's containers, else JSON-LD articleBody, else generic."""
        def selector() -> Body | None:
            containers = self.site_containers(b)
            if not containers:
                return None
            dropped = b.select(self.DROP) if self.DROP else []
            captions = b.select(self.CAPTIONS) if self.CAPTIONS else []
            return extract_body(containers, b.url, dropped, captions)

        def metadata() -> Body | None:
            art = structured._article(b)
            text = art.get("articleBody") if art else None
            return Body(pieces=[p for p in map(str.strip, text.split("\n")) if p]) if isinstance(text, str) else None

        def generic() -> Body | None:
            node = heuristics.content_container(b)
            return extract_body([node], b.url) if node is not None else None

        found = first("body", extraction, ("selector", lambda: _nonempty(selector())),
                      ("metadata", lambda: _nonempty(metadata())), ("generic", lambda: _nonempty(generic())))
        return found or Body()

    def published_at(self, b: PageBundle, article_id: str | None, extraction: dict[str, str]) -> str | None:
        """Metadata, then the byline (absolute, else relative to the fetch), then generic, then the id."""
        printed = self.site_date_text(b)
        return iso(first(
            "published_at", extraction,
            ("metadata", lambda: structured.published_at(b)),
            ("selector", lambda: parse_printed(printed)),
            ("relative", lambda: parse_relative(printed, b.fetched_at)),
            ("generic", lambda: heuristics.byline_date(b)),
            ("id_timestamp", lambda: urls.id_timestamp(article_id) if article_id else None),
        ))

    def section_path(self, b: PageBundle, extraction: dict[str, str]) -> tuple[list[str], str | None]:
        """Section names outermost first, and the innermost section's path ("chinh-sach/giam-ngheo")."""
        crumbs = first("section_path", extraction, ("metadata", lambda: structured.breadcrumb(b)),
                       ("selector", lambda: self.site_breadcrumb(b)), ("generic", lambda: heuristics.breadcrumb(b)))
        if not crumbs:
            return [], None
        href = urljoin(b.url, crumbs[-1][1])
        listing = urls.listing_of(href)
        slug = listing.section if listing else urlsplit(href).path.strip("/").rsplit(".", 1)[0] or None
        return [name for name, _ in crumbs], slug

    def authors(self, b: PageBundle, extraction: dict[str, str]) -> tuple[list[str], str | None]:
        """(authors, source) from the byline; a source printed apart ("Theo ...") completes it."""
        raw = first("author", extraction, ("metadata", lambda: structured.byline(b)),
                    ("selector", lambda: self.site_byline(b)))
        people, source = split_byline(raw)
        if not people:
            extraction.pop("author", None)
        extra = self.site_source(b)
        if extra:
            _, printed_source = split_byline(extra)
            source = source or printed_source
        if source:
            extraction["source"] = extraction.get("author", "selector")
        return people, source


def _nonempty(body: Body | None) -> Body | None:
    return body if body is not None and body.pieces else None
