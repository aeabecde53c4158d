"""A sentence as the entity rules see it: syllables, lexicon matches and small predicates.

Rules ask questions such as "is syllable k capitalized?", "which lexicon entries start at k?",
"how far does the capitalized run starting at k go?". Answering them in one place keeps every rule
short and makes them agree on what a "name syllable" is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .features import foreign
from .lexicon import Match
from .syllables import Syl

#: a Roman numeral (I to XXXIX, with L and C for the odd larger one): "khu vực III", "lần thứ II",
#: "khóa XV" number things; they are never a place or part of a person's name (issue 11)
ROMAN_NUMERAL = re.compile(r"^(?:L?X{0,3})(?:IX|IV|V?I{0,3})$|^C{1,3}$")
CAP_SHAPES = frozenset({"Aa", "AA", "A", "A'a", "A0", "aA"})
#: lower-case words allowed inside a name run between two capitalized parts
NAME_JOINERS = frozenset({"-", "–", "&"})
PLACE_TAGS = frozenset({"PROV", "DIST", "COMM", "COUNTRY", "CITY", "REGION", "SITE"})


@dataclass(frozen=True, slots=True)
class Cand:
    """A candidate mention in syllable coordinates (``i``..``j`` exclusive) of one sentence."""

    type: str
    i: int
    j: int
    conf: float
    method: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class SentenceView:
    """One sentence's syllables and lexicon matches, indexed once (matches by start, tags inside
    each syllable) so that every rule and the CRF ask the same questions in constant time."""

    sylls: list[Syl]
    matches: list[Match]
    starts: dict[int, list[Match]] = field(default_factory=dict)
    #: per syllable, the tags of matches that cover it but START BEFORE it ("làng" in "già làng")
    inner: list[frozenset[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        inner: list[set[str]] = [set() for _ in self.sylls]
        for m in self.matches:
            self.starts.setdefault(m.start, []).append(m)
            for k in range(m.start + 1, m.end):
                inner[k] |= m.tags
        self.inner = [frozenset(x) for x in inner]
        for lst in self.starts.values():
            lst.sort(key=lambda m: m.end - m.start, reverse=True)

    def __len__(self) -> int:
        return len(self.sylls)

    def low(self, k: int) -> str:
        return self.sylls[k].lower if 0 <= k < len(self.sylls) else ""

    def cap(self, k: int) -> bool:
        """A capitalized word-like syllable (a name can be made of these)."""
        return 0 <= k < len(self.sylls) and self.sylls[k].shape in CAP_SHAPES

    def glued(self, k: int) -> bool:
        """Is syllable k written right after syllable k-1, no space between ("Co|.|opmart",
        "Jong|-|un", "COVID|-19")? What joins them is then part of one written word."""
        return 0 < k < len(self.sylls) and self.sylls[k].start == self.sylls[k - 1].end

    def roman(self, k: int) -> bool:
        """Is syllable k a Roman numeral ("I", "III", "XV")?"""
        return 0 <= k < len(self.sylls) and bool(ROMAN_NUMERAL.match(self.sylls[k].text)) and self.sylls[k].text != ""

    def digit(self, k: int) -> bool:
        return 0 <= k < len(self.sylls) and self.sylls[k].shape == "0"

    def punct(self, k: int) -> bool:
        return 0 <= k < len(self.sylls) and self.sylls[k].shape == "p"

    def longest(self, k: int, tags: frozenset[str] | set[str]) -> Match | None:
        """The longest lexicon match starting at ``k`` carrying any of ``tags``."""
        for m in self.starts.get(k, ()):
            if m.tags & tags:
                return m
        return None

    def inside(self, k: int, tags: frozenset[str] | set[str]) -> bool:
        """Is syllable k inside (not at the start of) a match carrying any of ``tags``?"""
        return 0 <= k < len(self.inner) and bool(self.inner[k] & tags)

    def surface(self, i: int, j: int) -> str:
        """Lower-cased text of syllables i..j with the original spacing ("tp.", "q.", "thị xã")."""
        return self.text_between(i, j).lower()

    def text_between(self, i: int, j: int) -> str:
        """Syllables i..j as written (original case and spacing); j may run past the end."""
        parts: list[str] = []
        for k in range(i, min(j, len(self.sylls))):
            if k > i and self.sylls[k].start > self.sylls[k - 1].end:
                parts.append(" ")
            parts.append(self.sylls[k].text)
        return "".join(parts)

    def has_match(self, i: int, j: int, tags: frozenset[str] | set[str]) -> bool:
        """Is syllables i..j exactly a lexicon entry carrying any of ``tags``?"""
        return any(m.end == j and m.tags & tags for m in self.starts.get(i, ()))

    def splits_word(self, i: int, j: int) -> bool:
        """A one-syllable span that is the capitalized start of a common word ("Lãnh" of "Lãnh
        đạo", "Công" of "Công đoàn"): no name."""
        return (j - i == 1 and j < len(self.sylls) and self.sylls[i].wpos == "B" and len(self.sylls[i].text) > 1
                and self.sylls[j].wpos == "I" and self.sylls[j].shape == "a"
                and not foreign(self.sylls[i].lower))  # "Rafaelson | lập": the segmenter glued a verb

    def word_inner(self, k: int) -> bool:
        """Is syllable k the continuation of a word (by underthesea's segmentation, or inside a
        common word of the dictionary: "núi" of "Miền núi", "thôn" of "nông thôn")?"""
        return 0 <= k < len(self.sylls) and (self.sylls[k].wpos == "I" or "DICT" in self.inner[k])

    def boundary(self, k: int) -> Match | None:
        """The boundary word (BND: "đã", "của", "giao") starting at k, unless k starts a longer
        common word ("giao thông", "cấp nước"): then the syllable is that word's, no boundary."""
        m = self.longest(k, {"BND"})
        if m is None:
            return None
        word = self.longest(k, {"DICT"})
        return None if word is not None and word.end > m.end else m

    def hyphen_part(self, k: int) -> bool:
        """Is syllable k the lower-case part of a hyphenated given name, glued to a hyphen that is
        glued to a capitalized syllable ("Jong-un", "Hang-seo", "Sang-sik")?"""
        s = self.sylls
        return (2 <= k < len(s) and s[k].shape == "a" and s[k - 1].text == "-" and self.cap(k - 2)
                and self.glued(k) and self.glued(k - 1))

    def tags_at(self, k: int) -> frozenset[str]:
        """Tags of every match starting at k."""
        out: frozenset[str] = frozenset()
        for m in self.starts.get(k, ()):
            out |= m.tags
        return out

    def cap_run(self, k: int, limit: int = 8) -> int:
        """End (exclusive) of the run of capitalized syllables starting at ``k``.

        A joiner ("-", "&") between two capitalized syllables stays inside ("Bà Rịa - Vũng Tàu").
        """
        j = k
        n = len(self.sylls)
        while j < n and j - k < limit:
            joined = (j > k and self.low(j) in NAME_JOINERS and self.cap(j + 1) and self.low(j + 2) != ":"
                      and self.longest(j + 1, {"ROLE", "HON", "NON"}) is None)  # not "- Người có uy tín", "- Ảnh:"
            if j > k and self.hyphen_part(j + 1):
                j += 2  # "Kim Jong-un", "Park Hang-seo"
                continue
            if not (self.cap(j) or joined):
                break
            j += 1
        return j
