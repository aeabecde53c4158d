"""What a search asks for, checked before any SQL runs.

Why a separate, strict parsing step: the search box is typed by journalists, so anything may come
in — quotes, ``*``, ``NEAR``, a lone parenthesis, a date range backwards, "abc" as a bound. Words
are reduced to folded tokens and quoted for FTS5, so query syntax never reaches the engine unless
the user asks for it (``--fts``); every filter value becomes an SQL parameter. An absurd filter is
a :class:`QueryError` whose message is one line, shown as is.
"""

from __future__ import annotations

import re
from datetime import date

from ..records import FACT_KINDS, SORTS, SearchQuery
from ..records.dates import DateError, parse_day
from ..store.folding import fold, tokens
from .places import is_whole_country, province_area

KINDS = FACT_KINDS
#: Longest query we accept (characters): a guard against pasting a whole article.
MAX_QUERY_CHARS = 1000
MAX_LIMIT = 10_000


class QueryError(ValueError):
    """A search that cannot mean anything (inverted dates, a bound that is no number...)."""


def parse_date(value: str, *, end: bool, option: str) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD (:func:`baodantoc.records.dates.parse_day`); a :class:`QueryError` otherwise."""
    try:
        return parse_day(value, end=end, option=option)
    except DateError as exc:
        raise QueryError(str(exc)) from None


def parse_number(value: str, option: str) -> float:
    """A bound: "51.4", "51,4" (Vietnamese decimal comma) or "1e9"; anything else is an error."""
    text = value.strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise QueryError(f"{option} {value!r} is not a number (e.g. 50, 51.4 or 3.5e9)") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise QueryError(f"{option} {value!r} is not a finite number")
    return number


def _name(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not tokens(value):
        raise QueryError(f"{option} {value!r} has no letters or digits to look for")
    return value.strip()


def build_query(text: str = "", *, fts: bool = False, person: str | None = None, org: str | None = None,
                ethnic: str | None = None, place: str | None = None, strict_place: bool = False,
                same_sentence: bool = False, kind: str | None = None, unit: str | None = None,
                min_value: str | None = None, max_value: str | None = None, since: str | None = None,
                until: str | None = None, section: str | None = None, facts_only: bool = False,
                sort: str = "date", limit: int = 20) -> SearchQuery:
    """Validate the user's input into a :class:`SearchQuery`; raises :class:`QueryError`."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if sort not in SORTS:
        raise QueryError(f"--sort {sort!r}: choose from {', '.join(SORTS)}")
    q = SearchQuery(limit=limit, strict_place=strict_place, same_sentence=same_sentence, facts_only=facts_only,
                    sort=sort)
    if fts:
        # only đ is folded (the tokenizer folds the rest); case is kept: AND, OR, NOT, NEAR are operators
        q.fts = text.replace("đ", "d").replace("Đ", "D").strip() or None
    else:
        # a trailing * on a word is a prefix search; every other syntax character is a separator
        q.words = [w + "*" if star else w for w, star in re.findall(r"([^\W_]+)(\*?)", fold(text))]
    q.person, q.org = _name(person, "--person"), _name(org, "--org")
    q.ethnic, q.place = _name(ethnic, "--ethnic"), _name(place, "--place")
    if q.place:
        q.place_area = province_area(q.place, strict=strict_place)
        q.place_national = is_whole_country(q.place)
    q.section = _name(section, "--section")
    if kind is not None:
        k = fold(kind).strip()
        if k not in KINDS:
            raise QueryError(f"--kind {kind!r} is not a fact kind: choose from {', '.join(KINDS)}")
        q.kind = k
    q.unit = unit.strip() if unit and unit.strip() else None
    q.min_value = parse_number(min_value, "--min") if min_value is not None else None
    q.max_value = parse_number(max_value, "--max") if max_value is not None else None
    if q.min_value is not None and q.max_value is not None and q.min_value > q.max_value:
        raise QueryError(f"--min {min_value} is greater than --max {max_value}: nothing can match")
    q.since = parse_date(since, end=False, option="--since") if since else None
    q.until = parse_date(until, end=True, option="--until") if until else None
    if q.since and q.until and q.since > q.until:
        raise QueryError(f"--since {since} is after --until {until}: the date range is empty")
    if not q.has_text and not any((q.person, q.org, q.ethnic, q.place, q.section, q.since, q.until, q.fact_mode)):
        raise QueryError("nothing to search for: give words (e.g. \"hộ nghèo\") or at least one filter")
    return q
