"""VietNamNet markup: the paper's channel (dantocphattrien.vietnamnet.vn) and cross-posts (vietnamnet.vn).

Selectors (see README.md): h1.content-detail-title, h2.content-detail-sapo,
div.bread-crumb-detail__time "Thứ Sáu, 26/12/2025 - 22:10", p.article-detail-author__info span.name a,
div#maincontent, figure.image > figcaption, div.bread-crumb-detail ul li a, and listing links
h3.horizontalPost__main-title a. Listing pages are /<section>-page<N>, counting from 0.
"""

from __future__ import annotations

from .catalog import CHANNEL_HOST, MTQG_HOST, VNN_HOST, VNN_SECTION, Catalog
from .content import Article, Section, article_url, crosspost_url, published_at
from .markup import RELATIVE_TIME, dashed_slug, esc, quote_url, vnn_date

_VNN_LOGO = "https://static.vnncdn.net/v1/logo/logoVietNamNet.svg"
_FOOTER_LINKS = (("https://vietnamnet.vn/gioi-thieu", "Giới thiệu"), ("https://www.facebook.com/vietnamnet.vn", "Facebook"),
                 ("https://tuoitre.vn/", "Báo Tuổi Trẻ"))


def vnn_article_url(article: Article, host: str) -> str:
    """The article's URL on a VietNamNet host: the channel's own .htm, or the cross-post .html."""
    if host == VNN_HOST:
        return crosspost_url(article) or article_url(article)
    return article_url(article)


def section_url(section: Section, host: str, page: int = 0) -> str:
    """/<section> for page 0, /<section>-page<N> after it; the chuyên trang keeps its own CMS URL."""
    if section.host == MTQG_HOST:
        return f"https://{MTQG_HOST}/{section.slug}.htm"
    suffix = f"-page{page}" if page else ""
    return f"https://{host}/{section.slug}{suffix}"


def _head(title: str, description: str, canonical: str, image: str) -> str:
    return f"""<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta property="og:type" content="article"><meta property="og:site_name" content="VietNamNet">
<meta property="og:title" content="{esc(title)}"><meta property="og:description" content="{esc(description)}">
<meta property="og:image" content="{esc(image)}"><meta property="og:url" content="{esc(canonical)}">
<link rel="canonical" href="{esc(canonical)}">
<link rel="stylesheet" href="https://static.vnncdn.net/v1/css/detail.min.css">
<style>body{{margin:0;font:17px/1.6 Arial,sans-serif;color:#222}}a{{color:#1b3f8b;text-decoration:none}}
.container{{max-width:980px;margin:0 auto;padding:0 12px}}.header__top{{display:flex;gap:24px;align-items:center;padding:8px 12px}}
.mainNav{{background:#fff;border-top:3px solid #b0020e;border-bottom:1px solid #ddd}}.mainNav__list{{display:flex;flex-wrap:wrap;list-style:none;gap:16px;padding:8px 12px;margin:0 auto}}
.bread-crumb-detail ul{{display:inline-flex;list-style:none;gap:12px;padding:0;color:#b0020e}}.bread-crumb-detail__time{{color:#777;font-size:14px}}
.content-detail-title{{font-size:32px;line-height:1.3}}.content-detail-sapo{{font-size:18px;line-height:1.5}}
figure.image img{{max-width:100%}}figcaption{{font-style:italic;color:#555;text-align:center}}
.horizontalPost{{border-bottom:1px solid #eee;padding:8px 0}}.horizontalPost__avt img{{width:180px;height:110px;object-fit:cover;background:#ddd}}
.footer{{background:#f2f2f2;padding:16px 0;margin-top:24px;font-size:14px}}</style>
<script>var vnnAds = vnnAds || []; vnnAds.push({{zone: 'detail-top'}});</script>
</head>"""


