"""Text of an element as a reader sees it: NFC, one space between words, nothing hidden.

The article text is the coordinate system of every mention and fact downstream, so it is built
the same way everywhere: NFC (decomposed input is composed; the spelling is otherwise kept as
written: "hoà" stays "hoà"), runs of whitespace (including non-breaking spaces and ``<br>``) become
one space, and script/style content never leaks into it.

Trees are lxml's: an element's own text is ``.text``, the text after it (still inside its parent)
is ``.tail``; comments and processing instructions are removed when the page is parsed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from lxml.html import HtmlElement

#: Elements whose content is never text a reader sees.
INVISIBLE_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "video", "audio", "source", "track", "map", "head", "button", "select", "textarea", "input",
    "title", "math",
})
_SPACE = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC with whitespace runs collapsed to one space and the ends stripped ("" for None)."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def classes(node: HtmlElement) -> list[str]:
    """The element's class names (``class="a  b"`` -> ["a", "b"])."""
    value = node.get("class")
    return value.split() if value else []


def _gather(node: HtmlElement, out: list[str], skip: Collection[HtmlElement]) -> None:
    if node.text:
        out.append(node.text)
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            if tag == "br":
                out.append(" ")
            elif tag not in INVISIBLE_TAGS and child not in skip:
                _gather(child, out, skip)
        if child.tail:
            out.append(child.tail)


def element_text(node: HtmlElement | None, skip: Collection[HtmlElement] = frozenset()) -> str:
    """Visible text of an element, cleaned; descendants in ``skip`` are left out (their tails kept)."""
    if node is None:
        return ""
    out: list[str] = []
    _gather(node, out, skip)
    return clean("".join(out))
