"""One article, one reading: make the mentions of the same name agree, and find its other uses.

A name is usually introduced with its cue ("xã Hướng Phùng", "ông Nguyễn Thu Minh") and later
written bare ("Hướng Phùng đã ở ngay phía trước"), where a sentence-level tagger may miss it or
type it differently. Two document-level passes fix that:

1. vote: mentions with the same surface take the type with the highest summed confidence (rules
   weigh more than the CRF); a confident rule mention keeps its own type;
2. propagate: a name found confidently is labelled wherever else it occurs as a whole capitalized
   name and nothing else claims the span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

from ...records import CREDIT_ROLES
from ..doc import Doc, Mention

#: a mention at least this confident is a seed for propagation and is never relabelled by a vote
SEED_CONF = 0.9
#: confidence given to a propagated mention (below every rule, so a rule always wins later)
PROPAGATED_CONF = 0.75
RULE_WEIGHT = 1.5


def _bare(m: Mention) -> str:
    """The name without a place prefix: "xã Hướng Phùng" and "Hướng Phùng" vote together."""
    prefix = m.attributes.get("prefix")
    return m.text[len(prefix) :].strip() if m.type == "LOC" and prefix else m.text


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def vote(mentions: list[Mention]) -> None:
    """Pass 1 (module docstring): relabel, in place, the mentions of a surface that were typed
    differently; generic references do not vote."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.attributes.get("generic"):
            groups[_key(_bare(m))].append(m)
    for ms in groups.values():
        if len({m.type for m in ms}) < 2:
            continue
        score: Counter[str] = Counter()
        for m in ms:
            score[m.type] += m.confidence * (RULE_WEIGHT if m.method.startswith("rule") else 1.0)
        best = score.most_common(1)[0][0]
        for m in ms:
            if m.type != best and not (m.method.startswith("rule") and m.confidence >= SEED_CONF):
                m.type = best
                m.method += "+vote"


def _seed_surfaces(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """surface -> type, for names worth looking for elsewhere (two syllables or more). Surfaces
    are taken from ``doc.norm``, where the search runs ("Hoà" is "Hòa" there)."""
    seeds: dict[str, str] = {}
    for m in mentions:
        if (m.confidence < SEED_CONF or m.type == "ETH" or m.attributes.get("generic")
                or m.attributes.get("role") in CREDIT_ROLES):
            continue  # a photographer's name in a credit says nothing about the body's words
        skip = len(m.text) - len(_bare(m))  # the prefix ("xã ") when the name is a place's
        surface = doc.norm[m.start + skip : m.end].strip()
        if " " in surface and surface[:1].isupper():
            seeds.setdefault(surface, m.type)
    return seeds


#: a word of the text, as the seeds are indexed by their first two words
_WORD = re.compile(r"(?<![\w'])[^\W_]+(?:'[^\W_]+)*")


def propagate(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Pass 2 (module docstring): the mentions plus the other whole-name occurrences of each seed
    that no mention covers, sorted by start; at each place the longest seed is tried first, so
    "Nguyễn Văn An" is found before the "Văn An" inside it could be.

    Linear in the text: seeds are indexed by their first two words, and the text's words are
    read once, each looked up in that index (the search this replaces ran one regular expression
    per seed over the whole text: quadratic, as seeds grow with the text, issue 10)."""
    seeds = _seed_surfaces(doc, mentions)
    if not seeds:
        return mentions
    index: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for surface, typ in sorted(seeds.items(), key=lambda x: -len(x[0])):
        words = _WORD.findall(surface)
        if len(words) >= 2 and surface.startswith(words[0]):
            index[(words[0], words[1])].append((surface, typ))
    taken = sorted((m.start, m.end) for m in mentions)
    norm = doc.norm
    added: list[Mention] = []
    words = list(_WORD.finditer(norm))
    last_end = 0
    for k in range(len(words) - 1):
        cands = index.get((words[k].group(), words[k + 1].group()))
        if not cands:
            continue
        start = words[k].start()
        for surface, typ in cands:
            end = start + len(surface)
            if start < last_end or not norm.startswith(surface, start):
                continue
            if end < len(norm) and (norm[end].isalnum() or norm[end] in "_'"):
                continue  # not a whole name: "Lào Caii"
            if _overlaps_any(taken, start, end):
                continue
            after = norm[end : end + 2]
            if len(after) == 2 and after[0] == " " and after[1].isupper():
                continue  # the start of a longer capitalized name
            sent = doc.sentence_at(start)
            added.append(Mention(type=typ, start=start, end=end, text=doc.text[start:end],
                                 sentence_index=sent.index if sent else -1, method="propagate",
                                 confidence=PROPAGATED_CONF))
            last_end = end
            break
    return sorted(mentions + added, key=lambda m: m.start)


def _overlaps_any(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap a span of the sorted, non-overlapping list ``taken``?"""
    i = bisect_left(taken, (start, start))
    return any(s < end and start < e for s, e in taken[max(0, i - 1) : i + 1])


def harmonize(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Both passes over one article's mentions; returns the new list."""
    vote(mentions)
    return propagate(doc, mentions)
