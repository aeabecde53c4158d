"""The generic layer for the fields around the body: what any news page gives away.

These answer when no selector of ours matches any more (a redesign, an unknown host), so a change
of the live site degrades a field instead of emptying it. Each heuristic is conservative (an empty
answer beats a wrong one) and never reads the page header, which on the CMS carries a stale clock.
They look where every CMS puts things: the headline is the <h1> outside the page chrome, the lead
sits right under it with a class that says so, the byline and date sit between the two or after
the body, the section is a breadcrumb or the first segment of the URL path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from .body import chrome_name
from .bundle import PageBundle
from .dates import parse_iso, parse_printed
from .text import classes, clean, element_text, fold

#: How many text nodes after the headline are searched for the byline date.
DATE_SEARCH_STRINGS = 40
#: A lead paragraph is at least this long (shorter text under a headline is a kicker or a label).
MIN_LEAD_CHARS = 40
_CHROME = ("header", "nav", "footer", "aside")
_LEAD_CLASS = re.compile(r"(?:^|[-_])(?:sapo|lead|summary|description|desc|excerpt|intro|chapo|standfirst|"
                         r"subtitle|sub-title|teaser|abstract|tomtat|tom-tat|mota|mo-ta)(?:$|[-_])", re.IGNORECASE)
#: A lead is one block: longer than this, or holding more paragraphs, it is the article itself.
MAX_LEAD_CHARS = 1000
_BYLINE_CLASS = re.compile(r"author|byline|writer|reporter|tac-?gia|journalist|credit|(?:^|[-_])by(?:$|[-_])",
                           re.IGNORECASE)
_TAGS_CLASS = re.compile(r"(?:^|[-_])(?:tags?|keywords?|tu-?khoa|the-tag|tag-list)(?:$|[-_])", re.IGNORECASE)
_BREADCRUMB_CLASS = re.compile(r"breadcrumb|bread-crumb|crumbs", re.IGNORECASE)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|$)")
_HOME_NAMES = ("trang chủ", "home", "trang nhất")
#: Path segments that are never a section (dates, languages, generic folders).
_NOT_SECTION = re.compile(r"^(?:\d+|amp|print|in|news|tin-tuc|bai-viet|article|articles|post|posts|vi|en|"
                          r"index\.html?|detail|chi-tiet)$")


#: Letters only Vietnamese uses among Latin scripts (horned vowels, đ, and the dot-below tones).
_VIETNAMESE = re.compile(r"[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
#: Share of such letters among all letters above which a text is Vietnamese (a Vietnamese news
#: paragraph has 8-15%; French or Portuguese text, which shares some accents, has none of these).
MIN_VIETNAMESE_SHARE = 0.03


def is_vietnamese(b: PageBundle) -> bool:
    """Is the page in Vietnamese? Its declared language, else its letters (the paper's own rules
    about bylines, bold leads and credits are only applied to Vietnamese pages)."""
    return bool(b.memo("vietnamese", lambda: _is_vietnamese(b)))


def _is_vietnamese(b: PageBundle) -> bool:
    declared = (b.root.get("lang") or b.meta_first("content-language", "og:locale", "language") or "").lower()
    if declared:
        return declared.startswith("vi")
    texts = [b.meta_first("og:title") or "", b.meta_first("description") or ""]
    for node in b.body_element.iter("p", "h1", "h2"):
        texts.append(node.text_content())
        if sum(map(len, texts)) > 3000:
            break
    sample = " ".join(texts)
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and len(_VIETNAMESE.findall(sample)) / letters >= MIN_VIETNAMESE_SHARE


def in_chrome(node: HtmlElement) -> bool:
    """Inside nav/footer/aside, the page's <header> (an <article>'s own header is content), or a
    block whose class names clutter."""
    for ancestor in node.iterancestors():
        if ancestor.tag == "header":
            if not any(a.tag in ("article", "main") for a in ancestor.iterancestors()):
                return True
        elif ancestor.tag in _CHROME or any(chrome_name(c) for c in classes(ancestor)):
            return True
    return False


def styled_byline(b: PageBundle) -> str | None:
    """The last short paragraph after the headline that is right-aligned, or wholly bold, and names
    people: the paper prints bylines so at the end of older and redesigned articles."""
    h1s = headlines(b)
    started = not h1s
    found = None
    for node in b.body_element.iter("p", "div", "h1"):
        if h1s and node is h1s[0]:
            started = True
            continue
        if not started or node.tag == "h1" or len(node) > 3:
            continue
        text = element_text(node)
        if not text or len(text) > 80 or text.endswith((".", "?", "!", ":")):
            continue
        style = (node.get("style") or "").replace(" ", "").lower()
        right = "text-align:right" in style or node.get("align") == "right"
        bold = any(c.tag in ("strong", "b") and element_text(c) == text for c in node)
        if (right or bold) and not in_chrome(node):
            found = text
    return found


def headlines(b: PageBundle) -> list[HtmlElement]:
    """<h1> elements outside the page chrome that have text, in document order."""
    return b.memo("headlines", lambda: [h for h in b.root.iter("h1") if element_text(h) and not in_chrome(h)])


@lru_cache(maxsize=256)
def _site_name_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    pattern = re.escape(name)
    return (re.compile(rf"\s*[|–—:-]\s*{pattern}\s*$", re.IGNORECASE),
            re.compile(rf"^\s*{pattern}\s*[|–—:-]\s*", re.IGNORECASE))


def strip_site_name(text: str | None, names: tuple[str, ...]) -> str | None:
    """A page title without the site's name appended or prepended ("T | Báo X" -> "T")."""
    text = clean(text)
    folded = text.casefold()
    for name in names:
        if name and name.casefold() in folded:
            suffix, prefix = _site_name_patterns(name)
            text = prefix.sub("", suffix.sub("", text))
    return text or None


