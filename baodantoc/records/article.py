"""The article record (schema v1): defined here once.

The crawler's page parsers build it, the store's ``articles`` table holds it (its columns are
these fields, in this order; a test compares them with the migration), the exports write it
(the Parquet schema and CSV header are derived from these fields) and the crawl report measures
the coverage of the fields marked ``coverage``. DESIGN.md's record schema explains each field.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from .fields import column, describe, names


def content_hash(text: str) -> str:
    """sha256 of the article text: equal hashes mean nothing a reader sees has changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclasses.dataclass(kw_only=True)
class Article:
    """One article of the paper, as read from its page (a Scrapy item too: Scrapy accepts dataclasses)."""

    article_id: str | None = column(
        "text", "Numeric id from the article URL (13-digit creation time in ms, or a legacy short id); the key.")
    url: str = column("text", "URL the record was fetched from.", required=True)
    canonical_url: str | None = column("text", "Canonical www URL with tracking parameters removed.",
                                       content=True)
    host: str | None = column(
        "text", "Host the page was fetched from (baodantoc.vn, m.baodantoc.vn, a subdomain, ...).")
    section: str | None = column("text", "Slug of the innermost section (e.g. chinh-sach-dan-toc).",
                                 coverage=True, content=True)
    section_path: list[str] = column("list", "Section names, outermost first.", content=True)
    title: str | None = column("text", "Headline.", coverage=True, content=True)
    sapo: str | None = column("text", "Lead paragraph printed under the headline.", content=True)
    author: list[str] = column("list", "Person names in the byline (empty when none).", coverage=True,
                               content=True)
    source: str | None = column("text", "A byline that is not a person (another outlet, a domain).",
                                content=True)
    published_at: str | None = column("timestamp", "Publication time from the byline.", unit="+07:00",
                                      coverage=True, content=True)
    modified_at: str | None = column("timestamp", "Last modification time, when the page states one.",
                                     unit="+07:00", content=True)
    tags: list[str] = column("list", "Tags printed under the article.", content=True)
    body: str | None = column(
        "text", "Body paragraphs joined by blank lines (no captions twice, menus, ads or related blocks).",
        coverage=True, content=True)
    text: str | None = column(
        "text", "title + blank line + sapo + blank line + body; every offset in mentions and facts points here.",
        unit="characters")
    images: list[dict[str, Any]] = column("images", "Images of the article: src URL and caption.", content=True)
    related_urls: list[str] = column("list", "Links to related articles.", content=True)
    alternate_urls: list[str] = column(
        "list", "Other URLs the same article was seen at (m. host, VietNamNet channel).")
    fetched_at: str | None = column("timestamp", "When the page was fetched.", unit="+07:00")
    http_status: int | None = column("int", "HTTP status of the fetch.", unit="HTTP status code")
    content_hash: str | None = column(
        "text", "sha256 of text (hex): equal hashes mean the readable content is unchanged.")
    fingerprint: str | None = column("text", "Near-duplicate fingerprint of the body, used to link cross-posts.")
    extraction: dict[str, str] = column(
        "json", "JSON object {field: layer that produced it}: selector, metadata, generic (the body: "
                "generic:<extractor>), relative, id_timestamp, listing; and encoding: repaired (mojibake "
                "undone) or sniffed (UTF-8 served as ISO-8859-1) when the page's text needed it.")
    layout: str | None = column("text", "Name of the layout class that parsed the page.")
    first_seen_at: str | None = column("timestamp", "When the article was first stored.", unit="+07:00")
    updated_at: str | None = column("timestamp", "When the stored content last changed.", unit="+07:00")

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (JSON-ready: every value is a str, number, list, dict or None)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """A record from a dict with the schema's field names; unknown keys are ignored."""
        return cls(**{k: v for k, v in data.items() if k in ARTICLE_FIELD_NAMES})


#: Every field of the record, in column order.
ARTICLE_FIELDS = describe(Article)
ARTICLE_FIELD_NAMES = names(Article)
#: Fields a page parser fills (the rest is bookkeeping: keys, fetch time, status, hashes).
CONTENT_FIELDS = tuple(f.name for f in ARTICLE_FIELDS if f.content)
#: Fields whose share among stored articles the crawl report measures and checks.
COVERAGE_FIELDS = tuple(f.name for f in ARTICLE_FIELDS if f.coverage)
