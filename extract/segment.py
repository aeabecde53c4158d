"""Vietnamese word segmentation: underthesea's own model, decoded here, three times faster.

``underthesea.word_tokenize`` builds 43 feature strings per syllable in Rust and hands them to
its CRF: that was 44% of the entity stage on the paper's text (issue 11). The same model (its
weights, read with :mod:`.crfsuite`; its dictionary; its tokenizer) gives the same words when the
features' weights are looked up directly and cached per syllable, per pair and per triple of
syllables, since the same ones recur sentence after sentence. The feature templates are
underthesea's (``features.bin`` of the model: the syllable and its neighbours at -2..2, pairs,
triples, lower case, digits, title case, membership in the dictionary); a test checks that
:func:`feature_strings` reproduces underthesea_core's featurizer and that the words agree with
``underthesea.word_tokenize`` on the project's texts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import product
from pathlib import Path

from .crfsuite import CrfWeights, read_weights

#: entries per cache before it is emptied: enough for every syllable, pair and triple of a large
#: batch of articles (a few MB of memory), bounded so a long run does not grow without end
CACHE_MAX = 200_000
UNI = (-2, -1, 0, 1, 2)
PAIRS = ((-2, -1), (-1, 0), (0, 1), (1, 2))
TRIPLES = ((-2, 0), (-1, 1), (0, 2))
#: the templates of underthesea's segmentation model, in its order (checked against features.bin)
TEMPLATES = (
    *[f"T[{k}]" for k in UNI], *[f"T[{a},{b}]" for a, b in PAIRS + TRIPLES],
    *[f"T[{k}].lower" for k in UNI], *[f"T[{a},{b}].lower" for a, b in PAIRS],
    *[f"T[{k}].isdigit" for k in (-1, 0, 1)], *[f"T[{k}].istitle" for k in UNI], "T[0,1].istitle", "T[0,2].istitle",
    *[f"T[{k}].is_in_dict" for k in UNI], *[f"T[{a},{b}].is_in_dict" for a, b in PAIRS + TRIPLES],
)


def _istitle(s: str) -> str:
    """underthesea_core's title case: no word starts with a lower-case letter ("2023" is one)."""
    return str(all(not w[:1].islower() for w in s.split(" ")))


#: what a template computes of its syllables: the name's suffix -> the function
KINDS: dict[str, Callable[[str, frozenset[str]], str]] = {
    "": lambda s, d: s,
    ".lower": lambda s, d: s.lower(),
    ".isdigit": lambda s, d: str(s.isdigit()),
    ".istitle": lambda s, d: _istitle(s),
    ".is_in_dict": lambda s, d: str(s.lower() in d),
}


def _kind(template: str) -> str:
    return template[template.index("]") + 1 :]


def _value(template: str, s: str, dictionary: frozenset[str]) -> str:
    """The value of one template for the syllables ``s`` (joined by spaces)."""
    return KINDS[_kind(template)](s, dictionary)


def _window(template: str) -> tuple[int, int]:
    inside = template[template.index("[") + 1 : template.index("]")]
    a, _, b = inside.partition(",")
    return int(a), int(b or a)


def feature_strings(tokens: Sequence[str], dictionary: frozenset[str]) -> list[list[str]]:
    """underthesea_core's feature strings for ``tokens`` (the reference the fast path must equal)."""
    n = len(tokens)
    out = []
    for i in range(n):
        row = []
        for t in TEMPLATES:
            a, b = _window(t)
            if i + a < 0 or i + b >= n:
                value = "BOS" if i + a < 0 else "EOS"
            else:
                value = _value(t, " ".join(tokens[i + a : i + b + 1]), dictionary)
            row.append(f"{t}={value}")
        out.append(row)
    return out


