"""The generic body: a chain of main-text extractors, each tried when the one before found too little.

Order (the first that returns at least ``MIN_BODY_CHARS`` of text answers; if none does, the longest
answer wins, so a short page still gets what it has):

``trafilatura``  the reference library (its own cascade: main extractor, readability and jusText
                 comparisons, baseline rescue) in precision mode, without reader comments, asked for
                 structure (paragraphs, headings, quotes, lists, tables); images are read from the
                 page block that holds its text;
``trafilatura-balanced``  the same in its balanced mode, when precision kept too little;
``state``        an article held in the page's embedded JSON (Next.js ``__NEXT_DATA__``, Nuxt and
                 other ``window.__STATE__`` blobs, ``application/json`` scripts): a JavaScript
                 redesign may print no article HTML at all;
``density``      our own: the element holding the most paragraph text, read by the layout walk;
``paragraphs``   every paragraph outside the page chrome, in order;
``text``         every block of visible text in <body>: a page with article text never comes back
                 with an empty body, whatever its markup.

The JSON-LD ``articleBody`` is the metadata layer (``Layout.body``), tried before this chain only
when no selector answers and trafilatura finds less than half of it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from copy import copy
from functools import cache
from itertools import chain
from typing import Any

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from .body import SKIPPED, Body, extract_body, image_src, is_junk
from .bundle import PageBundle
from .text import INVISIBLE_TAGS, classes, clean, element_text
from .text import words as text_words

log = logging.getLogger(__name__)

#: A body shorter than this is "too little": the next extractor is tried. trafilatura's own
#: threshold for retrying (MIN_EXTRACTED_SIZE) is 250 characters; the paper's shortest real
#: articles (a photo story's captions) run to about 300.
MIN_BODY_CHARS = 250
#: The density walk: a <p> adds its length to its parent and this share to the grandparent.
GRANDPARENT_SHARE = 0.5
#: The paragraphs extractor keeps blocks at least this long (menus and labels are shorter).
MIN_PARAGRAPH_CHARS = 60
#: The layout walk of trafilatura's block replaces its text on a Vietnamese page when it keeps this
#: share of trafilatura's words and adds at most this factor plus this many words (captions,
#: questions, the credit lines the cleaning rules then remove). Sample site, drifted mode: the walk
#: keeps 100% and adds 3-12%; a block that also holds a comment thread or a related list grows >2x.
MIN_WALK_RECALL = 0.95
MAX_WALK_GROWTH = 1.3
MAX_WALK_EXTRA_WORDS = 60
#: Embedded JSON: a string holding article HTML or text must be at least this long.
MIN_STATE_CHARS = 400
_STATE_SCRIPT = re.compile(r"^\s*(?:window\.)?[\w$.]*(?:STATE|DATA|data|state|Store|store)\w*\s*=\s*", re.IGNORECASE)
_HTML_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)
#: Two line breaks with only spaces between: a paragraph break in an extractor's text.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "li", "td", "h2", "h3", "h4", "blockquote", "pre",
                         "figcaption", "dd"})

Extractor = Callable[[PageBundle], Body | None]
#: Elements that print one extracted piece (to find the block an extractor read).
_PIECE_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "li", "td", "pre", "dd", "dt", "figcaption", "blockquote")


def _length(body: Body | None) -> int:
    return sum(len(p) for p in body.pieces) if body else 0


# -- trafilatura -----------------------------------------------------------------------------------
def _xml_text(node: Any) -> str:
    """Text of a trafilatura output element; <lb/> (a <br>) reads as a line break (``_emit`` makes
    one a space and two a paragraph break, as <br><br> separates paragraphs on old pages)."""
    out: list[str] = [node.text or ""]
    for child in node:
        if child.tag == "lb":
            out.append("\n")
        elif child.tag not in ("graphic",):
            out.append(_xml_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _xml_pieces(node: Any, body: Body) -> None:
    """trafilatura's output tree -> pieces: a paragraph, heading, list item, table row each."""
    for child in node:
        tag = child.tag
        if tag in ("quote", "list", "table", "div", "section") and len(child) \
                and any(c.tag in ("p", "item", "row", "list", "quote", "head") for c in child):
            _xml_pieces(child, body)
        elif tag == "item":
            nested = [c for c in child if c.tag == "list"]
            for sub in nested:
                child.remove(sub)
            _emit(body, _xml_text(child))
            for sub in nested:
                _xml_pieces(sub, body)
        elif tag == "row":
            _emit(body, " ".join(clean(_xml_text(cell)) for cell in child))
        elif tag != "graphic":
            _emit(body, _xml_text(child))


