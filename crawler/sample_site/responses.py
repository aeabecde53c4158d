"""Building responses shared by the CMS and VietNamNet routes: HTML, XML, redirects, article quirks."""

from __future__ import annotations

import re
import unicodedata

from .catalog import VNN_HOSTS
from .cms_chrome import article_link
from .content import Article
from .edges import Response, cp1258_page, double_encoded, malform
from .vnn_pages import vnn_article_url

#: An article path on the paper's CMS and on the VietNamNet channel: /<slug>-<id>.htm.
ARTICLE_RE = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)-(\d+)\.htm$")


def html(text: str, status: int = 200) -> Response:
    """A UTF-8 HTML response."""
    return Response(status, text.encode("utf-8"))


def xml(text: str, kind: str = "application/xml") -> Response:
    """A UTF-8 XML response (sitemaps; RSS with kind application/rss+xml)."""
    return Response(200, text.encode("utf-8"), f"{kind}; charset=utf-8")


def redirect(location: str, status: int = 301) -> Response:
    """A redirect (permanent by default) to an absolute https:// URL, as the live site sends them."""
    return Response(status, b"", "text/html; charset=utf-8", (("Location", location),))


def url_for(article: Article, host: str) -> str:
    """The URL a host's feeds and sitemaps give for an article."""
    if host in VNN_HOSTS:
        return vnn_article_url(article, host)
    return article_link(article, host)


def article_response(article: Article, page: str) -> Response:
    """An article page with its byte-level quirks applied (malformed markup, NFD, windows-1258,
    UTF-8 declared as ISO-8859-1, double-encoded UTF-8)."""
    quirks = article.get("quirks", [])
    if "malformed_html" in quirks:
        page = malform(page)
    if "nfd" in quirks:
        page = unicodedata.normalize("NFD", page)
    if "legacy_cp1258" in quirks:
        return cp1258_page(page)
    if "wrong_charset" in quirks:  # the bytes are UTF-8, the header says otherwise (and wins)
        return Response(200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
    if "double_utf8" in quirks:
        return Response(200, double_encoded(page))
    return html(page)
