"""The project's own CRF entity tagger (underthesea_core), over syllables.

The model is trained by ``python -m baodantoc.extract.training.train_ner`` on the team-written corpus and
shipped gzipped as ``extract/models/ner_crf.bin.gz`` (3.7 MB instead of 10 in the repository);
underthesea_core loads only from a plain file, so it is unpacked into a private temporary file
for the load (about 0.1 s once per process). Features come from :mod:`.features`, shared with training. Each predicted span gets a confidence: the lowest marginal probability of its labels,
so a span the model hesitates on loses to a confident rule in the overlap policy.
"""

from __future__ import annotations

import gzip
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from underthesea_core import CRFTagger

from ...records import ENTITY_TYPES
from ..crfsuite import read_weights
from .features import KnownFeatures, feature_pairs, lexicon_layers
from .view import Cand, SentenceView

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "ner_crf.bin.gz"


@contextmanager
def plain_model(path: Path) -> Iterator[Path]:
    """A plain file of the model for underthesea_core to load: the gzipped one is unpacked into a
    private temporary file (created 0600 by mkstemp, so no other user can substitute it) that is
    removed as soon as the model is in memory."""
    if path.suffix != ".gz":
        yield path
        return
    fd, tmp = tempfile.mkstemp(prefix="baodantoc-ner-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.decompress(path.read_bytes()))
        yield Path(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


def rule_layer(n: int, cands: list[Cand]) -> list[str]:
    """BIO tags of resolved rule candidates, the 'R=' features of the CRF."""
    tags = ["O"] * n
    for c in cands:
        typ = "GEN" if dict(c.attrs).get("generic") else c.type
        tags[c.i] = "B-" + typ
        for k in range(c.i + 1, c.j):
            tags[k] = "I-" + typ
    return tags


def decode(labels: list[str]) -> list[tuple[str, int, int]]:
    """BIO labels -> (type, start, end) spans; a stray I- starts a new span."""
    spans: list[tuple[str, int, int]] = []
    cur: list = []
    for k, lab in enumerate(labels):
        if lab.startswith("B-") or (lab.startswith("I-") and (not cur or cur[0] != lab[2:])):
            cur = [lab[2:], k, k + 1]
            spans.append(cur)  # type: ignore[arg-type]
        elif lab.startswith("I-") and cur:
            cur[2] = k + 1
        else:
            cur = []
    return [tuple(s) for s in spans]  # type: ignore[misc]


NAME_PUNCT = frozenset({"-", ".", "'"})
ROMAN = re.compile(r"^[IVXLC]+$")
#: least confidence of a CRF span, by type. The team-written corpus teaches ORG least well (bare
#: brand or club names look like people and places), so an unsure ORG span is dropped; 0.8 keeps
#: every CRF ORG span that is right on the project's news gold and drops 2 of 5 wrong ones on its
#: sample-site gold (tests/gold, measured when set).
MIN_CONF = {"ORG": 0.8}
#: lexicon tags that may open a span with a lower-case word ("xã Tân Sơn", "đội tuyển Việt Nam")
LOWER_OPENERS = frozenset({"PFXA", "PFXV", "PFX", "ORGH"})


def plausible(v: SentenceView, i: int, j: int) -> bool:
    """A statistical span must look like a name: it holds a capital (or a number after a place
    word), it opens with a capital or a known prefix/head, and it is not a known non-entity."""
    if not any(v.cap(k) for k in range(i, j)) and not (j - i == 2 and v.digit(j - 1)):
        return False
    if not v.cap(i) and v.longest(i, LOWER_OPENERS) is None:
        return False
    if j - i == 1 and ROMAN.match(v.sylls[i].text):
        return False  # "III", "XV": a numeral
    return not v.has_match(i, j, {"NON"}) and not v.splits_word(i, j)


#: function words that a long organization name may hold ("Ban Chỉ đạo quốc gia về phòng, chống
#: thiên tai", "Hội Văn học nghệ thuật các dân tộc thiểu số", "Quỹ Vì người nghèo"); any other
#: boundary word (extract/data/name_boundaries.tsv: "đã", "của", "cho biết", "tổ chức") ends one
NAME_INNER = frozenset({"và", "các", "về", "vì", "cho", "những", "với", "trong", "trên", "tại", "từ", "mới",
                        "ra", "cấp", "đến"})
#: words that make the place after them a plural reference, no body's scope ("các xã Tân Sơn")
PLURALS = frozenset({"các", "những", "hai", "ba", "bốn", "năm", "nhiều", "mọi"})


def _runs_into_a_clause(v: SentenceView, i: int, j: int) -> bool:
    """Does an organization span run on into the sentence: a boundary word that no name holds,
    or places counted or listed after a verb ("hướng dẫn các xã ...")?"""
    for k in range(i + 1, j):
        m = None if v.cap(k) else v.boundary(k)
        if m is not None and v.surface(k, m.end) not in NAME_INNER:
            return True
        if v.low(k) in PLURALS and v.longest(k + 1, {"PFXA", "PFXV"}) is not None:
            return True
    return False


def _before_apposed_place(v: SentenceView, i: int, j: int) -> int:
    """An organization ends before a comma that opens a place in apposition ("Trường THPT chuyên
    Lam Sơn, tỉnh Thanh Hóa"): the place is the school's address, not part of its name."""
    for k in range(i + 1, j - 1):
        if v.low(k) == "," and v.longest(k + 1, {"PFXA"}) is not None:
            return k
    return j


class CrfTagger:
    """Loads the model once; ``tag`` returns candidates for one sentence."""

    def __init__(self, path: Path = MODEL_PATH):
        self.path = path
        self._tagger = CRFTagger()
        with plain_model(path) as plain:
            self._tagger.load(str(plain))
            #: the attributes the model weighs (5,842 of 231,190 after L1): the tagger is handed
            #: only these, since the others add nothing to any score and cost a lookup each
            self._known = KnownFeatures(read_weights(plain.read_bytes()).state)
        self._labels = list(self._tagger.labels())

    def tag(self, v: SentenceView, rules: list[Cand]) -> list[Cand]:
        """Candidates the model finds in one sentence, given the resolved rule candidates (they
        are features: the model learned how far to trust them). Spans that do not look like a
        name (:func:`plausible`, a person with a lower-case syllable, an acronym glued to a name)
        are dropped here: the overlap policy only arbitrates overlaps, so it would keep a lone
        implausible span."""
        n = len(v)
        feats = self._known.select(feature_pairs(v.sylls, lexicon_layers(n, v.matches), rule_layer(n, rules)))
        labels = self._tagger.tag(feats)
        spans = decode(labels)
        if not spans:
            return []
        marg = self._tagger.marginals(feats)
        index = {lab: i for i, lab in enumerate(self._labels)}
        out = []
        for typ, i, j in spans:
            if typ == "ORG":
                j = _before_apposed_place(v, i, j)
            if typ not in ENTITY_TYPES or not plausible(v, i, j):
                continue
            while typ == "PER" and v.low(j) == "-" and v.hyphen_part(j + 1):
                j += 2  # the CRF stopped at the hyphen of "Kim Jong-un"
            if typ == "PER" and not all(v.cap(k) or v.low(k) in NAME_PUNCT or v.hyphen_part(k) for k in range(i, j)):
                continue  # every syllable of a person's name is capitalized (but "Jong-un")
            if typ == "PER" and j - i > 1 and v.sylls[i].shape == "AA" and len(v.sylls[i].text) > 2:
                continue  # "VICOFA Lê Nam Hải": an acronym glued to a name
            if typ in ("ORG", "LOC") and v.sylls[j - 1].shape == "a" and not v.word_inner(j - 1):
                continue  # a name the CRF runs into a verb ("Đồn Biên phòng Thanh quản lý")
            if typ == "ORG" and _runs_into_a_clause(v, i, j):
                continue  # "Sở Y tế hướng dẫn các xã Tân Sơn": the body, then what it does
            conf = min(marg[k][index[labels[k]]] for k in range(i, j))
            if conf >= MIN_CONF.get(typ, 0.0):
                out.append(Cand(typ, i, j, float(conf), "crf"))
        return out