def _header(catalog: Catalog, host: str) -> str:
    menu = "".join(f'<li class="mainNav__item"><a href="{section_url(s, host)}" title="{esc(s.name)}">{esc(s.name)}</a></li>'
                   for s in catalog.menu_sections(host))
    brand = "Dân tộc và Phát triển" if host == CHANNEL_HOST else "VietNamNet"
    return f"""<header class="header"><div class="header__top container">
<a class="header__logo" href="https://{host}/" title="{brand}"><img src="{_VNN_LOGO}" alt="{brand}"></a>
<div class="header__hotline">Đường dây nóng: 0900 000 000</div>
<a class="header__login" href="https://id.vietnamnet.vn/login" rel="nofollow">Đăng nhập</a></div>
<nav class="mainNav"><ul class="mainNav__list container">
<li class="mainNav__item"><a href="https://{host}/" title="Trang chủ">Trang chủ</a></li>{menu}</ul></nav>
<div class="ads ads--top"><script>vnnAds.push({{zone: 'top-970'}});</script></div></header>"""


def _footer() -> str:
    links = " | ".join(f'<a href="{u}" rel="nofollow">{t}</a>' for u, t in _FOOTER_LINKS)
    return f"""<footer class="footer"><div class="container footer__wrap">
<p>Báo VietNamNet - Cơ quan chủ quản: Bộ Khoa học và Công nghệ. Giấy phép số 00/GP-BTTTT.</p>
<p>{links}</p></div><script>(function(){{window.vnnTracking=1;}})();</script></footer>"""


def _figure(block: dict) -> str:
    src, caption = quote_url(block["src"]), block["caption"]
    cap = f"<figcaption><p>{esc(caption)}</p></figcaption>" if caption else ""
    return f'<figure class="image"><img src="{esc(src)}" alt="{esc(caption)}" loading="lazy">{cap}</figure>'


def _block(block: dict) -> str:
    kind = block["type"]
    if kind == "p":
        return f"<p>{esc(block['text'])}</p>"
    if kind == "h":
        return f"<h2>{esc(block['text'])}</h2>"
    if kind == "quote":
        return f'<blockquote class="quote"><p>{esc(block["text"])}</p></blockquote>'
    if kind == "qa":
        return f"<p><strong>{esc(block['q'])}</strong></p><p>{esc(block['a'])}</p>"
    return _figure(block)


def article_page(article: Article, catalog: Catalog, host: str) -> str:
    """An article under VietNamNet markup (the channel's own page, or a vietnamnet.vn cross-post)."""
    canonical = vnn_article_url(article, host)
    chain = [catalog.sections[VNN_SECTION]] if host == VNN_HOST else catalog.section_chain(article["section"])
    crumbs = "".join(f'<li><a href="{section_url(s, host)}" title="{esc(s.name)}">{esc(s.name)}</a></li>'
                     for s in chain)
    when = (RELATIVE_TIME if "relative_time" in article.get("quirks", [])
            else vnn_date(published_at(article)))
    image = next((quote_url(b["src"]) for b in article["blocks"] if b["type"] == "figure"), _VNN_LOGO)
    body = []
    for i, block in enumerate(article["blocks"]):
        body.append(_block(block))
        if i == 2:
            body.append('<div class="vnn-ads-inline" id="ads-inarticle"><script>vnnAds.push({zone: \'inread\'});</script></div>')
    author = ""
    if article["byline"]:
        slug = dashed_slug(article["byline"])
        author = (f'<div class="article-detail-author-wrapper"><p class="article-detail-author__info">'
                  f'<span class="name"><a href="https://{host}/tac-gia/{esc(slug)}" title="{esc(article["byline"])}">'
                  f'{esc(article["byline"])}</a></span></p></div>')
    source = ""
    if host == VNN_HOST:
        source = (f'<p class="article-detail-source">Theo <a href="{esc(article_url(article))}" rel="nofollow">'
                  f"Báo Dân tộc và Phát triển</a></p>")
    tags = "".join(f'<li><a href="https://{host}/chu-de/{dashed_slug(t)}" title="{esc(t)}">{esc(t)}</a></li>'
                   for t in article["tags"])
    related = "".join(f'<div class="horizontalPost"><h3 class="horizontalPost__main-title vnn-title">'
                      f'<a href="{esc(vnn_article_url(r, host))}" title="{esc(r["title"])}">{esc(r["title"])}</a></h3></div>'
                      for r in catalog.related(article) if host != VNN_HOST or r.get("crosspost"))
    detail = f"""<div class="container"><div class="bread-crumb-detail sm-show-time">
<ul>{crumbs}</ul><div class="bread-crumb-detail__time">{when}</div></div>
<div class="content-detail content-mw">
<h1 class="content-detail-title">{esc(article["title"])}</h1>
<h2 class="content-detail-sapo sm-sapo-mb-0">{esc(article["sapo"])}</h2>
<div class="maincontent main-content" id="maincontent">
{chr(10).join(body)}
</div>
{author}{source}
<div class="article-detail__tags"><ul class="tag-cotnent">{tags}</ul></div>
<div class="share-social"><a href="https://www.facebook.com/sharer/sharer.php?u={esc(canonical)}" rel="nofollow">Chia sẻ</a></div>
</div>
<div class="article-relate"><h2 class="article-relate__title">Tin liên quan</h2>{related}</div></div>"""
    return _page(_head(article["title"], article["sapo"], canonical, image), catalog, host,
                 "detail-page", detail)


