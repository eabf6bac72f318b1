"""URLs: absolute links, the slug of an article URL, and dates written into URL paths."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms|amp|story)$", re.I)
_ID_SUFFIX = re.compile(
    r"(?:[-_.](?:\d{5,}|(?!(?:19|20)\d\d(?:$|[-_.]))\d{4}|[0-9a-f]{8,}|id\d+|a\d{4,}|[a-z]?\d{5,}[a-z]?))+$",
    re.I,
)  # numeric and hex ids; a trailing year ("-2025") is part of the slug
_ID_PREFIX = re.compile(r"^(?:\d{4,}|[0-9a-f]{10,})[-_]", re.I)
_ID_ONLY = re.compile(r"^(?:[0-9a-f]{8,}|\d+|[a-z]?\d{4,}[a-z]?|[0-9a-f-]{20,}|[\w-]{1,2})$", re.I)
_NOT_SLUGS = frozenset(
    {
        "index",
        "amp",
        "article",
        "articles",
        "story",
        "news",
        "post",
        "p",
        "default",
        "print",
        "view",
        "detail",
        "details",
        "content",
        "html",
        "www",
        "en",
        "de",
        "fr",
    }
)
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/_-]?(?P<month>0[1-9]|1[0-2])[/_-]?(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)


_MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_URL_DATE_NAMED = re.compile(
    r"/(?P<year>(?:19|20)\d{2})/(?P<month>"
    + r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    + r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    + r")/(?P<day>\d{1,2})(?!\d)",
    re.I,
)  # The Guardian's /2019/nov/18/, /2023/october/03/


# An absolute URL with nothing urljoin would rewrite: no dot segments, no ";" parameters,
# no empty query or fragment at the end, no spaces.
_PLAIN_URL = re.compile(
    r"https?://[^\s/?#;]+(?:/(?!\.\.?(?:/|$|[?#]))[^\s/?#;]*)*(?:\?[^\s#;]+)?(?:#\S+)?"
)


def absolute(value: str | None, base: str | None) -> str | None:
    """``value`` resolved against ``base``; None for empty, javascript: or data: values."""
    if not value:
        return None
    value = value.strip()
    if not value or value.startswith(("javascript:", "data:", "mailto:", "#")):
        return None
    if value.startswith("//"):
        scheme = urlsplit(base).scheme if base else ""
        return f"{scheme or 'https'}:{value}"
    return _resolved(value, base)


def _resolved(value: str, base: str | None) -> str | None:
    """A full or relative URL resolved against ``base``; a relative one with no base (or
    a scheme other than http and https) is None."""
    if value.startswith(("https://", "http://")) and _PLAIN_URL.fullmatch(value):
        return value  # already absolute, nothing to resolve: urljoin would give it back
    if base:
        try:
            return urljoin(base, value)
        except ValueError:
            return None
    return value if urlsplit(value).scheme in ("http", "https") else None


def _split(url: str | None) -> SplitResult | None:
    """The URL's parts, or None for no URL or one that cannot be parsed."""
    if not url:
        return None
    try:
        return urlsplit(url)
    except ValueError:
        return None


def slug_of(url: str | None) -> str | None:
    """The last meaningful path segment without extension or ids (/news/a-b-123.html -> a-b)."""
    parts = _split(url)
    if parts is None:
        return None
    for segment in reversed([unquote(s) for s in parts.path.split("/") if s]):
        candidate = _EXTENSION.sub("", segment)
        candidate = _ID_PREFIX.sub("", _ID_SUFFIX.sub("", candidate)).strip("-_.")
        if not candidate or _ID_ONLY.match(candidate) or candidate.lower() in _NOT_SLUGS:
            continue
        if not re.search(r"[^\W\d_]", candidate):
            continue
        return candidate.lower() if candidate.isascii() else candidate
    return None


def url_date(url: str | None) -> str | None:
    """A day in the URL path (/2019/11/19/, /2019-11-19-, /20191119/, /2019/nov/19/,
    /2019/november/19/), ISO."""
    parts = _split(url)
    if parts is None:
        return None
    match = _URL_DATE.search(parts.path) or _URL_DATE_NAMED.search(parts.path)
    if not match:
        return None
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTH_ABBREVIATIONS.index(month[:3].lower()) + 1
    try:
        return date(int(match["year"]), number, int(match["day"])).isoformat()
    except ValueError:
        return None


def host_of(url: str | None) -> str | None:
    parts = _split(url)
    host = parts.hostname if parts is not None else None
    return host.lower().removeprefix("www.") if host else None
