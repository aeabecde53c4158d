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
from ..records import SENTENCE_FIELDS
from ..store.canned_queries import CANNED_QUERIES


def _columns(table: str) -> dict[str, str]:
    out = {}
    for c in TABLES[table].columns:
        if c.kind != "lifted":
            out[c.name] = c.meaning + (f" (unit: {c.unit})" if c.unit else "")
    return out


def _tables() -> dict[str, dict[str, Any]]:
    """Per table: a Vietnamese title, the English description of the records (one meaning per
    column everywhere), its label column (what a foreign key pointing at it shows), sort and facets
    (few: a facet of 30 units pushed the rows a screen down)."""
    sentences = {f.name: f.doc + (f" (unit: {f.unit})" if f.unit else "") for f in SENTENCE_FIELDS}
    return {
        "articles": {"title": "Bài báo (articles)", "description": TABLES["articles"].description,
                     "columns": _columns("articles"), "label_column": "title", "facets": ["section"],
                     "sort_desc": "published_at"},
        "mentions": {"title": "Lần nhắc tới (mentions)", "description": TABLES["mentions"].description,
                     "columns": _columns("mentions"), "facets": ["type"]},
        "entities": {"title": "Thực thể: người, cơ quan, địa danh, dân tộc (entities)",
                     "description": TABLES["entities"].description + " Search matches names, aliases and provinces.",
                     "columns": _columns("entities"), "label_column": "canonical_name", "facets": ["type"],
                     "sort_desc": "article_count", "fts_table": "entities_fts", "fts_pk": "rowid"},
        "facts": {"title": "Số liệu (facts)",
                  "description": TABLES["facts"].description + " Search matches the subject and the sentence.",
                  "columns": _columns("facts"), "label_column": "text", "facets": ["kind"],
                  "fts_table": "facts_fts", "fts_pk": "rowid"},
        "sentences": {"title": "Câu (sentences)",
                      "description": "Every sentence of every article, with offsets into articles.text. "
                                     "Use the 'Tìm câu' query for full-text search.", "columns": sentences},
        "places": {"title": "Địa danh (places)",
                   "description": "Places (LOC entities) with their admin level and province before and after "
                                  "the 2025 reorganization.", "facets": ["level", "province_2025"],
                   "sort_desc": "article_count"},
        "people": {"title": "Người (people)", "description": "People (PER entities) with their role. The canned "
                   "query 'Người và chức danh' leaves out names seen only as photo credits or bylines.",
                   "facets": ["role"], "sort_desc": "article_count"},
        "credits": {"title": "Tên trong chú thích ảnh, tác giả (credits)",
                    "description": "Names found only in photo credits, bylines and 'Theo ...' lines (the paper's "
                                   "photographers, authors and sources), with what they did; the people view "
                                   "leaves them out.", "facets": ["type", "role"], "sort_desc": "article_count"},
        "fact_details": {"title": "Số liệu kèm bài báo và tỉnh (fact_details)",
                         "description": "Each fact with its article's date, section, title and URL, and where and "
                                        "when it holds (province before and after 2025 or national scope; period "
                                        "and how it is known): the table for 'percentages about Lào Cai in 2022'.",
                         "facets": ["kind", "province_2025", "year"], "sort_desc": "published_at"},
        "crawl_runs": {"description": "One row per crawl with its JSON report.", "hidden": True},
        "extraction_state": {"description": "Which extractor version processed which article.", "hidden": True},
        "crossposts": {"title": "Bài đăng lại (crossposts)",
                       "description": "Stories cross-posted under another id, linked to the article."},
        "_migrations": {"hidden": True},
    }


def build_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a store opened under the database name ``database``."""
    return {
        "title": "Báo Dân tộc và Phát triển — dữ liệu trích xuất",
        "description": "Người, cơ quan, địa danh, dân tộc và số liệu trích từ các bài báo của Báo Dân tộc và Phát "
                       "triển (baodantoc.vn). Chỉ đọc; tìm kiếm không cần dấu. — People, agencies, places, ethnic "
                       "groups and numeric facts extracted from the paper's articles; read-only.",
        "source": "baodantoc.vn",
        "source_url": "https://baodantoc.vn/",
        "databases": {database: {"tables": _tables(), "queries": CANNED_QUERIES}},
    }
