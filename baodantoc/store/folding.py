"""Diacritics folding for search: "Lào Cai", "lao cai" and "LÀO CAI" are one key.

Why our own folding: SQLite FTS5's ``unicode61 remove_diacritics 2`` tokenizer strips Vietnamese
tone and vowel marks (it handles ``ệ``, ``ươ``, ``ă`` and NFD text) but keeps ``đ`` as a letter
of its own, because Unicode gives ``đ`` no decomposition. A journalist typing "dak lak" must still
find "Đắk Lắk", so ``đ`` is folded to ``d`` here, in the text we index (see the search-index
migration) and in every query.

``fold`` is also used for exact-name filters (a person, an agency, a place) and for highlighting,
where :func:`fold_with_offsets` maps positions in the folded string back to the original.

It lives in the store because the store indexes with it and exposes it to SQL
(:func:`register_functions`, called by every connection the store opens and by Datasette's), so
the folding in an index and in a query can never differ.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import lru_cache
from typing import Any

#: Characters of a search token: letters and digits, as FTS5's unicode61 tokenizer counts them
#: (an underscore, apostrophe or hyphen separates tokens: "K'Bròng" is "k" + "brong").
TOKEN_RE = re.compile(r"[^\W_]+")

#: The SQL expression for the text FTS5 indexes: the text itself, plus a copy with đ→d when the
#: text has a đ. Indexing both keeps Datasette's search box (which sends the user's words as
#: typed, "Đắk Lắk") working beside our CLI (which folds its query to "dak lak"). Used in the
#: migration's triggers; ``{col}`` is the column reference, e.g. ``new.text``.
SQL_INDEXED_TEXT = (
    "CASE WHEN instr({col}, 'đ') > 0 OR instr({col}, 'Đ') > 0 "
    "THEN {col} || char(10) || replace(replace({col}, 'đ', 'd'), 'Đ', 'D') "
    "ELSE {col} END"
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded: base letter, lower case; combining marks vanish; đ → d."""
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.lower()


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, đ folded to d ("Đắk Lắk" → "dak lak")."""
    return "".join(_fold_char(ch) for ch in text)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its index in ``text``.

    For NFC text folding is one character for one (mostly); NFD input loses its combining marks
    and a few characters (ligatures) grow, so the map is needed to highlight the original.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def tokens(text: str) -> list[str]:
    """The folded search tokens of ``text``: what FTS5 would index, and what a query asks for."""
    return TOKEN_RE.findall(fold(text))


def fold_name(name: str) -> str:
    """A name key: folded tokens joined by one space ("UBND  tỉnh Lào-Cai" → "ubnd tinh lao cai")."""
    return " ".join(tokens(name))


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` (original offsets) where a folded token equals one of ``words``.

    ``words`` are folded query tokens; a token of the text matches when it equals a word, or
    starts with it when the word ends with ``*`` (prefix search). Spans are sorted, not merged.
    """
    if not words:
        return []
    exact = {w for w in words if not w.endswith("*")}
    prefixes = tuple(w[:-1] for w in words if w.endswith("*") and len(w) > 1)
    folded, index = fold_with_offsets(text)
    spans = []
    for m in TOKEN_RE.finditer(folded):
        tok = m.group()
        if tok in exact or (prefixes and tok.startswith(prefixes)):
            start = index[m.start()]
            end = index[m.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # keep an NFD letter's trailing marks inside the span
            spans.append((start, end))
    return spans


def fts_words(query: Any) -> str:
    """A user's words as a safe FTS5 query: folded tokens, each quoted, all required."""
    words = tokens(query) if isinstance(query, str) else []
    return " ".join(f'"{w}"' for w in words) or '""'


def register_functions(db: sqlite3.Connection) -> None:
    """Make the folding available to SQL on ``db``: ``bdt_fold(text)``, ``bdt_fold_name(text)``
    and ``bdt_fts_words(text)`` (a safe FTS5 query). NULL and non-text values pass through."""
    db.create_function("bdt_fold", 1, lambda s: fold(s) if isinstance(s, str) else s, deterministic=True)
    db.create_function("bdt_fold_name", 1, lambda s: fold_name(s) if isinstance(s, str) else s,
                       deterministic=True)
    db.create_function("bdt_fts_words", 1, fts_words, deterministic=True)
