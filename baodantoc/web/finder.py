"""The fact finder: the web UI's home page, a search box with filters that returns fact cards.

Why the search engine and not SQL of its own: "facts about Lào Cai" must mean the same in the
browser as in ``baodantoc search`` (a post-2025 province covers the old ones merged into it,
diacritics are optional, the same ranking), so a request becomes a
:class:`~baodantoc.records.SearchQuery` in fact mode and runs through :func:`baodantoc.search.search`
on Datasette's own read-only connection.

A card shows the number marked in its sentence, what it counts, the place and its province (before
and after 2025), the period, the article's title and date, and links to the article page and the
paper. Labels are Vietnamese: the users are Vietnamese journalists.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ..search import QueryError, build_query, count_matches, place_key, search
from ..search import output as search_output
from ..store.reading import fact_details, finder_choices
from .marking import Span, mark

#: Cards per page, and the most one page (or a download) may ask for.
PAGE_SIZE = 20
MAX_PAGE = 200
MAX_DOWNLOAD = 10_000
#: The filters of the form, by URL parameter.
PARAMS = ("q", "province", "borders", "kind", "year", "section", "ethnic")
KIND_LABELS = {"count": "Số lượng", "percent": "Tỷ lệ (%)", "money": "Tiền", "measure": "Đo lường",
               "rank": "Thứ hạng", "duration": "Thời gian", "ratio": "Tỷ số"}
BORDERS = {"2025": "Địa giới sau 1/7/2025 (gồm các tỉnh đã sáp nhập)", "old": "Địa giới trước 2025"}


@dataclass
class Card:
    """One fact as the page shows it."""

    number: str
    subject: str | None
    sentence: Markup
    kind: str
    place: str | None  # "xã Y Tý — tỉnh Lào Cai (trước 2025: Yên Bái)"
    national: bool
    period: str | None
    role: str | None  # "Mục tiêu", "Tăng", "Giảm": a number that is no observed level
    title: str | None
    date: str
    article_id: str
    url: str | None


@dataclass
class Results:
    """What the finder page renders."""

    form: dict[str, str]
    cards: list[Card] = field(default_factory=list)
    total: int = 0
    exact: bool = True
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    limit: int = PAGE_SIZE


def form_values(args: Any) -> dict[str, str]:
    """The filters as typed (missing ones empty)."""
    return {k: (args.get(k) or "").strip() for k in PARAMS}


def _query(form: dict[str, str], limit: int) -> Any:
    year = form["year"] if form["year"].isdigit() else None
    return build_query(form["q"], place=form["province"] or None, strict_place=form["borders"] == "old",
                       kind=form["kind"] or None, since=year, until=year, section=form["section"] or None,
                       ethnic=form["ethnic"] or None, facts_only=True, limit=limit)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso[:10]


def place_label(place: str | None, province: str | None, province_2025: str | None) -> str | None:
    """The place, then its province today and before 2025, each only when it says something new
    ("tỉnh Lào Cai" is not followed by "— tỉnh Lào Cai")."""
    if not (place or province_2025 or province):
        return None
    said = {place_key(place)} if place else set()
    label = place or ""
    if province_2025 and place_key(province_2025) not in said:
        label += (" — " if label else "") + f"tỉnh {province_2025}"
        said.add(place_key(province_2025))
    if province and place_key(province) not in said:
        label += f" (trước 2025: {province})"
    return label


def _role(detail: dict[str, Any]) -> str | None:
    if detail.get("role") == "target":
        return "Mục tiêu"
    if detail.get("role") == "change":
        return {"increase": "Mức tăng", "decrease": "Mức giảm"}.get(detail.get("direction") or "", "Mức thay đổi")
    return None


def _card(hit: Any, detail: dict[str, Any]) -> Card:
    fact = hit.facts[0]
    spans = [Span(s, e, "strong", {"class": "hit"}, priority=1) for s, e in hit.spans]
    start = detail.get("sentence_start")
    if start is not None and fact.get("start") is not None:
        spans.append(Span(fact["start"] - start, fact["end"] - start, "mark", {"class": "num"}))
    else:  # no sentence offsets: the first place the number is written
        at = hit.sentence.find(fact.get("text") or "\0")
        if at >= 0:
            spans.append(Span(at, at + len(fact["text"]), "mark", {"class": "num"}))
    return Card(number=("~" if fact.get("approx") else "") + (fact.get("text") or ""), subject=fact.get("subject"),
                sentence=mark(hit.sentence, spans), kind=KIND_LABELS.get(fact.get("kind"), fact.get("kind") or ""),
                place=place_label(fact.get("place_name"), detail.get("province"), detail.get("province_2025")),
                national=detail.get("scope") == "national",
                period=fact.get("period"), role=_role(detail), title=hit.title, date=_date(hit.published_at), article_id=hit.article_id,
                url=hit.url)


def find(conn: Any, form: dict[str, str], limit: int) -> Results:
    """Run the finder's search on a store connection (sync: Datasette's ``execute_fn`` calls it)."""
    results = Results(form=form, limit=limit)
    try:
        q = _query(form, limit)
        hits, results.notes = search(conn, q)
        results.total, results.exact = count_matches(conn, q) if len(hits) >= limit else (len(hits), True)
    except QueryError as exc:
        results.error = str(exc)
        return results
    details = fact_details(conn, [(h.article_id, h.facts[0]["fact_id"]) for h in hits])
    results.cards = [_card(h, details.get((h.article_id, h.facts[0]["fact_id"]), {})) for h in hits]
    return results


def choices(conn: Any) -> dict[str, list[Any]]:
    """The filters' options (sync, for ``execute_fn``)."""
    return finder_choices(conn)


def download(conn: Any, form: dict[str, str], fmt: str) -> tuple[bytes, str]:
    """The finder's results (up to :data:`MAX_DOWNLOAD`) as CSV (with a BOM) or XLSX; (body, filename)."""
    from .downloads import xlsx_bytes

    q = _query(form, MAX_DOWNLOAD)
    hits, _ = search(conn, q)
    if fmt == "xlsx":
        return xlsx_bytes(search_output.CSV_COLUMNS, search_output.rows(hits), "facts"), "facts.xlsx"
    buffer = io.StringIO()
    search_output.write_csv(hits, buffer)
    return buffer.getvalue().encode("utf-8"), "facts.csv"


def page_links(form: dict[str, str], limit: int) -> dict[str, str]:
    """Query strings of the page's links: more results, and the downloads of the same search."""
    kept = {k: v for k, v in form.items() if v}
    return {"more": urlencode({**kept, "limit": min(limit * 2, MAX_PAGE)}), "same": urlencode(kept)}
