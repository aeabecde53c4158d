"""The fallback layout: no selectors at all, every field from metadata or heuristics.

Used when no site layout recognizes the page (a redesign, an unknown host). Its records say
``layout: generic`` and ``extraction`` names ``generic``/``metadata`` for every field, which the
crawl report's coverage and the validation step (a page read only by heuristics must at least
show a date to count as an article) use to tell a degraded article from a page that is not one.
"""

from __future__ import annotations

from typing import ClassVar

from ..sites import PAPER_NAMES
from .base import Layout
from .bundle import PageBundle


class GenericLayout(Layout):
    """Any news page."""

    name: ClassVar[str] = "generic"
    site_names: ClassVar[tuple[str, ...]] = (*PAPER_NAMES, "VietNamNet")

    def matches(self, b: PageBundle) -> bool:
        """The fallback reads every page."""
        return True

    def offered_fields(self) -> set[str]:
        """What the heuristics and metadata layers can fill without any selector."""
        return {"title", "sapo", "published_at", "body", "images", "section_path", "section", "tags"}
