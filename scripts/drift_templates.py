"""Page templates in CMS styles nobody wrote a layout for: the drift fixtures' markup.

Each template renders one article (the sample site's content format) the way another CMS or a
later generation of the paper's site would print it, with that CMS's furniture around it (menus,
share boxes, related lists, comments, ads). Written by the team on purpose, from the public
conventions of each system (WordPress themes and Yoast's JSON-LD, AMP's components, Drupal and
Joomla field markup, Blogger, Next.js' ``__NEXT_DATA__``), not copied from any site.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from html import escape
from urllib.parse import quote

Article = dict
SITE = "Báo Dân tộc và Phát triển"
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def esc(text: str) -> str:
    return escape(text, quote=True)


def src(block: dict) -> str:
    scheme, _, rest = block["src"].partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}/{quote(path, safe='/%?=&+-_.~')}"


def when(article: Article) -> datetime:
    return datetime.fromisoformat(article["published"])


def menu(base: str = "https://baodantoc.vn") -> str:
    items = [("Thời sự", "thoi-su"), ("Chính sách dân tộc", "chinh-sach"), ("Kinh tế", "kinh-te"),
             ("Xã hội", "xa-hoi"), ("Văn hóa", "van-hoa"), ("Giáo dục", "giao-duc"), ("Y tế", "y-te")]
    return "".join(f'<li><a href="{base}/{slug}.htm">{name}</a></li>' for name, slug in items)


def blocks_html(article: Article, p: str = "<p>{}</p>", h: str = "<h2>{}</h2>",
                quote_: str = "<blockquote><p>{}</p></blockquote>",
                figure: Callable[[dict], str] | None = None,
                qa: str = "<p><strong>{q}</strong></p><p>{a}</p>",
                between: Callable[[int], str] | None = None) -> str:
    figure = figure or (lambda b: f'<figure><img src="{src(b)}" alt="{esc(b["caption"])}">'
                        + (f"<figcaption>{esc(b['caption'])}</figcaption>" if b["caption"] else "") + "</figure>")
    out = []
    for i, block in enumerate(article["blocks"]):
        kind = block["type"]
        if kind == "p":
            out.append(p.format(esc(block["text"])))
        elif kind == "h":
            out.append(h.format(esc(block["text"])))
        elif kind == "quote":
            out.append(quote_.format(esc(block["text"])))
        elif kind == "qa":
            out.append(qa.format(q=esc(block["q"]), a=esc(block["a"])))
        else:
            out.append(figure(block))
        if between:
            out.append(between(i))
    return "\n".join(out)


def jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def crumbs_ld(article: Article, chain: list[tuple[str, str]]) -> dict:
    items = [{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": "https://baodantoc.vn/"}]
    items += [{"@type": "ListItem", "position": i, "name": name, "item": url}
              for i, (name, url) in enumerate(chain, start=2)]
    return {"@type": "BreadcrumbList", "itemListElement": items}


# -- the templates: (article, page) -> HTML; ``page`` carries url, canonical, section chain, byline --
def wordpress(a: Article, pg: dict) -> str:
    """A WordPress theme with Yoast SEO: entry-* classes, an @graph whose author is an @id reference."""
    person = "https://baodantoc.vn/#/schema/person/1"
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "@id": pg["url"] + "#article", "headline": a["title"], "author": {"@id": person},
         "datePublished": a["published"], "articleSection": [pg["chain"][-1][0]], "keywords": a["tags"]},
        {"@type": "Person", "@id": person, "name": pg["authors"][0] if pg["authors"] else SITE},
        crumbs_ld(a, pg["chain"])]}
    cats = " ".join(f'<a href="{u}" rel="category tag">{esc(n)}</a>' for n, u in pg["chain"][-1:])
    tags = ", ".join(f'<a href="https://baodantoc.vn/tag/{i}/" rel="tag">{esc(t)}</a>' for i, t in enumerate(a["tags"]))
    body = blocks_html(a, figure=lambda b: (f'<figure class="wp-block-image size-large"><img loading="lazy" '
                                            f'src="{src(b)}" alt=""><figcaption class="wp-element-caption">'
                                            f'{esc(b["caption"])}</figcaption></figure>'))
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="UTF-8"><title>{esc(a['title'])} - {SITE}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:description" content="{esc(a['sapo'][:150])}…">
<meta property="og:site_name" content="{SITE}"><link rel="canonical" href="{pg['url']}">{jsonld(graph)}</head>
<body class="post-template-default single single-post"><div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="https://baodantoc.vn/">{SITE}</a></p>
<nav class="main-navigation"><ul class="menu">{menu()}</ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Đăng ngày <time class="entry-date published" datetime="{a['published']}">{when(a):%d/%m/%Y}</time></span>
<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="https://baodantoc.vn/author/bbt/">{esc(pg['byline'])}</a></span></span></div></header>
<div class="entry-content"><p class="has-medium-font-size"><strong>{esc(a['sapo'])}</strong></p>
{body}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Tin liên quan</em></h3>
<p><a href="https://baodantoc.vn/bai-khac-1600000000100.htm">Một bài viết khác cùng chuyên mục về đồng bào vùng cao</a></p></div></div>
<footer class="entry-footer"><span class="cat-links">Chuyên mục: {cats}</span> <span class="tags-links">Thẻ: {tags}</span></footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 bình luận</h2><ol class="comment-list">
<li class="comment"><div class="comment-content"><p>Bài viết rất hay, cảm ơn phóng viên đã phản ánh cuộc sống của bà con vùng cao một cách chân thực và sinh động.</p></div></li>
<li class="comment"><div class="comment-content"><p>Mong chính quyền địa phương tiếp tục quan tâm hơn nữa đến đời sống của đồng bào các dân tộc thiểu số.</p></div></li></ol></div>
</main><aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Bài mới</h2><ul><li><a href="#">Tin mới nhất hôm nay</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><p>© {SITE}</p></footer></div></body></html>"""


