"""One page + one layout -> the article record of DESIGN.md (schema v1).

The record carries everything the store needs: the key (``article_id``, from the URL), the text
fields, ``text`` (title, sapo and body joined by blank lines: the coordinate system of every
offset downstream), the content hash and the body fingerprint, and ``extraction`` (which layer
gave each field) with ``layout`` (which parser read the page).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from ...records import Article, content_hash
from .. import urls
from ..fingerprint import fingerprint
from . import heuristics, structured
from .base import Layout, first
from .bundle import PageBundle
from .dates import iso


def _canonical(b: PageBundle, article_id: str | None) -> tuple[str, str]:
    """The page's declared canonical URL when it names the same article, else ours."""
    declared = structured.canonical(b)
    if declared:
        declared = urls.canonical_url(urljoin(b.url, declared))
        if urls.site_for(declared) and urls.article_id(declared) == article_id:
            return declared, "metadata"
    return urls.canonical_url(b.url), "url"


def _related(b: PageBundle, layout: Layout, own_id: str | None) -> list[str]:
    out: list[str] = []
    for href in layout.site_related(b) or []:
        url = urls.canonical_url(urljoin(b.url, href))
        rid = urls.article_id(url)
        if rid and rid != own_id and url not in out:
            out.append(url)
    return out


def build_record(layout: Layout, b: PageBundle, http_status: int = 200) -> Article:
    """Read every field of the page through ``layout``'s cascades."""
    extraction: dict[str, str] = {}
    article_id = urls.article_id(b.url) or urls.article_id(structured.canonical(b) or "")
    canonical, canonical_layer = _canonical(b, article_id)
    extraction["canonical_url"] = canonical_layer
    title = first("title", extraction, ("selector", lambda: layout.site_title(b)),
                  ("metadata", lambda: structured.title(b)),
                  ("generic", lambda: heuristics.title(b, layout.site_names)))
    sapo = first("sapo", extraction, ("selector", lambda: layout.site_sapo(b)),
                 ("metadata", lambda: structured.sapo(b)), ("generic", lambda: heuristics.sapo(b)))
    body = layout.body(b, extraction)
    if body.images:
        extraction["images"] = extraction["body"]
    authors, source = layout.authors(b, extraction)
    section_path, section = layout.section_path(b, extraction)
    if section:
        extraction["section"] = extraction["section_path"]
    tags = first("tags", extraction, ("metadata", lambda: structured.tags(b)),
                 ("selector", lambda: layout.site_tags(b)), ("generic", lambda: heuristics.tags(b)))
    related = _related(b, layout, article_id)
    if related:
        extraction["related_urls"] = "selector"
    modified = iso(first("modified_at", extraction, ("metadata", lambda: structured.modified_at(b))))
    text = "\n\n".join(part for part in (title, sapo, body.text) if part)
    alternates = [b.url] if b.url != canonical else []  # e.g. the m. page it was fetched from
    return Article(
        article_id=article_id,
        url=b.url,
        canonical_url=canonical,
        host=urlsplit(canonical).hostname,
        section=section,
        section_path=section_path,
        title=title,
        sapo=sapo,
        author=authors,
        source=source,
        published_at=layout.published_at(b, article_id, extraction),
        modified_at=modified,
        tags=tags or [],
        body=body.text,
        text=text,
        images=body.images,
        related_urls=related,
        alternate_urls=alternates,
        fetched_at=iso(b.fetched_at),
        http_status=http_status,
        content_hash=content_hash(text),
        fingerprint=fingerprint(body.text),
        extraction=extraction,
        layout=layout.name,
    )
