"""The paper's CMS page chrome: <head>, header with the stale clock, menus, sidebar, footer.

Everything here is clutter a parser must leave out of the article; it is realistic on purpose
(ads, inline scripts, share buttons, off-site links, links with tracking parameters).
"""

from __future__ import annotations

from .catalog import MAIN_HOST, MOBILE_HOST, MTQG_HOST, WWW_HOST, Catalog
from .content import Article, Section, article_url
from .markup import LOGO, SITE_NAME, STALE_CLOCK, esc

#: Inline "critical CSS", as the CMS ships it: makes the pages readable in a browser on 127.0.0.1,
#: where the external stylesheet on https://baodantoc.vn cannot load.
CRITICAL_CSS = """<style>
body{margin:0;font:16px/1.5 Arial,Helvetica,sans-serif;color:#222;background:#f4f4f4}
a{color:#0a4a8a;text-decoration:none}.container{max-width:1140px;margin:0 auto;padding:0 12px}
.header-top{background:#7a1212;color:#fff;font-size:13px;padding:4px 0}.header-top a{color:#fff}
.header-top .container{display:flex;justify-content:space-between}.header-logo{display:flex;gap:20px;padding:10px 12px;background:#fff}
.banner-top img,.ads img{max-height:90px}.main-menu{background:#b71c1c}.menu,.sub-menu{list-style:none;margin:0;padding:0}
.menu{display:flex;flex-wrap:wrap}.menu>li{position:relative}.menu a{display:block;color:#fff;padding:10px 12px;font-weight:bold}
.sub-menu{display:none;position:absolute;background:#8e1515;z-index:9}.menu li:hover .sub-menu{display:block}
.breadcrumb ul{list-style:none;display:flex;gap:8px;padding:8px 0;margin:0}.breadcrumb li+li:before{content:"\\203A  "}
.row{display:flex;gap:24px}.col-main{flex:1;background:#fff;padding:16px}.col-right{width:300px}
.news-title{font-size:30px;line-height:1.25;margin:0 0 8px}.news-info{color:#777;font-size:14px}
.news-sapo{font-size:18px;font-weight:bold;line-height:1.5}.news-body-content img{max-width:100%}
table.image{margin:12px auto}td.image_caption{font-style:italic;color:#555;text-align:center}
.quote-box{border-left:4px solid #b71c1c;margin:16px 0;padding:4px 16px;background:#faf3f3;font-style:italic}
.social-share a{display:inline-block;margin:6px 6px 6px 0;padding:2px 8px;background:#eee;font-size:13px}
.news-in-timeline .news-item{display:flex;gap:12px;border-bottom:1px solid #eee;padding:10px 0}
.news-thumb{flex:0 0 160px;overflow:hidden}.news-thumb img{width:160px;height:100px;object-fit:cover;background:#ddd}.news-item h3{margin:0 0 4px;font-size:17px}
.news-time{color:#888;font-size:13px}.box-title{border-bottom:2px solid #b71c1c;font-size:18px}
.footer{background:#3a0a0a;color:#ddd;font-size:14px;padding:16px 0;margin-top:24px}.footer a{color:#fff}
.emag-cover img{width:100%;max-height:520px;object-fit:cover}.emag-title{font-size:44px;text-align:center}
.m-header__bar{display:flex;justify-content:space-between;background:#b71c1c;padding:8px}.m-header a{color:#fff}
.m-menu{display:none}.m-detail{background:#fff;padding:12px}
</style>"""

#: Off-site links in the sidebar and footer: the crawler must not follow them.
OFFSITE_LINKS = (
    ("https://www.facebook.com/baodantocvaphattrien", "Facebook Báo Dân tộc và Phát triển"),
    ("https://www.youtube.com/@baodantocvaphattrien", "Kênh Youtube"),
    ("https://nhandan.vn/", "Báo Nhân Dân"),
    ("https://baochinhphu.vn/", "Báo Điện tử Chính phủ"),
    ("https://ubdt.gov.vn/", "Cổng thông tin Ủy ban Dân tộc"),
)
#: Tracking parameters the "Đọc nhiều" box appends (the crawler must strip them).
TRACKING_QUERIES = (
    "?utm_source=facebook&utm_medium=social&utm_campaign=docnhieu",
    "?fbclid=IwAR2sampleSiteTrackingToken0",
    "?utm_source=zalo&utm_medium=share",
)


def is_main_family(host: str) -> bool:
    """baodantoc.vn, www. and m. serve the same articles and link among themselves."""
    return host in (MAIN_HOST, WWW_HOST, MOBILE_HOST)


