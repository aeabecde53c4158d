"""Redirects that lead nowhere: loops and jumps off the paper's hosts, refused and counted.

Scrapy's RedirectMiddleware follows a redirect by scheduling a new request; when the target was
already requested (A -> B -> A), the duplicate filter drops it without a word, and a redirect to
another site is dropped by the offsite filter, also without reaching the spider. Either way the
article vanished from the crawl report. This middleware sits before RedirectMiddleware (it sees
the response first) and fails such a request with a named error instead, which the spider's
errback counts (``errors``: ``redirect_loop``, ``redirect_offsite``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from scrapy.exceptions import NotConfigured
from w3lib.url import canonicalize_url, safe_url_string

from . import urls
from .errors import OffsiteRedirect, RedirectLoop

#: The statuses RedirectMiddleware follows when they carry a Location.
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def redirect_target(request: Any, response: Any) -> str | None:
    """The absolute URL a redirect response points to, or None when it is no redirect."""
    if response.status not in REDIRECT_STATUSES or b"Location" not in response.headers:
        return None
    location = safe_url_string(response.headers[b"Location"].decode("latin-1"))
    return urljoin(request.url, location)


def refusal(chain: list[str], target: str) -> RedirectLoop | OffsiteRedirect | None:
    """Why a redirect from the end of ``chain`` to ``target`` must not be followed, or None."""
    if urls.site_for(target) is None:
        return OffsiteRedirect(f"redirect off the paper's hosts: {chain[-1]} -> {target}")
    # the URL itself (query order and fragment aside, as Scrapy's duplicate filter sees it), not the
    # article's canonical form: http -> https and www. -> apex are redirects, not loops
    seen = {canonicalize_url(url) for url in chain}
    if canonicalize_url(target) in seen:
        return RedirectLoop("redirect loop: " + " -> ".join([*chain, target]))
    return None


class RedirectGuardMiddleware:
    """Downloader middleware (before RedirectMiddleware): a looping or off-site redirect fails the
    request with :class:`RedirectLoop` / :class:`OffsiteRedirect` (see the module doc)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectGuardMiddleware:
        if not crawler.settings.getbool("BAODANTOC_REDIRECT_GUARD_ENABLED"):
            raise NotConfigured
        return cls()

    def process_response(self, request: Any, response: Any) -> Any:
        if request.meta.get("dont_redirect"):
            return response
        target = redirect_target(request, response)
        if target is None:
            return response
        problem = refusal([*request.meta.get("redirect_urls", []), request.url], target)
        if problem is not None:
            raise problem
        return response
