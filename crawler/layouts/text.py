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
_WORD = re.compile(r"\w+")


def clean(text: str | None) -> str:
    """NFC with whitespace runs collapsed to one space and the ends stripped ("" for None).

    ``str.split()`` splits on exactly the characters regex ``\\s`` matches (both are
    ``str.isspace``; checked over every code point in tests/test_layout_speed.py), at a third of
    the cost of ``re.sub`` and ``strip``: this runs on every text node the layers read.
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def words(text: str) -> list[str]:
    """The words of ``text`` as compared: runs of word characters (``\\w``), case-folded."""
    return _WORD.findall(text.casefold())


def fold(text: str) -> str:
    """``text`` as compared, not as shown: case-folded, each run of non-word characters one space
    ("Tin liên quan:" and "TIN LIÊN QUAN" fold alike): its words joined by spaces."""
    return " ".join(words(text))


class Words:
    """The words of each text a page's layers compare, split once per page.

    A regex over a paragraph costs ~40 ns a character, and the generic layer compared each
    paragraph up to five times (the cleaning rules' repeats and captions, the walk's coverage of the
    extractor's text, the fingerprint): a tenth of a drift page's parse. Paragraphs repeat from one
    extractor's answer to the next, so the split is kept by text, for one page (``PageBundle.words``).
    """

    __slots__ = ("_split",)

    def __init__(self) -> None:
        self._split: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        """``words(text)``, split the first time only."""
        found = self._split.get(text)
        if found is None:
            found = self._split[text] = words(text)
        return found

    def fold(self, text: str) -> str:
        """``fold(text)`` from the kept split."""
        return " ".join(self(text))


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