def site_names(b: PageBundle, known: tuple[str, ...]) -> tuple[str, ...]:
    """Names a site puts in its titles: the layout's, og:site_name, application-name, the host."""
    host = urlsplit(b.url).hostname or ""
    extra = (b.meta_first("og:site_name"), b.meta_first("application-name"), host, host.removeprefix("www."))
    return tuple(dict.fromkeys(n for n in (*known, *extra) if n))


def matching_headline(b: PageBundle, candidates: list[str | None]) -> str | None:
    """The visible <h1> whose text is one of the metadata titles (the most reliable agreement)."""
    keys = {fold(c) for c in candidates if c}
    for h1 in headlines(b):
        text = element_text(h1)
        if fold(text) in keys:
            return text
    return None


def first_headline(b: PageBundle) -> str | None:
    found = headlines(b)
    return element_text(found[0]) if found else None


def document_title(b: PageBundle, names: tuple[str, ...]) -> str | None:
    """<title> without the site's name."""
    node = b.root.find(".//title")
    return strip_site_name(element_text_raw(node), names) if node is not None else None


def element_text_raw(node: HtmlElement) -> str:
    """<title> text (element_text skips <title> as invisible inside the page)."""
    return clean(node.text_content())


def lead(b: PageBundle) -> str | None:
    """The lead paragraph under the headline: an element whose class names a sapo/lead/summary."""
    h1s = headlines(b)
    scope = h1s[0].getparent() if h1s else b.body_element
    for depth in range(3):  # the headline's block, then up to two levels above it
        if scope is None:
            break
        for node in scope.iter("p", "h2", "div", "span", "section", "strong", "td"):
            if any(_LEAD_CLASS.search(c) for c in classes(node)) and not in_chrome(node) \
                    and sum(1 for _ in node.iter("p")) <= 1:
                text = element_text(node)
                if MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS:
                    return text
        scope = scope.getparent() if depth < 2 else None
    return None


def prefix_paragraph(b: PageBundle, start: str | None) -> str | None:
    """A visible paragraph that begins with ``start`` and goes on (a description the site cut short)."""
    if not start:
        return None
    stem = fold(start.rstrip(".… "))
    for node in b.body_element.iter("p", "h2"):
        if len(node.text_content()) <= len(start):
            continue
        text = element_text(node)
        if len(text) > len(start) and fold(text).startswith(stem):
            return text
    return None


