"""Why a request failed, as one of a few kinds the crawl report counts.

Scrapy reports failures as exceptions from several layers (Twisted, its own wrappers, the HTTP
error middleware). The report needs stable names a reader understands: ``http_404``, ``http_5xx``
(after retries), ``timeout``, ``dropped`` (connection closed with no response), ``truncated``
(fewer bytes than announced), ``oversized`` (over DOWNLOAD_MAXSIZE, as sent or once decompressed:
a gzip bomb stops there), ``redirect_loop`` (a redirect back to a URL of its own chain),
``redirect_offsite`` (a redirect off the paper's hosts), ``redirect_max`` (more redirects than
REDIRECT_MAX_TIMES), ``refused``, ``dns``, ``robots`` (disallowed: a skip, not an error), else
``other``.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionDone, ConnectionLost, DNSLookupError, TCPTimedOutError
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused
from twisted.internet.error import TimeoutError as TxTimeout
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived


class RedirectLoop(IgnoreRequest):
    """A redirect to a URL already in the request's redirect chain (crawler/redirects.py)."""


class OffsiteRedirect(IgnoreRequest):
    """A redirect to a host that is not one of the paper's (crawler/redirects.py)."""


#: Exception classes -> kind, most specific first (names from the classes Scrapy 2.13+ raises).
_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, TxTimeout, TCPTimedOutError), "timeout"),
    ((ResponseDataLossError,), "truncated"),
    ((DownloadCancelledError,), "oversized"),
    ((DownloadConnectionRefusedError, TxConnectionRefused), "refused"),
    ((CannotResolveHostError, DNSLookupError), "dns"),
    ((ResponseNeverReceived, ConnectionLost, ConnectionDone, DownloadFailedError), "dropped"),
)


def http_kind(status: int) -> str:
    """``http_404``-style kinds for 4xx (each code apart), one ``http_5xx`` for server errors."""
    return "http_5xx" if status >= 500 else f"http_{status}"


def classify(failure: Failure | BaseException) -> str:
    """The kind of a request failure (see module doc)."""
    exc = failure.value if isinstance(failure, Failure) else failure
    if isinstance(exc, HttpError):
        return http_kind(exc.response.status)
    if isinstance(exc, RedirectLoop):
        return "redirect_loop"
    if isinstance(exc, OffsiteRedirect):
        return "redirect_offsite"
    if isinstance(exc, IgnoreRequest):
        message = str(exc).lower()
        if "download_maxsize" in message:  # Scrapy's decompression cap (HttpCompressionMiddleware)
            return "oversized"
        if "max redirections" in message:
            return "redirect_max"
        return "robots" if "robots" in message else "ignored"
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    # Twisted's ResponseFailed/ResponseNeverReceived keep their causes in ``.reasons``; a wrapper
    # (DownloadFailedError) names less than what it wraps (_DataLoss), so every layer is looked at
    # and the most specific kind wins (the order of _KINDS).
    items: list[BaseException] = []
    for candidate in chain:
        items.append(candidate)
        items += [r.value for r in getattr(candidate, "reasons", []) if isinstance(r, Failure)]
    if any("dataloss" in type(item).__name__.lower() for item in items):
        return "truncated"
    for classes, kind in _KINDS:
        if any(isinstance(item, classes) for item in items):
            return kind
    return "other"
