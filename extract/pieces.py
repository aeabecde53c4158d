"""Very long texts: cut at paragraph boundaries, extracted piece by piece, joined back.

No article of the paper comes near the cap (:data:`baodantoc.extract.api.MAX_DOC_CHARS`), but a
scraped law, a whole report pasted into one page or a hostile input can: a 5 MB line once ran
for more than ten minutes (issue 10). Every pass of the pipeline is meant to be linear, and the
cap makes sure of it whatever a pass does across the whole document: above it, the text is cut
into pieces of at most the cap, each piece runs the pipeline alone, and the pieces' Docs are
joined into one whose offsets, sentence indexes and raw-offset map point into the whole text.
The price: document-level passes (type votes, propagation, linking, a fact's place) see one piece
at a time.

Cuts go after a paragraph break where there is one, else after a sentence end, else after a
space, else anywhere but inside a grapheme (a base letter and its combining marks).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .doc import Doc

#: where a cut may go, best first: after a line break, after a sentence end, after a space
_BREAKS = (re.compile(r"\n"), re.compile(r"[.!?…][\"”')]*\s"), re.compile(r"\s"))


def split_text(text: str, max_chars: int) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` characters that join back into it."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _cut(text, start, start + max_chars)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to cut text[start:limit] off (the last break of the best kind in it)."""
    window = text[start:limit]
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return start + ends[-1]
    cut = limit
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1  # never part a letter from its accents
    return cut


def join_docs(raw: str, docs: list[Doc]) -> Doc:
    """One Doc over ``raw`` from the Docs of its consecutive pieces (see the module docstring)."""
    out = Doc(text="".join(d.text for d in docs), norm="".join(d.norm for d in docs),
              meta=dict(docs[0].meta) if docs else {})
    offsets: list[int] = []
    text_base = raw_base = 0
    for d in docs:
        shift: Callable[[int], int] = lambda x, b=text_base: x + b  # noqa: E731
        for s in d.sentences:
            s.index += len(out.sentences)
            s.start, s.end = shift(s.start), shift(s.end)
            for t in s.tokens:
                t.start, t.end = shift(t.start), shift(t.end)
        for m in d.mentions:
            m.start, m.end = shift(m.start), shift(m.end)
            m.sentence_index += len(out.sentences) if m.sentence_index >= 0 else 0
        for f in d.facts:
            f.start, f.end = shift(f.start), shift(f.end)
            f.sentence_index += len(out.sentences) if f.sentence_index >= 0 else 0
        out.sentences += d.sentences
        out.mentions += d.mentions
        out.facts += d.facts
        out.errors += d.errors
        piece_raw = len(d.raw) if d.raw is not None else len(d.text)
        own = d.raw_offsets if d.raw_offsets is not None else range(len(d.text) + 1)
        offsets += [raw_base + o for o in list(own)[:-1]]
        text_base += len(d.text)
        raw_base += piece_raw
    if any(d.raw_offsets is not None for d in docs):
        out.raw_offsets = [*offsets, raw_base]
        out.raw = raw
    return out