def amp(a: Article, pg: dict) -> str:
    """An AMP view: amp-img, amp-ad, a NewsArticle with its authors as a list of Persons."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "description": a["sapo"], "datePublished": a["published"],
          "author": [{"@type": "Person", "name": n} for n in pg["authors"]] or {"@type": "Organization", "name": SITE},
          "publisher": {"@type": "Organization", "name": SITE}}
    def fig(b):
        return (f'<figure><amp-img src="{src(b)}" width="800" height="533" layout="responsive" alt="{esc(b["caption"])}">'
               f'</amp-img><figcaption>{esc(b["caption"])}</figcaption></figure>' if b["caption"] else
               f'<amp-img src="{src(b)}" width="800" height="533" layout="responsive"></amp-img>')
    body = blocks_html(a, figure=fig, between=lambda i: '<amp-ad width="300" height="250" type="adsense" '
                       'data-ad-client="ca-pub-0"></amp-ad>' if i == 1 else "")
    crumbs = "".join(f'<li><a href="{u}">{esc(n)}</a></li>' for n, u in pg["chain"])
    tags = "".join(f'<a href="https://baodantoc.vn/tag-{i}.html">#{esc(t)}</a> ' for i, t in enumerate(a["tags"]))
    return f"""<!doctype html><html ⚡ lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<link rel="canonical" href="{pg['canonical']}"><meta name="viewport" content="width=device-width">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{{font-family:sans-serif}}</style>
{jsonld(ld)}</head><body><header class="amp-header"><a href="https://baodantoc.vn/">{SITE}</a></header>
<nav class="amp-crumbs"><ol class="breadcrumb"><li><a href="https://baodantoc.vn/">Trang chủ</a></li>{crumbs}</ol></nav>
<article class="amp-article"><h1>{esc(a['title'])}</h1><p class="amp-meta">{when(a):%H:%M %d/%m/%Y}</p>
<p class="amp-sapo"><b>{esc(a['sapo'])}</b></p>{body}
<div class="amp-tags tags">{tags}</div>
<amp-social-share type="facebook"></amp-social-share><amp-social-share type="zalo"></amp-social-share></article>
<footer><a href="{pg['canonical']}">Xem phiên bản đầy đủ</a></footer></body></html>"""


def print_view(a: Article, pg: dict) -> str:
    """The print view: no menu, date under the title, byline right-aligned at the end, the URL below."""
    body = blocks_html(a)
    byline = f'<p style="text-align:right"><strong>{esc(pg["byline"])}</strong></p>' if pg["byline"] else ""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(a['title'])}</title>
<link rel="canonical" href="{pg['canonical']}"></head><body onload="window.print()"><div class="print-page">
<div class="print-logo"><img src="https://baodantoc.vn/logo.png" alt="{SITE}"></div>
<div class="print-crumb">{' » '.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div>
<h1>{esc(a['title'])}</h1><div class="print-date">{when(a):%d/%m/%Y %H:%M}</div>
<div class="print-sapo"><b>{esc(a['sapo'])}</b></div><div class="print-body">{body}{byline}</div>
<div class="print-source">Nguồn: {pg['canonical']}</div></div></body></html>"""