def _emit(body: Body, text: str) -> None:
    for part in _PARAGRAPH_BREAK.split(text) if "\n" in text else (text,):
        part = clean(part)
        if part and (not body.pieces or body.pieces[-1] != part):
            body.pieces.append(part)


@cache
def _trafilatura_options(precision: bool, fast: bool) -> Any:
    """trafilatura's options object, built once per mode: building one reads its config file's
    values each time (a tenth of a fast extraction on a small page). Output "xml": the body tree is
    all we read, and "python" would also render it as text."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="xml", fast=fast, precision=precision, comments=False, tables=True)


def _trafilatura(b: PageBundle, precision: bool, fast: bool = True) -> Body | None:
    """trafilatura on the page's tree (it copies it), in its fast mode (no readability/jusText
    comparison): the same word F1 on newspaper4k's 23 pages (0.946) in half the time. What the full
    mode adds on Vietnamese pages, a body split in two blocks, the walk's ``continuations`` finds.
    When precision keeps too little, the chain's next step is the balanced full mode."""
    import trafilatura  # imported on first use: it loads its own settings and language data

    options = copy(_trafilatura_options(precision, fast))
    options.url = options.source = b.url  # the page's own: never shared between pages
    try:
        doc = trafilatura.bare_extraction(b.root, options=options)
    except Exception as exc:  # a library failure on one page must not lose the page
        log.warning("trafilatura failed on %s: %s", b.url, exc)
        return None
    if doc is None or getattr(doc, "body", None) is None:
        return None
    body = Body()
    _xml_pieces(doc.body, body)
    container = text_container(b, body.pieces)
    if container is None:
        return body
    walked = extract_body([container], b.url)
    if container.tag != "body":
        body.images = walked.images
    if _vietnamese(b) and _covers(walked, body, b.words):
        more = continuations(container)
        # the paper's conventions: captions once, Q&A, sub-headings, as printed; a body split by an
        # ad or a related box goes on in a sibling block of the same kind
        return extract_body([container, *more], b.url) if more else walked
    return body


def continuations(container: HtmlElement) -> list[HtmlElement]:
    """Following siblings of the text block that continue it: same tag and a class in common,
    with only clutter (ads, related boxes, empty blocks) between them."""
    own = set(classes(container))
    found: list[HtmlElement] = []
    for sibling in container.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag == container.tag and own & set(classes(sibling)):
            found.append(sibling)
        elif not (is_junk(sibling) or not element_text(sibling) or sibling.tag in ("script", "style", "ins")):
            break
    return found


def _vietnamese(b: PageBundle) -> bool:
    from .heuristics import is_vietnamese  # heuristics imports this module's neighbours: import late

    return is_vietnamese(b)


def _common(a: Counter[str], b: Counter[str]) -> int:
    """How many tokens the two bags share (``sum((a & b).values())`` without building the bag)."""
    if len(b) < len(a):
        a, b = b, a
    get = b.get
    return sum(min(n, get(word, 0)) for word, n in a.items())


def _bag(pieces: list[str], words: Callable[[str], list[str]]) -> Counter[str]:
    return Counter(chain.from_iterable(map(words, pieces)))


def _covers(walked: Body, extracted: Body, words: Callable[[str], list[str]] = text_words) -> bool:
    """Does the layout walk of the extractor's block hold (nearly) all its text, and not much more?

    Compared as bags of words (``words``: the page's kept split, ``PageBundle.words``: most
    paragraphs are the same in both, and the cleaning rules and the fingerprint split them again).
    """
    want, have = _bag(extracted.pieces, words), _bag(walked.pieces, words)
    total = sum(want.values())
    if not total:
        return False
    kept = _common(want, have) / total
    captions = _bag([i["caption"] for i in walked.images], words)
    grown = sum(have.values()) - _common(have, captions)  # captions are what the walk is for: not counted
    return kept >= MIN_WALK_RECALL and grown <= MAX_WALK_GROWTH * total + MAX_WALK_EXTRA_WORDS


