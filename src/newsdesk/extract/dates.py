"""Dates (first version; the metadata work extends it, keeping ``parse_date``'s signature)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser


def parse_date(text: str, *, dayfirst: bool | None = None, tz: str | None = None) -> str | None:
    """Parse a date or date-time string into ISO 8601, or None.

    ``dayfirst`` reads 20/05/2026 style dates (None: decide from the numbers when one is
    over 12, else month-first). ``tz`` is an IANA zone applied to a naive date-time (the
    outlet's own zone); a value that carries its own offset keeps it. A date alone stays a
    date ("2026-05-20").
    """
    try:
        value = dateutil_parser.parse(text, dayfirst=bool(dayfirst), fuzzy=False)
    except (ValueError, OverflowError):
        return None
    has_time = any(ch == ":" for ch in text)
    if not has_time:
        return value.date().isoformat()
    if value.tzinfo is None and tz:
        value = value.replace(tzinfo=ZoneInfo(tz))
    return _iso(value)


def _iso(value: datetime) -> str:
    spec = "seconds" if value.second else "minutes"
    return value.isoformat(timespec=spec)
