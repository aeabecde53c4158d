"""Text of an element as a reader sees it: NFC, one space between words, nothing hidden.

The article text is the coordinate system of every mention and fact downstream, so it is built
the same way everywhere: NFC (decomposed input is composed; the spelling is otherwise kept as
written: "hoà" stays "hoà"), runs of whitespace (including non-breaking spaces and ``<br>``) become
one space, and script/style content never leaks into it.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

#: Elements whose content is never text a reader sees.
INVISIBLE_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "video", "audio", "source", "track", "map", "head", "button", "select", "textarea", "input",
})
_NON_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SPACE = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC with whitespace runs collapsed to one space and the ends stripped ("" for None)."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _gather(node: Tag, out: list[str], skip: frozenset[int]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _NON_TEXT):
                out.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append(" ")
            elif child.name not in INVISIBLE_TAGS and id(child) not in skip:
                _gather(child, out, skip)


def element_text(node: Tag | None, skip: frozenset[int] = frozenset()) -> str:
    """Visible text of an element, cleaned; descendants whose ``id()`` is in ``skip`` are left out."""
    if node is None:
        return ""
    out: list[str] = []
    _gather(node, out, skip)
    return clean("".join(out))
