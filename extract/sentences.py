"""Sentence splitting with offsets.

Why not underthesea's ``sent_tokenize``: it returns strings (offsets lost) and splits on dots that
are not sentence ends in this paper's text ("TP. Hồ Chí Minh", "1.761 hộ", "ThS. Nguyễn...").
A line break always ends a sentence: the crawler joins paragraphs, captions and the title with
newlines, and underthesea's NER glues a caption onto the next sentence when it is not told so.
"""

from __future__ import annotations

import re

from .doc import Doc, Sentence

# Words written with a dot that do not end a sentence (case-sensitive, as written in the paper).
ABBREVIATIONS = frozenset(
    "TP Tp tp ThS Ths TS Ts PGS GS BS Bs KS CN Th TT Q P F Mr Mrs Ms Dr St Co Ltd Inc Jr Sr No v.v vv ..".split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace, then what can
# start a sentence (an upper-case letter, a digit, an opening quote or bracket, a dash).
_END = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)(?=[\"“‘'(\[\-–—]?\s?[A-ZÀ-ỸĐ0-9])")
_WORD_BEFORE = re.compile(r"([^\s.]+(?:\.[^\s.]+)*)$")
_MAX_SENTENCE = 2000  # characters; longer runs (a 1 MB paragraph) are cut at spaces


def _is_abbreviation(text: str, dot_at: int, lo: int) -> bool:
    """Is the dot at ``dot_at`` part of an abbreviation? ``lo`` is a position right after
    whitespace at or before the word ending at the dot: the search starts there, not at 0, because
    a word never spans whitespace, and scanning from 0 made every dot cost the whole text before it
    (quadratic: minutes for a 100 KB paragraph of short sentences)."""
    m = _WORD_BEFORE.search(text, lo, dot_at)
    if not m:
        return False
    word = m.group(1)
    if word in ABBREVIATIONS:
        return True
    # a single upper-case initial ("Nguyễn V. A") or a dotted abbreviation ("Th.S", "v.v")
    return (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 5)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut a span longer than _MAX_SENTENCE at spaces; each piece is stripped like a sentence (a
    cut at a space must not leave the next piece starting with it)."""
    spans = []
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        spans.append(_strip(text, start, cut))
        start = cut
    spans.append(_strip(text, start, end))
    return [(s, e) for s, e in spans if e > s]


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        cur = after_space = line_start
        for m in _END.finditer(text, line_start, line_end):
            punct = m.group(1)
            if punct == "." and _is_abbreviation(text, m.start(1), after_space):
                after_space = m.end(3)
                continue
            spans.append((cur, m.start(3)))
            cur = after_space = m.end(3)
        spans.append((cur, line_end))
        line_start = line_end + 1
    out = []
    for s, e in spans:
        s, e = _strip(text, s, e)
        if e > s:
            out.extend(_split_long(s, e, text))
    return out


def split_sentences(doc: Doc) -> Doc:
    """Pipeline component: fill ``doc.sentences`` (spans over ``doc.norm``, valid in ``doc.text``)."""
    doc.sentences = [Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(split_spans(doc.norm))]
    return doc