def article_link(article: Article, host: str) -> str:
    """URL of an article as linked from a page on ``host`` (stay on www./m. when there)."""
    if article["host"] == MAIN_HOST and is_main_family(host):
        return article_url(article, host)
    return article_url(article)


def section_link(section: Section, host: str, page: int = 1) -> str:
    """URL of a section listing page as linked from ``host``: /<cat>.htm, /<cat>-p<N>.htm."""
    target = host if section.host == MAIN_HOST and is_main_family(host) else section.host
    suffix = "" if page <= 1 else f"-p{page}"
    return f"https://{target}/{section.slug}{suffix}.htm"


def head(title: str, description: str, canonical: str, image: str, host: str, extra: str = "") -> str:
    """<head> with title, description and og: tags (no JSON-LD, as on the live site)."""
    mobile_alt = ""
    if host != MOBILE_HOST and canonical.startswith(f"https://{MAIN_HOST}/"):
        mobile_alt = (f'<link rel="alternate" media="only screen and (max-width: 640px)" '
                      f'href="{esc(canonical.replace(MAIN_HOST, MOBILE_HOST, 1))}">')
    return f"""<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="robots" content="index, follow">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:description" content="{esc(description)}">
<meta property="og:image" content="{esc(image)}">
<meta property="og:url" content="{esc(canonical)}">
<meta property="fb:app_id" content="1234567890123456">
<link rel="canonical" href="{esc(canonical)}">
{mobile_alt}
<link rel="shortcut icon" href="https://{MAIN_HOST}/favicon.ico">
<link rel="stylesheet" href="https://{MAIN_HOST}/static/css/style.min.css?v=20190823">
{CRITICAL_CSS}
{extra}
<script async src="https://www.googletagmanager.com/gtag/js?id=UA-00000000-1"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
gtag('js', new Date()); gtag('config', 'UA-00000000-1');</script>
</head>"""


def _menu_items(catalog: Catalog, host: str) -> str:
    items = [f'<li class="menu-home"><a href="https://{host}/" title="Trang chủ">Trang chủ</a></li>']
    for section in catalog.menu_sections(host):
        subs = catalog.children(section.slug)
        sub_html = ""
        if subs:
            sub_html = '<ul class="sub-menu">' + "".join(
                f'<li><a href="{section_link(s, host)}" title="{esc(s.name)}">{esc(s.name)}</a></li>'
                for s in subs) + "</ul>"
        cls = "has-sub" if subs else "menu-item"
        items.append(f'<li class="{cls}"><a href="{section_link(section, host)}" '
                     f'title="{esc(section.name)}">{esc(section.name)}</a>{sub_html}</li>')
    return "\n".join(items)


def header(catalog: Catalog, host: str) -> str:
    """Top bar ("Analytic" + the stale clock), logo, banner ad and the section menu."""
    if host == MOBILE_HOST:
        return f"""<header class="m-header">
<div class="m-header__bar"><a class="btn-menu" href="#menu" aria-label="Menu">&#9776;</a>
<a class="m-logo" href="https://{host}/"><img src="{LOGO}" alt="{SITE_NAME}"></a>
<a class="btn-search" href="https://{host}/search?q=">Tìm kiếm</a></div>
<div class="m-header__date"><span class="analytic">Analytic</span> <span class="date-now">{STALE_CLOCK}</span></div>
<nav class="m-menu" id="menu"><ul>{_menu_items(catalog, host)}</ul></nav>
</header>"""
    brand = "Chuyên trang Chương trình MTQG" if host == MTQG_HOST else SITE_NAME
    return f"""<header class="header">
<div class="header-top"><div class="container">
<div class="header-top__left"><span class="analytic">Analytic</span> <span class="date-now">{STALE_CLOCK}</span></div>
<div class="header-top__right"><a href="https://{MAIN_HOST}/rss.htm">RSS</a> | <a href="https://{MAIN_HOST}/lien-he-toa-soan-1002.htm">Liên hệ</a> |
<form class="search-form" action="https://{host}/search" method="get"><input type="text" name="q" placeholder="Tìm kiếm..."><button type="submit">Tìm</button></form></div>
</div></div>
<div class="header-logo container"><a href="https://{host}/" title="{esc(brand)}"><img src="{LOGO}" alt="{esc(brand)}"></a>
<div class="banner-top ads" id="adsTop"><script>var adsTop = {{zone: 'top-728x90', site: 'baodantoc'}};</script>
<a href="https://quangcao.example-ads.vn/click?zone=top" rel="nofollow"><img src="https://{MAIN_HOST}/static/ads/banner-top.jpg" alt="Quảng cáo"></a></div></div>
<nav class="main-menu"><div class="container"><ul class="menu">{_menu_items(catalog, host)}</ul></div></nav>
</header>"""


