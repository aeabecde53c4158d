"""Cut a sentence into syllables, numbers and punctuation, with offsets.

The fact rules look at a few syllables on each side of a number. underthesea's words are too coarse
for that (it may glue "2.000ha" or split "1.761" differently across versions), so numbers are cut
here by one regular expression, the same one that cuts the lexicon's entries, which makes a list entry
("héc-ta", "km / h", "m2") match exactly the syllables it will meet in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Order matters: a number first (digits with inner separators: "1.761", "51,4", "15:30"), then a
# length unit glued to its exponent ("m2", "km²", which would otherwise split into "m" + "2"),
# then a word (letters, with an inner apostrophe as in "H'Mông"), then any other single character.
SYLLABLE = re.compile(
    r"(?P<num>\d+(?:[.,:]\d+)*)"
    r"|(?P<unit>(?:km|dm|cm|mm|m)[23²³](?!\w))"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Syl:
    """One syllable/number/punctuation mark: its text, lower-case form and offsets in Doc.text."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num" | "word" | "other"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalized(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    @property
    def acronym(self) -> bool:
        """All capitals and at least two letters ("DTTS", "MTQG", "OCOP", "HTX")."""
        return self.kind == "word" and len(self.text) >= 2 and self.text.isupper()


def split(text: str, base: int = 0) -> list[Syl]:
    """Syllables of ``text``; offsets are shifted by ``base``."""
    lowered = text.lower()
    same = len(lowered) == len(text)  # lower() keeps the length except for rare letters ("İ")
    out = []
    for m in SYLLABLE.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "unit":
            kind = "word"
        a, b = m.span()
        word = m.group()
        out.append(Syl(word, lowered[a:b] if same else word.lower(), base + a, base + b, kind))
    return out


def phrase(entry: str) -> tuple[str, ...]:
    """A lexicon entry as the tuple of lower-case syllables it matches."""
    return tuple(s.low for s in split(entry))
