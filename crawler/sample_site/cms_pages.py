"""Pages of the paper's CMS (baodantoc.vn, www., m., chuongtrinhmtqg.): article, listings, tags, 404.

Selectors the live-site parser relies on (see README.md): h1.news-title, h2.news-sapo,
span.author-name / span.distribution-date inside div.news-info, div.news-body-content (several of
them in an e-magazine), listing links div.news-in-timeline h3 a.
"""

from __future__ import annotations

from .catalog import MAIN_HOST, MOBILE_HOST, Catalog
from .cms_chrome import (
    article_link,
    breadcrumb,
    footer,
    head,
    header,
    page,
    section_link,
    share_buttons,
    sidebar,
)
from .content import Article, Section, article_url, published_at
from .markup import LOGO, RELATIVE_TIME, SITE_NAME, cms_date, esc, listing_date, quote_url, tag_path

_AD_IN_ARTICLE = ('<div class="ads-inarticle"><ins class="adsbygoogle" data-ad-slot="0000000000"></ins>'
                  "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>")


def figure_html(block: dict, wide: bool = False) -> str:
    """A figure as the CMS prints it: the caption in a table cell AND again in an italic paragraph."""
    src, caption = quote_url(block["src"]), block["caption"]
    cls = "image center wide" if wide else "image center"
    rows = f'<tr><td><img src="{esc(src)}" alt="{esc(caption)}" data-original="{esc(src)}"></td></tr>'
    if not caption:
        return f'<table class="{cls}"><tbody>{rows}</tbody></table>'
    rows += f'<tr><td class="image_caption">{esc(caption)}</td></tr>'
    return (f'<table class="{cls}"><tbody>{rows}</tbody></table>\n'
            f'<p class="image-desc" style="text-align:center"><em>{esc(caption)}</em></p>')


def block_html(block: dict, wide: bool = False) -> str:
    """One content block inside div.news-body-content."""
    kind = block["type"]
    if kind == "p":
        return f'<p style="text-align: justify;">{esc(block["text"])}</p>'
    if kind == "h":
        return f"<h3>{esc(block['text'])}</h3>"
    if kind == "quote":
        return f'<blockquote class="quote-box"><p>{esc(block["text"])}</p></blockquote>'
    if kind == "qa":
        return (f'<div class="qa-item"><p class="question"><strong>{esc(block["q"])}</strong></p>'
                f'<p class="answer">{esc(block["a"])}</p></div>')
    return figure_html(block, wide)


def _video_player(article: Article) -> str:
    moment = published_at(article)
    src = f"https://video.baodantoc.vn/uploads/{moment:%Y/%m}/{article['slug']}.mp4"
    return (f'<div class="video-player" data-src="{src}"><video controls preload="none" '
            f'poster="{LOGO}"><source src="{src}" type="video/mp4">'
            f"Trình duyệt của bạn không hỗ trợ phát video.</video></div>")


def body_html(article: Article, catalog: Catalog, host: str) -> str:
    """div.news-body-content with an in-article ad and a "Xem thêm" box among the blocks."""
    parts = [_video_player(article)] if article["layout"] == "video" else []
    related = catalog.related(article)
    for i, block in enumerate(article["blocks"]):
        parts.append(block_html(block, wide=article["layout"] == "photo"))
        if i == 1:
            parts.append(_AD_IN_ARTICLE)
        if i == 3 and related:
            other = related[0]
            parts.append(f'<div class="box-related-inline"><span>Xem thêm:</span> '
                         f'<a href="{esc(article_link(other, host))}">{esc(other["title"])}</a></div>')
    cls = "news-body-content photo-story" if article["layout"] == "photo" else "news-body-content"
    return f'<div class="{cls}">\n' + "\n".join(parts) + "\n</div>"


def byline_html(article: Article) -> str:
    """'<author> - <date>' in div.news-info; no author span at all for an article without byline."""
    date = RELATIVE_TIME if "relative_time" in article.get("quirks", []) else cms_date(published_at(article))
    author = ""
    if article["byline"]:
        author = f'<span class="author-name">{esc(article["byline"])}</span> - '
    return f'<div class="news-info">{author}<span class="distribution-date">{date}</span></div>'


