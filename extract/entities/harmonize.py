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
from itertools import pairwise

from ...records import CREDIT_ROLES
from ..doc import Doc, Mention
from .features import foreign
from .lexicon import Lexicon

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
        if _short_name_of_a_body(ms):
            for m in ms:  # "Chủ tịch Vicofa": the role's body, read as its holder by the cue rule
                if m.type != "ORG":
                    _make_body(m, "+vote")
            continue
        score: Counter[str] = Counter()
        for m in ms:
            score[m.type] += m.confidence * (RULE_WEIGHT if m.method.startswith("rule") else 1.0)
        best = score.most_common(1)[0][0]
        for m in ms:
            if m.type != best and not (m.method.startswith("rule") and m.confidence >= SEED_CONF):
                m.type = best
                m.method += "+vote"


def _short_name_of_a_body(ms: list[Mention]) -> bool:
    """One word that a confident mention of the article found as an organization, and that is no
    Vietnamese syllable or is written in capitals ("Vicofa", "VECOM"): a short name or brand,
    whatever a cue before another of its mentions suggests."""
    text = ms[0].text
    return (" " not in text and (foreign(text.lower()) or text.isupper())
            and any(m.type == "ORG" and m.confidence >= SEED_CONF for m in ms))


def _seed_surfaces(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """surface -> type, for names worth looking for elsewhere (two syllables or more). Surfaces
    are taken from ``doc.norm``, where the search runs ("Hoà" is "Hòa" there)."""
    seeds: dict[str, str] = {}
    for alias in _parenthesized_aliases(doc, mentions):
        seeds.setdefault(alias, "ORG")
    for m in mentions:
        if (m.confidence < SEED_CONF or m.type == "ETH" or m.attributes.get("generic")
                or m.attributes.get("role") in CREDIT_ROLES):
            continue  # a photographer's name in a credit says nothing about the body's words
        skip = len(m.text) - len(_bare(m))  # the prefix ("xã ") when the name is a place's
        surface = doc.norm[m.start + skip : m.end].strip()
        if " " in surface and surface[:1].isupper():
            seeds.setdefault(surface, m.type)
    return seeds


def _parenthesized_aliases(doc: Doc, mentions: list[Mention]) -> list[str]:
    """One-word short names given in parentheses right after an organization ("Tổng công ty Thép
    Việt Nam (VNSteel)"): the article uses them bare later ("lãnh đạo VNSteel"). Other one-word
    names are not propagated: a capitalized word alone says too little (measured on news text)."""
    out = []
    for prev, m in pairwise(mentions):
        if (prev.type == m.type == "ORG" and " " not in m.text and len(m.text) >= MIN_ALIAS
                and doc.norm[prev.end : m.start].strip() == "(" and doc.norm[m.end : m.end + 1] == ")"):
            out.append(doc.norm[m.start : m.end])
    return out


#: shortest one-word alias propagated ("EVN", "Vicofa"; not "MB")
MIN_ALIAS = 3

#: a word of the text, as the seeds are indexed by their first two words
_WORD = re.compile(r"(?<![\w'])[^\W_]+(?:'[^\W_]+)*")


def propagate(doc: Doc, mentions: list[Mention], shorts: set[str] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """Pass 2 (module docstring): the mentions plus the other whole-name occurrences of each seed
    that no mention covers (``shorts``: companies' short names, seeds too), sorted by start; at
    each place the longest seed is tried first, so
    "Nguyễn Văn An" is found before the "Văn An" inside it could be.

    Linear in the text: seeds are indexed by their first two words, and the text's words are
    read once, each looked up in that index (the search this replaces ran one regular expression
    per seed over the whole text: quadratic, as seeds grow with the text, issue 10)."""
    seeds = _seed_surfaces(doc, mentions)
    for short in shorts:
        if " " in short or _WORD.fullmatch(short):
            seeds.setdefault(short, "ORG")
    if not seeds:
        return mentions
    index: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    singles: dict[str, str] = {}
    for surface, typ in sorted(seeds.items(), key=lambda x: -len(x[0])):
        words = _WORD.findall(surface)
        if len(words) >= 2 and surface.startswith(words[0]):
            index[(words[0], words[1])].append((surface, typ))
        elif words == [surface]:
            singles[surface] = typ  # a parenthesized alias
    taken = sorted((m.start, m.end) for m in mentions)
    norm = doc.norm
    added: list[Mention] = []
    words = list(_WORD.finditer(norm))
    last_end = 0
    for k in range(len(words)):
        cands = index.get((words[k].group(), words[k + 1].group()), []) if k + 1 < len(words) else []
        if words[k].group() in singles:
            cands = [*cands, (words[k].group(), singles[words[k].group()])]
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


def short_names(mentions: list[Mention]) -> set[str]:
    """The short names of the companies the article names in full ("Tập đoàn Đèo Cả" -> "Đèo
    Cả"; attribute ``short`` set by the rules): mentions written so are the company, whatever a
    sentence-level reading said ("Chủ tịch Đèo Cả" is no mountain pass), unless a rule found a
    place there by its prefix or the gazetteer. The attribute is removed: it is a hint between
    components, not an output."""
    shorts = {m.attributes.pop("short") for m in mentions if "short" in m.attributes}
    for m in mentions:
        if m.text in shorts and m.type != "ORG" and not m.method.startswith(PLACE_RULES):
            _make_body(m, "+short")  # also after a role: "Chủ tịch HĐQT Thuận An" is the company's chairman
    return shorts


def _make_body(m: Mention, how: str) -> None:
    """Retype a mention as an organization; ``how`` is appended to its method. A person's cue
    (``role``, ``cue``) says nothing about a body, so those attributes go."""
    m.type = "ORG"
    m.method += how
    m.attributes.pop("role", None)
    m.attributes.pop("cue", None)


#: rules that find a place by its prefix or the gazetteer: a short name does not overturn them
PLACE_RULES = ("rule:prefix", "rule:known-place", "rule:described", "rule:list", "rule:parenthesized")


def harmonize(doc: Doc, mentions: list[Mention], lexicon: Lexicon | None = None) -> list[Mention]:
    """Both passes over one article's mentions, companies' short names, and (with the lexicon)
    people's given names; returns the new list."""
    vote(mentions)
    shorts = short_names(mentions)  # after the vote: a short name is surer than a sentence's reading
    mentions = propagate(doc, mentions, shorts)
    return given_names(doc, mentions, lexicon) if lexicon is not None else mentions


#: confidence of a person found by the given name of a full name in the same article
GIVEN_NAME_CONF = 0.7


def given_names(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A person named in full ("Nguyễn Văn Long", "Lê Văn Tùng") is later called by the given name
    alone ("Long giả danh nhân viên ngân hàng", "Theo cơ quan điều tra, Tùng mở 20 tài khoản"):
    each whole capitalized occurrence of the last word of a full Vietnamese name (opened by a
    family name) that no mention covers is that person, unless the word starts a common word with
    the next one ("Hạnh phúc") or a longer capitalized name ("Long An")."""
    given: dict[str, str] = {}
    for m in mentions:
        words = m.text.split(" ")
        if (m.type == "PER" and len(words) >= 2 and m.attributes.get("role") not in CREDIT_ROLES
                and "FAM" in lexicon.get(words[0]) and len(words[-1]) >= 2 and words[-1][:1].isupper()):
            given.setdefault(doc.norm[m.end - len(words[-1]) : m.end], m.text)
    if not given:
        return mentions
    taken = sorted((m.start, m.end) for m in mentions)
    norm = doc.norm
    words = list(_WORD.finditer(norm))
    added: list[Mention] = []
    for k, w in enumerate(words):
        if w.group() not in given or _overlaps_any(taken, w.start(), w.end()):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is not None and nxt.start() == w.end() + 1 and (
                nxt.group()[:1].isupper() or "DICT" in lexicon.get(f"{w.group()} {nxt.group()}")):
            continue  # "Long An", "Hạnh phúc"
        if k > 0 and words[k - 1].end() == w.start() - 1 and words[k - 1].group()[:1].isupper():
            continue  # the end of a longer capitalized name
        sent = doc.sentence_at(w.start())
        added.append(Mention(type="PER", start=w.start(), end=w.end(), text=doc.text[w.start() : w.end()],
                             sentence_index=sent.index if sent else -1, method="propagate:given",
                             confidence=GIVEN_NAME_CONF))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions
