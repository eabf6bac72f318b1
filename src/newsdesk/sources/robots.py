"""robots.txt, read once per host and run, parsed with protego.

Policy (RFC 9309, section 2.3.1):

- 2xx: the rules apply to our user agent (product token ``newsdesk``); ``Crawl-delay`` raises
  the per-host delay (capped at ``MAX_CRAWL_DELAY`` seconds).
- 4xx (404, 401, 403, 429 after retries...): "unavailable", so everything is allowed.
- 5xx after retries, a timeout or a connection failure: "unreachable", so **nothing** is
  allowed on that host for this run, as the RFC requires; each refused URL gets a
  ``FetchError`` that says robots.txt was unreachable and to try again later.
- A body over 500 KiB is cut there (the RFC's minimum parse limit); redirects are followed
  up to 5 hops by the fetcher that ``RobotsCache`` is given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.errors import FetchError
from newsdesk.sources.urls import AddressRefused, host_key

if TYPE_CHECKING:
    from protego import Protego

__all__ = ["MAX_CRAWL_DELAY", "MAX_ROBOTS_BYTES", "RobotsCache", "RobotsRules"]

MAX_ROBOTS_BYTES = 500 * 1024
MAX_CRAWL_DELAY = 60.0
PRODUCT_TOKEN = "newsdesk"

# Given a robots.txt URL, return (HTTP status, body); raise FetchError when unreachable.
RobotsGetter = Callable[[str], tuple[int, bytes]]


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The outcome for one host: parsed rules, allow-all, or unreachable (disallow-all)."""

    robots_url: str
    parser: Protego | None = None
    unreachable: str | None = None  # why robots.txt could not be read (then nothing is allowed)

    def check(self, url: str) -> None:
        """Raise ``FetchError`` when ``url`` may not be fetched."""
        if self.unreachable is not None:
            raise FetchError(
                url,
                f"robots.txt unreachable ({self.unreachable}); RFC 9309 says assume disallow",
                f"try again later; {self.robots_url}",
            )
        if self.parser is not None and not self.parser.can_fetch(url, PRODUCT_TOKEN):
            raise FetchError(url, "disallowed by robots.txt", self.robots_url)

    @property
    def crawl_delay(self) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(PRODUCT_TOKEN)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []


class RobotsCache:
    """One ``RobotsRules`` per ``scheme://host:port``, fetched on first use, thread-safe."""

    def __init__(self, getter: RobotsGetter) -> None:
        self._getter = getter
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        key = host_key(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one robots.txt request per host, even with many threads
            if key not in self._rules:
                self._rules[key] = self._load(key)
            return self._rules[key]

    def check(self, url: str) -> RobotsRules:
        rules = self.rules(url)
        rules.check(url)
        return rules

    def _load(self, key: str) -> RobotsRules:
        scheme, rest = key.split("://", 1)
        host, port = rest.rsplit(":", 1)
        default = (scheme == "http" and port == "80") or (scheme == "https" and port == "443")
        host = f"[{host}]" if ":" in host else host
        netloc = host if default else f"{host}:{port}"
        robots_url = f"{scheme}://{netloc}/robots.txt"
        try:
            status, body = self._getter(robots_url)
        except AddressRefused:
            raise  # not a robots.txt problem: the host itself is refused
        except FetchError as exc:
            return RobotsRules(robots_url, unreachable=exc.reason)
        if status >= 500:
            return RobotsRules(robots_url, unreachable=f"HTTP {status}")
        if status >= 400 or status < 200:
            return RobotsRules(robots_url)
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        from protego import Protego  # loaded with the first robots.txt

        return RobotsRules(robots_url, parser=Protego.parse(text))