def timeline(items: list[Article], host: str, cls: str = "news-in-timeline") -> str:
    """Listing items: div.news-in-timeline > div.news-item > h3 > a (the crawler's link selector)."""
    rows = []
    for article in items:
        url = article_link(article, host)
        when = (RELATIVE_TIME if "relative_time" in article.get("quirks", [])
                else listing_date(published_at(article)))
        thumb = next((b["src"] for b in article["blocks"] if b["type"] == "figure"), LOGO)
        rows.append(f'<div class="news-item"><a class="news-thumb" href="{esc(url)}">'
                    f'<img src="{esc(quote_url(thumb))}" alt="{esc(article["title"])}"></a>'
                    f'<div class="news-content"><h3 class="news-title-list"><a href="{esc(url)}" '
                    f'title="{esc(article["title"])}">{esc(article["title"])}</a></h3>'
                    f'<span class="news-time">{when}</span><p class="news-sapo-list">{esc(article["sapo"])}</p>'
                    f"</div></div>")
    return f'<div class="{cls}">\n' + "\n".join(rows) + "\n</div>"


def tags_html(article: Article, host: str) -> str:
    """The tag block: links to tag pages /<words+joined+by+plus>.html."""
    target = host if host in (MAIN_HOST, "www.baodantoc.vn", MOBILE_HOST) else article["host"]
    links = " ".join(f'<a href="https://{target}{tag_path(t)}" title="{esc(t)}">{esc(t)}</a>'
                     for t in article["tags"] if tag_path(t) != "/.html")
    return f'<div class="news-tags"><span class="tags-title">Từ khóa:</span> {links}</div>'


def article_page(article: Article, catalog: Catalog, host: str) -> str:
    """A full article page for a CMS host (desktop, or mobile on m.)."""
    canonical = article_url(article)
    url = article_url(article, host)
    image = next((quote_url(b["src"]) for b in article["blocks"] if b["type"] == "figure"), LOGO)
    head_html = head(f"{article['title']} | {SITE_NAME}", article["sapo"], canonical, image, host)
    title = f'<h1 class="news-title">{esc(article["title"])}</h1>'
    sapo = f'<h2 class="news-sapo">{esc(article["sapo"])}</h2>'
    related = (f'<section class="box-related"><h3 class="box-title">Tin cùng chuyên mục</h3>'
               f'{timeline(catalog.related(article), host)}</section>')
    comment = ('<div class="box-comment"><h3 class="box-title">Bình luận</h3><form class="comment-form">'
               '<textarea name="comment" placeholder="Ý kiến của bạn..."></textarea>'
               '<button type="button">Gửi bình luận</button></form></div>')
    if article["layout"] == "emagazine":
        return _emagazine_page(article, catalog, host, head_html, title, sapo, related)
    if host == MOBILE_HOST:
        detail = (f'<article class="m-detail" data-id="{article["id"]}">{title}{sapo}{byline_html(article)}'
                  f"{body_html(article, catalog, host)}{tags_html(article, host)}"
                  f"{share_buttons(url, 'bottom')}</article>")
        return page(head_html, "m-page m-detail-page", [
            header(catalog, host), breadcrumb(catalog, article["section"], host),
            f'<main class="m-main">{detail}{related}</main>', footer(host)])
    detail = (f'<article class="news-detail" data-id="{article["id"]}">{title}{byline_html(article)}'
              f"{share_buttons(url, 'top')}{sapo}{body_html(article, catalog, host)}"
              f"{tags_html(article, host)}{share_buttons(url, 'bottom')}</article>")
    main = (f'<main class="main-content"><div class="container">{breadcrumb(catalog, article["section"], host)}'
            f'<div class="row"><div class="col-main">{detail}{comment}{related}</div>'
            f"{sidebar(catalog, host)}</div></div></main>")
    return page(head_html, "page-detail", [header(catalog, host), main, footer(host)])


