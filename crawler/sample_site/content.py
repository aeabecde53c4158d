"""Sample-site content: load and validate the article JSON files, build the article text and URLs.

The article JSON format is a contract shared with the content writer and with the tests that
compare what the crawler extracts against :func:`article_text`. Validation is strict on purpose:
every text field must survive an HTML round trip unchanged (no leading/trailing or doubled
whitespace, no newlines), otherwise the crawler could never reproduce the text and the gold
annotations made on it would drift. A bad file raises :class:`ContentError` naming file and field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"
ARTICLES_DIR = CONTENT_DIR / "articles"
SECTIONS_FILE = CONTENT_DIR / "sections.json"

#: Hosts an article may belong to (its canonical host).
CONTENT_HOSTS = ("baodantoc.vn", "chuongtrinhmtqg.baodantoc.vn", "dantocphattrien.vietnamnet.vn")
#: The paper's channel on VietNamNet serves the articles published from this instant on.
CHANNEL_START = datetime.fromisoformat("2025-07-01T00:00:00+07:00")
LAYOUTS = ("standard", "photo", "video", "emagazine")
#: Quirks of the content format, plus the site engine's own (retry_500, slow, malformed_html).
QUIRKS = (
    "nfd", "old_tone", "relative_time", "no_author", "legacy_cp1258", "m_redirect",
    "retry_500", "slow", "malformed_html", "wrong_charset", "double_utf8",
)
IMAGE_PREFIX = "https://images.baodantoc.vn/uploads/"
VIETNAM_OFFSET = timedelta(hours=7)

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_RE = re.compile(r"^(?:\d{13}|\d{4,6})$")
_BAD_SPACE_RE = re.compile(r"^\s|\s$|\s\s|[\n\r\t]")

Article = dict[str, Any]


class ContentError(ValueError):
    """A content file breaks the format; the message names the file and the field."""


@dataclass(frozen=True)
class Section:
    """One section (chuyên mục): ``slug`` is its URL path ("chinh-sach/giam-ngheo")."""

    slug: str
    name: str
    parent: str | None
    host: str

    @property
    def leaf(self) -> str:
        """Last path component ("giam-ngheo"), used where a flat name is needed (RSS, CSS)."""
        return self.slug.rsplit("/", 1)[-1]


def load_sections(path: Path = SECTIONS_FILE) -> dict[str, Section]:
    """Read ``sections.json`` into {slug: Section}, in menu order; parents must come first."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ContentError(f"{path}: cannot read sections: {exc}") from exc
    sections: dict[str, Section] = {}
    for i, row in enumerate(rows):
        where = f"{path.name}[{i}]"
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in ("slug", "name", "host")):
            raise ContentError(f"{where}: needs string slug, name and host")
        parent = row.get("parent")
        if parent is not None and parent not in sections:
            raise ContentError(f"{where}: parent {parent!r} is not a section listed before it")
        if row["slug"] in sections:
            raise ContentError(f"{where}: duplicate slug {row['slug']!r}")
        sections[row["slug"]] = Section(row["slug"], row["name"], parent, row["host"])
    return sections


