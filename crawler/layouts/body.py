"""Body paragraphs and images out of the article's content container(s).

One walk in document order turns the container into text pieces (paragraphs, sub-headings, pull
quotes, questions and answers, captions) and images. It skips what is not the article: scripts and
players, ads, share buttons, "Xem thêm"/related boxes (by the layout's selectors and by class names
any CMS uses for them). A figure's caption is kept once: the CMS prints it twice (in the image
table and again in an italic paragraph), so a piece equal to the one just emitted is dropped;
an element is a caption when the layout says so, when it is a <figcaption>, or when its class
names a caption (what a redesign is least likely to rename).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .text import INVISIBLE_TAGS, classes, clean, element_text

#: Elements that hold one piece of text each.
TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "dt", "dd",
                         "caption", "address"})
#: Inline elements: their text joins the paragraph around them.
INLINE = frozenset({"a", "b", "strong", "em", "i", "u", "span", "sup", "sub", "font", "small", "big", "mark",
                    "abbr", "cite", "q", "code", "time", "s", "strike", "del", "ins", "br", "img", "label"})
#: Never article text, whatever the layout (forms, navigation, page chrome).
SKIPPED = INVISIBLE_TAGS | {"form", "nav", "aside", "header", "footer", "menu", "dialog"}
#: Class names of clutter on news sites: ads, sharing, related/"Xem thêm", comments, tags, print.
JUNK_CLASS = re.compile(
    r"(?:^|[-_])(?:ads?|adv|advert\w*|adsbygoogle|banner|share|sharing|social|related|relate|"
    r"comments?|tags?|tag-\w+|keywords?|print|rating|toolbar|breadcrumbs?|crumbs?|newsletter|subscribe|"
    r"tinlienquan|tin-lien-quan|lienquan|tinkhac|tin-khac|xemthem|xem-them|docthem|doc-them|quangcao|"
    r"quang-cao|box-more)(?:$|[-_])", re.IGNORECASE)
#: Class names of page chrome around an article: an ancestor so named puts a node outside the text
#: (narrower than JUNK_CLASS: "print-page" or "share-wrap" may hold the article itself).
CHROME_CLASS = re.compile(
    r"^(?!(?:post|entry|article|news|story|detail|content|single|node|item|m)[-_])(?:[\w-]*[-_])?"
    r"(?:sidebar|side-bar|footer|header|menu|navbar|nav|widget|comments?|related|relate|banner|"
    r"ads?|advert\w*|breadcrumbs?|most-read|docnhieu|doc-nhieu|tinlienquan|box-more)(?:$|[-_])", re.IGNORECASE)
#: Attributes a lazy-loading script reads the real image address from (before ``src``, which then
#: holds a placeholder).
IMAGE_SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "data-srcset", "src")
_FIGURE_LIKE = ("figure", "table")
#: Class and id names whose verdict is kept (a site's templates use a few hundred; the regexes
#: above ran for every element of every walk, a tenth of the generic layer's own time).
NAME_CACHE = 8192


@dataclass
class Body:
    """What the walk found: ``pieces`` in reading order, ``images`` as [{src, caption}]."""

    pieces: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines: the record's ``body``."""
        return "\n\n".join(self.pieces)


@lru_cache(maxsize=NAME_CACHE)
def junk_name(name: str) -> bool:
    """Does a class name or id name clutter (``JUNK_CLASS``)?"""
    return JUNK_CLASS.search(name) is not None


@lru_cache(maxsize=NAME_CACHE)
def chrome_name(name: str) -> bool:
    """Does a class name name page chrome (``CHROME_CLASS``)?"""
    return CHROME_CLASS.search(name) is not None


def is_junk(node: HtmlElement, dropped: Collection[HtmlElement] = ()) -> bool:
    """Page chrome or clutter by tag, by the layout's drop list, or by a class/id naming clutter."""
    if node.tag in SKIPPED or node in dropped:
        return True
    return any(junk_name(c) for c in classes(node)) or junk_name(node.get("id") or "")


def _names_caption(node: HtmlElement) -> bool:
    return "caption" in (node.get("class") or "").lower()


def image_src(img: HtmlElement, base_url: str) -> str | None:
    """The image's address: the lazy-loading attribute first, never a ``data:`` placeholder."""
    for attr in IMAGE_SRC_ATTRS:
        value = img.get(attr)
        if value and value.strip() and not value.startswith("data:"):
            first = value.strip().split(",")[0].split()[0] if attr.endswith("srcset") else value.strip()
            return urljoin(base_url, first)
    return None


class _Walker:
    def __init__(self, base_url: str, dropped: Collection[HtmlElement], captions: Collection[HtmlElement]) -> None:
        self.base_url = base_url
        self.dropped = dropped
        self.captions = captions
        self.body = Body()
        self.image_nodes: list[tuple[HtmlElement, dict[str, str]]] = []
        self.inline: list[str] = []

    def emit(self, text: str) -> None:
        text = clean(text)
        if text and (not self.body.pieces or self.body.pieces[-1] != text):  # a caption's second printing
            self.body.pieces.append(text)

    def flush(self) -> None:
        if self.inline:
            self.emit("".join(self.inline))
            self.inline = []

    def add_caption(self, node: HtmlElement) -> None:
        text = element_text(node, self.dropped)
        self.emit(text)
        holder = next(node.iterancestors(*_FIGURE_LIKE), None)
        for img, image in reversed(self.image_nodes):
            if image["caption"]:
                continue
            if holder is None or any(a is holder for a in img.iterancestors(*_FIGURE_LIKE)):
                image["caption"] = clean(text)
                break

    def add_image(self, img: HtmlElement) -> None:
        src = image_src(img, self.base_url)
        if src and all(i["src"] != src for i in self.body.images):
            image = {"src": src, "caption": ""}
            self.body.images.append(image)
            self.image_nodes.append((img, image))

    def add_images(self, node: HtmlElement) -> None:
        for img in node.iter("img"):
            self.add_image(img)

    def walk(self, node: HtmlElement) -> None:
        if node.text:
            self.inline.append(node.text)
        for child in node:
            self.visit(child)
            if child.tail:
                self.inline.append(child.tail)

    def visit(self, child: HtmlElement) -> None:
        tag = child.tag
        if not isinstance(tag, str) or is_junk(child, self.dropped):
            return
        if child in self.captions or tag == "figcaption" or _names_caption(child):
            self.flush()
            self.add_caption(child)
        elif tag in TEXT_BLOCKS:
            self.flush()
            self.add_images(child)
            self.emit(element_text(child, self.dropped))
        elif tag == "img":
            self.add_image(child)
        elif tag in INLINE:
            if tag == "br":
                self.inline.append(" ")
                return
            self.add_images(child)
            self.inline.append(element_text(child, self.dropped))
        else:  # a container: div, section, blockquote, figure, table, ul...
            self.flush()
            self.walk(child)
            self.flush()


def extract_body(containers: list[HtmlElement], base_url: str, dropped: Collection[HtmlElement] = (),
                 captions: Collection[HtmlElement] = ()) -> Body:
    """Walk ``containers`` in order (an e-magazine has one per chapter) into one Body.

    ``dropped``: elements to leave out (the layout's clutter selectors); ``captions``: caption
    elements that are not ``<figcaption>`` (the CMS uses a table cell).
    """
    walker = _Walker(base_url, frozenset(dropped), frozenset(captions))
    for container in containers:
        walker.walk(container)
        walker.flush()
    return walker.body
