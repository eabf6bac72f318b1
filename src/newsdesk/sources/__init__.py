"""Sources: turn what the user names into ``Page`` records, yielding an ``InputError`` in
place of any input (or part of one) that fails, and going on with the rest.

How an input is told apart (first rule that matches wins)::

    feed:URL  feed:PATH        an RSS/Atom feed; the article URLs it lists are fetched
    sitemap:URL  sitemap:PATH  a sitemap or sitemap index (.xml or .xml.gz); its URLs fetched;
                               sitemap:https://host/ reads the sitemaps robots.txt lists
    page:URL                   exactly one page, even when it looks like a feed
    http://...  https://...    fetched; when the body is a feed (<rss>, <feed>, <rdf:RDF>) or a
                               sitemap (<urlset>, <sitemapindex>) it is expanded as above,
                               anything else is one page
    *.warc  *.warc.gz          WARC archive (CC-NEWS): one page per response record (warc.py);
                               add #OFFSET (a page's source) to start at that record
    *.jsonl[.gz] *.ndjson[.gz] JSON Lines of {"url": ..., "html": ...} (jsonl.py)
    *.rss  *.atom              a local feed (an error if it is not one)
    *.xml  *.xml.gz            a local feed or sitemap, told apart by its first element; other
                               XML is read as a page file
    a glob pattern             each match by the rules above ('crawl/*.warc.gz' reads archives)
    anything else              files, directories, .gz and '-' (files.py)

URLs are fetched by one polite ``Fetcher`` per call (``http.py``, imported with the first URL:
reading files loads no HTTP client, feed parser or robots.txt parser; the feed, sitemap and
WARC readers load with the first input that needs them), configured by
``FetchOptions`` (``allow_private`` among them). Article URLs found in feeds and sitemaps are
fetched once per run, and not at all when the ``FetchState`` already has them, unless
``FetchOptions.refetch_seen``; a page answered 304 (unchanged since the state's ETag or
Last-Modified) yields nothing. Pass the store's ``FetchState`` to remember across runs.

What can go wrong is yielded, never raised, each as a named ``InputError`` carrying the input
(path, URL, ``file#OFFSET`` or ``file:LINE``) and the reason; no exception of httpx, lxml,
feedparser, fastwarc, gzip/zlib or the file system leaves this package::

    UnreadableInput   a file that cannot be read (missing, name too long, NUL byte, permission,
                      truncated gzip), a damaged WARC record, a sitemap whose XML breaks off
    EmptyInput        an empty archive
    InputTooLarge     over the page limit, or past a sitemap/feed cap (FetchOptions.max_*)
    NotAPage          not a feed, not a sitemap, a JSON line that is no page object
    FetchError        an HTTP failure: status, robots.txt, redirects; and its kinds
      UnusableURL     malformed, not http(s), credentials, a host httpx refuses (256.1.1.1)
      AddressRefused  private, loopback or unresolvable host (unless allow_private)
      FetchTimeout    connect, read or whole-request (total_timeout) deadline passed
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsdesk.errors import InputError, NotAPage
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources._globbing import expand
from newsdesk.sources._options import FetchOptions, Unchanged
from newsdesk.sources.files import iter_file_pages, walk_tree
from newsdesk.sources.jsonl import is_jsonl_path, iter_jsonl_pages
from newsdesk.sources.state import FetchRecord, FetchState, MemoryFetchState
from newsdesk.sources.urls import check_url, is_http_url

if TYPE_CHECKING:
    from newsdesk.sources.http import Fetcher

__all__ = [
    "FetchOptions",
    "FetchRecord",
    "FetchState",
    "Fetcher",
    "MemoryFetchState",
    "iter_pages",
]


def __getattr__(name: str) -> Any:
    """``Fetcher`` is imported on first use, so reading files never loads the HTTP client."""
    if name == "Fetcher":
        from newsdesk.sources.http import Fetcher

        return Fetcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_PREFIXES = ("feed:", "sitemap:", "page:")
_XML_SUFFIXES = (".xml", ".xml.gz", ".rss", ".atom")


def iter_pages(
    inputs: Iterable[str],
    settings: Settings,
    *,
    options: FetchOptions | None = None,
    state: FetchState | None = None,
) -> Iterator[Page | InputError]:
    """Yield one ``Page`` per document found, or an ``InputError`` for each one that fails."""
    reader = _Reader(settings, options or FetchOptions(), state)
    try:
        for spec in inputs:
            yield from reader.read(spec)
    finally:
        reader.close()


class _Reader:
    """The state of one ``iter_pages`` call: its fetcher (made on first use) and seen URLs."""

    def __init__(self, settings: Settings, options: FetchOptions, state: FetchState | None) -> None:
        self.settings = settings
        self.options = options
        self.state: FetchState = state if state is not None else MemoryFetchState()
        self._fetcher: Fetcher | None = None
        self._seen: set[str] = set()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from newsdesk.sources.http import Fetcher  # httpx loads with the first URL

            self._fetcher = Fetcher(self.settings, self.options, self.state)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read(self, spec: str) -> Iterator[Page | InputError]:
        mode, target = _split_prefix(spec)
        matches = _glob(target) if mode == "auto" else []
        if matches:  # each match on its own: 'crawl/*.warc.gz' is a list of archives
            for match in matches:
                yield from self.read(match)
        elif is_http_url(target):
            yield from self._url(target, mode)
        elif mode == "auto" and os.path.isdir(target):  # pages and archives, each by its rules
            for item in walk_tree(Path(target)):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from self.read(str(item))
        elif mode != "auto" or target.lower().endswith(_XML_SUFFIXES):
            feedish = target.lower().endswith((".rss", ".atom"))
            yield from self._local_xml(target, "feed" if feedish and mode == "auto" else mode)
        elif ".warc" in target.lower() and _warc().is_warc_path(target):
            yield from _warc().iter_warc_pages(target, self.settings)
        elif is_jsonl_path(target):
            yield from iter_jsonl_pages(target, self.settings)
        else:
            yield from iter_file_pages(target, self.settings)

    def _url(self, url: str, mode: str) -> Iterator[Page | InputError]:
        if mode == "sitemap" and urlsplit(url).path in ("", "/"):
            yield from self._robots_sitemaps(url)
            return
        try:
            fetched = self.fetcher.fetch(url)
        except InputError as exc:
            yield exc
            return
        if isinstance(fetched, Unchanged):
            return
        if mode == "page":
            yield fetched
        else:
            yield from self._expand(fetched, mode)

    def _robots_sitemaps(self, site: str) -> Iterator[Page | InputError]:
        """``sitemap:https://host/``: the sitemaps that the site's robots.txt lists."""
        try:
            rules = self.fetcher.robots.rules(check_url(site))
        except InputError as exc:
            yield exc
            return
        sitemaps = [
            u for u in rules.sitemaps if is_http_url(u) and urlsplit(u).path not in ("", "/")
        ]
        if not sitemaps:
            yield NotAPage(site, "robots.txt lists no sitemap", "give the sitemap's own URL")
        for url in sitemaps:
            yield from self._url(url, "sitemap")

    def _local_xml(self, path: str, mode: str) -> Iterator[Page | InputError]:
        for item in iter_file_pages(path, self.settings):
            if isinstance(item, InputError) or mode == "page":
                yield item
            else:
                yield from self._expand(item, mode)

    def _expand(self, page: Page, mode: str) -> Iterator[Page | InputError]:
        """Feed or sitemap: fetch what it lists; anything else is the page itself."""
        from newsdesk.sources.feeds import sniff_xml
        from newsdesk.sources.sitemaps import inflate

        try:
            body = inflate(page.content, page.source)
        except InputError as exc:
            yield exc
            return
        kind = sniff_xml(body)
        if mode == "feed" or (mode == "auto" and kind == "feed"):
            yield from self._feed(page, body)
        elif mode == "sitemap" or (mode == "auto" and kind == "sitemap"):
            yield from self._sitemap(page, body)
        elif body is not page.content:
            yield replace(page, content=body)  # a gzip file served as is: the page inside
        else:
            yield page

    def _feed(self, page: Page, body: bytes) -> Iterator[Page | InputError]:
        from newsdesk.sources.feeds import feed_links

        try:
            links = feed_links(body, page.source, page.url, self.options.max_discovered)
        except InputError as exc:
            yield exc
            return
        yield from (link for link in links if isinstance(link, InputError))
        yield from self._fetch_new(link for link in links if isinstance(link, str))

    def _sitemap(self, page: Page, body: bytes) -> Iterator[Page | InputError]:
        from newsdesk.sources.sitemaps import SitemapLimits, walk_sitemaps

        opts = self.options
        limits = SitemapLimits(
            opts.max_sitemap_urls,
            opts.max_sitemap_depth,
            opts.max_discovered,
            opts.max_sitemap_files,
        )
        urls: list[str] = []
        for item in walk_sitemaps(page.url or page.source, body, self._get_sitemap, limits):
            if isinstance(item, InputError):
                yield item
            else:
                urls.append(item)
        yield from self._fetch_new(urls)

    def _get_sitemap(self, url: str) -> tuple[str, bytes]:
        from newsdesk.sources.sitemaps import MAX_SITEMAP_BYTES

        final, _headers, body = self.fetcher.get_bytes(url, MAX_SITEMAP_BYTES)
        return final, body

    def _fetch_new(self, urls: Iterable[str]) -> Iterator[Page | InputError]:
        fresh: list[str] = []
        for url in urls:
            if url in self._seen:
                continue
            self._seen.add(url)
            if self.options.refetch_seen or self.state.get(url) is None:
                fresh.append(url)
        for item in self.fetcher.fetch_many(fresh):
            if not isinstance(item, Unchanged):
                yield item


def _warc() -> ModuleType:
    """The WARC reader (fastwarc), imported with the first name that can be an archive (every
    WARC name holds ".warc"), so reading HTML files does not load it."""
    from newsdesk.sources import warc

    return warc


def _split_prefix(spec: str) -> tuple[str, str]:
    for prefix in _PREFIXES:
        if spec.lower().startswith(prefix) and len(spec) > len(prefix):
            return prefix[:-1], spec[len(prefix) :]
    return "auto", spec


def _glob(spec: str) -> list[str]:
    """The matches of a glob pattern (none for a plain name, a URL or an existing path), each
    real file once even through a symbolic-link loop."""
    if is_http_url(spec) or not glob.has_magic(spec) or os.path.lexists(spec):
        return []
    return expand(spec)