def parse_time(value: Any, where: str) -> datetime:
    """Parse an ISO 8601 timestamp that must carry the +07:00 offset."""
    if not isinstance(value, str) or not value.endswith("+07:00"):
        raise ContentError(f"{where}: expected ISO 8601 ending in +07:00, got {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ContentError(f"{where}: not ISO 8601: {value!r}") from exc
    return moment


def _text(data: Article, field: str, where: str, *, empty_ok: bool = False, nfd: bool = False) -> str:
    value = data.get(field)
    if not isinstance(value, str) or (not value and not empty_ok):
        raise ContentError(f"{where}: field {field!r} must be a {'' if empty_ok else 'non-empty '}string")
    if value and _BAD_SPACE_RE.search(value):
        raise ContentError(f"{where}: field {field!r} has leading/trailing/doubled whitespace or a newline")
    if not nfd and unicodedata.normalize("NFC", value) != value:
        raise ContentError(f"{where}: field {field!r} is not NFC (add the 'nfd' quirk if meant)")
    return value


_BLOCK_FIELDS = {"p": ("text",), "h": ("text",), "quote": ("text",), "figure": ("src", "caption"), "qa": ("q", "a")}


def _check_blocks(data: Article, where: str, nfd: bool) -> None:
    blocks = data.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        raise ContentError(f"{where}: field 'blocks' must be a non-empty list")
    for i, block in enumerate(blocks):
        bwhere = f"{where}: blocks[{i}]"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in _BLOCK_FIELDS:
            raise ContentError(f"{bwhere}: type must be one of {sorted(_BLOCK_FIELDS)}, got {kind!r}")
        for field in _BLOCK_FIELDS[kind]:
            _text(block, field, f"{bwhere}", empty_ok=field == "caption", nfd=nfd)
        if kind == "figure" and not block["src"].startswith(IMAGE_PREFIX):
            raise ContentError(f"{bwhere}: src must start with {IMAGE_PREFIX}")


def validate_article(data: Any, where: str, sections: dict[str, Section]) -> Article:
    """Check one article dict against the content format; return it unchanged or raise ContentError."""
    if not isinstance(data, dict):
        raise ContentError(f"{where}: an article must be a JSON object")
    quirks = data.get("quirks", [])
    if not isinstance(quirks, list) or any(q not in QUIRKS for q in quirks):
        raise ContentError(f"{where}: field 'quirks' must be a list drawn from {list(QUIRKS)}")
    nfd = "nfd" in quirks
    article_id = data.get("id")
    if not isinstance(article_id, str) or not _ID_RE.match(article_id):
        raise ContentError(f"{where}: field 'id' must be a string of 13 digits (or 4-6 for legacy)")
    if not isinstance(data.get("slug"), str) or not _SLUG_RE.match(data["slug"]):
        raise ContentError(f"{where}: field 'slug' must be lowercase ASCII words joined by hyphens")
    host = data.get("host")
    if host not in CONTENT_HOSTS:
        raise ContentError(f"{where}: field 'host' must be one of {list(CONTENT_HOSTS)}, got {host!r}")
    section = sections.get(data.get("section"))  # type: ignore[arg-type]
    if section is None or section.host not in CONTENT_HOSTS:
        raise ContentError(f"{where}: field 'section' {data.get('section')!r} is not a content section")
    if (section.host == "chuongtrinhmtqg.baodantoc.vn") != (host == "chuongtrinhmtqg.baodantoc.vn"):
        raise ContentError(f"{where}: section {section.slug!r} and host {host!r} do not match")
    if data.get("layout") not in LAYOUTS:
        raise ContentError(f"{where}: field 'layout' must be one of {list(LAYOUTS)}")
    for field in ("title", "sapo"):
        _text(data, field, where, nfd=nfd)
    _text(data, "byline", where, empty_ok=True, nfd=nfd)
    if "no_author" in quirks and data["byline"]:
        raise ContentError(f"{where}: field 'byline' must be empty with the 'no_author' quirk")
    published = parse_time(data.get("published"), f"{where}: field 'published'")
    if data.get("modified") is not None:
        modified = parse_time(data["modified"], f"{where}: field 'modified'")
        if modified < published:
            raise ContentError(f"{where}: field 'modified' is before 'published'")
    if host == "dantocphattrien.vietnamnet.vn" and published < CHANNEL_START:
        raise ContentError(f"{where}: field 'host' dantocphattrien.vietnamnet.vn serves articles from 2025-07-01 only")
    if len(article_id) == 13 and int(article_id) > published.timestamp() * 1000:
        raise ContentError(f"{where}: field 'id' (draft creation time) is after 'published'")
    _check_blocks(data, where, nfd)
    for field in ("tags", "related"):
        values = data.get(field)
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ContentError(f"{where}: field {field!r} must be a list of non-empty strings")
    crosspost = data.get("crosspost")
    if crosspost is not None and (
            not isinstance(crosspost, dict) or crosspost.get("host") != "vietnamnet.vn"
            or not re.fullmatch(r"\d{7}", str(crosspost.get("id")))
            or not _SLUG_RE.match(str(crosspost.get("slug")))):
        raise ContentError(f"{where}: field 'crosspost' needs host 'vietnamnet.vn', a 7-digit id and a slug")
    return data


def load_articles(directory: Path = ARTICLES_DIR, sections: dict[str, Section] | None = None) -> list[Article]:
    """Load and validate every ``<id>.json`` in ``directory``; newest first.

    Cross-file rules are checked here: the file name is the id, ids and cross-post ids are unique,
    and every ``related`` id names an article of the set.
    """
    sections = sections or load_sections()
    articles: list[Article] = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ContentError(f"{path.name}: not a readable UTF-8 JSON file: {exc}") from exc
        article = validate_article(data, path.name, sections)
        if path.stem != article["id"]:
            raise ContentError(f"{path.name}: file name must be the id ({article['id']}.json)")
        articles.append(article)
    check_collection(articles)
    return sort_newest_first(articles)


def check_collection(articles: list[Article]) -> None:
    """Cross-article rules: unique ids and cross-post ids, and ``related`` ids that exist."""
    ids: set[str] = set()
    crossposts: set[str] = set()
    for article in articles:
        if article["id"] in ids:
            raise ContentError(f"{article['id']}: duplicate article id")
        ids.add(article["id"])
        cross = article.get("crosspost")
        if cross:
            if cross["id"] in crossposts:
                raise ContentError(f"{article['id']}: duplicate crosspost id {cross['id']}")
            crossposts.add(cross["id"])
    for article in articles:
        missing = [r for r in article["related"] if r not in ids]
        if missing:
            raise ContentError(f"{article['id']}.json: field 'related' names unknown ids {missing}")


def published_at(article: Article) -> datetime:
    """The article's publication time (aware, +07:00)."""
    return datetime.fromisoformat(article["published"])


def sort_newest_first(articles: list[Article]) -> list[Article]:
    """Listing order: newest first; the id breaks ties so the order is stable."""
    return sorted(articles, key=lambda a: (published_at(a), a["id"]), reverse=True)


def block_pieces(article: Article) -> list[str]:
    """The body pieces of the article text rule, one per block (figure: its caption, if any)."""
    pieces: list[str] = []
    for block in article["blocks"]:
        kind = block["type"]
        if kind in ("p", "h", "quote"):
            pieces.append(block["text"])
        elif kind == "figure":
            if block["caption"]:
                pieces.append(block["caption"])
        elif kind == "qa":
            pieces.extend((block["q"], block["a"]))
    return pieces


def article_body(article: Article) -> str:
    """The body: block pieces joined by blank lines, NFC."""
    return unicodedata.normalize("NFC", "\n\n".join(block_pieces(article)))


def article_text(article: Article) -> str:
    """What the crawler must extract: title, sapo, then the body, joined by blank lines, NFC."""
    pieces = [article["title"], article["sapo"], *block_pieces(article)]
    return unicodedata.normalize("NFC", "\n\n".join(pieces))


def article_path(article: Article) -> str:
    """Path of the article on its own hosts: ``/<slug>-<id>.htm``."""
    return f"/{article['slug']}-{article['id']}.htm"


def article_url(article: Article, host: str | None = None) -> str:
    """Absolute https URL of the article on ``host`` (default: its canonical host)."""
    return f"https://{host or article['host']}{article_path(article)}"


def crosspost_url(article: Article) -> str | None:
    """URL of the VietNamNet cross-post, or None when the story is not cross-posted."""
    cross = article.get("crosspost")
    if not cross:
        return None
    return f"https://{cross['host']}/{cross['slug']}-{cross['id']}.html"
