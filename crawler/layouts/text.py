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
_NON_WORD = re.compile(r"\W+")


def clean(text: str | None) -> str:
    """NFC with whitespace runs collapsed to one space and the ends stripped ("" for None).

    ``str.split()`` splits on exactly the characters regex ``\\s`` matches (both are
    ``str.isspace``; checked over every code point in tests/test_layout_speed.py), at a third of
    the cost of ``re.sub`` and ``strip``: this runs on every text node the layers read.
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """``text`` as compared, not as shown: case-folded, each run of non-word characters one space
    ("Tin liên quan:" and "TIN LIÊN QUAN" fold alike). ``\\W`` costs ~20 ns a character: a
    caller comparing a paragraph more than once folds it once (``cleaning.clean_body``)."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


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
