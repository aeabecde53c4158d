"""One page + one layout -> the article record of DESIGN.md (schema v1).

The record carries everything the store needs: the key (``article_id``, from the URL), the text
fields, ``text`` (title, sapo and body joined by blank lines: the coordinate system of every
offset downstream), the content hash and the body fingerprint, and ``extraction`` (which layer
gave each field) with ``layout`` (which parser read the page).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urljoin, urlsplit

from ...records import Article, content_hash
from .. import urls
from ..fingerprint import fingerprint_words
from . import fields, heuristics, structured
from .base import Layout
from .body import Body
from .bundle import PageBundle
from .dates import iso
from .trace import Recorder


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


def _drop_repeated_sapo(sapo: str | None, body: Body, rec: Recorder, vietnamese: bool) -> tuple[str | None, Body]:
    """A metadata description equal to the body's first paragraph: one of the two goes.

    (Keeping both would put that paragraph twice in ``text``.) On a Vietnamese news page the lead is
    printed first and its description repeats it: the lead is the sapo. Elsewhere a description is
    usually the site's excerpt of the first paragraph, which stays in the body.
    """
    if sapo and body.pieces and rec.extraction.get("sapo") == "metadata" and body.pieces[0] == sapo:
        if vietnamese and len(body.pieces) > 1:
            return sapo, Body(pieces=body.pieces[1:], images=body.images)
        rec.extraction.pop("sapo", None)
        return None, body
    return sapo, body


def _body_words(b: PageBundle, body: Body) -> list[str]:
    """The words of ``body.text`` as the fingerprint splits them (NFC, case-folded), paragraph by
    paragraph from the page's kept split (``normalize`` returns an NFC paragraph itself)."""
    return [word for piece in body.pieces for word in b.words(unicodedata.normalize("NFC", piece))]


def build_record(layout: Layout, b: PageBundle, http_status: int = 200, rec: Recorder | None = None) -> Article:
    """Read every field of the page through ``layout``'s cascades (``fields.py``).

    ``rec``: pass a ``Recorder(explain=True)`` to keep every layer's candidate (``parse --explain``).
    """
    rec = rec or Recorder()
    extraction = rec.extraction
    article_id = urls.article_id(b.url) or urls.article_id(structured.canonical(b) or "")
    canonical, canonical_layer = _canonical(b, article_id)
    extraction["canonical_url"] = canonical_layer
    title = fields.title(layout, b, rec)
    sapo = fields.sapo(layout, b, rec)
    body, cleaned = fields.body(layout, b, rec, title, sapo)
    sapo, body = _drop_repeated_sapo(sapo, body, rec, heuristics.is_vietnamese(b))
    if body.images and "body" in extraction:
        extraction["images"] = extraction["body"]
    authors, source = fields.authors(layout, b, rec, cleaned)
    section_path, section = fields.section_path(layout, b, rec, title, article_id)
    if section:
        extraction["section"] = extraction.get("section_path", "generic")
    tags = fields.tags(layout, b, rec)
    related = _related(b, layout, article_id)
    if related:
        extraction["related_urls"] = "selector"
    modified = iso(fields.modified_at(b, rec))
    published = iso(fields.published_at(layout, b, rec, article_id))
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
        published_at=published,
        modified_at=modified,
        tags=tags,
        body=body.text,
        text=text,
        images=body.images,
        related_urls=related,
        alternate_urls=alternates,
        fetched_at=iso(b.fetched_at),
        http_status=http_status,
        content_hash=content_hash(text),
        fingerprint=fingerprint_words(_body_words(b, body)),
        extraction=extraction,
        layout=layout.name,
    )
