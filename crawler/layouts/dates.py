"""Dates as the paper prints them -> aware datetimes in +07:00.

Formats seen: the CMS byline "HH:MM, DD/MM/YYYY", VietNamNet's "Thứ Sáu, 26/12/2025 - 22:10",
long forms "ngày 26 tháng 12 năm 2025", ISO 8601 in meta tags, and relative times ("5 giờ trước",
"Hôm qua") that only mean something against the moment the page was fetched. The CMS header also
shows a clock that is stale (always 2019): callers never pass header text here.

Fixed formats are read with regexes (fast, exact); dateparser only resolves relative times, which
is what it is good at.
"""

from __future__ import annotations

import re
from datetime import datetime

from ...records import VIETNAM, local_iso

_TIME_DATE = re.compile(
    r"(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:[,|-]|ngày)?\s*(?:ngày\s*)?"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_DATE_TIME = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\s*(?:[,|-]|lúc)?\s*"
    r"(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?")
_LONG = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
                   r"(?:\D{1,6}(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?", re.IGNORECASE)
_DATE_ONLY = re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)")
_RELATIVE = re.compile(r"\b(\d+)\s*(giây|phút|giờ|tiếng|ngày|tuần)\s+trước\b|\bvừa\s+xong\b|\bhôm\s+qua\b",
                       re.IGNORECASE)
#: The site's clock runs in Vietnam; an ISO value without offset is taken in +07:00.
_MIN_YEAR, _MAX_YEAR = 1995, 2100


def _build(parts: dict[str, str | None]) -> datetime | None:
    try:
        moment = datetime(int(parts["y"] or 0), int(parts["m"] or 0), int(parts["d"] or 0),
                          int(parts.get("H") or 0), int(parts.get("M") or 0), int(parts.get("S") or 0),
                          tzinfo=VIETNAM)
    except ValueError:
        return None
    return moment if _MIN_YEAR <= moment.year < _MAX_YEAR else None


def parse_printed(text: str | None) -> datetime | None:
    """A date printed on the page (byline, listing, breadcrumb), in +07:00; None if there is none.

    A date without a time is taken at 00:00.
    """
    if not text:
        return None
    for pattern in (_TIME_DATE, _DATE_TIME, _LONG, _DATE_ONLY):
        match = pattern.search(text)
        if match:
            found = _build(match.groupdict())
            if found:
                return found
    return None


def parse_iso(text: str | None) -> datetime | None:
    """An ISO 8601 value from metadata; a naive one is taken in +07:00, others converted to it."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_printed(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM) if _MIN_YEAR <= moment.year < _MAX_YEAR else None


def is_relative(text: str | None) -> bool:
    """Does the text print a relative time ("5 giờ trước", "hôm qua")?"""
    return bool(text and _RELATIVE.search(text))


def parse_relative(text: str | None, fetched_at: datetime) -> datetime | None:
    """Resolve a relative time against the fetch instant, to the minute, in +07:00.

    dateparser does the arithmetic (it knows Vietnamese units); the result can only be as precise
    as the page ("5 giờ trước" is any time in that hour), which ``extraction`` records as
    "relative".
    """
    if not is_relative(text):
        return None
    import dateparser  # loaded only when a page needs it: its language data takes ~1 s to load

    base = fetched_at.astimezone(VIETNAM).replace(tzinfo=None)
    match = _RELATIVE.search(text or "")
    assert match is not None
    phrase = match.group(0)
    if phrase.lower().startswith("vừa"):  # "vừa xong": just now
        return base.replace(second=0, microsecond=0, tzinfo=VIETNAM)
    found = dateparser.parse(phrase, languages=["vi"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    if found is None:
        return None
    return found.replace(second=0, microsecond=0, tzinfo=VIETNAM)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 to the second with the +07:00 offset (the record format), or None."""
    return local_iso(moment)