def _emagazine_page(article: Article, catalog: Catalog, host: str, head_html: str,
                    title: str, sapo: str, related: str) -> str:
    """Long-form: full-width cover, big title, the body split in one div.news-body-content per chapter."""
    cover = next((quote_url(b["src"]) for b in article["blocks"] if b["type"] == "figure"), LOGO)
    chapters: list[list[str]] = [[]]
    for block in article["blocks"]:
        if block["type"] == "h" and chapters[-1]:
            chapters.append([])
        chapters[-1].append(block_html(block, wide=True))
    sections = "\n".join(f'<section class="emag-chapter"><div class="news-body-content emag-content">'
                         f'{"".join(c)}</div></section>' for c in chapters)
    big_title = title.replace('class="news-title"', 'class="news-title emag-title"')
    body = (f'<div class="emag-cover" style="background-image:url({esc(cover)})"><img src="{esc(cover)}" alt="">'
            f'</div><article class="emagazine" data-id="{article["id"]}"><div class="emag-head">{big_title}'
            f'{byline_html(article)}{sapo}</div>{sections}{tags_html(article, host)}'
            f'{share_buttons(article_url(article, host), "bottom")}</article>')
    return page(head_html, "page-emagazine", [header(catalog, host), f'<main class="emag-main">{body}</main>',
                                               f'<div class="container">{related}</div>', footer(host)])


def pagination(base: str, current: int, last: int) -> str:
    """Page links: 1 is base.htm, N is base-pN.htm; "Trang sau" has rel=next."""
    def href(n: int) -> str:
        return f"{base}.htm" if n == 1 else f"{base}-p{n}.htm"
    links = []
    if current > 1:
        links.append(f'<a class="prev" rel="prev" href="{href(current - 1)}">Trang trước</a>')
    for n in range(max(1, current - 2), min(last, current + 2) + 1):
        links.append(f'<span class="active">{n}</span>' if n == current else f'<a href="{href(n)}">{n}</a>')
    if current < last:
        links.append(f'<a class="next" rel="next" href="{href(current + 1)}">Trang sau</a>')
    return f'<div class="pagination">{" ".join(links)}</div>'


def listing_page(catalog: Catalog, host: str, heading: str, canonical: str, items: list[Article],
                 section: Section | None, extra_boxes: str = "", paging: str = "") -> str:
    """A listing (home, section page N, tag page): items in div.news-in-timeline, then pagination."""
    head_html = head(f"{heading} | {SITE_NAME}", f"{heading} - {SITE_NAME}", canonical, LOGO, host)
    crumb = breadcrumb(catalog, section.slug, host) if section else ""
    subs = ""
    if section:
        subs = '<ul class="sub-cate">' + "".join(
            f'<li><a href="{section_link(s, host)}">{esc(s.name)}</a></li>'
            for s in catalog.children(section.slug)) + "</ul>"
    empty = "" if items else '<p class="no-data">Không có bài viết nào.</p>'
    col = (f'<div class="col-main"><div class="cate-title"><h1>{esc(heading)}</h1>{subs}</div>'
           f"{timeline(items, host)}{empty}{paging}{extra_boxes}</div>")
    right = "" if host == MOBILE_HOST else sidebar(catalog, host)
    main = f'<main class="main-content"><div class="container">{crumb}<div class="row">{col}{right}</div></div></main>'
    return page(head_html, "page-list", [header(catalog, host), main, footer(host)])


def simple_page(catalog: Catalog, host: str, heading: str, paragraphs: list[str], canonical: str,
                body_class: str) -> str:
    """A non-article page (404, about, contact, RSS index): same chrome, no article markup."""
    head_html = head(f"{heading} | {SITE_NAME}", heading, canonical, LOGO, host)
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    main = (f'<main class="main-content"><div class="container"><div class="static-page">'
            f"<h1 class=\"page-title\">{esc(heading)}</h1>{text}</div></div></main>")
    return page(head_html, body_class, [header(catalog, host), main, footer(host)])
