"""The SQLite store: schema (named migrations), connection, and record read/write by table."""

from .articles import content_hash, get_article, known_ids, row_to_record, upsert_article
from .db import StoreError, connect, from_json, to_json

__all__ = [
    "StoreError",
    "connect",
    "content_hash",
    "from_json",
    "get_article",
    "known_ids",
    "row_to_record",
    "to_json",
    "upsert_article",
]
