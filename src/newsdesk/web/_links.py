"""Links the pages build: scraped URLs kept only when they are plain http(s), and query
strings for the search filters (always through ``urlencode``, never by hand)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, urlencode, urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http or https URL with a host, else ``None``
    (``javascript:``, ``data:``, relative or broken URLs are never made links)."""
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 0x21 for c in url):  # control characters or spaces inside: not a link
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return url


def query(params: Mapping[str, object]) -> str:
    """``?a=1&b=2`` from the non-empty values of ``params`` ("" when none)."""
    kept = {k: str(v) for k, v in params.items() if v not in (None, "", False)}
    return "?" + urlencode(kept) if kept else ""


def outlet_path(name: str) -> str:
    """The outlet page's path; the name is one path segment, every character quoted."""
    return "/outlets/" + quote(name, safe="")
