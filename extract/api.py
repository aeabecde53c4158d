"""Entry points of the extractor: build the pipeline, run it on text, turn a Doc into records.

``annotate_text`` is the evaluation contract of DESIGN.md: the same pipeline that ``baodantoc
extract`` runs over the store, applied to arbitrary text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .doc import Doc, Fact, Mention, Sentence
from .entities import describe_entities, find_entities, link_entities
from .facts import find_facts
from .normalize import make_doc, to_raw_offset
from .pipeline import Component, Pipeline
from .sentences import split_sentences
from .tokens import tokenize

#: Bumped whenever output can change; stored with every extracted article so ``extract`` knows
#: what to redo. Format: <release>+<short description of the last change>.
EXTRACTOR_VERSION = "0.1.0"


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


def process(text: str, meta: dict[str, Any] | None = None, pipeline: Pipeline | None = None) -> Doc:
    """Run the pipeline on one text; ``meta`` may carry published_at, url, section, id."""
    return (pipeline or default_pipeline())(make_doc(text, meta))


def _span(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """Offsets and surface in the caller's string (differs from doc.text only for non-NFC input)."""
    rs, re_ = to_raw_offset(doc, start), to_raw_offset(doc, end)
    source = doc.raw if doc.raw is not None else doc.text
    return rs, re_, source[rs:re_]


def mention_record(doc: Doc, m: Mention) -> dict[str, Any]:
    """A mention as the annotate/extract output dict."""
    start, end, text = _span(doc, m.start, m.end)
    return {
        "type": m.type,
        "text": text,
        "start": start,
        "end": end,
        "sentence_index": m.sentence_index,
        "entity_id": m.entity_id,
        "method": m.method,
        "confidence": round(m.confidence, 4),
        "attributes": m.attributes,
    }


def fact_record(doc: Doc, f: Fact) -> dict[str, Any]:
    """A fact as the annotate/extract output dict (the sentence text included for reading)."""
    start, end, text = _span(doc, f.start, f.end)
    sent = doc.sentences[f.sentence_index] if 0 <= f.sentence_index < len(doc.sentences) else None
    return {
        "text": text,
        "start": start,
        "end": end,
        "value": f.value,
        "value_max": f.value_max,
        "kind": f.kind,
        "unit": f.unit,
        "approx": f.approx,
        "subject": f.subject,
        "place": f.place,
        "period": f.period,
        "sentence_index": f.sentence_index,
        "sentence": _span(doc, sent.start, sent.end)[2] if sent else None,
        "attributes": f.attributes,
    }


def sentence_record(doc: Doc, s: Sentence) -> dict[str, Any]:
    """A sentence as the store keeps it: offsets and text in the caller's string, like mentions
    and facts (they differ from ``doc.text`` only for non-NFC input)."""
    start, end, text = _span(doc, s.start, s.end)
    return {"index": s.index, "start": start, "end": end, "text": text}


def article_result(text: str, meta: dict[str, Any] | None = None,
                   pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Everything the store keeps for one article: sentences, mentions, facts, component errors."""
    doc = process(text, meta, pipeline)
    return {
        "sentences": [sentence_record(doc, s) for s in doc.sentences],
        "entities": [mention_record(doc, m) for m in doc.mentions],
        "facts": [fact_record(doc, f) for f in doc.facts],
        "errors": [f"{name}: {msg}" for name, msg in doc.errors],
    }


def annotate_text(text: str, doc_id: Any = None, meta: dict[str, Any] | None = None,
                  pipeline: Pipeline | None = None) -> dict[str, Any]:
    """One ``{"id","text"}`` line in, one ``{"id","entities","facts"}`` line out (DESIGN.md)."""
    doc = process(text, {**(meta or {}), "id": doc_id}, pipeline)
    out: dict[str, Any] = {
        "id": doc_id,
        # generic references ("UBND tỉnh" -> the article's "UBND tỉnh Lào Cai") are no entities by
        # the annotation guideline: they are listed apart, with the entity they were linked to
        "entities": [mention_record(doc, m) for m in doc.mentions if not m.attributes.get("generic")],
        "references": [mention_record(doc, m) for m in doc.mentions if m.attributes.get("generic")],
        "facts": [fact_record(doc, f) for f in doc.facts],
    }
    if doc.errors:
        out["errors"] = [f"{name}: {msg}" for name, msg in doc.errors]
    return out