def byline_date(b: PageBundle) -> datetime | None:
    """The first printed date after the headline, within a short distance (the byline area)."""
    found = headlines(b)
    if not found:
        return None
    for count, text in enumerate(_following_text(found[0])):
        if count >= DATE_SEARCH_STRINGS:
            break
        moment = parse_printed(text)
        if moment:
            return moment
    return None


def _following_text(start: HtmlElement) -> Iterator[str]:
    """Text strings after ``start`` in document order (its own text excluded), skipping scripts."""
    if start.tail and start.tail.strip():
        yield start.tail
    for node in start.itersiblings():
        yield from _texts(node)
    for ancestor in start.iterancestors():
        if ancestor.tail and ancestor.tail.strip():
            yield ancestor.tail
        for node in ancestor.itersiblings():
            yield from _texts(node)


def _texts(node: HtmlElement) -> Iterator[str]:
    if not isinstance(node.tag, str):
        return
    if node.tag not in ("script", "style", "noscript", "template"):
        if node.text and node.text.strip():
            yield node.text
        for child in node:
            yield from _texts(child)
    if node.tail and node.tail.strip():
        yield node.tail


#: Class names that say an element prints the publication date (hAtom's "published" included).
_DATED_CLASS = re.compile(r"date|time|published|ngay|cap-?nhat|posted|post-on", re.IGNORECASE)


def dated_element(b: PageBundle) -> datetime | None:
    """The first element classed as a date (date, time, published, ngay...) outside the chrome that
    holds a full date; an hAtom <abbr class=published title=ISO> gives its title."""
    day_only = None
    for node in classed(b, _DATED_CLASS):
        if in_chrome(node) or node.tag in ("script", "style") or "clock" in (node.get("class") or ""):
            continue
        moment = parse_iso(node.get("title")) if node.tag == "abbr" and node.get("title") else None
        text = element_text(node)
        moment = moment or (parse_printed(text) if len(text) <= 80 else None)
        if moment and (moment.hour, moment.minute) != (0, 0):
            return moment
        day_only = day_only or moment  # a date header: kept unless a time is printed further on
    return day_only


def time_element(b: PageBundle) -> datetime | None:
    """<time datetime> (or pubdate) inside the article or right after the headline."""
    for node in b.root.xpath("//article//time[@datetime] | //time[@pubdate] | //time[@itemprop]"):
        moment = parse_iso(node.get("datetime")) or parse_printed(element_text(node))
        if moment:
            return moment
    found = headlines(b)
    if found:
        container = found[0].getparent()
        for node in (container.iter("time") if container is not None else ()):
            moment = parse_iso(node.get("datetime")) or parse_printed(element_text(node))
            if moment:
                return moment
    return None


def url_date(url: str) -> datetime | None:
    """A date in the URL path (/2024/09/23/ or /2024-09-23/): a day, taken at 00:00."""
    match = _URL_DATE.search(urlsplit(url).path)
    return parse_printed(f"{match['d']}/{match['m']}/{match['y']}") if match else None


def classed(b: PageBundle, pattern: re.Pattern[str]) -> list[HtmlElement]:
    """Elements of <body> with a class name matching ``pattern``, in document order.

    One pass over the classed elements per page (memoized), then the regex once per distinct class
    name of the page (an XPath with a dozen contains() per element cost 20 ms on a heavy page; a
    regex per element's class names, 1-2 ms; a page has far fewer names than classed elements).
    """
    index = b.memo("classed", lambda: [(el, el.get("class").split()) for el in b.root.xpath("//body//*[@class]")])
    names = b.memo("class_names", lambda: {name for _, names in index for name in names})
    matching = b.memo(f"class_names:{pattern.flags}:{pattern.pattern}", lambda: {n for n in names if pattern.search(n)})
    if not matching:
        return []
    return [el for el, names in index if not matching.isdisjoint(names)]


_BYLINE_CLASS_WORDS = re.compile(r"author|byline|writer|reporter|tac-?gia|journalist|credit|(?:^|[-_])by(?:$|[-_])",
                                 re.IGNORECASE)
#: A breadcrumb by class: "breadcrumb", "crumbs", an old CMS's "navigator"/"path", a category link box
#: (few links: a menu of every section is not a trail).
_CRUMB_CLASS = re.compile(r"crumb|(?:^|[-_])(?:navigator|path|cate|category|chuyen-?muc|danh-muc)(?:$|[-_])",
                          re.IGNORECASE)
