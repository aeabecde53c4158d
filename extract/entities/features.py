"""CRF features of each syllable: one function shared by training and tagging.

Training (extract/training/train_ner.py) and run time (crf.py) MUST compute features with this
module, or the model sees at run time features it never learned. Features are plain strings
("name=value"); underthesea_core's CRF hashes them.

What the features encode, and why:
- the syllable, lower-cased, and its neighbours (±2) with bigrams: local context ("ông", "tỉnh");
- the orthographic shape (±2): capitalization is the strongest cue for a Vietnamese name;
- the underthesea word the syllable belongs to and its position: segmentation knowledge;
- lexicon tags (B/I) at the syllable and its neighbours: gazetteer knowledge that generalizes to
  names the training text never contained;
- rule tags (B/I) from the high-precision patterns: lets the model learn how far to trust them;
- sentence-initial position: a capital there says little.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .lexicon import Match
from .syllables import Syl

BOS = "<s>"
EOS = "</s>"

# One Vietnamese syllable: an optional onset, one to three vowels, an optional final. A
# capitalized word that is not one ("Velappan", "Samsung", "Prada", "McCabe") is foreign: a
# transliterated or foreign name, most often a person or a company in the news.
_V = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_VN_SYLLABLE = re.compile(
    rf"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_V}]{{1,3}}(ch|ng|nh|[cmnpt])?$"
)


def foreign(low: str) -> bool:
    """Is a lower-case word not a possible Vietnamese syllable?"""
    return low.isalpha() and _VN_SYLLABLE.match(low) is None


def lexicon_layers(n: int, matches: Sequence[Match]) -> list[list[str]]:
    """Per syllable, the lexicon tags covering it as 'TAG:B' / 'TAG:I' (longest match per tag)."""
    best: dict[tuple[int, str], tuple[int, int]] = {}
    for m in matches:
        for tag in m.tags:
            for k in range(m.start, m.end):
                cur = best.get((k, tag))
                if cur is None or (m.end - m.start) > (cur[1] - cur[0]):
                    best[(k, tag)] = (m.start, m.end)
    layers: list[list[str]] = [[] for _ in range(n)]
    for (k, tag), (s, _e) in best.items():
        layers[k].append(f"{tag}:{'B' if k == s else 'I'}")
    for layer in layers:
        layer.sort()
    return layers


#: a feature without a value ("b": the bias; "first", "foreign")
Pair = tuple[str, str | None]


def feature_pairs(sylls: Sequence[Syl], lex: Sequence[Sequence[str]],
                  rules: Sequence[str] | None = None) -> list[list[Pair]]:
    """Per syllable, its features as (template, value) pairs (value None for a flag).

    ``lex``: per-syllable lexicon layers (:func:`lexicon_layers`); ``rules``: per-syllable rule
    BIO tags ("B-LOC", "I-ORG", "O") or None. Words and shapes are padded with the sentence
    boundaries and each pair of them is joined once, then shared by the templates that use it:
    the same string objects recur, so the tagger's lookups hash each once (the hot loop).
    """
    n = len(sylls)
    low = [BOS, BOS] + [s.lower for s in sylls] + [EOS, EOS]
    shp = [BOS, BOS] + [s.shape for s in sylls] + [EOS, EOS]
    low_pair = [low[k] + "|" + low[k + 1] for k in range(n + 3)]  # padded k and k + 1
    shp_pair = [shp[k] + "|" + shp[k + 1] for k in range(n + 3)]
    first_punct = n > 0 and shp[2] == "p"
    out: list[list[Pair]] = []
    for i, syl in enumerate(sylls):
        p = i + 2  # padded index
        word = low[p]
        shape = shp[p]
        f: list[Pair] = [
            ("b", None), ("w", word), ("s", shape),
            ("w-1", low[p - 1]), ("w+1", low[p + 1]), ("w-2", low[p - 2]), ("w+2", low[p + 2]),
            ("w-1|w", low_pair[p - 1]), ("w|w+1", low_pair[p]), ("w-2|w-1", low_pair[p - 2]),
            ("w+1|w+2", low_pair[p + 1]),
            ("s-1", shp[p - 1]), ("s+1", shp[p + 1]), ("s-2|s-1", shp_pair[p - 2]), ("s+1|s+2", shp_pair[p + 1]),
            ("s-1|s|s+1", shp_pair[p - 1] + "|" + shp[p + 1]),
            ("wp", syl.wpos),
        ]
        if syl.word:
            f.append(("word", syl.word))
        if i == 0 or (i == 1 and first_punct):
            f.append(("first", None))
        if len(word) > 3:
            f.append(("suf3", word[-3:]))
        if shape in ("Aa", "AA") and foreign(word):
            f.append(("foreign", None))
        for tag in lex[i]:
            f.append(("L", tag))
        for tag in lex[i - 1] if i > 0 else ():
            f.append(("L-1", tag))
        for tag in lex[i + 1] if i + 1 < n else ():
            f.append(("L+1", tag))
        if i > 1:
            for tag in lex[i - 2]:
                if tag.startswith(("HON", "ROLE", "PFX", "ORGH")):
                    f.append(("L-2", tag))
        if rules is not None:
            f.append(("R", rules[i]))
            f.append(("R-1", rules[i - 1] if i > 0 else BOS))
            f.append(("R+1", rules[i + 1] if i + 1 < n else EOS))
        out.append(f)
    return out


def feature_string(template: str, value: str | None) -> str:
    """The CRF's attribute name: "w=xã", or the template alone for a flag ("b")."""
    return template if value is None else template + "=" + value


def sentence_features(sylls: Sequence[Syl], lex: Sequence[Sequence[str]],
                      rules: Sequence[str] | None = None) -> list[list[str]]:
    """Feature strings for every syllable of a sentence (what the CRF is trained on)."""
    return [[feature_string(t, v) for t, v in row] for row in feature_pairs(sylls, lex, rules)]


class KnownFeatures:
    """The features a trained model weighs, by template: tagging builds the strings of these
    only, which equals filtering :func:`sentence_features` by the model's attributes (a test
    checks it) at a fraction of the cost — most values the model never saw."""

    def __init__(self, attributes: Iterable[str]):
        values: dict[str, set[str]] = {}
        flags: set[str] = set()
        for a in attributes:
            template, eq, value = a.partition("=")
            if eq:
                values.setdefault(template, set()).add(value)
            else:
                flags.add(a)
        self.values = {t: frozenset(v) for t, v in values.items()}
        self.flags = frozenset(flags)

    def select(self, pairs: list[list[Pair]]) -> list[list[str]]:
        """The feature strings of ``pairs`` that the model weighs."""
        empty: frozenset[str] = frozenset()
        values, flags = self.values, self.flags
        return [[feature_string(t, v) for t, v in row
                 if (v in values.get(t, empty) if v is not None else t in flags)] for row in pairs]
