"""URL rules over the data in ``sites.py``: article ids, canonical URLs, listings, crawl scope.

The article id is the key of a record, so it comes from the URL alone (never from the page): the
same story on baodantoc.vn, www., m. or the VietNamNet channel has one id and is one record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from ..records import VIETNAM
from .sites import CHANNEL_ARTICLE, CHANNEL_ID_PREFIX, SITE_BY_HOST, TRACKING_PARAMS, ListingShape, Site

#: A 13-digit id is a millisecond timestamp; outside these years it is not one.
_ID_YEARS = (2000, 2100)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def site_for(url: str) -> Site | None:
    """The Site a URL belongs to, or None when the host is not one of the paper's."""
    return SITE_BY_HOST.get(_host(url))


def article_id(url: str) -> str | None:
    """The record key for an article URL, or None when the URL is not an article.

    CMS ids are shared by every CMS host (baodantoc.vn, www., m., chuyên trang, and the channel's
    .htm pages); the channel's 5-digit .html ids and vietnamnet.vn's 7-digit ids are prefixed
    ("dtpt-", "vnn-") so they can never collide with a legacy CMS id.
    """
    site = site_for(url)
    if site is None:
        return None
    path = urlsplit(url).path
    for pattern in site.article_paths:
        match = pattern.match(path)
        if match:
            prefix = CHANNEL_ID_PREFIX if pattern is CHANNEL_ARTICLE else site.id_prefix
            return prefix + match.group("id")
    return None


def is_foreign_id(article_id_: str) -> bool:
    """True for ids of another outlet's system (a cross-post), which are linked, not stored."""
    return not article_id_[:1].isdigit() and not article_id_.startswith(CHANNEL_ID_PREFIX)


def id_timestamp(article_id_: str) -> datetime | None:
    """The instant a 13-digit id encodes (the draft's creation time, in +07:00), else None.

    Only a last resort for ``published_at``: the draft is often created hours or days before it
    is published.
    """
    if len(article_id_) != 13 or not article_id_.isdigit():
        return None
    moment = datetime.fromtimestamp(int(article_id_) / 1000, tz=VIETNAM)
    return moment.replace(microsecond=0) if _ID_YEARS[0] <= moment.year < _ID_YEARS[1] else None


def strip_tracking(url: str) -> str:
    """The URL without click-tracking parameters and fragment; other parameters keep their order."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def canonical_url(url: str) -> str:
    """The one URL we use for a page: https, canonical host (m./www. -> baodantoc.vn), no tracking.

    An article URL loses its whole query ("?print=1", "?comment=2" show the same article); other
    paper URLs keep the parameters that are not tracking. Non-paper URLs are only made safe
    (percent-encoded) and stripped of tracking parameters.
    """
    url = safe_url_string(strip_tracking(url.strip()))
    site = site_for(url)
    if site is None:
        return url
    parts = urlsplit(url)
    query = "" if article_id(url) is not None else parts.query
    return urlunsplit(("https", site.host, parts.path or "/", query, ""))


def in_scope(url: str) -> bool:
    """May the crawl follow this URL? Only the paper's hosts, and on a foreign outlet only its
    cross-post section and articles (the article ids tell those apart from the rest)."""
    site = site_for(url)
    if site is None:
        return False
    if not site.sections_only:
        return True
    if article_id(url) is not None:
        return True
    listing = listing_of(url)
    return listing is not None and listing.base in site.sections


@dataclass(frozen=True)
class Listing:
    """A page of a section listing: ``base`` is the section path ("chinh-sach/giam-ngheo")."""

    site: Site
    shape: ListingShape
    base: str
    page: int

    def url(self, page: int) -> str:
        """The URL of page ``page`` of the same listing (on the canonical host)."""
        fmt = self.shape.first if page == self.shape.first_page else self.shape.nth
        return f"https://{self.site.host}" + fmt.format(base=self.base, n=page)

    @property
    def section(self) -> str:
        """The section path the listing shows."""
        return self.base


def listing_of(url: str) -> Listing | None:
    """The listing a URL is a page of, or None (articles are never listings).

    Only the path's shape is checked: a link is taken for a listing only where the spider expects
    one (menus, category sitemaps, pagination), since e.g. "/rss.htm" has the same shape.
    """
    site = site_for(url)
    if site is None or article_id(url) is not None:
        return None
    path = urlsplit(url).path
    for shape in site.listings:
        match = shape.pattern.match(path)
        if match:
            page = int(match.group("page")) if match.group("page") else shape.first_page
            return Listing(site, shape, match.group("base"), page)
    return None