MAX_CRUMB_LINKS = 5


def byline(b: PageBundle) -> str | None:
    """Text of an element whose class names the author/byline, near the headline or the body."""
    return b.memo("byline", lambda: _byline(b))


def _byline(b: PageBundle) -> str | None:
    for node in classed(b, _BYLINE_CLASS_WORDS):
        if node.tag in ("meta", "link", "img", "script", "style"):
            continue
        if any(_BYLINE_CLASS.search(c) for c in classes(node)) and not in_chrome(node) \
                and not node.xpath(".//p|.//div|.//li"):
            text = element_text(node)
            if 0 < len(text) <= 120:
                return text
    for link in b.root.xpath("//a[@rel='author']"):
        text = element_text(link)
        if text:
            return text
    return None


def _home_trail(b: PageBundle) -> list[tuple[str, str]] | None:
    """A trail that starts with a "Trang chủ"/"Home" link, whatever its element is called."""
    for a in b.body_element.iter("a"):
        if element_text(a).casefold() not in _HOME_NAMES:
            continue
        holder = a.getparent()
        if holder is not None and holder.tag == "li":
            holder = holder.getparent()
        if holder is None or in_chrome(holder):
            continue
        links = [x for x in holder.iter("a") if x.get("href")]
        if 2 <= len(links) <= MAX_CRUMB_LINKS + 1:
            return [(element_text(x), x.get("href") or "") for x in links[1:]]
    return None


def breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    """[(name, href)] from an element whose class or aria-label says breadcrumb, home excluded."""
    return _class_breadcrumb(b) or _home_trail(b)


def _class_breadcrumb(b: PageBundle) -> list[tuple[str, str]] | None:
    labelled_nodes = b.root.xpath("//body//*[@id='breadcrumb' or contains(@aria-label, 'readcrumb')]")
    for node in [*labelled_nodes, *classed(b, _CRUMB_CLASS)]:
        labelled = node in labelled_nodes
        links = [a for a in node.iter("a") if a.get("href")]
        if len(links) > MAX_CRUMB_LINKS + 1 or (in_chrome(node) and not labelled and node.tag != "nav"):
            continue
        out = [(element_text(a), a.get("href") or "") for a in links]
        out = [(n, h) for n, h in out if n and n.casefold() not in _HOME_NAMES
               and urlsplit(urljoin(b.url, h)).path not in ("", "/")]
        if out:
            return out
    return None


def menu_name(b: PageBundle, path: str) -> str | None:
    """The name the page's own links give the section at ``path`` ("/chinh-sach.htm" -> its menu label)."""
    for a in b.root.iter("a"):
        href = a.get("href")
        if href and urlsplit(urljoin(b.url, href)).path.rstrip("/") == path.rstrip("/"):
            name = element_text(a)
            if name:
                return name
    return None


def section_link(b: PageBundle, name: str | None) -> list[tuple[str, str]] | None:
    """The page's own menu link named like ``name`` (article:section gives a name, the menu its URL)."""
    if not name:
        return None
    key = fold(name)
    for a in b.root.iter("a"):
        href = a.get("href")
        if href and fold(element_text(a)) == key and urlsplit(urljoin(b.url, href)).path not in ("", "/"):
            return [(clean(name), href)]
    return None


def url_section(url: str) -> list[tuple[str, str]] | None:
    """The section folders of an article URL (/chinh-sach/giam-ngheo/slug-1.htm -> chinh-sach/giam-ngheo)."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    folders = [p for p in parts[:-1] if not _NOT_SECTION.match(p)]
    if not folders:
        return None
    return [("", "/" + "/".join(folders[: i + 1])) for i in range(len(folders))]


def tags(b: PageBundle) -> list[str] | None:
    """Links marked rel=tag, or inside an element whose class names tags/keywords."""
    links = b.root.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]")
    if not links:
        for node in classed(b, _TAGS_CLASS):
            links = list(node.iter("a"))
            if links:
                break
    names = list(dict.fromkeys(t for t in (element_text(a).lstrip("#") for a in links) if t))
    return names or None
