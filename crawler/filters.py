"""What a crawl is asked for: a date window, a section, a number of articles.

Parsed once from the spider's arguments (strings on the command line) with clear errors, then used
twice: by the spider to prune discovery (skip links outside the window, stop paging a listing once
past ``since``) and by the filter pipeline to decide on the parsed article, which is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..records import VIETNAM
from ..records.dates import DATE_FORMS, DateError, is_partial_or_day, parse_day
from .layouts.dates import parse_iso


class FilterError(ValueError):
    """A crawl argument that cannot be understood; the message says which and why."""


def _day_or_instant(value: str, name: str, end_of_day: bool) -> datetime:
    """A window bound: a day, month or year in the commands' one date syntax
    (:mod:`baodantoc.records.dates`), or an ISO 8601 instant (the spider's ``-a since=`` may be exact)."""
    text = value.strip()
    if is_partial_or_day(text):
        try:
            day = parse_day(text, end=end_of_day, option=name)
        except DateError as exc:
            raise FilterError(str(exc)) from None
    else:
        moment = parse_iso(text)
        if moment is None:
            raise FilterError(f"{name} {value!r} is not a date: use {DATE_FORMS} (or an ISO 8601 instant)") from None
        return moment
    if end_of_day:  # an until day includes the whole day
        return datetime.combine(day + timedelta(days=1), time(0), VIETNAM) - timedelta(seconds=1)
    return datetime.combine(day, time(0), VIETNAM)


def _limit(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise FilterError(f"limit: expected a positive whole number, got {value!r}") from None
    if number < 1:
        raise FilterError(f"limit: expected a positive whole number, got {value!r}")
    return number


@dataclass(frozen=True)
class CrawlFilters:
    """``since``/``until`` are inclusive instants in +07:00; ``section`` a section path prefix."""

    since: datetime | None = None
    until: datetime | None = None
    section: str | None = None
    limit: int | None = None

    @classmethod
    def from_args(cls, since: object = None, until: object = None, section: object = None,
                  limit: object = None) -> CrawlFilters:
        """Build from command-line strings (or already typed values); raises FilterError."""
        since_dt = since if isinstance(since, datetime) else (
            _day_or_instant(str(since), "since", end_of_day=False) if since else None)
        until_dt = until if isinstance(until, datetime) else (
            _day_or_instant(str(until), "until", end_of_day=True) if until else None)
        if since_dt and until_dt and since_dt > until_dt:
            raise FilterError(f"since ({since_dt:%Y-%m-%d}) is after until ({until_dt:%Y-%m-%d})")
        section_str = str(section).strip().strip("/") if section else None
        return cls(since_dt, until_dt, section_str or None, _limit(limit))

    def date_skip(self, moment: datetime | None) -> str | None:
        """"before_since"/"after_until" when ``moment`` is outside the window, else None."""
        if moment is None:
            return None
        if self.since and moment < self.since:
            return "before_since"
        if self.until and moment > self.until:
            return "after_until"
        return None

    def section_skip(self, section: str | None) -> str | None:
        """"other_section" when a section filter is set and ``section`` is not it or under it."""
        if not self.section:
            return None
        if section and (section == self.section or section.startswith(self.section + "/")):
            return None
        return "other_section"

    def listing_wanted(self, base: str) -> bool:
        """Should a listing of section ``base`` be paged? (All of them without a section filter.)"""
        return self.section_skip(base) is None

    def describe(self) -> dict[str, object]:
        """The filters as JSON-ready values (for the crawl report)."""
        return {"since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "section": self.section, "limit": self.limit}
