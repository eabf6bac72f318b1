"""RSS and Atom feeds (feedparser): the article URLs a feed lists, in feed order.

``sniff_xml`` tells a feed from a sitemap (or neither) by its first element, so URL and
``.xml`` inputs can be routed without a prefix. ``feed_links`` parses a feed already in
memory (feedparser never fetches anything itself here) and returns absolute, checked,
de-duplicated article URLs, with a ``FetchError`` in place of each web link that cannot be
fetched (``http://256.1.1.1/``: reported, not dropped); links that are no web links
(``mailto:``, ``javascript:``) are skipped. A document that is not a feed (an HTML page, most
often) is a ``NotAPage`` error naming the input, never an empty list.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from newsdesk.errors import FetchError, NotAPage
from newsdesk.sources.urls import resolve_link

__all__ = ["XmlKind", "feed_links", "sniff_xml"]

XmlKind = Literal["feed", "sitemap", "html", "other"]

_ROOT = re.compile(rb"<\s*(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_FEED_ROOTS = {b"rss": "feed", b"feed": "feed", b"RDF": "feed"}
_SITEMAP_ROOTS = {b"urlset": "sitemap", b"sitemapindex": "sitemap"}


def sniff_xml(content: bytes) -> XmlKind:
    """The kind of document, judged from its first element (comments and PIs skipped)."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S | re.I)
    match = _ROOT.search(head)
    if match is None:
        return "other"
    name = match.group(1)
    if name in _FEED_ROOTS:
        return "feed"
    if name in _SITEMAP_ROOTS:
        return "sitemap"
    if name.lower() in (b"html", b"head", b"body"):
        return "html"
    return "other"


def feed_links(
    content: bytes, source: str, base_url: str | None, limit: int
) -> list[str | FetchError]:
    """Article URLs of the feed in ``content`` (at most ``limit``), a ``FetchError`` for each
    unusable web link; raise ``NotAPage`` if ``content`` is not a feed."""
    kind = sniff_xml(content)
    if kind != "feed":
        what = "an HTML page" if kind == "html" else f"not RSS or Atom ({kind})"
        raise NotAPage(source, f"not a feed: the document is {what}", "give the feed's own URL")
    import feedparser  # type: ignore[import-untyped]  # no type information; loaded on first feed

    try:
        parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's loose parser fails in its own ways on broken
        # markup (KeyError 'links' for '<rss<item<link</item<channel</link<', found by fuzzing):
        # any of them means the document is no readable feed.
        reason = f"unreadable feed (the feed parser failed: {type(exc).__name__}: {exc})"
        raise NotAPage(source, reason[:300]) from None
    if not parsed.get("version") and not parsed.entries:
        reason = f"unreadable feed ({parsed.get('bozo_exception') or 'no entries'})"
        raise NotAPage(source, reason)
    links: list[str | FetchError] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _entry_link(entry)
        url = resolve_link(base_url or "", link) if link else None
        if isinstance(url, FetchError):
            links.append(url)
        elif url is not None and url not in seen:
            seen.add(url)
            links.append(url)
        if len(links) >= limit:
            break
    return links


def _entry_link(entry: Any) -> str | None:
    original = entry.get("feedburner_origlink")
    if original:
        return str(original)
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    if entry.get("link"):
        return str(entry["link"])
    guid = entry.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None