def breadcrumb(catalog: Catalog, section_slug: str, host: str) -> str:
    """Trang chủ > section > sub-section."""
    items = [f'<li><a href="https://{host}/" title="Trang chủ">Trang chủ</a></li>']
    for section in catalog.section_chain(section_slug):
        items.append(f'<li><a href="{section_link(section, host)}" title="{esc(section.name)}">'
                     f"{esc(section.name)}</a></li>")
    return f'<div class="breadcrumb"><ul class="breadcrumb-list">{"".join(items)}</ul></div>'


def share_buttons(url: str, where: str) -> str:
    """Facebook/Zalo/Twitter share buttons, print and copy-link; off-site, never article text."""
    return f"""<div class="social-share social-share--{where}">
<a class="share-fb" href="https://www.facebook.com/sharer/sharer.php?u={esc(url)}" target="_blank" rel="nofollow">Chia sẻ</a>
<a class="share-zalo" href="https://sp.zalo.me/share_inline?url={esc(url)}" rel="nofollow">Zalo</a>
<a class="share-tw" href="https://twitter.com/intent/tweet?url={esc(url)}" rel="nofollow">Tweet</a>
<a class="share-print" href="javascript:window.print()">In bài viết</a>
<a class="share-copy" href="#" data-url="{esc(url)}">Sao chép liên kết</a>
</div>"""


def sidebar(catalog: Catalog, host: str) -> str:
    """Right column: ad, "Đọc nhiều" (links with tracking parameters) and off-site links."""
    popular = catalog.by_host[MAIN_HOST][3:8]
    most_read = "".join(
        f'<li><a href="{esc(article_link(a, host) + TRACKING_QUERIES[i % len(TRACKING_QUERIES)])}">'
        f"{esc(a['title'])}</a></li>" for i, a in enumerate(popular))
    offsite = "".join(f'<li><a href="{esc(u)}" target="_blank" rel="noopener">{esc(t)}</a></li>'
                      for u, t in OFFSITE_LINKS)
    return f"""<aside class="col-right">
<div class="ads ads-right" id="adsRight1"><script>loadAds('right-300x250');</script>
<a href="https://quangcao.example-ads.vn/click?zone=right" rel="nofollow"><img src="https://{MAIN_HOST}/static/ads/right-300.jpg" alt="Quảng cáo"></a></div>
<div class="box-most-read"><h3 class="box-title">Đọc nhiều</h3><ol>{most_read}</ol></div>
<div class="box-links"><h3 class="box-title">Liên kết</h3><ul>{offsite}</ul></div>
</aside>"""


def footer(host: str) -> str:
    """Publisher information, licence, contact, RSS and the about page (an article-like URL)."""
    return f"""<footer class="footer"><div class="container">
<div class="footer-menu"><a href="https://{MAIN_HOST}/gioi-thieu-bao-dan-toc-va-phat-trien-1001.htm">Giới thiệu</a> |
<a href="https://{MAIN_HOST}/lien-he-toa-soan-1002.htm">Liên hệ tòa soạn</a> | <a href="https://{MAIN_HOST}/rss.htm">RSS</a> |
<a href="https://www.facebook.com/baodantocvaphattrien" rel="nofollow">Facebook</a></div>
<div class="footer-info"><p><strong>BÁO DÂN TỘC VÀ PHÁT TRIỂN</strong> - Cơ quan của Ủy ban Dân tộc</p>
<p>Tổng Biên tập: Nguyễn Văn Mẫu. Giấy phép hoạt động báo điện tử số 00/GP-BTTTT.</p>
<p>Tòa soạn: 00 Phố Mẫu, quận Ba Đình, Hà Nội. Điện thoại: 024.0000.0000. Email: toasoan@baodantoc.vn</p>
<p>© Bản quyền thuộc về Báo Dân tộc và Phát triển. Cấm sao chép dưới mọi hình thức nếu không có sự chấp thuận bằng văn bản.</p></div>
</div>
<script>(function(){{var s=document.createElement('script');s.src='https://{MAIN_HOST}/static/js/tracking.js';document.body.appendChild(s);}})();</script>
<a href="#" class="back-to-top" id="backToTop">Lên đầu trang</a>
</footer>"""


def page(head_html: str, body_class: str, parts: list[str]) -> str:
    """Assemble a full HTML document."""
    return (f'<!DOCTYPE html>\n<html lang="vi">\n{head_html}\n<body class="{body_class}">\n'
            f'<div id="fb-root"></div>\n' + "\n".join(parts) + "\n</body>\n</html>\n")
