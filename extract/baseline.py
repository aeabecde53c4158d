"""Raw underthesea NER as a baseline, run exactly as a user would call it.

``baodantoc evaluate`` prints our scores side by side with these, on the same text in the same run,
so every claim of improvement is measured, not remembered. underthesea is called line by line (it
has no notion of paragraphs) and its word tokens are found back in the text to get offsets.
"""

from __future__ import annotations

from typing import Any

from .normalize import make_doc, to_raw_offset


def _line_entities(line: str, base: int) -> list[dict[str, Any]]:
    from underthesea import ner

    out: list[dict[str, Any]] = []
    pos = 0
    cur: dict[str, Any] | None = None
    for word, _pos, _chunk, tag in ner(line):
        at = line.find(word, pos)
        if at < 0:
            cur = None
            continue
        pos = at + len(word)
        if tag.startswith("B-"):
            cur = {"type": tag[2:], "start": base + at, "end": base + pos}
            out.append(cur)
        elif tag.startswith("I-") and cur is not None and cur["type"] == tag[2:]:
            cur["end"] = base + pos
        else:
            cur = None
    return out


def underthesea_entities(text: str) -> list[dict[str, Any]]:
    """Entities of raw ``underthesea.ner`` with offsets into ``text`` (types as it prints them)."""
    doc = make_doc(text)  # NFC, as underthesea expects; offsets mapped back below
    ents: list[dict[str, Any]] = []
    offset = 0
    for line in doc.text.split("\n"):
        if line.strip():
            ents.extend(_line_entities(line, offset))
        offset += len(line) + 1
    source = doc.raw if doc.raw is not None else doc.text
    for e in ents:
        e["start"], e["end"] = to_raw_offset(doc, e["start"]), to_raw_offset(doc, e["end"])
        e["text"] = source[e["start"] : e["end"]]
    return ents
