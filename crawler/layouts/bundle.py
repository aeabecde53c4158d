"""A page parsed once: the tree, its meta tags and its JSON-LD, shared by every field's cascade.

Parsing is the expensive step, so each page is parsed exactly once (as Fundus' ``ParserProxy``
does) and each field reads what it needs from this bundle. Decoding lives here too, because the
``parse`` command gets bytes from a file while the spider gets text Scrapy already decoded.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup, Tag
from w3lib.encoding import html_to_unicode

from ..compression import InflateError, inflate_capped, is_gzip
from .select import TreeIndex

log = logging.getLogger(__name__)

#: The replacement character a failed decoding leaves behind.
REPLACEMENT = "\ufffd"
#: Charsets a server declares by default or by mistake (ISO-8859-1 was HTTP/1.1's default, and
#: browsers read it as windows-1252). Bytes declared so that are valid UTF-8 and not plain ASCII
#: are UTF-8: Latin-1 text with accented letters is valid UTF-8 only by freak chance, while read as
#: windows-1252 the UTF-8 of "ờ" loses a byte for good (0x9D has no character there).
WESTERN_CHARSETS = frozenset({"cp1252", "windows-1252", "latin-1", "latin1", "iso-8859-1", "iso8859-1",
                              "ascii", "us-ascii"})


class PageError(ValueError):
    """A page that cannot be read at all (not HTML, undecodable, too big); ``kind`` names why."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def decode_page(body: bytes, content_type: str | None = None, max_bytes: int | None = None) -> str:
    """Bytes of a saved or fetched page -> text, the way browsers pick the encoding.

    The HTTP charset wins, then a BOM, then ``<meta charset>``, then UTF-8 (w3lib's rules, the same
    Scrapy applies to a response). gzip files are opened transparently so fixtures can stay small,
    and inflated no further than ``max_bytes`` (a gzip bomb is refused at once, ``compression.py``).
    Raises :class:`PageError` ("oversized", "empty", "decoding") rather than returning garbage.
    """
    if is_gzip(body):
        try:
            body = inflate_capped(body, max_bytes)
        except InflateError as exc:
            raise PageError(exc.kind, f"gzip page {exc}") from None
    if max_bytes is not None and len(body) > max_bytes:
        raise PageError("oversized", f"page is {len(body):,} bytes, over the {max_bytes:,}-byte limit")
    if not body.strip():
        raise PageError("empty", "page is empty")
    encoding, text = html_to_unicode(content_type, body)
    return body.decode("utf-8-sig") if utf8_mislabelled(body, encoding) else text


def utf8_mislabelled(body: bytes, encoding: str | None) -> bool:
    """Is ``body``, declared (or decoded) as ``encoding``, really UTF-8? (see WESTERN_CHARSETS)."""
    if (encoding or "").lower().replace("_", "-") not in WESTERN_CHARSETS or body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _meta_tags(index: TreeIndex) -> dict[str, list[str]]:
    """<meta name|property|itemprop=... content=...> as {lowercase key: [contents]}."""
    meta: dict[str, list[str]] = {}
    for tag in index.by_tag.get("meta", []):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            meta.setdefault(key.strip().lower(), []).append(content.strip())
    return meta


def _flatten_jsonld(value: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten_jsonld(item, out)
    elif isinstance(value, dict):
        out.append(value)
        if "@graph" in value:
            _flatten_jsonld(value["@graph"], out)


def _jsonld(index: TreeIndex) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page (``@graph`` flattened); a broken block is logged and skipped."""
    objects: list[dict[str, Any]] = []
    for script in index.by_tag.get("script", []):
        if str(script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.string or "").strip().removeprefix("<![CDATA[").removesuffix("]]>")
        if not raw:
            continue
        try:
            _flatten_jsonld(json.loads(raw, strict=False), objects)
        except json.JSONDecodeError as exc:
            log.debug("skipping unreadable JSON-LD block: %s", exc)
    return objects


@dataclass
class PageBundle:
    """One parsed page: ``url`` is the address it was fetched from (after redirects)."""

    url: str
    html: str
    soup: BeautifulSoup
    fetched_at: datetime
    index: TreeIndex
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty content among meta ``keys`` (lowercase), in the order given."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def jsonld_of(self, *types: str) -> list[dict[str, Any]]:
        """JSON-LD objects whose @type is one of ``types`` (a list-valued @type counts too)."""
        found = []
        for obj in self.jsonld:
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in types for k in kinds):
                found.append(obj)
        return found

    def link_href(self, rel: str) -> str | None:
        """href of the first <link rel=...> with that rel value."""
        for tag in self.index.by_tag.get("link", []):
            if not tag.get("href"):
                continue
            rels = tag.get("rel") or []
            if rel in (rels if isinstance(rels, list) else [rels]):
                return str(tag["href"]).strip()
        return None

    def select(self, selector: str | None) -> list[Tag]:
        """CSS select in the whole page (fast index, see ``select.py``); [] for a missing selector."""
        return self.index.select(selector) if selector else []

    def select_one(self, selector: str | None) -> Tag | None:
        """The first match of ``selector`` in the page, or None."""
        found = self.select(selector)
        return found[0] if found else None


def make_bundle(html: str, url: str, fetched_at: datetime) -> PageBundle:
    """Parse ``html`` once (lxml builder: fast and forgiving of broken markup)."""
    soup = BeautifulSoup(html, "lxml")
    index = TreeIndex(soup)
    return PageBundle(url=url, html=html, soup=soup, fetched_at=fetched_at, index=index,
                      meta=_meta_tags(index), jsonld=_jsonld(index))
