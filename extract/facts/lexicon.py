"""Word lists of the fact rules, loaded once from ``extract/facts/data``.

The lists are data, not code (units, classifiers, designators, stop words, hedges, context cues and
the words the subject rules read), so a missed unit or cue is fixed by adding a line. Every entry is
a tuple of lower-case syllables, matched against the syllables around a number with
:func:`match_after` / :func:`match_before` (longest entry first).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..normalize import fold_tone_placement
from .syllables import phrase

DATA = Path(__file__).parent / "data"

Phrase = tuple[str, ...]


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _phrase(entry: str) -> Phrase:
    return phrase(fold_tone_placement(entry))


@dataclass(frozen=True)
class PhraseSet:
    """A set of phrases with their maximal length, for longest-match lookups."""

    phrases: frozenset[Phrase]
    longest: int
    #: first and last syllables of every phrase: most lookups fail on them at once (speed)
    firsts: frozenset[str] = frozenset()
    lasts: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(p[0] for p in self.phrases if p))
        object.__setattr__(self, "lasts", frozenset(p[-1] for p in self.phrases if p))

    @classmethod
    def of(cls, entries: list[str]) -> PhraseSet:
        phrases = frozenset(_phrase(e) for e in entries)
        return cls(phrases, max((len(p) for p in phrases), default=0))

    def __contains__(self, phrase: object) -> bool:
        return phrase in self.phrases


def match_after(words: list[str], i: int, phrases: PhraseSet) -> int:
    """Length of the longest phrase of ``phrases`` starting at ``words[i]`` (0 when none)."""
    if i >= len(words) or words[i] not in phrases.firsts:
        return 0
    for n in range(min(phrases.longest, len(words) - i), 0, -1):
        if tuple(words[i : i + n]) in phrases.phrases:
            return n
    return 0


def match_before(words: list[str], i: int, phrases: PhraseSet) -> int:
    """Length of the longest phrase of ``phrases`` ending right before ``words[i]`` (0 when none)."""
    if i <= 0 or i > len(words) or words[i - 1] not in phrases.lasts:
        return 0
    for n in range(min(phrases.longest, i), 0, -1):
        if tuple(words[i - n : i]) in phrases.phrases:
            return n
    return 0


@dataclass(frozen=True)
class Lexicon:
    """All lists the rules use; built once per process by :func:`lexicon`."""

    units: dict[Phrase, tuple[str, str]]  # surface -> (normalized unit, kind)
    unit_phrases: PhraseSet
    classifiers: frozenset[str]
    place_designators: PhraseSet
    other_designators: PhraseSet
    stopwords: PhraseSet
    verbs: PhraseSet
    hedges: PhraseSet
    cues: dict[str, PhraseSet]
    subjects: dict[str, PhraseSet]

    def cue(self, name: str) -> PhraseSet:
        return self.cues[name]

    def words(self, name: str) -> PhraseSet:
        """A section of data/subjects.txt (the words the subject rules read)."""
        return self.subjects[name]


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _lines(name):
        if line.startswith("@"):
            current = out.setdefault(line[1:], [])
        elif current is None:
            raise ValueError(f"{name}: entry {line!r} before any @section")
        else:
            current.append(line)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every list (cached: the files are read once per process)."""
    units: dict[Phrase, tuple[str, str]] = {}
    for line in _lines("units.tsv"):
        surface, unit, kind = line.split("\t")
        units[_phrase(surface)] = (unit, kind)
    designators = _sections("designators.txt")
    return Lexicon(
        units=units,
        unit_phrases=PhraseSet(frozenset(units), max(len(p) for p in units)),
        classifiers=frozenset(_lines("classifiers.txt")),
        place_designators=PhraseSet.of(designators["place"]),
        other_designators=PhraseSet.of(designators["other"]),
        stopwords=PhraseSet.of(_lines("stopwords.txt")),
        verbs=PhraseSet.of(_lines("verbs.txt")),
        hedges=PhraseSet.of(_lines("hedges.txt")),
        cues={k: PhraseSet.of(v) for k, v in _sections("cues.txt").items()},
        subjects={k: PhraseSet.of(v) for k, v in _sections("subjects.txt").items()},
    )
