"""Is a parsed page an article we can store? One rule set for the pipeline and the ``parse`` command.

The reasons are the names the crawl report counts skips under, so they are short and stable.
A page read only by generic heuristics still counts as an article when it shows a publication
date: that is what a redesigned live page looks like, and it should degrade, not vanish.
"""

from __future__ import annotations

from ..records import Article
from .layouts.mojibake import garbled

#: Layers that show the page was recognized as an article by more than heuristics: the layout's
#: selectors, or an article's own metadata (JSON-LD). og:title alone is on every page, articles or not.
RECOGNIZED_TITLE = ("selector",)
RECOGNIZED_BODY = ("selector", "metadata")
#: Share of replacement characters above which a page's text is taken as badly decoded.
MAX_REPLACEMENT_SHARE = 0.001


def problem(record: Article) -> str | None:
    """The reason a record must be skipped, or None when it is a storable article.

    empty_page: nothing readable at all; not_article: no article headline/selector and no date
    (static pages, listings); no_title / empty_body: an article page missing its title or text;
    decoding: replacement characters from a wrong or broken encoding; mojibake: text still
    garbled by a double decoding after the repair (``layouts/mojibake.py``); no_article_id: the URL
    has no article id.
    """
    title, body, text = record.title, record.body, record.text or ""
    extraction = record.extraction or {}
    if not record.article_id:
        return "no_article_id"
    if not title and not body and not record.sapo:
        return "empty_page"
    recognized = extraction.get("title") in RECOGNIZED_TITLE or extraction.get("body") in RECOGNIZED_BODY
    dated = extraction.get("published_at") not in (None, "id_timestamp")
    if not recognized and not dated:
        return "not_article"
    if not title:
        return "no_title"
    if not body:
        return "empty_body"
    if "\ufffd" in title or text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        return "decoding"
    if garbled(f"{title}\n{body}"):
        return "mojibake"
    return None
