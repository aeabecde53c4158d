"""The extraction pipeline: an ordered list of components over one Doc (as spaCy's Language).

Each component declares which Doc layers it reads and writes; :class:`Pipeline` checks at start-up
that every layer is written before it is read, so a mis-ordered pipeline fails at construction, not
with empty output. A component that raises on one document is logged and recorded in
``doc.errors``; the document goes on through the remaining components and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .doc import Doc

log = logging.getLogger(__name__)

#: Layers present on every Doc made by :func:`baodantoc.extract.normalize.make_doc`.
BASE_LAYERS = frozenset({"text", "norm", "meta"})


@dataclass(frozen=True)
class Component:
    """A named step: ``func(doc) -> doc`` plus the layers it reads and writes."""

    name: str
    func: Callable[[Doc], Doc]
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()


class PipelineOrderError(ValueError):
    """A component reads a layer that no earlier component writes."""


class Pipeline:
    """Run components in order; see the module docstring for the error policy."""

    def __init__(self, components: Sequence[Component]):
        available = set(BASE_LAYERS)
        for comp in components:
            missing = [layer for layer in comp.reads if layer not in available]
            if missing:
                raise PipelineOrderError(
                    f"component {comp.name!r} reads {missing} but no earlier component writes it; "
                    f"order so far: {[c.name for c in components[: components.index(comp)]]}"
                )
            available.update(comp.writes)
        self.components = list(components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Doc) -> Doc:
        for comp in self.components:
            try:
                doc = comp.func(doc)
            except Exception as exc:  # one bad document must not stop a batch of thousands
                log.warning("component %s failed on %s: %r", comp.name, doc.meta.get("id", "?"), exc)
                doc.errors.append((comp.name, repr(exc)))
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
