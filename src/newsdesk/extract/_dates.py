"""Dates: read the date formats news pages use, fast, into ISO 8601.

``parse_date`` reads one value (a meta tag, a JSON-LD field, a ``<time>`` text);
``search_date`` finds the first date inside free text ("Posted by X on 19 November 2019").
Both use small regexes (ISO 8601, RFC 822, numeric day/month orders, month names in the
major European languages, CJK ``年月日``); dateutil is only the last resort for ``parse_date``.

Rules: a value with its own offset keeps it; a naive date-time gets ``tz`` (the outlet's
IANA zone) when one is given, else stays naive; a date alone stays a date. In numeric dates
a number over 12 decides the order, else ``dayfirst`` does (dotted dates are day-first).
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdesk.extract._months import MONTHS, MONTHS_PATTERN

MIN_YEAR = 1990
_BEFORE_YEAR = 45  # "Wednesday, 19th of September " fits before the year
_AFTER_YEAR = 45  # ", 10:30:00 a.m. CEST" fits after it
MAX_YEAR = 2100
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)

_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AEST": 600, "AEDT": 660,
    "JST": 540, "KST": 540, "HKT": 480, "SGT": 480,
}  # fmt: skip
# Zone names that are not one offset: the region's clock, daylight saving included.
_REGION_ZONES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
}  # fmt: skip
_ZONE_NAMES = "|".join(sorted([*_ZONES, *_REGION_ZONES], key=len, reverse=True))
_TIME = (
    r"(?:[T\s,|•·@-]+(?:at\s+|um\s+|à\s+|alle\s+|u\s+|a\s+las\s+|kl\.?\s+)?"
    r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?"
    r"\s*(?P<zone>(?-i:(?:UTC|GMT)?\s?[+-]\d{2}(?::?\d{2})?(?!\d)|(?:" + _ZONE_NAMES + r")\b))?)?"
)
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"
    r"(?:(?:T|\s+)(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>[+-]\d{2}(?::?\d{2})?|(?:" + _ZONE_NAMES + r")\b)?)?"
)
_COMPACT = re.compile(
    r"^(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?:T?(?P<hour>\d{2})(?P<minute>\d{2}))?$"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_YMD = re.compile(
    r"(?<![\d.])(?P<year>\d{4})[./](?P<month>\d{1,2})[./](?P<day>\d{1,2})(?![\d/])" + _TIME
)
_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])\s?(?P<b>\d{1,2})(?P=sep)\s?(?P<year>\d{4})(?![\d/-])"
    + _TIME
)
# The three month-name patterns cost most of this module's start-up to compile and only pages
# with a date in words need them: compiled on first use.
_MDY = (
    rf"(?<!\w)(?P<mname>{MONTHS_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<year>\d{{4}})(?!\d)" + _TIME
)
_DMY = (
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?(?P<mname>{MONTHS_PATTERN})"
    rf"\.?,?\s*(?:de\s+|del\s+)?(?P<year>\d{{4}})(?!\d)\.?(?:\s*(?:г\.|года|r\.))?" + _TIME
)
# "04-Aug-2021", "04-ago-2021 5:11:10", "4/Mar/2020": a month name joined by dashes or slashes.
_DMY_JOINED = (
    rf"(?<![\w./-])(?P<day>\d{{1,2}})(?P<sep>[-/])(?P<mname>{MONTHS_PATTERN})\.?(?P=sep)"
    rf"(?P<year>\d{{4}})(?!\d)" + _TIME
)


# "March 11, 3:46 PM", "11 March, 15:46": a month name and a day with a time but no year, as
# bylines show recent stories. Only ``search_recent`` reads them, with a year it is given.
_MD_TIME = (
    rf"(?<!\w)(?P<mname>{MONTHS_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]*\s*\d{{4}})"
    + _TIME[:-1]  # the time required
)
_DM_TIME = (
    rf"(?<!\w)(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<mname>{MONTHS_PATTERN})\.?(?!,?\s*\d{{4}})"
    + _TIME[:-1]  # the time required
)


@functools.cache
def _recent_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_MD_TIME, re.I), re.compile(_DM_TIME, re.I)


def search_recent(
    text: str, near: date, *, tz: str | None = None, max_days: int = 3
) -> Found | None:
    """The first month-day-and-time without a year in ``text`` ("March 11, 3:46 PM"),
    read in the year that puts it within ``max_days`` of ``near``; None when no year does.

    Bylines of recent stories leave the year out; without a day to compare with the year is
    unknowable, so this is only for checking a shown time against a machine date."""
    best: Found | None = None
    for pattern in _recent_patterns():
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best.start):
            continue
        for year in (near.year, near.year - 1, near.year + 1):
            groups = {**match.groupdict(), "year": str(year)}
            iso = _from_groups(groups, None, tz)
            if iso is not None and abs((date.fromisoformat(iso[:10]) - near).days) <= max_days:
                best = Found(iso, match.start(), match.end())
                break
    return best


@functools.cache
def _month_names() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The month-name patterns, compiled: month-day-year, day-month-year, day-month-year
    joined by dashes or slashes."""
    return re.compile(_MDY, re.I), re.compile(_DMY, re.I), re.compile(_DMY_JOINED, re.I)


