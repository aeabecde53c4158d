"""The sample site's drifted mode: some sections served in a redesign nobody wrote a layout for.

``SampleSite(drifted=True)`` (``baodantoc sample-site --drifted``, ``baodantoc crawl --sample
--drifted``) serves the articles of ``DRIFTED_SECTIONS`` on the paper's CMS hosts in this markup,
the rest as usual. It is what a partial redesign of the live site would look like: new class names
(none of the CMS layout's selectors match), a JSON-LD NewsArticle in a Yoast-style ``@graph`` with
the date and the breadcrumb, lazy images, an ad and a "Đọc thêm" box inside the body, the byline
printed as a bold right-aligned last paragraph. The crawl must still read every field right (the
generic layer) and its report must raise the drift alarm for baodantoc.vn.
"""

from __future__ import annotations

import json

from .catalog import Catalog
from .cms_chrome import breadcrumb, footer, head, header, page, section_link, share_buttons
from .content import Article, article_url, published_at
from .markup import LOGO, SITE_NAME, esc, quote_url, tag_path

#: Top-level sections served in the redesign (about a third of baodantoc.vn's sample articles).
DRIFTED_SECTIONS = ("van-hoa", "y-te", "giao-duc", "kinh-te")
_PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def is_drifted(article: Article) -> bool:
    """Is this article served in the redesign when the site runs drifted?"""
    return article["section"].split("/")[0] in DRIFTED_SECTIONS


def _jsonld(article: Article, catalog: Catalog) -> str:
    url = article_url(article)
    crumbs = [{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": "https://baodantoc.vn/"}]
    for i, section in enumerate(catalog.section_chain(article["section"]), start=2):
        crumbs.append({"@type": "ListItem", "position": i, "name": section.name,
                       "item": section_link(section, "baodantoc.vn")})
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://baodantoc.vn/#website", "name": SITE_NAME},
        {"@type": "NewsArticle", "@id": f"{url}#article", "headline": article["title"],
         "datePublished": published_at(article).isoformat(), "publisher": {"@type": "Organization",
                                                                           "name": SITE_NAME, "logo": LOGO},
         "mainEntityOfPage": url},
        {"@type": "BreadcrumbList", "itemListElement": crumbs},
    ]}
    return f'<script type="application/ld+json">{json.dumps(graph, ensure_ascii=False)}</script>'


def _block(block: dict) -> str:
    kind = block["type"]
    if kind == "p":
        return f"<p>{esc(block['text'])}</p>"
    if kind == "h":
        return f'<h2 class="article__subhead">{esc(block["text"])}</h2>'
    if kind == "quote":
        return f'<blockquote class="article__quote"><p>{esc(block["text"])}</p></blockquote>'
    if kind == "qa":
        return f'<p class="article__question"><b>{esc(block["q"])}</b></p><p>{esc(block["a"])}</p>'
    src = esc(quote_url(block["src"]))
    caption = f'<figcaption class="article__caption">{esc(block["caption"])}</figcaption>' if block["caption"] else ""
    return (f'<figure class="article__figure"><img class="lazyload" src="{_PLACEHOLDER}" data-src="{src}" '
            f'alt="{esc(block["caption"])}">{caption}</figure>')


def article_page(article: Article, catalog: Catalog, host: str) -> str:
    """A CMS article in the redesign's markup."""
    canonical = article_url(article)
    image = next((quote_url(b["src"]) for b in article["blocks"] if b["type"] == "figure"), LOGO)
    parts = []
    for i, block in enumerate(article["blocks"]):
        parts.append(_block(block))
        if i == 1:
            parts.append('<div class="ad-slot" data-zone="inread"><script>loadAd("inread")</script>'
                         '<span class="ad-label">Quảng cáo</span></div>')
        related = catalog.related(article)
        if i == 2 and related:
            parts.append(f'<div class="inline-related"><strong>Đọc thêm:</strong> '
                         f'<a href="{esc(article_url(related[0]))}">{esc(related[0]["title"])}</a></div>')
    if article["byline"]:
        parts.append(f'<p style="text-align: right;"><strong>{esc(article["byline"])}</strong></p>')
    tags = "".join(f'<li><a rel="tag" href="https://baodantoc.vn{tag_path(t)}">{esc(t)}</a></li>'
                   for t in article["tags"])
    detail = (f'<article class="article"><header class="article__header">'
              f'<h1 class="article__headline">{esc(article["title"])}</h1>'
              f'<div class="article__meta"><time class="article__time">'
              f'{published_at(article).strftime("%d/%m/%Y %H:%M")}</time></div></header>'
              f'<p class="article__lead">{esc(article["sapo"])}</p>'
              f'<div class="article__content">{"".join(parts)}</div>'
              f'<ul class="article__tags">{tags}</ul>{share_buttons(article_url(article, host), "bottom")}'
              f"</article>")
    head_html = head(f"{article['title']} | {SITE_NAME}", article["sapo"], canonical, image, host,
                     extra=_jsonld(article, catalog))
    crumbs = breadcrumb(catalog, article["section"], host).replace('class="breadcrumb"', 'class="crumbs"')
    return page(head_html, "page-article-2026", [header(catalog, host),
                                                 f'<main class="site-main">{crumbs}{detail}</main>', footer(host)])
