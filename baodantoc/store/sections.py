"""Which sections the stored articles are in: to tell a mistyped ``--section`` from an empty result.

Why: a filter on a section no article is in returns nothing, which reads as "no such facts"
when it means "no such section" (``search`` and ``crawl`` then list the known ones).
"""

from __future__ import annotations

import sqlite3

from .folding import fold_name

#: An article is in a section when its slug or one of its section names folds to the key.
SECTION_CONDITION = ("(bdt_fold_name(replace(a.section, '-', ' ')) = ? OR EXISTS (SELECT 1 FROM json_each("
            "CASE WHEN json_valid(a.section_path) THEN a.section_path ELSE '[]' END) "
            "WHERE bdt_fold_name(value) = ?))")


def section_known(db: sqlite3.Connection, section: str) -> bool:
    """True when some stored article is in ``section`` (a slug or a name, diacritics optional)."""
    key = fold_name(section)
    return db.execute(f"SELECT 1 FROM articles a WHERE {SECTION_CONDITION} LIMIT 1", (key, key)).fetchone() is not None


def known_sections(db: sqlite3.Connection) -> list[str]:
    """The section slugs of the stored articles, most articles first (for "choose from ...")."""
    rows = db.execute("SELECT section FROM articles WHERE section IS NOT NULL AND section <> '' "
                      "GROUP BY section ORDER BY count(*) DESC, section")
    return [r[0] for r in rows]


def section_prefix_known(db: sqlite3.Connection, section: str) -> bool | None:
    """For ``crawl --section PATH``: True when a stored article's section is PATH's top section or
    under it (a sub-section the store has not seen yet is the menu's to decide), False when none
    is, None when the store has no article with a section (nothing to compare)."""
    top = section.strip().strip("/").split("/")[0]
    if db.execute("SELECT 1 FROM articles WHERE section IS NOT NULL AND section <> '' LIMIT 1").fetchone() is None:
        return None
    row = db.execute("SELECT 1 FROM articles WHERE section = ? OR substr(section, 1, ?) = ? LIMIT 1",
                     (top, len(top) + 1, top + "/")).fetchone()
    return row is not None