_CJK = re.compile(
    r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
    r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
)


@dataclass(frozen=True, slots=True)
class Found:
    """One date read from text: its ISO value and where it was in the text."""

    iso: str
    start: int
    end: int


def parse_date(text: str, *, dayfirst: bool | None = None, tz: str | None = None) -> str | None:
    """Parse a date or date-time string into ISO 8601, or None.

    ``dayfirst`` reads 20/05/2026 style dates (None: decide from the numbers when one is
    over 12, else month-first; dotted dates are day-first). ``tz`` is an IANA zone applied
    to a naive date-time (the outlet's own zone); a value that carries its own offset keeps
    it. A date alone stays a date ("2026-05-20").
    """
    value = " ".join(text.split())
    if not value or len(value) > 120:
        return None
    if value[:4].isdigit() and value[4:5] == "-":  # ISO 8601, most machine values: fast path
        iso = _ISO.match(value)
        parsed = _from_match(iso, dayfirst, tz) if iso else None
        if parsed is not None:
            return parsed
    special = _special(value, tz)
    if special is not None:
        return special
    found = search_date(value, dayfirst=dayfirst, tz=tz)
    if found is not None:
        return found.iso
    return _dateutil(value, dayfirst=dayfirst, tz=tz)


def search_date(text: str, *, dayfirst: bool | None = None, tz: str | None = None) -> Found | None:
    """The first date in ``text`` (earliest position; ties go to the longer match).

    Every pattern holds a four-digit year, so only windows around year-like numbers are
    searched: long texts cost little more than short ones.
    """
    searched_to = 0
    for year in _YEAR.finditer(text):
        start = max(searched_to, year.start() - _BEFORE_YEAR)
        window = text[start : year.end() + _AFTER_YEAR]
        found = _search_window(window, dayfirst, tz)
        if found is not None:
            return Found(found.iso, found.start + start, found.end + start)
        searched_to = max(searched_to, year.start() - _BEFORE_YEAR)
    return None


def _search_window(text: str, dayfirst: bool | None, tz: str | None) -> Found | None:
    best: Found | None = None
    for pattern in _patterns_for(text):
        for match in pattern.finditer(text):
            if best is not None and match.start() > best.start:
                break
            iso = _from_match(match, dayfirst, tz)
            if iso is None:
                continue
            if best is None or (match.start(), -match.end()) < (best.start, -best.end):
                best = Found(iso, match.start(), match.end())
            break
    return best


def _patterns_for(text: str) -> list[re.Pattern[str]]:
    """The patterns that can match in ``text``, in order: each numeric or joined one needs
    its separator, the CJK one its ``年``."""
    dash, slash, dot = "-" in text, "/" in text, "." in text
    patterns = [_ISO] if dash else []
    if slash or dot:
        patterns.append(_YMD)
    if "年" in text or "년" in text:
        patterns.append(_CJK)
    mdy, dmy, dmy_joined = _month_names()
    patterns += (mdy, dmy)
    if dash or slash:
        patterns.append(dmy_joined)
    if dash or slash or dot:
        patterns.append(_NUMERIC)
    return patterns


def _special(value: str, tz: str | None) -> str | None:
    if _EPOCH.match(value):
        seconds = int(value[:10])
        moment = datetime.fromtimestamp(seconds, tz=UTC)
        if MIN_YEAR <= moment.year < MAX_YEAR:
            return _iso(_in_zone(moment, tz))
        return None
    compact = _COMPACT.match(value)
    if compact:
        return _from_match(compact, None, tz)
    return None