def _page(head_html: str, catalog: Catalog, host: str, body_class: str, main: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi">\n{head_html}\n<body class="{body_class}">\n'
            f"{_header(catalog, host)}\n<main class=\"main\">{main}</main>\n{_footer()}\n</body>\n</html>\n")


def listing_page(catalog: Catalog, host: str, heading: str, canonical: str, items: list[Article],
                 section: Section | None, page: int, last: int) -> str:
    """A listing: h3.horizontalPost__main-title a per item; pages /<section>-page<N> from 0."""
    rows = []
    for article in items:
        url = vnn_article_url(article, host)
        thumb = next((quote_url(b["src"]) for b in article["blocks"] if b["type"] == "figure"), _VNN_LOGO)
        rows.append(f'<div class="horizontalPost version-news"><div class="horizontalPost__avt">'
                    f'<a href="{esc(url)}" title="{esc(article["title"])}"><img src="{esc(thumb)}" alt=""></a></div>'
                    f'<div class="horizontalPost__main"><h3 class="horizontalPost__main-title vnn-title">'
                    f'<a href="{esc(url)}" title="{esc(article["title"])}">{esc(article["title"])}</a></h3>'
                    f'<div class="horizontalPost__main-desc"><p>{esc(article["sapo"])}</p></div></div></div>')
    paging = ""
    if section is not None:
        links = [f'<li class="pagination__list-item{" active" if n == page else ""}">'
                 f'<a href="{section_url(section, host, n)}">{n + 1}</a></li>'
                 for n in range(max(0, page - 2), min(last, page + 2) + 1)]
        if page < last:
            links.append(f'<li class="pagination__list-item pagination-next"><a rel="next" '
                         f'href="{section_url(section, host, page + 1)}">Trang sau</a></li>')
        paging = f'<div class="pagination"><ul class="pagination__list">{"".join(links)}</ul></div>'
    main = (f'<div class="container"><div class="topStory-title"><h1>{esc(heading)}</h1></div>'
            f'<div class="list-content">{"".join(rows)}</div>{paging}</div>')
    return _page(_head(heading, heading, canonical, _VNN_LOGO), catalog, host, "list-page", main)


def static_page(catalog: Catalog, host: str, heading: str, text: str, body_class: str) -> str:
    """A non-article VietNamNet page (404, about): header, one heading, one paragraph, footer."""
    main = (f'<div class="container {body_class}"><h1>{esc(heading)}</h1>'
            f'<p>{esc(text)} <a href="https://{host}/">Về trang chủ</a></p></div>')
    return _page(_head(heading, heading, f"https://{host}/", _VNN_LOGO), catalog, host, body_class, main)


def not_found_page(catalog: Catalog, host: str) -> str:
    """VietNamNet's styled 404."""
    return static_page(catalog, host, "Không tìm thấy trang", "Đường dẫn không tồn tại hoặc đã bị gỡ.", "page-404")
