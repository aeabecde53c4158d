"""Time as the records keep it: the paper's zone (+07:00) and one clock.

Why one module: the +07:00 zone was written out in four places and "now" in seven; a record's
times must agree whoever writes them (crawler, store, exports), and tests that freeze time need
one clock to patch.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

#: Vietnam time (ICT, UTC+7, no daylight saving): the zone of every time the paper prints and of
#: every ``published_at`` a record holds.
VIETNAM = timezone(timedelta(hours=7))


def utc_now() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def now_iso() -> str:
    """The current instant as ISO 8601 to the second in UTC: the bookkeeping stamps of the store
    (``first_seen_at``, ``extracted_at``, crawl run times)."""
    return utc_now().isoformat(timespec="seconds")


def local_iso(moment: datetime | None) -> str | None:
    """ISO 8601 to the second with the +07:00 offset (the record format of article times), or None."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds") if moment else None
