"""Near-duplicate detection for article bodies, to recognize a cross-post under another id.

VietNamNet republishes the paper's stories under its own 7-digit ids with its own markup; a copy
may gain a "Theo ..." line, lose a caption or a paragraph, or have a sentence re-worded, so an
exact hash would miss it. Two stages, as in classic near-duplicate detection:

1. a 64-bit SimHash (Charikar) over word 3-grams, stored with every article: a cheap shortlist
   of stored articles within ``SHORTLIST_DISTANCE`` bits;
2. the resemblance (Jaccard index of the 3-gram sets) of the bodies themselves, which decides.

Calibration (sample site: 48 hand-written + 300 template-generated articles, and each
hand-written body edited three ways: a source line added, the last paragraph dropped, commas
removed): edited copies are 0-14 bits from their original and resemble it >= 0.69; distinct
hand-written stories are >= 18 bits apart and resemble each other <= 0.05; template-generated
ones (the hardest case: shared sentence frames) come within 9 bits but resemble <= 0.46. Hence a
shortlist at 16 bits and the decision at 0.6 resemblance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

#: Word n-gram size: long enough that stock phrases ("Ủy ban nhân dân tỉnh") do not make two
#: stories look alike, short enough that a changed word moves few features.
SHINGLE = 3
#: Stored articles whose fingerprint is within this many of 64 bits are compared in full.
SHORTLIST_DISTANCE = 16
#: Jaccard resemblance of 3-gram sets from which two bodies are one story.
MIN_RESEMBLANCE = 0.6
#: Bodies shorter than this many words get no fingerprint: too little text to tell stories apart.
MIN_WORDS = 30
_WORD = re.compile(r"\w+")
#: BLAKE2b with an 8-byte digest, no key: each shingle's hash starts from a copy of it.
_BLAKE2B_8 = hashlib.blake2b(digest_size=8)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(text: str) -> set[str]:
    """The set of word 3-grams of a text (case and punctuation ignored)."""
    words = _words(text)
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def fingerprint(text: str) -> str | None:
    """16 hex digits of SimHash over word 3-grams, or None for a body too short to fingerprint."""
    return fingerprint_words(_words(text))


def fingerprint_words(words: list[str]) -> str | None:
    """:func:`fingerprint` of a text whose words (``\\w+`` runs of its NFC, case-folded form) are
    already split: a parser that has split the body's paragraphs passes them in order (a text's
    words are its paragraphs' words one after the other: no word spans the blank line)."""
    if len(words) < MIN_WORDS:
        return None
    # the bytes hashed are exactly those of " ".join(3 words).encode(), so stored fingerprints stay
    # comparable (tests/test_crawl_cleaning.py pins them), at two thirds of the cost: each word is
    # encoded once, the shingles are joined as bytes, and each hash starts as a copy of one
    # initialized 8-byte BLAKE2b state (setting up the parameter block is most of a short hash)
    encoded = [word.encode("utf-8") for word in words]
    fresh = _BLAKE2B_8.copy
    digests = []
    for gram in map(b" ".join, zip(*(encoded[i:] for i in range(SHINGLE)), strict=False)):
        state = fresh()
        state.update(gram)
        digests.append(state.digest())
    # one row of 64 bits per shingle; a fingerprint bit is set where most shingles have it set
    bits = np.unpackbits(np.frombuffer(b"".join(digests), dtype=np.uint8)).reshape(-1, 64)
    majority = bits.sum(axis=0) * 2 > bits.shape[0]
    return np.packbits(majority).tobytes().hex()


def distance(a: str, b: str) -> int:
    """Number of differing bits between two fingerprints."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def shortlisted(a: str | None, b: str | None) -> bool:
    """Are two fingerprints close enough to compare the texts? Missing fingerprints never are."""
    return a is not None and b is not None and distance(a, b) <= SHORTLIST_DISTANCE


def resemblance(a: str, b: str) -> float:
    """Jaccard index of the two texts' 3-gram sets (0: nothing shared, 1: same wording)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def same_story(a: str, b: str) -> bool:
    """Are two bodies one story (see module doc)?"""
    return shortlisted(fingerprint(a), fingerprint(b)) and resemblance(a, b) >= MIN_RESEMBLANCE
