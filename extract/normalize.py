"""Text normalization that keeps offsets: the first component of the pipeline.

Vietnamese text reaches us in several spellings of the same word: decomposed (NFD) or composed
(NFC) Unicode, and the old or new tone placement ("hoà"/"hòa", "uỷ"/"ủy"). Gazetteers and rules
are written once, in the new placement, so the matcher must see one spelling. ``norm`` replaces
characters one for one (it never changes the length), so an offset found in ``norm`` is valid in
``text``. Only NFC composition changes length; it runs first and leaves an offset map back to the
caller's string.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from .doc import Doc

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng

# Old placement puts the tone on the second vowel of "oa", "oe", "uy" in an open syllable
# ("hoà", "khoẻ", "thuỷ"); the new one on the first ("hòa", "khỏe", "thủy"). Build both spellings
# for every tone and case, as two-character swaps of equal length.
_SWAPS: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _tone in _TONES:
        for _f, _s in ((_first, _second), (_first.upper(), _second.upper()), (_first.upper(), _second)):
            old = _f + unicodedata.normalize("NFC", _s + _tone)
            new = unicodedata.normalize("NFC", _f + _tone) + _s
            _SWAPS[old] = new

# Only at a syllable end (a following letter means a closed syllable such as "hoàn", where both
# placements agree) and not after "q" ("quý": the u belongs to the consonant).
_OLD_TONE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _SWAPS), key=len, reverse=True)) + r")(?![^\W\d_])"
)

# One-for-one character replacements: spaces, quotes, dashes, control characters.
_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ", "\u00ad": " ",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\t": " ", "\r": " ", "\x0b": " ", "\x0c": " ",
}
for _cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
    _ch = chr(_cp)
    if _ch not in ("\n",) and _ch not in _CHAR_MAP:
        _CHAR_MAP[_ch] = " "
_TRANSLATE = str.maketrans(_CHAR_MAP)


def normalize_chars(text: str) -> str:
    """The equal-length normalized view of an NFC string (see module docstring)."""
    out = text.translate(_TRANSLATE)
    return _OLD_TONE.sub(lambda m: _SWAPS[m.group(1)], out)


def fold_tone_placement(text: str) -> str:
    """New tone placement only ("hoà" -> "hòa"); used to build gazetteer keys the same way."""
    return _OLD_TONE.sub(lambda m: _SWAPS[m.group(1)], unicodedata.normalize("NFC", text))


def compose(raw: str) -> tuple[str, list[int] | None]:
    """NFC-compose ``raw``; return the text and a map from its offsets to ``raw`` offsets.

    The map is None when ``raw`` is already NFC (the usual case: the crawler stores NFC), so the
    common path costs one check.
    """
    if unicodedata.is_normalized("NFC", raw):
        return raw, None
    text_parts: list[str] = []
    offsets: list[int] = []
    # Compose grapheme by grapheme (a base character plus its combining marks) to keep the map.
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        piece = unicodedata.normalize("NFC", raw[i:j])
        for _ in piece:
            offsets.append(i)
        text_parts.append(piece)
        i = j
    offsets.append(n)
    return "".join(text_parts), offsets


def to_raw_offset(doc: Doc, offset: int) -> int:
    """Offset in ``doc.text`` -> offset in the caller's original string."""
    if doc.raw_offsets is None:
        return offset
    return doc.raw_offsets[min(offset, len(doc.raw_offsets) - 1)]


def from_raw_offset(doc: Doc, raw_offset: int) -> int:
    """Offset in the caller's original string -> offset in ``doc.text`` (for gold alignment)."""
    if doc.raw_offsets is None:
        return raw_offset
    return max(0, bisect_right(doc.raw_offsets, raw_offset) - 1)


def make_doc(raw: str, meta: dict | None = None) -> Doc:
    """Create a Doc from caller text: compose to NFC, then fill ``norm``."""
    text, offsets = compose(raw)
    doc = Doc(text=text, meta=dict(meta or {}), raw_offsets=offsets, raw=raw if offsets else None)
    doc.norm = normalize_chars(text)
    return doc
