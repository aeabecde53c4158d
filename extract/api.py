"""Entry points of the extractor: build the pipeline, run it on text, turn a Doc into records.

``annotate_text`` is the evaluation contract of DESIGN.md: the same pipeline that ``baodantoc
extract`` runs over the store, applied to arbitrary text.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from ..records import (
    FACT_OUTPUT_KEYS,
    MENTION_OUTPUT_KEYS,
    Annotations,
    FactRow,
    MentionRow,
    SentenceRow,
)
from .doc import Doc, Fact, Mention, Sentence
from .entities import describe_entities, find_entities, link_entities
from .facts import find_facts
from .normalize import make_doc, to_raw_offset
from .pieces import join_docs, split_text
from .pipeline import Component, Pipeline
from .sentences import split_sentences
from .tokens import tokenize

log = logging.getLogger(__name__)

#: Bumped whenever output can change; stored with every extracted article so ``extract`` knows
#: what to redo. Format: <release>+<short description of the last change>.
EXTRACTOR_VERSION = "0.3.1+long-tail-names-4"

#: The longest text extracted as one document, in characters. A longer one is cut at paragraph
#: boundaries (else sentence ends, else spaces) into pieces of at most this size, extracted one by
#: one and joined (:mod:`.pieces`), so the time stays linear in the length whatever a
#: document-level pass does (issue 10: a 5 MB line ran for more than ten minutes). Calibrated on
#: the sample site's articles repeated to length: at 100,000 characters the whole pipeline runs at
#: 0.9x its speed on a 10,000-character article; the paper's longest articles are under 30,000.
MAX_DOC_CHARS = 100_000


def default_components() -> list[Component]:
    """The components of the standard pipeline, in order."""
    return [
        Component("sentences", split_sentences, reads=("norm",), writes=("sentences",)),
        Component("tokens", tokenize, reads=("sentences",), writes=("tokens",)),
        Component("entities", find_entities, reads=("tokens",), writes=("mentions",)),
        Component("entity_attributes", describe_entities, reads=("mentions",), writes=("attributes",)),
        Component("entity_links", link_entities, reads=("attributes",), writes=("entity_ids",)),
        Component("facts", find_facts, reads=("sentences", "tokens"), writes=("facts",)),
    ]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The standard pipeline, built once per process (its models load lazily on first use)."""
    return Pipeline(default_components())


def process(text: str, meta: dict[str, Any] | None = None, pipeline: Pipeline | None = None,
            max_chars: int = MAX_DOC_CHARS) -> Doc:
    """Run the pipeline on one text; ``meta`` may carry published_at, url, section, author, id.

    A text longer than ``max_chars`` is extracted in pieces cut at paragraph boundaries (see
    :data:`MAX_DOC_CHARS`); the Doc returned covers the whole text either way.
    """
    run = pipeline or default_pipeline()
    if len(text) <= max_chars:
        return run(make_doc(text, meta))
    pieces = split_text(text, max_chars)
    log.info("text of %d characters (%s) extracted in %d pieces of at most %d", len(text),
             (meta or {}).get("id", "?"), len(pieces), max_chars)
    return join_docs(text, [run(make_doc(piece, meta)) for piece in pieces])


def _span(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """Offsets and surface in the caller's string (differs from doc.text only for non-NFC input)."""
    rs, re_ = to_raw_offset(doc, start), to_raw_offset(doc, end)
    source = doc.raw if doc.raw is not None else doc.text
    return rs, re_, source[rs:re_]


def mention_row(doc: Doc, m: Mention, mention_id: str = "") -> MentionRow:
    """A mention as the store keeps it (offsets and text in the caller's string)."""
    start, end, text = _span(doc, m.start, m.end)
    return MentionRow(article_id=str(doc.meta.get("id") or ""), mention_id=mention_id, type=m.type, text=text,
                      start=start, end=end, sentence_index=m.sentence_index, entity_id=m.entity_id,
                      method=m.method, confidence=round(m.confidence, 4), attributes=m.attributes)


def fact_row(doc: Doc, f: Fact, fact_id: str = "") -> FactRow:
    """A fact as the store keeps it, with the text of its sentence for reading."""
    start, end, text = _span(doc, f.start, f.end)
    sent = doc.sentences[f.sentence_index] if 0 <= f.sentence_index < len(doc.sentences) else None
    return FactRow(article_id=str(doc.meta.get("id") or ""), fact_id=fact_id, sentence_index=f.sentence_index,
                   text=text, start=start, end=end, value=f.value, value_max=f.value_max, unit=f.unit,
                   kind=f.kind, approx=f.approx, subject=f.subject, place=f.place, province=f.province,
                   province_2025=f.province_2025, scope=f.scope, period=f.period, period_source=f.period_source,
                   sentence=_span(doc, sent.start, sent.end)[2] if sent else None, attributes=f.attributes)


def sentence_row(doc: Doc, s: Sentence) -> SentenceRow:
    """A sentence as the store keeps it: offsets and text in the caller's string, like mentions
    and facts (they differ from ``doc.text`` only for non-NFC input)."""
    start, end, text = _span(doc, s.start, s.end)
    return SentenceRow(article_id=str(doc.meta.get("id") or ""), sentence_index=s.index, start=start, end=end,
                       text=text)


def annotations(doc: Doc) -> Annotations:
    """Everything the store keeps of a processed document: its sentences, mentions and facts."""
    return Annotations(
        sentences=[sentence_row(doc, s) for s in doc.sentences],
        mentions=[mention_row(doc, m, f"m{i}") for i, m in enumerate(doc.mentions)],
        facts=[fact_row(doc, f, f"f{i}") for i, f in enumerate(doc.facts)],
        errors=[f"{name}: {msg}" for name, msg in doc.errors],
    )


def article_result(text: str, meta: dict[str, Any] | None = None, pipeline: Pipeline | None = None) -> Annotations:
    """Everything the store keeps for one article: sentences, mentions, facts, component errors."""
    return annotations(process(text, meta, pipeline))


def _output(row: MentionRow | FactRow, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: getattr(row, k) for k in keys}


def annotate_text(text: str, doc_id: Any = None, meta: dict[str, Any] | None = None,
                  pipeline: Pipeline | None = None) -> dict[str, Any]:
    """One ``{"id","text"}`` line in, one ``{"id","entities","facts"}`` line out (DESIGN.md)."""
    doc = process(text, {**(meta or {}), "id": doc_id}, pipeline)
    mentions = [mention_row(doc, m) for m in doc.mentions]
    out: dict[str, Any] = {
        "id": doc_id,
        # generic references ("UBND tỉnh" -> the article's "UBND tỉnh Lào Cai") are no entities by
        # the annotation guideline: they are listed apart, with the entity they were linked to
        "entities": [_output(m, MENTION_OUTPUT_KEYS) for m in mentions if not m.attributes.get("generic")],
        "references": [_output(m, MENTION_OUTPUT_KEYS) for m in mentions if m.attributes.get("generic")],
        "facts": [_output(fact_row(doc, f), FACT_OUTPUT_KEYS) for f in doc.facts],
    }
    if doc.errors:
        out["errors"] = [f"{name}: {msg}" for name, msg in doc.errors]
    return out
