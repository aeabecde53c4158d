"""Datasette metadata for the store: descriptions, units, facets, full-text search, canned queries.

Built in code rather than kept as a YAML file because Datasette keys metadata by database name,
which is the store file's stem (``baodantoc`` for the default, anything for ``--store``), and
because the column descriptions come from the export schema — one meaning per column everywhere.

Units are written into the descriptions: Datasette's own ``units`` need Pint unit names, and ours
(đồng, hộ, characters) are not.

The canned queries (their SQL is in ``baodantoc.store.canned_queries``) call ``bdt_fold_name`` and
``bdt_fts_words``, SQL functions the serve plugin (:mod:`baodantoc.web.serve`) registers on every
connection, so "lao cai" finds "Lào Cai" there too.
"""

from __future__ import annotations

from typing import Any

from ..export.schema import TABLES
from ..store.canned_queries import CANNED_QUERIES


def _columns(table: str) -> dict[str, str]:
    out = {}
    for c in TABLES[table].columns:
        if c.kind != "lifted":
            out[c.name] = c.meaning + (f" (unit: {c.unit})" if c.unit else "")
    return out


def _tables() -> dict[str, dict[str, Any]]:
    sentences = {"article_id": "Article (articles.article_id).", "sentence_index": "0 = title, 1 = sapo, then body.",
                 "start": "Start offset in articles.text (unit: characters).",
                 "end": "End offset, exclusive (unit: characters).", "text": "The sentence."}
    return {
        "articles": {"description": TABLES["articles"].description, "columns": _columns("articles"),
                     "facets": ["section", "host"], "sort_desc": "published_at"},
        "mentions": {"description": TABLES["mentions"].description, "columns": _columns("mentions"),
                     "facets": ["type", "method"]},
        "entities": {"description": TABLES["entities"].description + " Search matches names, aliases and provinces.",
                     "columns": _columns("entities"), "facets": ["type"], "sort_desc": "article_count",
                     "fts_table": "entities_fts", "fts_pk": "rowid"},
        "facts": {"description": TABLES["facts"].description + " Search matches the subject and the sentence.",
                  "columns": _columns("facts"), "facets": ["kind", "unit"],
                  "fts_table": "facts_fts", "fts_pk": "rowid"},
        "sentences": {"description": "Every sentence of every article, with offsets into articles.text. "
                                     "Use the 'Search sentences' query for full-text search.", "columns": sentences},
        "places": {"description": "Places (LOC entities) with their admin level and province before and after "
                                  "the 2025 reorganization.", "facets": ["level", "province_2025", "province"],
                   "sort_desc": "article_count"},
        "people": {"description": "People (PER entities) with their role; names found only in photo credits and "
                                  "bylines are in 'credits'.", "facets": ["role"], "sort_desc": "article_count"},
        "credits": {"description": "Names found only in photo credits, bylines and 'Theo ...' lines (the paper's "
                                   "photographers, authors and sources), with what they did.",
                    "facets": ["type", "role"], "sort_desc": "article_count"},
        "fact_details": {"description": "Each fact with its article's date, section, title and URL and its place's "
                                        "provinces: the table for 'percentages about Lào Cai in 2022'.",
                         "facets": ["kind", "province_2025", "year", "section"], "sort_desc": "published_at"},
        "crawl_runs": {"description": "One row per crawl with its JSON report.", "hidden": True},
        "extraction_state": {"description": "Which extractor version processed which article.", "hidden": True},
        "crossposts": {"description": "Stories cross-posted under another id, linked to the article."},
        "_migrations": {"hidden": True},
    }


def build_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a store opened under the database name ``database``."""
    return {
        "title": "Báo Dân tộc và Phát triển — extracted records",
        "description": "People, agencies, places, ethnic groups and numeric facts extracted from the articles of "
                       "Báo Dân tộc và Phát triển (baodantoc.vn). Read-only. Search ignores diacritics.",
        "source": "baodantoc.vn",
        "source_url": "https://baodantoc.vn/",
        "databases": {database: {"tables": _tables(), "queries": CANNED_QUERIES}},
    }