def trafilatura_body(b: PageBundle) -> Body | None:
    """trafilatura's main text, precision first: comment threads, subscription boxes and link lists
    stay out (measured on newspaper4k's 23 test pages: word F1 0.922 balanced, 0.964 precision)."""
    return _trafilatura(b, precision=True)


def trafilatura_balanced_body(b: PageBundle) -> Body | None:
    """trafilatura's balanced mode, when precision kept too little."""
    return _trafilatura(b, precision=False, fast=False)


def text_container(b: PageBundle, pieces: list[str]) -> HtmlElement | None:
    """The smallest element that holds the first and the last extracted paragraph.

    An extractor returns text; the images (and on Vietnamese pages the captions and Q&A the paper
    keeps) are read from this block with the layout walk.
    """
    if not pieces:
        return None
    wanted = set(pieces)
    lengths = {len(p) for p in wanted}

    def prints_a_piece(node: HtmlElement) -> bool:
        return len(clean(node.text_content())) in lengths and element_text(node) in wanted

    # only the first and the last printing matter: searched from each end (the page's chrome is
    # read up to the article's first and from its last paragraph, not the article in between)
    nodes = list(b.body_element.iter(*_PIECE_TAGS))
    at = next((i for i, node in enumerate(nodes) if prints_a_piece(node)), None)
    if at is None:
        return None
    last = next(node for node in reversed(nodes) if prints_a_piece(node))
    first = nodes[at]
    if last is first:
        return None
    chain = [first, *first.iterancestors()]  # held, so each proxy (and its id) lives while compared
    container = next((a for a in (last, *last.iterancestors()) if any(a is c for c in chain)), None)
    if container is None or container.tag == "html":
        return None
    return container


# -- embedded JSON state ---------------------------------------------------------------------------
def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def _state_blobs(b: PageBundle) -> Iterator[Any]:
    for script in b.root.iter("script"):
        kind = (script.get("type") or "").lower()
        raw = (script.text or "").strip()
        if not raw or kind == "application/ld+json":
            continue
        if "json" in kind or script.get("id") in ("__NEXT_DATA__", "__NUXT_DATA__"):
            candidates = [raw]
        else:
            match = _STATE_SCRIPT.match(raw)
            candidates = [raw[match.end():].rstrip().rstrip(";")] if match else []
        for text in candidates:
            try:
                yield json.loads(text)
            except (json.JSONDecodeError, RecursionError):
                continue


def state_body(b: PageBundle) -> Body | None:
    """The longest article-like string in the page's embedded JSON, read as HTML or paragraphs."""
    best: tuple[int, str] | None = None
    for blob in _state_blobs(b):
        for key, value in _strings(blob):
            if len(value) < MIN_STATE_CHARS or value.lstrip().startswith(("{", "[", "http")):
                continue
            html = bool(_HTML_PARAGRAPH.search(value))
            text_like = html or value.count(". ") >= 3
            score = len(value) + (10_000 if html or "body" in key.lower() or "content" in key.lower() else 0)
            if text_like and (best is None or score > best[0]):
                best = (score, value)
    if best is None:
        return None
    value = best[1]
    if _HTML_PARAGRAPH.search(value):
        try:
            root = fragment_fromstring(value, create_parent="div")
        except (etree.ParserError, ValueError):
            return None
        return extract_body([root], b.url)
    return Body(pieces=[p for p in (clean(x) for x in re.split(r"\n\s*\n|\n", value)) if p])


