"""Entity mentions (PER, ORG, LOC, ETH): recognition, attributes, linking.

Three pipeline components, each testable alone:
- ``find_entities``: rules + gazetteers + the CRF -> ``doc.mentions`` (spans and types);
- ``describe_entities``: attributes (PER role, LOC level/province, ORG expansion/place);
- ``link_entities``: short forms to full forms within the article, and corpus-wide entity ids.
"""

from __future__ import annotations

from ..doc import Doc
from .attributes import describe
from .linking import link
from .model import load_entity_model
from .recognize import recognize


def find_entities(doc: Doc) -> Doc:
    """Pipeline component: recognize mentions with the shared entity model."""
    return recognize(doc, load_entity_model())


def describe_entities(doc: Doc) -> Doc:
    """Pipeline component: fill each mention's attributes."""
    return describe(doc)


def link_entities(doc: Doc) -> Doc:
    """Pipeline component: within-article links and entity ids."""
    return link(doc)


__all__ = ["describe_entities", "find_entities", "link_entities"]
