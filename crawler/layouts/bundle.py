"""A page parsed once: the tree, its meta tags and its JSON-LD, shared by every field's cascade.

Parsing is the expensive step, so each page is parsed exactly once (as Fundus' ``ParserProxy``
does) and each field reads what it needs from this bundle. The tree is lxml's (libxml2's HTML
parser, the one browsers' recovery rules were modelled on): it parses a heavy page ten times faster
than building a BeautifulSoup tree over the same parser did (measured: 2-6 ms against 15-60 ms
for 60-900 KB pages), and it is the tree trafilatura reads, so the generic layer parses nothing
twice. CSS selectors are compiled once to XPath (cssselect) and run in C. Decoding lives here too, because the
``parse`` command gets bytes from a file while the spider gets text Scrapy already decoded.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement, HTMLParser, document_fromstring
from w3lib.encoding import html_to_unicode

from ..compression import InflateError, inflate_capped, is_gzip
from .text import Words

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


def _meta_tags(root: HtmlElement) -> dict[str, list[str]]:
    """<meta name|property|itemprop=... content=...> as {lowercase key: [contents]}."""
    meta: dict[str, list[str]] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip():
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


def _jsonld(root: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page (``@graph`` flattened); a broken block is logged and skipped."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip().removeprefix("<![CDATA[").removesuffix("]]>").strip()
        if not raw:
            continue
        try:
            _flatten_jsonld(json.loads(raw, strict=False), objects)
        except json.JSONDecodeError as exc:
            log.debug("skipping unreadable JSON-LD block: %s", exc)
    return objects


@lru_cache(maxsize=512)
def compiled(selector: str) -> CSSSelector:
    """A CSS selector compiled to XPath once per process (HTML rules: tag names case-insensitive)."""
    return CSSSelector(selector, translator="html")


@dataclass
class PageBundle:
    """One parsed page: ``url`` is the address it was fetched from (after redirects)."""

    url: str
    html: str
    root: HtmlElement
    fetched_at: datetime
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    #: The words of each text the layers compare, split once for the page (``text.Words``).
    words: Words = field(default_factory=Words, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per page (the headline, the language: several fields ask for them)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty content among meta ``keys`` (lowercase), in the order given."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def meta_key(self, *keys: str) -> str | None:
        """Which of ``keys`` :meth:`meta_first` would read (for ``--explain``)."""
        return next((key for key in keys if self.meta.get(key)), None)

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
        for tag in self.root.iter("link"):
            href = tag.get("href")
            if href and rel in (tag.get("rel") or "").lower().split():
                return href.strip()
        return None

    def select(self, selector: str | None) -> list[HtmlElement]:
        """Elements matching a CSS ``selector`` in document order; [] for a missing selector."""
        return compiled(selector)(self.root) if selector else []

    def select_one(self, selector: str | None) -> HtmlElement | None:
        """The first match of ``selector`` in the page, or None."""
        found = self.select(selector)
        return found[0] if found else None

    @property
    def body_element(self) -> HtmlElement:
        """<body> (lxml always makes one), where page text lives."""
        body = self.root.find("body")
        return body if body is not None else self.root


#: A leading XML declaration: lxml refuses a str that declares its own encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_EMPTY_DOCUMENT = "<html><head></head><body></body></html>"


def parse_tree(html: str) -> HtmlElement:
    """The page's element tree (comments and processing instructions dropped, never None).

    Text that is not a document at all (empty, only a declaration) gives an empty one, so every
    field simply finds nothing instead of the parse failing.
    """
    text = _XML_DECLARATION.sub("", html.replace("\x00", ""), count=1)
    try:  # libxml2 reads UTF-8 bytes a third faster than a str (which it gets as UCS-4), same tree
        data: str | bytes = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8, so the text is handed over as it is
        data = text
    parser = HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False,
                        encoding="utf-8" if isinstance(data, bytes) else None)
    try:
        root = document_fromstring(data, parser=parser) if text.strip() else None
    except (etree.ParserError, ValueError) as exc:
        log.debug("unparseable page, read as empty: %s", exc)
        root = None
    return root if root is not None else document_fromstring(_EMPTY_DOCUMENT)


def make_bundle(html: str, url: str, fetched_at: datetime) -> PageBundle:
    """Parse ``html`` once and read its meta tags and JSON-LD."""
    root = parse_tree(html)
    return PageBundle(url=url, html=html, root=root, fetched_at=fetched_at, meta=_meta_tags(root),
                      jsonld=_jsonld(root))
