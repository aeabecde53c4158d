"""Every record field as a short cascade of layers: the layout's selector, metadata, generic.

Order per field (trafilatura's metadata.py and Fundus' parsers do the same, field by field):

- title: selector; the visible <h1> that a metadata title confirms; JSON-LD headline; og:title,
  twitter:title, Dublin Core (the site name cut off); the first <h1>; <title>.
- sapo: selector; a lead element under the headline (a class says sapo/lead/summary); a wholly
  bold first paragraph; JSON-LD, og: and meta descriptions unless cut short with "…" (a cut one
  is completed from the paragraph it begins).
- body: selector; else JSON-LD articleBody when it holds clearly more than the extractors; else
  the extractor chain (``extractors.py``); then the paper's cleaning rules (``cleaning.py``).
- author/source: JSON-LD, microdata, <meta name=author>/Dublin Core; selector; a byline with its
  date under the headline; an element classed author/byline; the body's last paragraph when it is
  a byline. "Theo ..." is a source, never an author.
- published_at: JSON-LD (``@graph`` included), microdata, meta; the printed byline (absolute,
  else relative to the fetch); <time>; a date after the headline; the URL; the id. Always +07:00;
  a date-only metadata value yields to a printed time on the same day.
- section: JSON-LD/microdata breadcrumb; selector; a breadcrumb element; article:section matched
  to the page's own menu link; the URL's folders.
- tags: JSON-LD keywords, article:tag; selector; rel=tag links or a tags block.

Visible text goes first for title, sapo and body, because every offset downstream points into what
a reader sees; metadata goes first where it is authoritative (dates, authors, breadcrumb, tags).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from .. import urls
from . import heuristics, structured
from .base import Layout
from .body import Body
from .bundle import PageBundle
from .bylines import is_source, split_byline
from .cleaning import Cleaned, byline_with_date, clean_body, link_keys
from .dates import parse_printed, parse_relative
from .extractors import run_chain
from .structured import whole
from .text import clean, element_text
from .trace import Recorder

#: JSON-LD articleBody is the site's own statement of its text: it answers unless the extractor
#: chain found clearly more (then it is a teaser: a paywall, or a summary). Newspaper4k's test pages
#: with an articleBody: word F1 1.00 on CNN and Wired, 0.90 on LSM (trafilatura: 0.65 there).
ARTICLE_BODY_SHARE = 0.8
Crumbs = list[tuple[str, str]]
#: A wholly bold first paragraph at least this long is the sapo (the CMS's and most Vietnamese
#: news sites' way of printing the lead inside the body).
MIN_BOLD_LEAD_CHARS = 60


def title(layout: Layout, b: PageBundle, rec: Recorder) -> str | None:
    names = heuristics.site_names(b, layout.site_names)

    def meta_titles() -> list[str | None]:
        return [structured.jsonld_text(b, "headline"), structured.itemprop(b, "headline"),
                *(heuristics.strip_site_name(b.meta_first(k), names) for k in structured.TITLE_METAS),
                heuristics.document_title(b, names)]

    return rec.first(
        "title",
        ("selector", layout.TITLE, lambda: layout.site_title(b)),
        ("generic", "<h1> confirmed by a metadata title", lambda: heuristics.matching_headline(b, meta_titles())),
        ("metadata", "JSON-LD headline", lambda: whole(structured.jsonld_text(b, "headline"))),
        ("metadata", "microdata headline", lambda: whole(structured.itemprop(b, "headline"))),
        ("metadata", "og:title (site name cut)", lambda: heuristics.strip_site_name(b.meta_first("og:title"), names)),
        ("metadata", "twitter:title / DC.title", lambda: heuristics.strip_site_name(
            b.meta_first(*structured.TITLE_METAS[1:]), names)),
        ("generic", "first <h1> outside the page chrome", lambda: heuristics.first_headline(b)),
        ("generic", "<title> (site name cut)", lambda: heuristics.document_title(b, names)),
    )


def _bold_lead(b: PageBundle) -> str | None:
    """The first paragraph after the headline when all of it is bold (a lead printed in the body)."""
    h1s = heuristics.headlines(b)
    started = not h1s
    for node in b.body_element.iter("p", "h1", "div"):
        if h1s and node is h1s[0]:
            started = True
            continue
        if not started or node.tag == "h1" or heuristics.in_chrome(node):
            continue
        if node.tag == "div" and (len(node) != 1 or node[0].tag not in ("b", "strong")):
            continue
        text = element_text(node)
        if not text:
            continue
        bold = "".join(element_text(x) for x in node if x.tag in ("strong", "b"))
        whole_bold = clean(bold) == text or "bold" in (node.get("style") or "") or \
            any(x.tag in ("strong", "b") and element_text(x) == text for x in node.iterdescendants())
        return text if whole_bold and len(text) >= MIN_BOLD_LEAD_CHARS else None
    return None


def sapo(layout: Layout, b: PageBundle, rec: Recorder) -> str | None:
    def description(*keys: str) -> str | None:
        return whole(structured.meta_text(b, *keys))

    def completed() -> str | None:
        cut = structured.meta_text(b, "og:description", "description") or structured.jsonld_text(b, "description")
        return heuristics.prefix_paragraph(b, cut) if cut and not whole(cut) else None

    return rec.first(
        "sapo",
        ("selector", layout.SAPO, lambda: layout.site_sapo(b)),
        ("generic", "lead element under the headline", lambda: heuristics.lead(b)),
        ("generic", "bold first paragraph", lambda: _bold_lead(b) if heuristics.is_vietnamese(b) else None),
        ("metadata", "JSON-LD description", lambda: whole(structured.jsonld_text(b, "description"))),
        ("metadata", "og:description", lambda: description("og:description")),
        ("metadata", "meta description", lambda: description("description", "twitter:description")),
        ("generic", "paragraph the cut description begins", completed),
        ("metadata", "DC.description", lambda: description("dc.description", "dcterms.description")),
    )


def _length(body: Body | None) -> int:
    return sum(len(p) for p in body.pieces) if body else 0


def body(layout: Layout, b: PageBundle, rec: Recorder, title_text: str | None,
         sapo_text: str | None) -> tuple[Body, Cleaned | None]:
    """The body (and, for a body read without the layout, what the cleaning rules took out).

    The paper's rules about bylines, credits and leads printed in the body apply to Vietnamese
    pages; a sapo read from metadata only is never cut out of the body (``record.py`` drops the
    sapo instead when it merely repeats the first paragraph).
    """
    vietnamese = heuristics.is_vietnamese(b)
    visible_sapo = sapo_text if rec.extraction.get("sapo") in ("selector", "generic") else None
    byline = (layout.site_byline(b) if layout.AUTHOR else None) or heuristics.byline(b)
    def links() -> frozenset[str]:
        return b.memo("links", lambda: link_keys(b.root))
    found = rec.first("body", ("selector", layout.BODY, lambda: _nonempty(layout.site_body(b))))
    if found is not None:
        return found, None
    raw = structured.jsonld_value(b, "articleBody")
    results: dict[int, Cleaned] = {}

    def finish(extracted: Body) -> Body:
        cleaned = clean_body(extracted, title_text, visible_sapo, byline, root=b.root, vietnamese=vietnamese,
                             links=links, key=b.words.fold)
        results[id(cleaned.body)] = cleaned
        return cleaned.body

    from_metadata = _article_body(raw) if isinstance(raw, str) else None
    from_metadata = finish(from_metadata) if from_metadata is not None else None
    tried: list[tuple[str, Body | None]] | None = [] if rec.explain else None
    chain = run_chain(b, finish, tried=tried)
    use_metadata = bool(from_metadata and from_metadata.pieces) and (
        chain is None or _length(from_metadata) >= ARTICLE_BODY_SHARE * _length(chain[1]))
    if from_metadata is not None:
        rec.note("body", "metadata", "JSON-LD articleBody", from_metadata.text, use_metadata)
    for name, candidate in tried or []:
        rec.note("body", f"generic:{name}", f"extractor {name}", candidate.text if candidate else None,
                 not use_metadata and chain is not None and name == chain[0])
    if use_metadata:
        assert from_metadata is not None
        rec.extraction["body"] = "metadata"
        chosen = from_metadata
    elif chain is not None:
        rec.extraction["body"] = f"generic:{chain[0]}"
        chosen = chain[1]
    else:
        return Body(), None
    return chosen, results.get(id(chosen))


def _article_body(raw: str) -> Body | None:
    """JSON-LD articleBody as pieces: its lines, or its paragraphs when it carries HTML."""
    if "<p" in raw:
        from lxml.html import fragment_fromstring

        from .body import extract_body
        return _nonempty(extract_body([fragment_fromstring(raw, create_parent="div")], ""))
    return _nonempty(Body(pieces=[p for p in map(clean, raw.split("\n")) if p]))


def _nonempty(found: Body | None) -> Body | None:
    return found if found is not None and found.pieces else None


def authors(layout: Layout, b: PageBundle, rec: Recorder, cleaned: Cleaned | None) -> tuple[list[str], str | None]:
    """(authors, source): the first layer that names people wins; a source comes from any visible one."""
    own = {name.casefold() for name in (b.meta_first("og:site_name"), b.meta_first("application-name")) if name}
    printed = layout.site_source(b) if layout.SOURCE else None

    def people(read: Callable[[], str | None]) -> Callable[[], list[str] | None]:
        return lambda: split_byline(read())[0] or None

    def dated_byline() -> str | None:
        for text in _lines_after_headline(b):
            named = byline_with_date(text)
            if named:
                return named
        return None

    raw_by_layer = {
        "selector": layout.site_byline(b) if layout.AUTHOR else None,
        "trailing": cleaned.byline if cleaned else None,
    }
    found = rec.first(
        "author",
        ("metadata", "JSON-LD author", people(lambda: structured.jsonld_authors(b))),
        ("metadata", "microdata author", people(lambda: structured.itemprop_authors(b))),
        ("metadata", "meta author / DC.creator", people(lambda: structured.meta_authors(b))),
        ("selector", layout.AUTHOR, people(lambda: raw_by_layer["selector"])),
        ("generic", "byline with its date after the headline", people(dated_byline)),
        ("generic", "element classed author/byline", people(lambda: heuristics.byline(b))),
        ("generic", "body's last paragraph", people(lambda: raw_by_layer["trailing"])),
        ("generic", "right-aligned or bold line after the text",
         people(lambda: heuristics.styled_byline(b) if heuristics.is_vietnamese(b) else None)),
    ) or []
    sources = [split_byline(raw)[1] for raw in (raw_by_layer["selector"], raw_by_layer["trailing"]) if raw]
    if printed:
        sources.insert(0, split_byline(printed)[1])
    if cleaned and cleaned.source:
        sources.insert(0, cleaned.source)
    if not found and not layout.AUTHOR:
        for raw in (heuristics.byline(b), heuristics.styled_byline(b) if heuristics.is_vietnamese(b) else None):
            named = split_byline(raw)[1] if raw else None
            if named and is_source(named):
                sources.append(named)
    source = next((s for s in sources if s and s.casefold() not in own), None)
    if source:
        rec.extraction["source"] = "selector" if printed or raw_by_layer["selector"] else "generic"
    return found, source


def _lines_after_headline(b: PageBundle, limit: int = 12) -> list[str]:
    h1s = heuristics.headlines(b)
    if not h1s:
        return []
    out: list[str] = []
    parent = h1s[0].getparent()
    scope = parent.getparent() if parent is not None and parent.getparent() is not None else parent
    started = False
    for node in (scope.iter() if scope is not None else ()):
        if node is h1s[0]:
            started = True
            continue
        if started and isinstance(node.tag, str) and node.tag in ("p", "div", "span", "time", "li"):
            text = element_text(node)
            if 0 < len(text) <= 120:
                out.append(text)
            if len(out) >= limit:
                break
    return out


def published_at(layout: Layout, b: PageBundle, rec: Recorder, article_id: str | None) -> datetime | None:
    printed = layout.site_date_text(b) if layout.DATE else None
    layers = [("metadata", "JSON-LD datePublished", lambda: structured.date_value(
                  structured.jsonld_text(b, "datePublished") or structured.jsonld_text(b, "dateCreated"))),
              ("metadata", "microdata datePublished", lambda: structured.date_value(
                  structured.itemprop(b, "datePublished")))]
    layers += [("metadata", f"meta {key}", (lambda k=key: structured.date_value(b.meta_first(k))))
               for key in structured.DATE_METAS if b.meta.get(key)]
    layers += [
        ("selector", layout.DATE, lambda: parse_printed(printed)),
        ("relative", layout.DATE, lambda: parse_relative(printed, b.fetched_at)),
        ("generic", "<time datetime>", lambda: heuristics.time_element(b)),
        ("generic", "date printed after the headline", lambda: heuristics.byline_date(b)),
        ("generic", "element classed as a date", lambda: heuristics.dated_element(b)),
        ("generic", "date in the URL", lambda: heuristics.url_date(b.url)),
        ("id_timestamp", "13-digit id", lambda: urls.id_timestamp(article_id) if article_id else None),
    ]
    moment = rec.first("published_at", *layers)
    if moment is not None and rec.extraction.get("published_at") in ("metadata", "generic") \
            and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        # a date-only value: another layer's time on the same day is more precise
        for layer, source, read in layers:
            finer = read() if source and layer in ("metadata", "selector", "generic") else None
            if finer and finer.date() == moment.date() and (finer.hour, finer.minute) != (0, 0):
                rec.note("published_at", layer, f"{source} (same day, with its time)", finer, True)
                return finer
    return moment


def _clean_crumbs(b: PageBundle, crumbs: Crumbs | None, title_text: str | None, own_id: str | None) -> Crumbs | None:
    """Crumbs without home, the article itself or its title."""
    out = []
    for name, href in crumbs or []:
        target = urljoin(b.url, href)
        path = urlsplit(target).path
        if path in ("", "/") or (name and name.casefold() in heuristics._HOME_NAMES):
            continue
        if (title_text and name and clean(name).casefold() == title_text.casefold()) or \
                (own_id and urls.article_id(target) == own_id) or target.rstrip("/") == b.url.rstrip("/"):
            continue
        out.append((name, href))
    return out or None


def section_path(layout: Layout, b: PageBundle, rec: Recorder, title_text: str | None,
                 article_id: str | None) -> tuple[list[str], str | None]:
    """Section names outermost first, and the innermost section's path ("chinh-sach/giam-ngheo")."""
    def crumbs(read: Callable[[], Crumbs | None]) -> Callable[[], Crumbs | None]:
        return lambda: _clean_crumbs(b, read(), title_text, article_id)

    named = structured.meta_text(b, *structured.SECTION_METAS) or structured.jsonld_text(b, "articleSection")
    found = rec.first(
        "section_path",
        ("metadata", "JSON-LD BreadcrumbList", crumbs(lambda: structured.jsonld_breadcrumb(b))),
        ("metadata", "microdata BreadcrumbList", crumbs(lambda: structured.itemprop_breadcrumb(b))),
        ("selector", layout.BREADCRUMB, crumbs(lambda: layout.site_breadcrumb(b))),
        ("generic", "breadcrumb element", crumbs(lambda: heuristics.breadcrumb(b))),
        ("metadata", "article:section + the page's menu link", crumbs(lambda: heuristics.section_link(b, named))),
        ("generic", "URL folders", crumbs(lambda: heuristics.url_section(b.url))),
    )
    if not found:
        return ([clean(named)] if named else []), None
    href = urljoin(b.url, found[-1][1])
    listing = urls.listing_of(href)
    slug = listing.section if listing else urlsplit(href).path.strip("/").rsplit(".", 1)[0] or None
    names = [name for name, _ in found if name] or ([clean(named)] if named else [])
    if slug and len(names) < slug.count("/") + 1:  # a category link names only the leaf: the menu names the rest
        parents = slug.split("/")[:-1]
        suffix = urlsplit(href).path.rsplit("/", 1)[-1].partition(".")[1:]
        ext = "".join(suffix)
        above = [heuristics.menu_name(b, "/" + "/".join(parents[: i + 1]) + ext) for i in range(len(parents))]
        if all(above):
            names = [*above, *names[-1:]]  # type: ignore[list-item]
    return names, slug


def tags(layout: Layout, b: PageBundle, rec: Recorder) -> list[str]:
    return rec.first(
        "tags",
        ("metadata", "JSON-LD keywords", lambda: structured.jsonld_keywords(b)),
        ("metadata", "article:tag / news_keywords", lambda: structured.meta_tags(b)),
        ("selector", layout.TAGS, lambda: layout.site_tags(b)),
        ("generic", "rel=tag links / tags block", lambda: heuristics.tags(b)),
    ) or []


def modified_at(b: PageBundle, rec: Recorder) -> datetime | None:
    return rec.first(
        "modified_at",
        ("metadata", "JSON-LD dateModified", lambda: structured.date_value(structured.jsonld_text(b, "dateModified"))),
        ("metadata", "meta article:modified_time", lambda: structured.date_value(
            b.meta_first(*structured.MODIFIED_METAS))),
    )
