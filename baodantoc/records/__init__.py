"""Record types and the constants every layer shares (the bottom layer: imports nothing of ours).

``Article`` and the row types are defined once here; the store's columns, the export schema and
the crawl report's coverage fields are derived from them (see :mod:`.fields`).
"""

from .annotations import (
    CREDIT_ROLES,
    ENTITY_FIELDS,
    ENTITY_TYPES,
    FACT_FIELDS,
    FACT_KINDS,
    FACT_OUTPUT_KEYS,
    MENTION_FIELDS,
    MENTION_OUTPUT_KEYS,
    SENTENCE_FIELDS,
    Annotations,
    EntityRow,
    FactRow,
    MentionRow,
    SentenceRow,
)
from .article import (
    ARTICLE_FIELD_NAMES,
    ARTICLE_FIELDS,
    CONTENT_FIELDS,
    COVERAGE_FIELDS,
    Article,
    content_hash,
)
from .fields import JSON_KINDS, FieldInfo, describe, names, values
from .search import SORTS, SearchQuery
from .time import VIETNAM, local_iso, now_iso, utc_now

__all__ = [
    "ARTICLE_FIELDS", "ARTICLE_FIELD_NAMES", "CONTENT_FIELDS", "COVERAGE_FIELDS", "CREDIT_ROLES", "ENTITY_FIELDS",
    "ENTITY_TYPES",
    "FACT_FIELDS", "FACT_KINDS", "FACT_OUTPUT_KEYS", "JSON_KINDS", "MENTION_FIELDS", "MENTION_OUTPUT_KEYS",
    "SENTENCE_FIELDS", "SORTS", "VIETNAM", "Annotations", "Article", "EntityRow", "FactRow", "FieldInfo",
    "MentionRow", "SearchQuery", "SentenceRow", "content_hash", "describe", "local_iso", "names", "now_iso",
    "utc_now", "values",
]
