"""The entity recognition component: rules + CRF candidates, resolved into ``doc.mentions``.

Per sentence: syllables -> lexicon matches -> rule candidates (places, bodies, people, groups)
-> CRF candidates (features include the rule tags) -> the overlap policy -> mentions. Generic
bodies ("UBND tỉnh") win their span, so nothing inside them is misread; they become references
(``attributes["generic"]``) that linking resolves to a named body or drops.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..doc import Doc, Mention
from .crf import MODEL_PATH, CrfTagger
from .harmonize import harmonize
from .lexicon import Lexicon
from .resolve import Policy, outermost_then_confident
from .rules_orgs import brands, organizations, tailed_organizations
from .rules_people import family_named, people, role_before, uncle_ho
from .rules_places import (
    bare_places,
    described_places,
    ethnic_groups,
    parenthesized_places,
    places_after_prepositions,
    prefixed_places,
)
from .syllables import sentence_syllables
from .view import Cand, SentenceView

log = logging.getLogger(__name__)


@dataclass
class EntityModel:
    """Everything recognition needs, loaded once: the lexicon, head lists, the CRF (optional)."""

    lexicon: Lexicon
    national_heads: frozenset[str] = frozenset()
    tagger: CrfTagger | None = None
    policy: Policy = field(default=outermost_then_confident)


def rule_candidates(v: SentenceView, model: EntityModel) -> list[Cand]:
    """All rule candidates of one sentence (unresolved)."""
    cands: list[Cand] = []
    cands += prefixed_places(v)
    cands += described_places(v)
    cands += bare_places(v)
    cands += places_after_prepositions(v)
    cands += parenthesized_places(v)
    cands += ethnic_groups(v)
    cands += organizations(v, model.national_heads)
    cands += tailed_organizations(v)
    cands += brands(v)
    cands += people(v, cands)
    cands += family_named(v)
    cands += uncle_ho(v)
    return cands


def sentence_candidates(v: SentenceView, model: EntityModel) -> list[Cand]:
    """Resolved candidates of one sentence: rules first, then the CRF sees them as features."""
    rules = model.policy(rule_candidates(v, model))
    if model.tagger is None:
        return rules
    return model.policy(rules + model.tagger.tag(v, rules))


def recognize(doc: Doc, model: EntityModel) -> Doc:
    """Fill ``doc.mentions`` (spans and types; attributes and links come later)."""
    mentions: list[Mention] = []
    for sent in doc.sentences:
        sylls = sentence_syllables(doc, sent)
        if not sylls:
            continue
        v = SentenceView(sylls, model.lexicon.match(sylls))
        resolved = sentence_candidates(v, model)
        for c in resolved:
            attrs = dict(c.attrs)
            if attrs.pop("generic", None):
                # kept as a reference ("UBND tỉnh"): linking resolves it to a named body of the
                # article or drops it; it is never an entity of its own (the guideline)
                attrs["generic"] = True
            if c.type == "PER" and "role" not in attrs and "cue" not in attrs:
                role = role_before(v, c.i, resolved)
                if role:
                    attrs["role"] = role
            start, end = sylls[c.i].start, sylls[c.j - 1].end
            if c.type == "PER" and _initial_dot(sylls, c.j):
                end += 1  # "anh S. kể": the dot belongs to the initial
            mentions.append(Mention(type=c.type, start=start, end=end, text=doc.text[start:end],
                                    sentence_index=sent.index, method=c.method, confidence=c.conf,
                                    attributes=attrs))
    doc.mentions = harmonize(doc, mentions)
    return doc


def _initial_dot(sylls: list, j: int) -> bool:
    """A name ending in an initial followed by its dot, inside the sentence ("Út H. nói")."""
    last = sylls[j - 1].text
    return (j + 1 < len(sylls) and sylls[j].text == "." and len(last) <= 2 and last[:1].isupper()
            and sylls[j].start == sylls[j - 1].end)


def load_tagger() -> CrfTagger | None:
    """The shipped CRF, or None (rules only) when the model file is missing."""
    if not MODEL_PATH.exists():
        log.warning("no NER model at %s: entities come from rules and gazetteers only", MODEL_PATH)
        return None
    return CrfTagger(MODEL_PATH)
