"""The SQLite store: the only module that holds SQL.

Connection and pragmas (``db``), the schema as atomic named migrations (``migrations``), and one
module per kind of row: articles, annotations (sentences, mentions, facts, entities), cross-posts,
crawl runs, the full-text index and its folding, and the queries of search, export and the web UI.
"""

from .articles import article_texts, get_article, known_ids, row_to_article, upsert_article
from .db import Connection, DatabaseError, Row, StoreError, connect, from_json, to_json

__all__ = [
    "Connection",
    "DatabaseError",
    "Row",
    "StoreError",
    "article_texts",
    "connect",
    "from_json",
    "get_article",
    "known_ids",
    "row_to_article",
    "to_json",
    "upsert_article",
]
