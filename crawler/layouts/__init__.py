"""Layout cleaning: one parser class per site generation, chosen by host, then by the page.

To add a layout when the site changes (README, "Crawling"): write a ``Layout`` subclass with the
new selectors in a module of its own, add it to ``LAYOUTS`` (before the one it replaces, which is
kept for old pages), list it for its hosts in ``crawler/sites.py``, and add a fixture page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...records import Article, utc_now
from ..urls import site_for
from .base import Layout
from .bundle import PageBundle, PageError, decode_page, make_bundle
from .cms import CmsLayout
from .generic import GenericLayout
from .mojibake import garbled, repair
from .record import build_record
from .trace import Recorder
from .vietnamnet import VietnamnetLayout

#: Every layout by name, in the order they are tried after the host's own; generic comes last.
LAYOUTS: dict[str, Layout] = {
    "cms": CmsLayout(),
    "vietnamnet": VietnamnetLayout(),
    "generic": GenericLayout(),
}

__all__ = ["LAYOUTS", "Layout", "PageBundle", "PageError", "Recorder", "choose_layout", "decode_page",
           "make_bundle", "parse_html", "parse_page"]


def choose_layout(b: PageBundle, name: str | None = None) -> Layout:
    """The layout for a page: ``name`` if given, else the first that recognizes the page, trying
    the host's layouts (``sites.py``) first, then the others, then the generic fallback."""
    if name is not None:
        if name not in LAYOUTS:
            raise KeyError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}")
        return LAYOUTS[name]
    site = site_for(b.url)
    order = list(site.layouts if site else ()) + [n for n in LAYOUTS if n != "generic"]
    for candidate in dict.fromkeys(order):
        if LAYOUTS[candidate].matches(b):
            return LAYOUTS[candidate]
    return LAYOUTS["generic"]


def parse_html(html: str, url: str, *, fetched_at: datetime | None = None, http_status: int = 200,
               layout: str | None = None, recorder: Recorder | None = None) -> Article:
    """Decoded HTML of one page -> its article record (see ``record.build_record``).

    ``url``: where the page was fetched from (it decides the host's layouts and gives the article
    id); ``fetched_at``: the fetch instant, which relative times ("5 giờ trước") count back from
    (default: now); ``layout``: force a layout by name instead of choosing; ``recorder``: a
    ``Recorder(explain=True)`` keeps every layer's candidate for each field (``parse --explain``).
    A page whose text is mojibake (UTF-8 read as Latin-1) is repaired and read again;
    ``extraction["encoding"]`` is then "repaired" (``mojibake.py``); one that cannot be repaired
    whole is returned as it is (and ``validate.problem`` skips it).
    """
    moment = fetched_at or utc_now()
    bundle = make_bundle(html, url, moment)
    record = build_record(choose_layout(bundle, layout), bundle, http_status, recorder)
    if garbled(_visible(record)):
        fixed = repair(html)
        if fixed is not None:
            bundle = make_bundle(fixed, url, moment)
            again = Recorder(explain=recorder.explain) if recorder is not None else None
            repaired = build_record(choose_layout(bundle, layout), bundle, http_status, again)
            if not garbled(_visible(repaired)):  # half a repair is no repair: the page is skipped
                repaired.extraction["encoding"] = "repaired"
                if recorder is not None and again is not None:  # explain what was kept
                    recorder.extraction, recorder.candidates = again.extraction, again.candidates
                return repaired
    return record


def _visible(record: Article) -> str:
    return f"{record.title}\n{record.sapo}\n{record.body}"


def parse_page(body: bytes, url: str, *, content_type: str | None = None, max_bytes: int | None = None,
               **kwargs: Any) -> Article:
    """Raw bytes of a saved page (gzip allowed) -> its record; raises PageError if unreadable."""
    return parse_html(decode_page(body, content_type, max_bytes), url, **kwargs)
