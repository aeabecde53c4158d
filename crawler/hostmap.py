"""Reach the paper's hosts at a local origin (the sample site) while everything else sees real URLs.

The spider must run unchanged against the live site, so it only ever handles
``https://baodantoc.vn/...`` URLs. This download handler sits *below* every downloader middleware:
for a mapped host it fetches ``<origin><path>`` with the real ``Host`` header and hands back a
response whose ``url`` is the original https URL. Robots, retry, redirect, the HTTP cache, the
per-host download slots (politeness) and the dupefilter therefore all see the real URLs, exactly
as on the live site.

Why a download handler and not a downloader middleware: a middleware that swaps the URL has to
either re-enter the engine with a new request (the retry/redirect middlewares would then see the
local URL) or download by itself, outside the per-host slots that enforce politeness. The handler
is the one place below all of that.

Settings: ``BAODANTOC_HOST_MAP`` ({host: origin}) maps explicitly; ``BAODANTOC_SAMPLE_SITE_ENABLED``
starts the bundled sample site in a thread and maps all its hosts (what ``scrapy crawl`` and
``scrapy check`` use). With neither, requests pass straight to Scrapy's HTTP handler.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)


def parse_host_map(value: Any) -> dict[str, str]:
    """``{"host": "http://127.0.0.1:PORT"}`` from a dict or a "host=origin,host=origin" string."""
    if not value:
        return {}
    if isinstance(value, str):
        pairs = [item.split("=", 1) for item in value.split(",") if item.strip()]
        if any(len(p) != 2 for p in pairs):
            raise ValueError(f"BAODANTOC_HOST_MAP: expected host=origin pairs, got {value!r}")
        value = dict((h.strip(), o.strip()) for h, o in pairs)
    out = {}
    for host, origin in dict(value).items():
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"BAODANTOC_HOST_MAP: origin for {host} must be http(s)://host:port, got {origin!r}")
        out[host.lower()] = f"{parts.scheme}://{parts.netloc}"
    return out


class HostMapDownloadHandler:
    """HTTP(S) download handler that redirects mapped hosts to a local origin (see module doc)."""

    lazy = False

    def __init__(self, crawler: Crawler, host_map: dict[str, str], start_sample_site: bool = False) -> None:
        self._inner = HTTP11DownloadHandler(crawler)
        self._crawler = crawler
        self.host_map = dict(host_map)
        self._shares_site = start_sample_site and not self.host_map
        if self._shares_site:
            self.host_map = _acquire_sample_site(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostMapDownloadHandler:
        return cls(crawler, parse_host_map(crawler.settings.get("BAODANTOC_HOST_MAP")),
                   crawler.settings.getbool("BAODANTOC_SAMPLE_SITE_ENABLED"))

    async def download_request(self, request: Request) -> Response:
        parts = urlparse_cached(request)
        origin = self.host_map.get((parts.hostname or "").lower())
        if origin is None:
            return await self._inner.download_request(request)
        local_url = origin + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        headers[b"Host"] = (parts.hostname or "").encode("ascii")
        response = await self._inner.download_request(request.replace(url=local_url, headers=headers))
        return response.replace(url=request.url)

    async def close(self) -> None:
        await self._inner.close()
        if self._shares_site:
            _release_sample_site(self._crawler)
            self._shares_site = False


# One sample site per crawler, shared by the http and https handler instances (refcounted).
_SITE_ATTR = "_baodantoc_sample_site"


def _acquire_sample_site(crawler: Crawler) -> dict[str, str]:
    shared = getattr(crawler, _SITE_ATTR, None)
    if shared is None:
        from .sample_site import serve_sample_site

        stack = ExitStack()
        site = stack.enter_context(serve_sample_site(
            port=0, synthetic=crawler.settings.getint("BAODANTOC_SAMPLE_SITE_SYNTHETIC")))
        shared = {"stack": stack, "users": 0, "map": {host: site.origin for host in site.hosts}}
        setattr(crawler, _SITE_ATTR, shared)
        log.info("sample site started at %s for %d hosts", site.origin, len(site.hosts))
    shared["users"] += 1
    return dict(shared["map"])


def _release_sample_site(crawler: Crawler) -> None:
    shared = getattr(crawler, _SITE_ATTR, None)
    if shared is None:
        return
    shared["users"] -= 1
    if shared["users"] <= 0:
        shared["stack"].close()
        delattr(crawler, _SITE_ATTR)
