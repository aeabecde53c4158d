"""The one date syntax of every command: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Why here, in the bottom layer: ``search --since`` and ``crawl --since`` (the crawler, the spider's
``-a since=``, ``run``) read the same words, and the layers that parse them (search, crawler)
cannot import each other. A partial date is a whole period: as a start it is its first day, as an
end its last day ("--until 2024" includes 31 December 2024).
"""

from __future__ import annotations

import re
from datetime import date

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
#: What the error messages name as the accepted forms.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


class DateError(ValueError):
    """A date a user typed that is not one; the message names the option and the accepted forms."""


def is_partial_or_day(value: str) -> bool:
    """True when ``value`` is written in the date syntax (valid or not: "2024-13" is, "yesterday" is not)."""
    return _DATE_RE.match(value.strip()) is not None


def parse_day(value: str, *, end: bool, option: str) -> date:
    """The day ``value`` stands for: its first day, or with ``end`` its last ("2024-02" → 29 Feb).

    option: the option's name for the message ("--since"). Raises :class:`DateError`.
    """
    m = _DATE_RE.match(value.strip())
    if not m:
        raise DateError(f"{option} {value!r} is not a date: use {DATE_FORMS}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            first = date(year, int(month), 1)
            if not end:
                return first
            nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(year, int(month), int(day))
    except ValueError:
        raise DateError(f"{option} {value!r} is not a valid date ({DATE_FORMS})") from None
