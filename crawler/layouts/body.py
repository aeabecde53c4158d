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
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import NavigableString, Tag

from .text import INVISIBLE_TAGS, clean, element_text

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
    r"comments?|tags?|tag-\w+|print|rating|toolbar|breadcrumb|newsletter|subscribe)(?:$|[-_])", re.IGNORECASE)
_FIGURE_LIKE = ("figure", "table")


@dataclass
class Body:
    """What the walk found: ``pieces`` in reading order, ``images`` as [{src, caption}]."""

    pieces: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines: the record's ``body``."""
        return "\n\n".join(self.pieces)


def _is_junk(node: Tag, dropped: frozenset[int]) -> bool:
    if node.name in SKIPPED or id(node) in dropped:
        return True
    classes = node.get("class") or []
    return any(JUNK_CLASS.search(c) for c in classes) or bool(JUNK_CLASS.search(str(node.get("id") or "")))


def _names_caption(node: Tag) -> bool:
    return any("caption" in c.lower() for c in node.get("class") or ())


def _image_src(img: Tag, base_url: str) -> str | None:
    for attr in ("data-original", "data-src", "src"):
        value = img.get(attr)
        if isinstance(value, str) and value.strip() and not value.startswith("data:"):
            return urljoin(base_url, value.strip())
    return None


class _Walker:
    def __init__(self, base_url: str, dropped: frozenset[int], captions: frozenset[int]) -> None:
        self.base_url = base_url
        self.dropped = dropped
        self.captions = captions
        self.body = Body()
        self.image_nodes: list[tuple[Tag, dict[str, str]]] = []
        self.inline: list[str] = []

    def emit(self, text: str) -> None:
        text = clean(text)
        if text and (not self.body.pieces or self.body.pieces[-1] != text):  # a caption's second printing
            self.body.pieces.append(text)

    def flush(self) -> None:
        if self.inline:
            self.emit("".join(self.inline))
            self.inline = []

    def add_caption(self, node: Tag) -> None:
        text = element_text(node, self.dropped)
        self.emit(text)
        holder = next((p for p in node.parents if p.name in _FIGURE_LIKE), None)
        for img, image in reversed(self.image_nodes):
            if image["caption"]:
                continue
            if holder is None or holder in img.parents:
                image["caption"] = clean(text)
                break

    def add_image(self, img: Tag) -> None:
        src = _image_src(img, self.base_url)
        if src and all(i["src"] != src for i in self.body.images):
            image = {"src": src, "caption": ""}
            self.body.images.append(image)
            self.image_nodes.append((img, image))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    self.inline.append(str(child))
                continue
            if not isinstance(child, Tag) or _is_junk(child, self.dropped):
                continue
            if id(child) in self.captions or child.name == "figcaption" or _names_caption(child):
                self.flush()
                self.add_caption(child)
            elif child.name in TEXT_BLOCKS:
                self.flush()
                for img in child.find_all("img"):
                    self.add_image(img)
                self.emit(element_text(child, self.dropped))
            elif child.name == "img":
                self.add_image(child)
            elif child.name in INLINE:
                self.inline.append(" " if child.name == "br" else element_text(child, self.dropped)
                                   if child.find("img") is None else self._inline_with_images(child))
            else:  # a container: div, section, blockquote, figure, table, ul...
                self.flush()
                self.walk(child)
                self.flush()

    def _inline_with_images(self, node: Tag) -> str:
        for img in node.find_all("img"):
            self.add_image(img)
        return element_text(node, self.dropped)


def extract_body(containers: list[Tag], base_url: str, dropped: list[Tag] | None = None,
                 captions: list[Tag] | None = None) -> Body:
    """Walk ``containers`` in order (an e-magazine has one per chapter) into one Body.

    ``dropped``: elements to leave out (the layout's clutter selectors); ``captions``: caption
    elements that are not ``<figcaption>`` (the CMS uses a table cell).
    """
    walker = _Walker(base_url, frozenset(map(id, dropped or [])), frozenset(map(id, captions or [])))
    for container in containers:
        walker.walk(container)
        walker.flush()
    return walker.body