def _in_zone(moment: datetime, tz: str | None) -> datetime:
    zone = _zone(tz)
    return moment.astimezone(zone) if zone else moment


def _from_match(match: re.Match[str], dayfirst: bool | None, tz: str | None) -> str | None:
    return _from_groups(match.groupdict(), dayfirst, tz)


def _from_groups(
    groups: dict[str, str | None], dayfirst: bool | None, tz: str | None
) -> str | None:
    ymd = _ymd(groups, dayfirst)
    if ymd is None:
        return None
    year, month, day = ymd
    if not (MIN_YEAR <= year < MAX_YEAR):
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return day_value.isoformat()
    moment = _with_time(day_value, groups)
    if moment is None:
        return day_value.isoformat()
    return _iso(_zoned(moment, groups.get("zone"), tz))


def _ymd(groups: dict[str, str | None], dayfirst: bool | None) -> tuple[int, int, int] | None:
    year = int(groups["year"] or 0)
    month_name = groups.get("mname")
    if month_name:
        month = MONTHS.get(month_name.lower().rstrip("."))
        if month is None:
            return None
        return year, month, int(groups["day"] or 0)
    if groups.get("a"):
        return _day_or_month_first(year, groups, dayfirst)
    return year, int(groups["month"] or 0), int(groups["day"] or 0)


def _day_or_month_first(
    year: int, groups: dict[str, str | None], dayfirst: bool | None
) -> tuple[int, int, int]:
    """``a/b/year``: a number over 12 is the day; else ``dayfirst`` decides, or the
    separator when it is unknown (dots are day first)."""
    a, b = int(groups["a"] or 0), int(groups["b"] or 0)
    if a > 12 and b <= 12:
        return year, b, a
    if b > 12 and a <= 12:
        return year, a, b
    first = dayfirst if dayfirst is not None else groups.get("sep") == "."
    return (year, b, a) if first else (year, a, b)


def _with_time(day_value: date, groups: dict[str, str | None]) -> datetime | None:
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    second = int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return datetime(day_value.year, day_value.month, day_value.day, hour, minute, second)


def _zoned(moment: datetime, zone_text: str | None, tz: str | None) -> datetime:
    region = _REGION_ZONES.get((zone_text or "").strip())
    if region:
        return moment.replace(tzinfo=ZoneInfo(region))
    offset = _offset(zone_text) if zone_text else None
    if offset is not None:
        return moment.replace(tzinfo=offset)
    zone = _zone(tz)
    return moment.replace(tzinfo=zone) if zone else moment


def _offset(zone_text: str) -> timezone | None:
    text = zone_text.strip().upper().removeprefix("UTC").removeprefix("GMT").strip()
    if not text:
        return UTC
    if text in _ZONES:
        return timezone(timedelta(minutes=_ZONES[text]))
    if text[0] in "+-" and text[1:3].isdigit():
        digits = text[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
        if minutes > 14 * 60:
            return None
        return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))
    return None


def _zone(tz: str | None) -> ZoneInfo | None:
    if not tz:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _dateutil(value: str, *, dayfirst: bool | None, tz: str | None) -> str | None:
    if not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", value):
        return None  # dateutil fills a missing year with this year's: never guess
    from dateutil import parser as dateutil_parser  # the last resort: imported when reached

    try:
        with warnings.catch_warnings():
            # A zone name dateutil does not know ("CEST") leaves the time naive, as it says in
            # this warning; the page's own zone then applies below. Not the user's concern.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            moment = dateutil_parser.parse(value, dayfirst=bool(dayfirst), default=_DEFAULT_A)
            other = dateutil_parser.parse(value, dayfirst=bool(dayfirst), default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if moment.date() != other.date():
        return None  # a part of the date was missing and dateutil filled it in
    if not (MIN_YEAR <= moment.year < MAX_YEAR):
        return None
    if ":" not in value:
        return moment.date().isoformat()
    if moment.tzinfo is None:
        zone = _zone(tz)
        moment = moment.replace(tzinfo=zone) if zone else moment
    return _iso(moment)


def _iso(value: datetime) -> str:
    spec = "seconds" if value.second else "minutes"
    return value.isoformat(timespec=spec)