def nextjs(a: Article, pg: dict) -> str:
    """A JavaScript redesign: an empty app shell; the article lives in __NEXT_DATA__ (HTML string)."""
    html = blocks_html(a, figure=lambda b: f'<figure><img src="{src(b)}"><figcaption>{esc(b["caption"])}</figcaption></figure>')
    data = {"props": {"pageProps": {"article": {
        "id": a["id"], "title": a["title"], "sapo": a["sapo"], "author": pg["byline"], "publishedAt": a["published"],
        "category": {"name": pg["chain"][-1][0], "url": pg["chain"][-1][1]}, "tags": a["tags"], "content": html}}},
        "page": "/[slug]", "buildId": "b0f1"}
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "description": a["sapo"],
          "datePublished": a["published"], "author": [{"@type": "Person", "name": n} for n in pg["authors"]],
          "keywords": ", ".join(a["tags"])}
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charSet="utf-8"/><title>{esc(a['title'])} | {SITE}</title>
<meta property="og:title" content="{esc(a['title'])}"/><link rel="canonical" href="{pg['canonical']}"/>{jsonld(ld)}{jsonld(crumbs_ld(a, pg['chain']))}
<link rel="preload" href="/_next/static/chunks/main.js" as="script"/></head><body><div id="__next"><div class="app-loading">Đang tải...</div></div>
<noscript>Vui lòng bật JavaScript để đọc bài viết.</noscript>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>
<script src="/_next/static/chunks/main.js" defer></script></body></html>"""


def jsonld_body(a: Article, pg: dict) -> str:
    """Metadata only: the visible page is a stub, the JSON-LD carries the whole article."""
    text = "\n".join(piece for piece in pg["pieces"])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "description": a["sapo"],
          "datePublished": a["published"], "dateModified": a["published"], "articleBody": text,
          "author": {"@type": "Person", "name": pg["byline"]}, "articleSection": pg["chain"][-1][0],
          "keywords": a["tags"]}
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<link rel="canonical" href="{pg['canonical']}">{jsonld(ld)}{jsonld(crumbs_ld(a, pg['chain']))}</head>
<body><div id="root"></div><script src="/static/js/bundle.js"></script></body></html>"""