# -- our own: density, paragraphs, text ------------------------------------------------------------
def content_container(b: PageBundle) -> HtmlElement | None:
    """The element holding the most paragraph text (readability's core idea, in one pass).

    Each <p> adds its length to its parent and half of it to the grandparent; page chrome
    (header, nav, aside, footer, clutter classes) never counts.
    """
    scores: dict[HtmlElement, float] = {}
    chrome: dict[HtmlElement, bool] = {}

    def in_chrome(node: HtmlElement) -> bool:
        if node not in chrome:
            parent = node.getparent()
            chrome[node] = is_junk(node) or (parent is not None and in_chrome(parent))
        return chrome[node]

    for p in b.body_element.iter("p"):
        parent = p.getparent()
        if parent is None or in_chrome(p):
            continue
        length = len(element_text(p))
        grand = parent.getparent()
        for weight, node in ((1.0, parent), (GRANDPARENT_SHARE, grand)):
            if node is not None and node.tag not in ("html", "body"):
                scores[node] = scores.get(node, 0.0) + weight * length
    if not scores:
        return None
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] >= MIN_BODY_CHARS else None


def density_body(b: PageBundle) -> Body | None:
    node = content_container(b)
    return extract_body([node], b.url) if node is not None else None


def paragraphs_body(b: PageBundle) -> Body | None:
    """Every <p> outside the chrome long enough to be a paragraph, in document order."""
    body = Body()
    for p in b.body_element.iter("p"):
        if any(is_junk(a) for a in p.iterancestors()) or is_junk(p):
            continue
        text = element_text(p)
        if len(text) >= MIN_PARAGRAPH_CHARS:
            _emit(body, text)
            for img in p.iter("img"):
                src = image_src(img, b.url)
                if src:
                    body.images.append({"src": src, "caption": ""})
    return body


def text_body(b: PageBundle) -> Body | None:
    """Every block of visible text in <body>, whatever its tags and classes: the last resort (menus
    and buttons are shorter than ``MIN_PARAGRAPH_CHARS`` and stay out)."""
    body = Body()

    def walk(node: HtmlElement) -> None:
        own = [node.text or ""]
        for child in node:
            tag = child.tag
            if isinstance(tag, str) and tag not in INVISIBLE_TAGS:
                if tag in _BLOCK_TAGS or len(child):
                    _emit_long(body, "".join(own))
                    own = []
                    walk(child)
                else:
                    own.append(" " if tag == "br" else element_text(child))
            own.append(child.tail or "")
        _emit_long(body, "".join(own))

    walk(b.body_element)
    return body


def _emit_long(body: Body, text: str) -> None:
    text = clean(text)
    if len(text) >= MIN_PARAGRAPH_CHARS:
        _emit(body, text)


#: The chain, in the order tried. Names are written to ``extraction["body"]`` as ``generic:<name>``.
CHAIN: tuple[tuple[str, Extractor], ...] = (
    ("trafilatura", trafilatura_body),
    ("trafilatura-balanced", trafilatura_balanced_body),
    ("state", state_body),
    ("density", density_body),
    ("paragraphs", paragraphs_body),
    ("text", text_body),
)


def run_chain(b: PageBundle, finish: Callable[[Body], Body] = lambda body: body,
              chain: tuple[tuple[str, Extractor], ...] = CHAIN,
              tried: list[tuple[str, Body | None]] | None = None) -> tuple[str, Body] | None:
    """(name, body) of the first extractor that finds enough text, else of the longest answer.

    ``finish`` cleans each answer before it is judged (a body that is mostly related links is not
    "enough"); ``tried`` (for ``--explain``) receives every extractor's cleaned answer, the losers
    included; the winner is the same either way.
    """
    winner: tuple[str, Body] | None = None
    longest: tuple[str, Body] | None = None
    for name, extract in chain:
        found = extract(b)
        body = finish(found) if found is not None and found.pieces else None
        if tried is not None:
            tried.append((name, body))
        if body is None or not body.pieces:
            continue
        if longest is None or _length(body) > _length(longest[1]):
            longest = (name, body)
        if winner is None and _length(body) >= MIN_BODY_CHARS:
            winner = (name, body)
            if tried is None:
                break
    return winner or longest


__all__ = ["CHAIN", "MIN_BODY_CHARS", "SKIPPED", "content_container", "run_chain"]