class Segmenter:
    """underthesea's segmentation model decoded in Python (see the module docstring)."""

    def __init__(self, weights: CrfWeights, dictionary: frozenset[str], tokenize: Callable[[str], list[str]]):
        if weights.labels != ("B-W", "I-W"):
            raise ValueError(f"not a B-W/I-W segmentation model: labels {weights.labels}")
        self.state = weights.state
        self.transition = weights.transition
        self.dictionary = dictionary
        self.tokenize = tokenize
        by_window: dict[tuple[int, int], list[str]] = {}
        for t in TEMPLATES:
            by_window.setdefault(_window(t), []).append(t)
        self._by_window = by_window
        self._windows = {size: [w for w in by_window if w[1] - w[0] + 1 == size] for size in (1, 2, 3)}
        #: I-W minus B-W of every attribute (see _weights)
        self._diff = {a: w[1] - w[0] for a, w in self.state.items()}
        #: per size, the templates whose value is the n-gram's text, looked up per n-gram:
        #: (window index, "name=", lower-cased?)
        self._text_plan = {size: [(k, t + "=", _kind(t) == ".lower") for k, w in enumerate(self._windows[size])
                                  for t in by_window[w] if _kind(t) in ("", ".lower")] for size in (1, 2, 3)}
        #: per size and per (in dictionary, title case, digits), the yes/no templates' weights per
        #: window ("T[0,1].is_in_dict=True"): eight combinations, summed once here
        self._flag_sums: dict[int, dict[tuple[bool, bool, bool], tuple[float, ...]]] = {}
        for size in (1, 2, 3):
            table = {}
            for combo in product((False, True), repeat=3):
                value = dict(zip((".is_in_dict", ".istitle", ".isdigit"), combo, strict=True))
                table[combo] = tuple(sum(self._diff.get(f"{t}={value[_kind(t)]}", 0.0) for t in by_window[w]
                                         if _kind(t) in value) for w in self._windows[size])
            self._flag_sums[size] = table
        self._shifts = {size: [2 - a for a, _b in self._windows[size]] for size in (1, 2, 3)}
        self._caches: dict[int, dict[str, tuple[float, ...]]] = {1: {}, 2: {}, 3: {}}

    def _weights(self, size: int, s: str) -> tuple[float, ...]:
        """Per window of ``size`` syllables (in template order of offset), the summed weights of
        the templates over ``s`` — a syllable's, a pair's or a triple's whole contribution — as
        I-W minus B-W: adding the same amount to both labels of a position never changes the
        best path, so one number per window is enough."""
        low = s.lower()
        flags = (low in self.dictionary, not any(w[:1].islower() for w in s.split(" ")), size == 1 and s.isdigit())
        out = list(self._flag_sums[size][flags])
        diff = self._diff
        for k, name, lower in self._text_plan[size]:
            weight = diff.get(name + (low if lower else s))
            if weight is not None:
                out[k] += weight
        cache = self._caches[size]
        if len(cache) >= CACHE_MAX:
            cache.clear()
        cache[s] = got = tuple(out)
        return got

    def clear_caches(self) -> None:
        """Forget the cached weights (a benchmark measures the first reading of a text)."""
        for cache in self._caches.values():
            cache.clear()

    def emissions(self, tokens: Sequence[str]) -> list[float]:
        """Per syllable, the model's score of I-W over B-W (see :meth:`_weights`)."""
        n = len(tokens)
        em = [0.0] * (n + 4)  # two padding slots on each side: a window's shift needs no bounds check
        for size, cache in self._caches.items():
            shifts = self._shifts[size]
            for j in range(n - size + 1):
                s = tokens[j] if size == 1 else " ".join(tokens[j : j + size])
                contribution = cache.get(s) or self._weights(size, s)
                for shift, weight in zip(shifts, contribution, strict=True):
                    em[j + shift] += weight
        for i in list(range(min(2, n))) + list(range(max(2, n - 2), n)):
            for (a, b), templates in self._by_window.items():
                if i + a < 0 or i + b >= n:  # the window runs off the sentence
                    value = "BOS" if i + a < 0 else "EOS"
                    for t in templates:
                        weight = self.state.get(f"{t}={value}")
                        if weight is not None:
                            em[i + 2] += weight[1] - weight[0]
        return em[2 : n + 2]

    def labels(self, tokens: Sequence[str]) -> list[bool]:
        """True where a syllable continues the word before it (I-W)."""
        if not tokens:
            return []
        em = self.emissions(tokens)
        (bb, bi), (ib, ii) = self.transition
        b_score, i_score = 0.0, em[0]
        back: list[tuple[bool, bool]] = []
        for ei in em[1:]:
            to_b_from_i = i_score + ib > b_score + bb
            to_i_from_i = i_score + ii > b_score + bi
            back.append((to_b_from_i, to_i_from_i))
            b_score, i_score = max(b_score + bb, i_score + ib), max(b_score + bi, i_score + ii) + ei
        inside = i_score > b_score
        path = [inside]
        for to_b_from_i, to_i_from_i in reversed(back):
            inside = to_i_from_i if inside else to_b_from_i
            path.append(inside)
        path.reverse()
        return path

    def words(self, text: str) -> list[str]:
        """``text`` segmented into words (syllables joined by one space), as underthesea's
        ``word_tokenize(text, use_token_normalize=False)``."""
        tokens = self.tokenize(text)
        out: list[str] = []
        for token, inside in zip(tokens, self.labels(tokens), strict=True):
            if inside and out:
                out[-1] = out[-1] + " " + token
            else:
                out.append(token)
        return out


def _model_dir() -> Path:
    import underthesea.pipeline.word_tokenize as ws

    return Path(os.path.dirname(ws.__file__)) / "models" / "ws_crf_vlsp2013_20230727"


@lru_cache(maxsize=1)
def load_segmenter() -> Segmenter:
    """underthesea's segmentation model (shipped with it, read offline), once per process."""
    import joblib
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    path = _model_dir()
    templates = tuple(joblib.load(path / "features.bin"))
    if templates != TEMPLATES:
        raise ValueError(f"underthesea's segmentation templates changed: {templates}")
    dictionary = frozenset(joblib.load(path / "dictionary.bin"))
    return Segmenter(read_weights((path / "models.bin").read_bytes()), dictionary,
                     lambda text: tokenize(text, use_token_normalize=False))