def vietnamnet_2026(a: Article, pg: dict) -> str:
    """A later VietNamNet generation on the paper's channel: newsFeature__* classes, date with GMT."""
    def fig(b):
        return (f'<figure class="vnn-figure"><picture><img class="lazy" src="{PIXEL}" data-srcset="{src(b)} 1x" '
               f'alt="{esc(b["caption"])}"></picture><figcaption><p>{esc(b["caption"])}</p></figcaption></figure>')
    body = blocks_html(a, figure=fig, between=lambda i: '<div class="vnn-ads-inread"><script>ads.push(1)</script></div>'
                       if i == 2 else "")
    crumbs = "".join(f'<li><a href="{u}" title="{esc(n)}">{esc(n)}</a></li>' for n, u in pg["chain"])
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])} | Dân tộc và Phát triển</title>
<meta property="og:title" content="{esc(a['title'])}"><meta name="description" content="{esc(a['sapo'])}">
<link rel="canonical" href="{pg['canonical']}"></head><body><header class="header-vnn"><nav><ul>{menu('https://dantocphattrien.vietnamnet.vn')}</ul></nav></header>
<main class="container"><div class="breadcrumb-box"><ul>{crumbs}</ul></div>
<div class="newsFeature"><h1 class="newsFeature__header-title">{esc(a['title'])}</h1>
<div class="newsFeature__publishDate"><span>{when(a):%d/%m/%Y %H:%M} (GMT+07:00)</span></div>
<div class="newsFeature__main-textBold">{esc(a['sapo'])}</div>
<div class="newsFeature__main maincontent">{body}</div>
<div class="newsFeature__author-info"><span class="name">{esc(pg['byline'])}</span></div>
<div class="newsFeature__tags">{''.join(f'<a href="/chu-de/{i}">{esc(t)}</a>' for i, t in enumerate(a['tags']))}</div></div>
<div class="vnn-related"><h3>Tin liên quan</h3><ul><li><a href="/bai-khac-1766000000000.htm">Một tin khác trong mục</a></li></ul></div>
</main><footer class="footer-vnn">© VietNamNet</footer></body></html>"""


def split_ads(a: Article, pg: dict) -> str:
    """A body split in two by an ad and a related box, images lazy-loaded with a noscript copy."""
    half = len(a["blocks"]) // 2
    first, second = {**a, "blocks": a["blocks"][:half]}, {**a, "blocks": a["blocks"][half:]}
    def fig(b):
        return (f'<div class="img-wrap"><img class="lazy" src="{PIXEL}" data-src="{src(b)}" alt="">'
               f'<noscript><img src="{src(b)}"></noscript><p class="img-caption">{esc(b["caption"])}</p></div>')
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])} - {SITE}</title>
<meta property="article:published_time" content="{a['published']}"><meta property="og:title" content="{esc(a['title'])}">
<link rel="canonical" href="{pg['canonical']}"></head><body><div class="top-nav"><ul>{menu()}</ul></div>
<div class="wrap"><div class="bc"><a href="https://baodantoc.vn/">Trang chủ</a> › {' › '.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div>
<h1 class="post-heading">{esc(a['title'])}</h1><div class="post-by">{esc(pg['byline'])}</div>
<h2 class="post-summary">{esc(a['sapo'])}</h2>
<div class="post-text part-1">{blocks_html(first, figure=fig)}</div>
<div class="banner-mid"><a href="https://ads.example.vn/c"><img src="https://ads.example.vn/b.jpg" alt="Quảng cáo"></a></div>
<div class="box-tinlienquan"><div class="title">Tin liên quan</div><ul><li><a href="https://baodantoc.vn/tin-khac-1600000000200.htm">Tin khác cùng chủ đề về phát triển kinh tế vùng đồng bào</a></li></ul></div>
<div class="post-text part-2">{blocks_html(second, figure=fig)}</div>
<div class="post-keywords">Từ khóa: {' '.join(f'<a href="/tu-khoa/{i}.htm">{esc(t)}</a>' for i, t in enumerate(a['tags']))}</div>
</div><div class="footer">{SITE}</div></body></html>"""


