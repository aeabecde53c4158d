"""Numeric facts: every quantity written with digits, with its value, unit, kind and meaning.

``find_facts`` is the pipeline component (see :mod:`baodantoc.extract.facts.component`); the number parser
(:mod:`baodantoc.extract.facts.numbers`) is usable alone. What is and is not a fact follows the annotation
guideline (DESIGN.md, "fact" record); the rules are documented in :mod:`baodantoc.extract.facts.rules`.
"""

from .component import find_facts
from .numbers import parse_number

__all__ = ["find_facts", "parse_number"]
