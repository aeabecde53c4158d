"""Reading a CRFsuite model file, and decoding with it in Python.

underthesea's word segmenter and our entity tagger are linear-chain CRFs saved in CRFsuite's
binary format (underthesea_core writes it). underthesea_core tags from lists of feature strings,
which the caller must first build for every template, most of which the model gave no weight
(the entity model keeps 5,842 of its 231,190 attributes). Reading the weights ourselves lets a
caller score only what the model knows, and cache what repeats (a syllable's contribution does
not change from one sentence to the next): the word segmenter in :mod:`.segment` does that.

Format (CRFsuite's crf1d model): a 48-byte header with the offsets of the features chunk
("FEAT": type, source, destination, weight per feature), the label and attribute string tables
(CQDB databases, read here through their id-ordered backward array) and two reference chunks
this reader does not need. A state feature (type 0) weighs an attribute for a label, a
transition feature (type 1) a label after a label.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_FEATURE = struct.Struct("<IIId")
STATE, TRANSITION = 0, 1


class CrfFormatError(ValueError):
    """The bytes are not a CRFsuite model this reader understands."""


@dataclass(frozen=True)
class CrfWeights:
    """A model's weights: ``state[attribute][label]`` for attributes with any weight (others are
    absent: they add nothing) and ``transition[from][to]``."""

    labels: tuple[str, ...]
    state: dict[str, tuple[float, ...]]
    transition: tuple[tuple[float, ...], ...]


def _strings(data: bytes, offset: int) -> list[str]:
    """The strings of a CQDB database, by id."""
    chunk, _size, _flag, _order, count, backward = _CQDB.unpack_from(data, offset)
    if chunk != b"CQDB":
        raise CrfFormatError(f"expected a CQDB string table at {offset}, found {chunk!r}")
    out = []
    for (record,) in struct.iter_unpack("<I", data[offset + backward : offset + backward + 4 * count]):
        _id, size = struct.unpack_from("<II", data, offset + record)
        out.append(data[offset + record + 8 : offset + record + 7 + size].decode("utf-8"))
    return out


def read_weights(data: bytes) -> CrfWeights:
    """Parse a CRFsuite model file's bytes."""
    if len(data) < _HEADER.size:
        raise CrfFormatError("too short for a CRFsuite model")
    magic, _size, kind, _version, _nf, n_labels, _na, off_features, off_labels, off_attrs, _lr, _ar = \
        _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise CrfFormatError(f"not a CRFsuite linear-chain model (magic {magic!r}, type {kind!r})")
    labels = _strings(data, off_labels)
    attrs = _strings(data, off_attrs)
    chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_features)
    if chunk != b"FEAT" or len(labels) != n_labels:
        raise CrfFormatError("the features chunk or the label table is not where the header says")
    start = off_features + 12
    state: dict[str, list[float]] = {}
    transition = [[0.0] * n_labels for _ in range(n_labels)]
    for kind_, src, dst, weight in _FEATURE.iter_unpack(data[start : start + _FEATURE.size * count]):
        if kind_ == STATE:
            state.setdefault(attrs[src], [0.0] * n_labels)[dst] += weight
        elif kind_ == TRANSITION:
            transition[src][dst] += weight
    return CrfWeights(tuple(labels), {a: tuple(w) for a, w in state.items()},
                      tuple(tuple(row) for row in transition))


def viterbi(emissions: list[list[float]], transition: tuple[tuple[float, ...], ...]) -> list[int]:
    """The best label sequence (label indexes) for per-position label scores ``emissions``."""
    if not emissions:
        return []
    n_labels = len(transition)
    labels = range(n_labels)
    score = list(emissions[0])
    back: list[list[int]] = []
    for emit in emissions[1:]:
        step = []
        new = []
        for y in labels:
            best = max(labels, key=lambda x, y=y: score[x] + transition[x][y])
            step.append(best)
            new.append(score[best] + transition[best][y] + emit[y])
        back.append(step)
        score = new
    y = max(labels, key=score.__getitem__)
    path = [y]
    for step in reversed(back):
        y = step[y]
        path.append(y)
    path.reverse()
    return path