def table_2012(a: Article, pg: dict) -> str:
    """The 2012 site: tables for layout, <font> tags, a "Cập nhật" date, the byline at the end."""
    def fig(b):
        return (f'<table align="center" width="90%"><tr><td><img src="{src(b)}" border="0"></td></tr>'
               f'<tr><td align="center"><font size="2"><i>{esc(b["caption"])}</i></font></td></tr></table>')
    body = blocks_html(a, p='<p align="justify"><font face="Arial" size="2">{}</font></p>', h="<p><b>{}</b></p>",
                       quote_="<p><i>{}</i></p>", figure=fig)
    nav = " | ".join(f'<a href="{u}" class="menu">{esc(n)}</a>' for n, u in pg["chain"])
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>{SITE} - {esc(a['title'])}</title></head><body bgcolor="#FFFFFF"><table width="980" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/images/banner.jpg" alt="{SITE}"></td></tr>
<tr><td width="180" valign="top" class="leftmenu"><table><tr><td><a href="/thoi-su.htm">Thời sự</a></td></tr><tr><td><a href="/van-hoa.htm">Văn hóa</a></td></tr></table></td>
<td valign="top"><table width="100%"><tr><td class="navigator">{nav}</td></tr>
<tr><td class="title"><font size="4" color="#990000"><b>{esc(a['title'])}</b></font></td></tr>
<tr><td class="date"><font size="1">Cập nhật: {when(a):%d/%m/%Y %H:%M}</font></td></tr>
<tr><td class="lead"><b>{esc(a['sapo'])}</b></td></tr>
<tr><td class="content">{body}<p align="right"><b>{esc(pg['byline'])}</b></p></td></tr>
<tr><td><a href="javascript:print()">In bài</a> | <a href="/gui-bai.htm">Gửi cho bạn bè</a></td></tr>
<tr><td class="other"><b>Các tin khác:</b><br><a href="/tin-khac-12345.htm">Một tin khác năm 2012</a></td></tr></table></td></tr>
<tr><td colspan="2" align="center"><font size="1">{SITE} - Cơ quan của Ủy ban Dân tộc</font></td></tr></table></body></html>"""


def theo_source(a: Article, pg: dict) -> str:
    """A copy from another outlet: no byline, a "Theo ..." line closing the body, tags as a list."""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:description" content="{esc(a['sapo'])}">
<meta property="article:published_time" content="{a['published']}"><meta property="article:section" content="{esc(pg['chain'][-1][0])}">
<link rel="canonical" href="{pg['canonical']}"></head><body><nav class="navbar"><ul>{menu()}</ul></nav>
<div class="detail"><h1 class="detail-title">{esc(a['title'])}</h1><div class="detail-time">{when(a):%d/%m/%Y - %H:%M}</div>
<div class="detail-sapo">{esc(a['sapo'])}</div><div class="detail-content">{blocks_html(a)}
<p class="detail-source"><em>Theo {esc(pg['source'])}</em></p></div>
<ul class="detail-tags">{''.join(f'<li><a href="/tag/{i}" rel="tag">{esc(t)}</a></li>' for i, t in enumerate(a['tags']))}</ul>
<div class="fb-comments">Bình luận Facebook</div></div><footer>{SITE}</footer></body></html>"""


