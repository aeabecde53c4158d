"""The syllable view of a sentence: the unit the entity tagger labels.

Why syllables and not underthesea's words: its segmentation sometimes glues a name to a neighbour
("lên Đường", "và Phát triển nông thôn"), and a word-level tagger can then never find the right
boundary. Tagging syllables lets a span start or end anywhere; the segmentation still informs the
tagger as a feature (each syllable knows the word it belongs to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import Doc, Sentence

# numbers with inner separators ("1.761", "51,4", "10/63"), then letters/digits with inner
# apostrophes ("K'Bròng", "H'Mông", "VTV5"), then any single other non-space character.
_SYLLABLE = re.compile(r"\d+(?:[.,/]\d+)+|[^\W_]+(?:'[^\W_]+)*|\S", re.UNICODE)


@dataclass(slots=True)
class Syl:
    """One syllable (or number, or punctuation mark) of a sentence."""

    text: str  # surface from doc.norm (normalized spelling)
    start: int  # offsets into doc.text
    end: int
    lower: str
    shape: str  # compact orthographic class, see shape_of
    word: str  # the lower-cased underthesea word containing it ("" when none)
    wpos: str  # position in that word: S (single), B (first), I (inside)


def shape_of(s: str) -> str:
    """Orthographic class: 'Aa' title, 'AA' capitals, 'a' lower, '0' digits, '0.' number with
    separators, 'A0' letters+digits, 'p' punctuation, "A'a" apostrophe names."""
    if s.isdigit():
        return "0"
    if s[0].isdigit():
        return "0." if all(c.isdigit() or c in ".,/" for c in s) else "0A"
    if not s[0].isalnum():
        return "p"
    if "'" in s:
        return "A'a" if s[0].isupper() else "a'a"
    if any(c.isdigit() for c in s):
        return "A0"
    if s.isupper():
        return "AA" if len(s) > 1 else "A"
    if s[0].isupper():
        return "Aa"
    if s.islower():
        return "a"
    return "aA"


def sentence_syllables(doc: Doc, sent: Sentence) -> list[Syl]:
    """Syllables of one sentence with the word each belongs to (from ``sent.tokens``)."""
    text = doc.norm
    sylls: list[Syl] = []
    for m in _SYLLABLE.finditer(text, sent.start, sent.end):
        s = m.group(0)
        sylls.append(Syl(s, m.start(), m.end(), s.lower(), shape_of(s), "", "S"))
    if sent.tokens and sylls:
        _attach_words(sylls, sent)
    return sylls


def _attach_words(sylls: list[Syl], sent: Sentence) -> None:
    j = 0
    for tok in sent.tokens:
        members = []
        while j < len(sylls) and sylls[j].start < tok.start:
            j += 1
        k = j
        while k < len(sylls) and sylls[k].end <= tok.end:
            members.append(sylls[k])
            k += 1
        if len(members) > 1:
            word = tok.text.lower()
            for i, syl in enumerate(members):
                syl.word = word
                syl.wpos = "B" if i == 0 else "I"
        j = k
