"""Mojibake: text that was UTF-8, read as Latin-1 or Windows-1252, and written out again.

A CMS or a proxy that decodes UTF-8 with the wrong charset turns "Hơn 3.000 hộ" into
"HÆ¡n 3.000 há»\\x99"; the bytes are valid UTF-8, so nothing upstream notices, and such a page was
stored as a normal article (100% coverage). ftfy recognizes these sequences and undoes them
exactly (its ``fix_encoding`` step only: the rest of ``fix_text`` would also change real text,
quotes and all). The page is repaired before parsing, so every field comes out fixed; text that
still looks garbled afterwards is skipped (``validate.problem``: "mojibake"), never stored.
"""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

#: What a UTF-8 lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF) looks like once
#: read as Latin-1 or Windows-1252. Cheap to search; only text that has one goes on to ftfy's
#: slower badness check (6 ms on a whole page, and it flags some pages' scripts, so it is run on
#: the extracted text only). Real Vietnamese has no such pair: its letters are followed by letters.
_SUSPECT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def garbled(text: str) -> bool:
    """Does ``text`` look like mojibake?"""
    return bool(text) and _SUSPECT.search(text) is not None and is_bad(text)


def repair(html: str) -> str | None:
    """``html`` with its mojibake undone, or None when ftfy finds nothing it can undo."""
    fixed = ftfy.fix_encoding(html)
    return fixed if fixed != html else None
