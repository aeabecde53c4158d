"""Text with spans marked up as HTML: the number in its sentence, the entities and facts of an article.

Why a function of our own: spans come from offsets (facts, mentions, search matches) that may
overlap (a fact inside a place name's sentence, a search word inside a number); the first span of
higher priority wins and the others are dropped where they overlap, so the HTML always nests.
Every piece of text is escaped; only our tags are markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """[start, end) of the text to wrap in ``tag`` with ``attrs``; lower ``priority`` wins overlaps."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    priority: int = 0


def _open(span: Span) -> str:
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in span.attrs.items() if v is not None)
    return f"<{span.tag}{attrs}>"


def non_overlapping(spans: list[Span], length: int) -> list[Span]:
    """The spans kept: inside the text, non-empty, no two overlapping (by priority, then position,
    longer first)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.priority, s.start, -(s.end - s.start))):
        if not 0 <= span.start < span.end <= length:
            continue
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def mark(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, with each kept span wrapped in its tag."""
    out, at = [], 0
    for span in non_overlapping(spans, len(text)):
        out.append(str(escape(text[at:span.start])))
        out.append(_open(span) + str(escape(text[span.start:span.end])) + f"</{span.tag}>")
        at = span.end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def paragraphs(text: str, spans: list[Span], first: int = 0) -> list[Markup]:
    """Marked paragraphs of ``text`` (blank-line separated), spans given in offsets of the whole
    text (``first``: the offset of ``text`` in it); a span across a paragraph break is dropped."""
    out, at = [], 0
    for block in text.split("\n\n"):
        start, end = first + at, first + at + len(block)
        inside = [Span(s.start - start, s.end - start, s.tag, s.attrs, s.priority)
                  for s in spans if s.start >= start and s.end <= end]
        if block.strip():
            out.append(mark(block, inside))
        at += len(block) + 2
    return out
