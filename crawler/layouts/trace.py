"""Which layer answered each field, and (for ``parse --explain``) what every layer proposed.

A field is filled by a short cascade of layers: ``selector`` (the layout's CSS), ``metadata``
(JSON-LD, microdata, OpenGraph, Dublin Core, <meta>), ``generic`` (heuristics and main-text
extractors), and for dates ``relative`` ("5 giờ trước" against the fetch time) and
``id_timestamp`` (the 13-digit id's instant, a last resort). The first layer that answers wins and
its name goes to ``extraction[field]``; the body records its extractor too (``generic:trafilatura``).

When explaining, every layer is asked even after one has answered, so the losers can be shown;
the winner is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: (layer, where it looked: a selector, a metadata key or a heuristic's name, how to read it).
Layer = tuple[str, str | None, Callable[[], Any]]
#: Layers that mean the page was not read the way its layout intends (the drift alarm counts them).
FALLBACK_LAYERS = ("generic", "id_timestamp", "listing")


def layer_of(value: str | None) -> str | None:
    """The layer part of an ``extraction`` value ("generic:trafilatura" -> "generic")."""
    return value.split(":", 1)[0] if value else None


def is_fallback(value: str | None) -> bool:
    """Was the field read by a fallback layer?"""
    return layer_of(value) in FALLBACK_LAYERS


@dataclass
class Candidate:
    """One layer's proposal for a field."""

    field: str
    layer: str
    source: str
    value: Any
    won: bool = False


@dataclass
class Recorder:
    """``extraction`` ({field: layer}) and, when ``explain`` is set, every candidate."""

    explain: bool = False
    extraction: dict[str, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)

    def first(self, name: str, *layers: Layer) -> Any:
        """Run ``layers`` in order; the first truthy answer wins and its layer is recorded.

        Layers whose source is None (a selector the layout does not offer) are skipped.
        """
        winner: Any = None
        for layer, source, read in layers:
            if source is None:
                continue
            value = read()
            won = bool(value) and winner is None
            if won:
                winner = value
                self.extraction[name] = layer
            if self.explain:
                self.candidates.append(Candidate(name, layer, source, value, won))
            elif won:
                break
        return winner

    def note(self, name: str, layer: str, source: str, value: Any, won: bool) -> None:
        """Record a candidate decided outside :meth:`first` (the body chain, a date refinement)."""
        if won:
            self.extraction[name] = layer
            for earlier in self.candidates:
                if earlier.field == name:
                    earlier.won = False
        if self.explain:
            self.candidates.append(Candidate(name, layer, source, value, won))

    def winner(self, name: str) -> Candidate | None:
        """The candidate that answered ``name`` (explain mode only)."""
        return next((c for c in self.candidates if c.field == name and c.won), None)