def interview(a: Article, pg: dict) -> str:
    """An interview: PV's questions in bold, the answers plain; "Thực hiện: ..." closing it."""
    body = blocks_html(a, qa='<p class="question"><strong>{q}</strong></p><p class="answer">{a}</p>')
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])} | {SITE}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:site_name" content="{SITE}">
<link rel="canonical" href="{pg['canonical']}"></head><body><header class="site-head"><ul>{menu()}</ul></header>
<div class="crumbs">{''.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div>
<article class="story"><div class="story-kicker">Phỏng vấn</div><h1 class="story-title">{esc(a['title'])}</h1>
<div class="story-info"><span class="story-author">{esc(pg['byline'])}</span> - <span class="story-date">{when(a):%H:%M, %d/%m/%Y}</span></div>
<div class="story-lead">{esc(a['sapo'])}</div><div class="story-body">{body}</div>
<div class="social">Chia sẻ bài viết: <a href="#">Facebook</a> <a href="#">Zalo</a></div></article>
<footer>{SITE}</footer></body></html>"""


def photo_gallery(a: Article, pg: dict) -> str:
    """A photo story: full-width slides, captions under each, a credit line for the whole set."""
    def fig(b):
        return (f'<div class="slide"><img src="{src(b)}" alt=""><div class="slide-caption">{esc(b["caption"])}</div></div>')
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta name="pubdate" content="{a['published']}">
<link rel="canonical" href="{pg['canonical']}"></head><body class="photo"><nav><ul>{menu()}</ul></nav>
<div class="crumbs">{''.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div>
<div class="gallery"><h1 class="gallery-title">{esc(a['title'])}</h1><p class="gallery-desc">{esc(a['sapo'])}</p>
<div class="gallery-slides">{blocks_html(a, figure=fig)}</div>
<p class="gallery-credit" style="text-align:right"><strong>{esc(pg['byline'])}</strong></p></div>
<div class="box-more"><h3>Tin cùng chuyên mục</h3><a href="/anh-khac-1600000000300.htm">Phóng sự ảnh khác về chợ phiên vùng cao</a></div>
<footer>{SITE}</footer></body></html>"""


def emagazine_2024(a: Article, pg: dict) -> str:
    """Long-form: a cover, chapters in <section>s, pull quotes, the credits in a box at the end."""
    chapters, current = [], []
    for block in a["blocks"]:
        if block["type"] == "h" and current:
            chapters.append(current)
            current = []
        current.append(block)
    chapters.append(current)
    parts = "".join(f'<section class="longform-chapter">{blocks_html({**a, "blocks": c}, h="<h2 class=chapter-title>{}</h2>", quote_="<blockquote class=pullquote><p>{}</p></blockquote>")}</section>'
                    for c in chapters)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:description" content="{esc(a['sapo'])}">
<meta property="article:published_time" content="{a['published']}"><link rel="canonical" href="{pg['canonical']}"></head>
<body class="longform"><div class="longform-cover"><img src="https://baodantoc.vn/cover.jpg" alt=""><h1 class="longform-title">{esc(a['title'])}</h1></div>
<div class="longform-lead"><p>{esc(a['sapo'])}</p></div>{parts}
<div class="longform-credits"><p>Thực hiện: {esc(pg['byline'])}</p><p>Trình bày: Ban Điện tử</p></div>
<div class="crumbs">{''.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div></body></html>"""


def drupal(a: Article, pg: dict) -> str:
    """Drupal 9: field--name-* wrappers, "Gửi bởi X vào <date>", the tags as a field."""
    body = blocks_html(a, figure=lambda b: f'<div class="media media--type-image"><img src="{src(b)}" alt="">'
                       f'<div class="field--name-field-caption">{esc(b["caption"])}</div></div>')
    return f"""<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8"><title>{esc(a['title'])} | {SITE}</title>
<meta name="description" content="{esc(a['sapo'])}"><link rel="canonical" href="{pg['canonical']}"></head>
<body class="path-node page-node-type-article"><div class="dialog-off-canvas-main-canvas"><header role="banner"><nav role="navigation"><ul class="menu">{menu()}</ul></nav></header>
<nav role="navigation" aria-labelledby="system-breadcrumb" class="breadcrumb"><ol><li><a href="https://baodantoc.vn/">Trang chủ</a></li>{''.join(f'<li><a href="{u}">{esc(n)}</a></li>' for n, u in pg['chain'])}</ol></nav>
<main role="main"><article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{esc(a['title'])}</span></h1>
<div class="node__meta">Gửi bởi <span class="field--name-uid">{esc(pg['byline'])}</span> vào <span class="field--name-created">Thứ Hai, {when(a):%d/%m/%Y - %H:%M}</span></div>
<div class="node__content"><div class="field field--name-field-summary"><p>{esc(a['sapo'])}</p></div>
<div class="clearfix text-formatted field field--name-body">{body}</div>
<div class="field field--name-field-tags"><div class="field__label">Thẻ</div><div class="field__items">{''.join(f'<div class="field__item"><a href="/taxonomy/term/{i}" hreflang="vi">{esc(t)}</a></div>' for i, t in enumerate(a['tags']))}</div></div>
</div></article></main><footer role="contentinfo">{SITE}</footer></div></body></html>"""


def joomla(a: Article, pg: dict) -> str:
    """Joomla 4: schema.org microdata (itemprop articleBody, author, datePublished), a category link."""
    return f"""<!DOCTYPE html><html lang="vi-vn"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<link rel="canonical" href="{pg['canonical']}"></head><body class="site com_content view-article">
<header class="header"><nav><ul class="mod-menu">{menu()}</ul></nav></header>
<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="vi-VN"><div class="page-header"><h1 itemprop="headline">{esc(a['title'])}</h1></div>
<dl class="article-info text-muted"><dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">
Viết bởi: <span itemprop="name">{esc(pg['byline'])}</span></dd>
<dd class="category-name">Danh mục: <a href="{pg['chain'][-1][1]}" itemprop="genre">{esc(pg['chain'][-1][0])}</a></dd>
<dd class="published"><time datetime="{a['published']}" itemprop="datePublished">Ngày đăng: {when(a):%d/%m/%Y}</time></dd></dl>
<div itemprop="articleBody" class="com-content-article__body"><p class="lead"><strong>{esc(a['sapo'])}</strong></p>{blocks_html(a)}</div>
<ul class="tags list-inline">{''.join(f'<li class="list-inline-item"><a href="/tags/{i}" class="btn btn-sm btn-info">{esc(t)}</a></li>' for i, t in enumerate(a['tags']))}</ul>
<nav class="pagenavigation"><a class="previous" href="#">Bài trước</a> <a class="next" href="#">Bài sau</a></nav></div>
<footer class="footer">{SITE}</footer></body></html>"""


def blogger(a: Article, pg: dict) -> str:
    """A Blogger/Blogspot theme: h3.post-title, abbr.published, labels as rel=tag."""
    return f"""<!DOCTYPE html><html dir="ltr" lang="vi"><head><meta charset="UTF-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><link rel="canonical" href="{pg['canonical']}"></head>
<body><div class="outer-wrapper"><div class="header-outer"><h1 class="title"><a href="https://baodantoc.vn/">{SITE}</a></h1></div>
<div class="main-outer"><div class="date-outer"><h2 class="date-header"><span>{when(a):%d/%m/%Y}</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">{esc(a['title'])}</h3>
<div class="post-header"><span class="post-author vcard">Đăng bởi <span class="fn">{esc(pg['byline'])}</span></span>
<abbr class="published" title="{a['published']}">{when(a):%H:%M}</abbr></div>
<div class="post-body entry-content"><div><b>{esc(a['sapo'])}</b></div>{blocks_html(a)}</div>
<div class="post-footer"><span class="post-labels">Nhãn: {', '.join(f'<a href="/search/label/{i}" rel="tag">{esc(t)}</a>' for i, t in enumerate(a['tags']))}</span></div></div></div>
<div class="comments" id="comments"><h4>Không có nhận xét nào:</h4><p>Đăng nhận xét</p></div></div>
<div class="sidebar"><h2>Lưu trữ Blog</h2><ul><li>2024 (12)</li></ul></div>
<div class="footer-outer">{SITE}</div></div></body></html>"""


def dublin_core(a: Article, pg: dict) -> str:
    """An old portal: Dublin Core metas, the text as <br><br>-separated lines in one <div>."""
    lines = "<br><br>\n".join(esc(x) for x in pg["pieces"])
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{SITE}</title>
<meta name="DC.title" content="{esc(a['title'])}"><meta name="DC.creator" content="{esc(pg['byline'])}">
<meta name="DC.date.issued" content="{a['published']}"><meta name="DC.description" content="{esc(a['sapo'])}">
<meta name="DC.subject" content="{esc(pg['chain'][-1][0])}"><link rel="canonical" href="{pg['canonical']}"></head>
<body><div id="menu"><a href="/">Trang chủ</a> {''.join(f'<a href="{u}">{esc(n)}</a> ' for n, u in pg['chain'])}</div>
<div id="main"><div class="tieude">{esc(a['title'])}</div><div class="tomtat">{esc(a['sapo'])}</div>
<div id="content">{lines}</div></div><div id="footer">{SITE} - Giấy phép số 00/GP-BTTTT</div></body></html>"""


def mobile_2026(a: Article, pg: dict) -> str:
    """A new mobile page: a sticky header, the byline with its date in one line, swipeable images."""
    def fig(b):
        return (f'<div class="m-photo"><img data-src="{src(b)}" src="{PIXEL}" alt=""><span class="m-photo__cap">{esc(b["caption"])}</span></div>')
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{esc(a['title'])} | {SITE}</title><meta property="og:title" content="{esc(a['title'])} | {SITE}">
<link rel="canonical" href="{pg['canonical']}"></head><body><header class="m-top"><a href="https://m.baodantoc.vn/">{SITE}</a><button>☰</button></header>
<div class="m-cate"><a href="{pg['chain'][-1][1]}">{esc(pg['chain'][-1][0])}</a></div>
<div class="m-article"><h1 class="m-article__title">{esc(a['title'])}</h1>
<div class="m-article__by">{esc(pg['byline'])} - {when(a):%H:%M, %d/%m/%Y}</div>
<h2 class="m-article__sapo">{esc(a['sapo'])}</h2><div class="m-article__body">{blocks_html(a, figure=fig)}</div>
<div class="m-article__share"><a href="#">Chia sẻ</a><a href="#">Zalo</a></div></div>
<div class="m-more"><div class="m-more__title">Tin cùng chuyên mục</div><a href="/tin-khac-1600000000400.htm">Một tin khác</a></div>
<footer class="m-footer">{SITE}</footer></body></html>"""


def related_inline(a: Article, pg: dict) -> str:
    """Related links, a newsletter box and the follow-us line inside the article container."""
    def between(i):
        return ('<div class="inline-box"><p><strong>Tin liên quan:</strong></p><ul><li><a href="/tin-a-1600000000500.htm">Đồng bào vùng cao đón Tết sớm</a></li><li><a href="/tin-b-1600000000501.htm">Giảm nghèo bền vững ở Hà Giang</a></li></ul></div>' if i == 1 else "")
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta name="author" content="{esc(pg['byline'])}"><meta property="article:published_time" content="{a['published']}">
<link rel="canonical" href="{pg['canonical']}"></head><body><div class="menu"><ul>{menu()}</ul></div>
<div class="breadcrumbs">{''.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div>
<div class="article-wrapper"><h1>{esc(a['title'])}</h1><p class="summary">{esc(a['sapo'])}</p>
<div class="article-text">{blocks_html(a, between=between)}
<p>Theo dõi Báo Dân tộc và Phát triển trên Google News</p>
<div class="newsletter"><p>Đăng ký nhận bản tin mỗi sáng</p></div>
<p><strong>Tin cùng chuyên mục</strong></p><ul><li><a href="/tin-c-1600000000502.htm">Tin khác số một trong chuyên mục</a></li><li><a href="/tin-d-1600000000503.htm">Tin khác số hai trong chuyên mục</a></li></ul></div>
<div class="tag-list">{''.join(f'<a href="/tag/{i}">{esc(t)}</a>' for i, t in enumerate(a['tags']))}</div></div></body></html>"""


def video_2025(a: Article, pg: dict) -> str:
    """A video story: a player with its fallback text first, then the text of the story."""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:type" content="video.other"><meta property="og:title" content="{esc(a['title'])}">
<meta property="article:published_time" content="{a['published']}"><link rel="canonical" href="{pg['canonical']}"></head>
<body><nav><ul>{menu()}</ul></nav><div class="video-page"><div class="player"><video controls poster="/p.jpg">
<source src="https://video.baodantoc.vn/v.mp4" type="video/mp4">Trình duyệt của bạn không hỗ trợ phát video.</video></div>
<h1 class="video-title">{esc(a['title'])}</h1><div class="video-meta"><span class="video-author">{esc(pg['byline'])}</span></div>
<div class="video-desc"><strong>{esc(a['sapo'])}</strong></div><div class="video-text">{blocks_html(a)}</div>
<div class="crumbs">{''.join(f'<a href="{u}">{esc(n)}</a>' for n, u in pg['chain'])}</div></div></body></html>"""


def legacy_bold_lead(a: Article, pg: dict) -> str:
    """The paper around 2015: the sapo as a bold first paragraph, "Bài và ảnh: X" closing the text."""
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a['title'])}</title><meta name="keywords" content="{esc(', '.join(a['tags']))}"></head>
<body><div id="header"><div class="logo">{SITE}</div><ul class="nav">{menu()}</ul></div>
<div id="wrapper"><div class="path">{''.join(f'<a href="{u}">{esc(n)}</a> » ' for n, u in pg['chain'])}</div>
<div class="news-detail"><div class="news-head"><h1>{esc(a['title'])}</h1><span class="datetime">{when(a):%H:%M %d/%m/%Y}</span></div>
<div class="news-content"><p><strong>{esc(a['sapo'])}</strong></p>{blocks_html(a, quote_='<p style="margin-left:30px"><em>{}</em></p>')}
<p style="text-align: right;"><strong>Bài và ảnh: {esc(pg['byline'])}</strong></p></div></div></div>
<div id="footer">{SITE}</div></body></html>"""
