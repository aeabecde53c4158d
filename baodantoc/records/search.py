"""A search request, as the search layer validates it and the store runs it.

Why a record: the CLI and the web UI build it from what a user typed (``baodantoc.search.query``),
and the store turns it into SQL (``baodantoc.store.search_sql``); both sides read these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Result orders: newest first, or relevance (bm25; slower on common words).
SORTS = ("date", "relevance")


@dataclass
class SearchQuery:
    """A parsed search. ``words`` are folded tokens; all other fields are filters (None = any)."""

    words: list[str] = field(default_factory=list)
    fts: str | None = None  # raw FTS5 expression (advanced), folded, instead of ``words``
    person: str | None = None
    org: str | None = None
    ethnic: str | None = None
    place: str | None = None
    #: folded province names (old and new) the place covers, filled by the search layer from the
    #: gazetteer; empty: the place is matched by name only
    place_area: tuple[str, ...] = ()
    #: the place is the whole country ("Việt Nam", "cả nước"): national figures match
    place_national: bool = False
    strict_place: bool = False
    same_sentence: bool = False
    kind: str | None = None
    unit: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    since: date | None = None
    until: date | None = None
    section: str | None = None
    facts_only: bool = False
    sort: str = "date"
    limit: int = 20

    @property
    def fact_mode(self) -> bool:
        """Results are facts (one row per number) rather than sentences."""
        return self.facts_only or any(v is not None for v in (self.kind, self.unit, self.min_value, self.max_value))

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.fts)

    def match_expression(self) -> str | None:
        """The FTS5 MATCH string: every word quoted (a plain AND of words), or the raw expression."""
        if self.fts is not None:
            return self.fts
        if not self.words:
            return None
        return " ".join(f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in self.words)
