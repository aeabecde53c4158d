"""The document object every extraction component reads and writes (as spaCy's Doc).

One ``Doc`` travels through the pipeline: normalization fills ``norm``, the sentence splitter
``sentences``, the tokenizer each sentence's ``tokens``, the entity components ``mentions`` and the
fact components ``facts``. All offsets point into ``Doc.text``.

``norm`` has exactly the length of ``text``: each character is replaced by its normalized form one
for one (tone placement "hoà" -> "hòa", no-break space -> space, control characters -> space, curly
quotes -> straight). Matching runs on ``norm`` and its offsets are valid in ``text`` unchanged, which
is why normalization never inserts or deletes characters. Input that is not NFC is composed first;
``raw_offsets`` then maps offsets back to the caller's string (see :mod:`baodantoc.extract.normalize`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import ENTITY_TYPES, FACT_KINDS

__all__ = ["ENTITY_TYPES", "FACT_KINDS", "Doc", "Fact", "Mention", "Sentence", "Token"]


@dataclass(slots=True)
class Token:
    """A word (one or more syllables, as underthesea segments it) with offsets into Doc.text."""

    text: str
    start: int
    end: int
    pos: str = ""


@dataclass(slots=True)
class Sentence:
    """A sentence: a span of Doc.text and its tokens (filled by the tokenizer component)."""

    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """An entity mention. Spans follow VLSP (see DESIGN.md): PER without honorifics/role, LOC keeps
    a generic prefix written before the name, ORG is the whole name."""

    type: str
    start: int
    end: int
    text: str
    sentence_index: int = -1
    method: str = ""
    confidence: float = 1.0
    attributes: dict[str, Any] = field(default_factory=dict)
    entity_id: str | None = None


@dataclass(slots=True)
class Fact:
    """A numeric fact: a number written with digits, its unit and what it is about."""

    text: str
    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    value_max: float | None = None
    approx: bool = False
    subject: str | None = None
    place: str | None = None
    province: str | None = None
    province_2025: str | None = None
    scope: str | None = None
    period: str | None = None
    period_source: str | None = None
    sentence_index: int = -1
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    """The unit of work: one text (an article, or one line given to ``annotate``)."""

    text: str
    norm: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    #: offsets in ``text`` -> offsets in the caller's original string (None when identical)
    raw_offsets: list[int] | None = None
    raw: str | None = None
    #: components that failed on this document: (component name, error message)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (binary search over sentence starts)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None
