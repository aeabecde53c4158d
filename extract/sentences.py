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


def _is_abbreviation(text: str, dot_at: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot_at)
    if not m:
        return False
    word = m.group(1)
    if word in ABBREVIATIONS:
        return True
    # a single upper-case initial ("Nguyễn V. A") or a dotted abbreviation ("Th.S", "v.v")
    return (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 5)


def _split_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    spans = []
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        cur = line_start
        for m in _END.finditer(text, line_start, line_end):
            punct = m.group(1)
            if punct == "." and _is_abbreviation(text, m.start(1)):
                continue
            spans.append((cur, m.start(3)))
            cur = m.end(3)
        spans.append((cur, line_end))
        line_start = line_end + 1
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.extend(_split_long(s, e, text))
    return out


def split_sentences(doc: Doc) -> Doc:
    """Pipeline component: fill ``doc.sentences`` (spans over ``doc.norm``, valid in ``doc.text``)."""
    doc.sentences = [Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(split_spans(doc.norm))]
    return doc
