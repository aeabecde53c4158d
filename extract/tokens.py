"""Word segmentation with offsets (underthesea's model, decoded by :mod:`.segment`), one
component of the pipeline.

The segmenter returns words as strings whose syllables are joined by one space (as underthesea's
``word_tokenize``); we find each syllable in the sentence in order to recover offsets, so the
original spacing and characters are kept. Like ``use_token_normalize=False`` in underthesea, the
segmenter never rewrites characters we must find again.
"""

from __future__ import annotations

import logging

from .doc import Doc, Token
from .segment import load_segmenter

log = logging.getLogger(__name__)


def _align(words: list[str], text: str, base: int) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    for word in words:
        start = end = -1
        for syl in word.split(" "):
            if not syl:
                continue
            at = text.find(syl, pos)
            if at < 0:  # underthesea changed the characters: fall back to what we can find
                break
            if start < 0:
                start = at
            end = at + len(syl)
            pos = end
        if start >= 0:
            tokens.append(Token(text=text[start:end], start=base + start, end=base + end))
    return tokens


def tokenize_text(text: str, base: int = 0) -> list[Token]:
    """Segment ``text`` into words; offsets are shifted by ``base``."""
    if not text.strip():
        return []
    words = load_segmenter().words(text)
    return _align(words, text, base)


def tokenize(doc: Doc) -> Doc:
    """Pipeline component: fill each sentence's ``tokens`` (segmented over ``doc.norm``)."""
    for sent in doc.sentences:
        sent.tokens = tokenize_text(doc.norm[sent.start : sent.end], sent.start)
    return doc
