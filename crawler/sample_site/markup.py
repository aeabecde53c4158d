"""Small pieces of markup shared by both layouts: escaping, dates as the paper prints them, URLs."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from html import escape
from urllib.parse import quote

#: The header clock of the paper's CMS is stale: it always shows this instant (never the date).
STALE_CLOCK = "Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27"
#: What a ``relative_time`` article shows instead of its date.
RELATIVE_TIME = "5 giờ trước"
SITE_NAME = "Báo Dân tộc và Phát triển"
LOGO = "https://baodantoc.vn/static/images/logo-baodantoc.png"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def esc(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return escape(text, quote=True)


def cms_date(moment: datetime) -> str:
    """The CMS byline date: "HH:MM, DD/MM/YYYY"."""
    return moment.strftime("%H:%M, %d/%m/%Y")


def listing_date(moment: datetime) -> str:
    """The date under a listing item: "HH:MM DD/MM/YYYY"."""
    return moment.strftime("%H:%M %d/%m/%Y")


def vnn_date(moment: datetime) -> str:
    """VietNamNet's breadcrumb date: "Thứ Sáu, 26/12/2025 - 22:10"."""
    return f"{WEEKDAYS[moment.weekday()]}, {moment.strftime('%d/%m/%Y - %H:%M')}"


def rfc822(moment: datetime) -> str:
    """RSS pubDate: "Fri, 26 Dec 2025 22:10:00 +0700" (English names, as RFC 822 wants)."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return (f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} "
            f"{moment.strftime('%H:%M:%S %z')}")


def quote_url(url: str) -> str:
    """Percent-quote the path of an absolute URL ("Tháng 5/Ngày_18" → "Th%C3%A1ng%205/Ng%C3%A0y_18")."""
    scheme, _, rest = url.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme}://{host}/{quote(path, safe='/%?=&+-_.~')}"


def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics, lowercase ("Lào Cai" → "lao cai"; đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def dashed_slug(text: str) -> str:
    """ASCII words joined by hyphens ("Hoàng Hải, Minh Nhật" → "hoang-hai-minh-nhat")."""
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_fold(text)).split())


def tag_path(tag: str) -> str:
    """Tag page path: ASCII words joined by '+', "/lao+cai.html" (the live site's scheme)."""
    words = "".join(c if c.isalnum() else " " for c in ascii_fold(tag)).split()
    return "/" + "+".join(words) + ".html"


def image_for(article_id: str, published: datetime, name: str) -> str:
    """An image URL on images.baodantoc.vn in the paper's folder scheme (unquoted)."""
    return (f"https://images.baodantoc.vn/uploads/{published.year}/Tháng {published.month}/"
            f"Ngày_{published.day}/{name}-{article_id[-6:]}.jpg")


def link_attrs(url: str, title: str) -> str:
    """href and title attributes of a link to an article."""
    return f'href="{esc(url)}" title="{esc(title)}"'
