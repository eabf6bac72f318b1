"""How to fetch (``FetchOptions``) and what a 304 gives (``Unchanged``): plain values, kept
apart from the fetcher so that naming them imports no HTTP client (``http.py`` re-exports
them, and is imported only when something is fetched)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["USER_AGENT", "FetchOptions", "Unchanged"]

USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: politeness, limits and safety. Built once at the edge, passed down."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between request starts on one host
    per_host: int = 1  # requests at a time on one host
    workers: int = 4  # threads fetching at a time, over all hosts
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # longest silence while waiting for bytes
    total_timeout: float = 120.0  # longest whole request: connect, headers and body
    retries: int = 3  # extra attempts after a 429, a 5xx or a timeout
    backoff: float = 1.0  # first retry wait; doubles each attempt unless Retry-After says
    max_retry_after: float = 120.0
    max_redirects: int = 5
    allow_private: bool = False
    obey_robots: bool = True
    refetch_seen: bool = False  # fetch feed/sitemap article URLs already in the FetchState
    max_sitemap_urls: int = 50_000  # URLs read from one sitemap file (the protocol's limit)
    max_sitemap_depth: int = 3  # nested sitemap indexes followed
    max_discovered: int = 100_000  # article URLs taken from one feed or sitemap tree
    max_sitemap_files: int = 1_000  # sitemap files fetched for one sitemap tree


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A conditional request answered 304: the page is as it was last time."""

    source: str
    url: str
