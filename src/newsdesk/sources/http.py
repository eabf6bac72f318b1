"""The polite fetcher: one sync ``httpx.Client`` shared by a small thread pool.

Politeness and safety, all set by one frozen ``FetchOptions`` passed in explicitly:

- a clear ``User-Agent``; robots.txt obeyed (see ``robots.py`` for the RFC 9309 policy);
- per host (``scheme://host:port``): at most ``per_host`` requests at a time and at least
  ``delay`` seconds (or the robots.txt ``Crawl-delay``, if larger) between one request's
  start and the next, and between one response's end and the next request;
- connect/read timeouts and a whole-request deadline, ``total_timeout``, over every wait of
  the request (connect, TLS, headers, body; robots.txt, feeds and sitemaps go through the same
  path), so a server that trickles its headers or body a byte at a time is cut off there
  (``_deadline.py``); an overrun is a ``FetchError`` and is not retried;
- retries with exponential backoff on 429 and 5xx, honouring ``Retry-After`` (a wait longer
  than ``max_retry_after`` is an error, not a stall), and on timeouts;
- the body is streamed and refused past ``settings.max_page_bytes`` (after decompression);
- redirects followed by hand, at most ``max_redirects`` hops, each hop checked again (scheme,
  robots.txt, address); a loop is reported as a loop;
- private, loopback and link-local addresses refused at connect time unless
  ``allow_private`` (``urls.resolve_public``), so redirects and DNS tricks are covered too;
- a URL the HTTP client cannot use, a malformed redirect and any other client failure are a
  ``FetchError`` naming the URL: no httpx exception leaves this module;
- conditional requests (``If-None-Match`` / ``If-Modified-Since``) from the ``FetchState``;
  a 304 gives ``Unchanged`` instead of a page.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from newsdesk.errors import FetchError, InputError, InputTooLarge
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources._deadline import Deadline
from newsdesk.sources._options import USER_AGENT, FetchOptions, Unchanged
from newsdesk.sources._transport import Refused, guarded_transport
from newsdesk.sources.robots import MAX_ROBOTS_BYTES, RobotsCache
from newsdesk.sources.state import FetchRecord, FetchState, MemoryFetchState
from newsdesk.sources.urls import (
    AddressRefused,
    check_url,
    host_key,
    join_url,
)

__all__ = ["USER_AGENT", "FetchOptions", "FetchTimeout", "Fetcher", "Unchanged"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_SLACK = 0.05  # a timeout this close to the deadline is the deadline's doing


class FetchTimeout(FetchError):
    """The server did not answer in time: a connect or read timeout, or the whole request past
    ``FetchOptions.total_timeout``."""


@dataclass(slots=True)
class _Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


class _HostGate:
    """Per-host concurrency slots and the earliest time the next request may start."""

    def __init__(self, slots: int) -> None:
        self._slots = threading.Semaphore(slots)
        self._lock = threading.Lock()
        self._next_at = 0.0

    @contextmanager
    def turn(self, delay: float) -> Iterator[None]:
        """Wait for a slot and for ``delay`` after the last request started and ended."""
        with self._slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_at)
                self._next_at = start + delay
            time.sleep(max(0.0, start - now))
            try:
                yield
            finally:
                self.defer(delay)  # a slow response pushes the next request back too

    def defer(self, seconds: float) -> None:
        with self._lock:
            self._next_at = max(self._next_at, time.monotonic() + seconds)


class Fetcher:
    """Fetch URLs politely; use as a context manager so the connections are closed."""

    def __init__(
        self,
        settings: Settings,
        options: FetchOptions | None = None,
        state: FetchState | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.options = options or FetchOptions()
        self.state: FetchState = state if state is not None else MemoryFetchState()
        opts = self.options
        self._deadline = Deadline()
        self._client = httpx.Client(
            transport=transport or guarded_transport(opts.allow_private, self._deadline),
            headers={"user-agent": opts.user_agent},
            timeout=httpx.Timeout(opts.read_timeout, connect=opts.connect_timeout),
            follow_redirects=False,
            trust_env=False,
        )
        self.robots = RobotsCache(self._get_robots)
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, source: str | None = None) -> Page | Unchanged:
        """Fetch one page; raise ``FetchError`` (or ``InputTooLarge``) naming the URL."""
        checked = check_url(url)
        previous = self.state.get(checked)
        headers = _conditional_headers(previous)
        response = self._follow(checked, headers, self.settings.max_page_bytes, robots=True)
        now = datetime.now(UTC)
        if response.status == 304 and previous is not None:
            self.state.put(_record(checked, response, now, previous.content_hash))
            return Unchanged(source or url, response.url)
        if not 200 <= response.status < 300:
            raise FetchError(source or url, f"HTTP {response.status}", _status_hint(response))
        page = Page(
            source=source or url,
            content=response.body,
            url=response.url,
            headers=response.headers,
            fetched=now,
        )
        self.state.put(_record(checked, response, now, page.content_hash))
        return page

    def fetch_many(self, urls: Iterable[str]) -> Iterator[Page | Unchanged | InputError]:
        """Fetch on ``options.workers`` threads; results come back in the order given."""
        window = max(1, self.options.workers) * 4
        pool = ThreadPoolExecutor(max_workers=max(1, self.options.workers))
        pending: deque[Future[Page | Unchanged | InputError]] = deque()
        try:
            for url in urls:
                pending.append(pool.submit(self._fetch_or_error, url))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _fetch_or_error(self, url: str) -> Page | Unchanged | InputError:
        try:
            return self.fetch(url)
        except InputError as exc:
            return exc

    def get_bytes(self, url: str, limit: int) -> tuple[str, dict[str, str], bytes]:
        """GET a feed or sitemap (robots.txt and limits apply, no state): url, headers, body."""
        response = self._follow(check_url(url), {}, limit, robots=True)
        if not 200 <= response.status < 300:
            raise FetchError(url, f"HTTP {response.status}", _status_hint(response))
        return response.url, response.headers, response.body

    def _get_robots(self, robots_url: str) -> tuple[int, bytes]:
        response = self._follow(robots_url, {}, MAX_ROBOTS_BYTES, robots=False, truncate=True)
        return response.status, response.body

    def _gate(self, url: str) -> _HostGate:
        key = host_key(url)
        with self._gates_lock:
            if key not in self._gates:
                self._gates[key] = _HostGate(max(1, self.options.per_host))
            return self._gates[key]

    def _follow(
        self, url: str, headers: dict[str, str], limit: int, *, robots: bool, truncate: bool = False
    ) -> _Response:
        chain = [url]
        for _hop in range(self.options.max_redirects + 1):
            delay = self.options.delay
            if robots and self.options.obey_robots:
                delay = max(delay, self.robots.check(url).crawl_delay)
            response = self._request(url, headers, limit, delay, truncate)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            url = join_url(url, location)
            if url in chain:
                loop = " -> ".join([*chain, url])
                reason = f"redirect loop: {loop}"[:600]
                raise FetchError(chain[0], reason, "the site is misconfigured")
            chain.append(url)
            headers = {}
        raise FetchError(
            chain[0],
            f"more than {self.options.max_redirects} redirects (last {chain[-1]})",
            "the site redirects too often; fetch the final URL directly",
        )

    def _request(
        self, url: str, headers: dict[str, str], limit: int, delay: float, truncate: bool
    ) -> _Response:
        gate = self._gate(url)
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            with gate.turn(delay):
                try:
                    response = self._stream_once(url, headers, limit, truncate)
                except httpx.TimeoutException as exc:
                    if last:
                        raise _timeout_error(url, exc, self.options) from None
                    gate.defer(self._backoff(attempt))
                    continue
            if response.status not in _RETRY_STATUS or last:
                return response
            gate.defer(self._retry_wait(url, response, attempt))
        raise AssertionError("unreachable")  # pragma: no cover - the loop always returns

    def _backoff(self, attempt: int) -> float:
        return self.options.backoff * 2.0**attempt

    def _retry_wait(self, url: str, response: _Response, attempt: int) -> float:
        wait = _retry_after(response.headers.get("retry-after"))
        wait = self._backoff(attempt) if wait is None else wait
        if wait > self.options.max_retry_after:
            raise FetchError(
                url,
                f"HTTP {response.status} and the server asks to wait {wait:.0f} s",
                f"over max_retry_after={self.options.max_retry_after:.0f} s; try again later",
            )
        return wait

    def _stream_once(
        self, url: str, headers: dict[str, str], limit: int, truncate: bool
    ) -> _Response:
        deadline = time.monotonic() + self.options.total_timeout
        try:
            with (
                self._deadline.running(deadline),
                self._client.stream("GET", url, headers=headers) as response,
            ):
                lower = {k.lower(): v for k, v in response.headers.items()}
                body = b""
                if 200 <= response.status_code < 300:
                    body = _read_capped(url, response, limit, deadline, truncate)
                return _Response(str(response.url), response.status_code, lower, body)
        except httpx.TimeoutException:
            if time.monotonic() >= deadline - _SLACK:
                raise _deadline_error(url, self.options.total_timeout) from None
            raise
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, Refused):
                raise AddressRefused(url, str(exc.__cause__)) from None
            raise FetchError(url, f"cannot connect ({exc})", "is the host up?") from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, UnicodeError) as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from None


def _read_capped(
    url: str, response: httpx.Response, limit: int, deadline: float, truncate: bool
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and not truncate:
        raise _too_large(url, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if truncate:
                return b"".join(chunks)[:limit]
            raise _too_large(url, limit)
        if time.monotonic() > deadline:  # a transport without the deadline stream
            raise _deadline_error(url, total=None)
    return b"".join(chunks)


def _deadline_error(url: str, total: float | None) -> FetchTimeout:
    within = f" within {total:g} s" if total is not None else ""
    return FetchTimeout(
        url,
        f"no complete response{within} (the server was too slow)",
        "FetchOptions.total_timeout bounds a whole request; raise it for very slow servers",
    )


def _too_large(url: str, limit: int) -> InputTooLarge:
    return InputTooLarge(
        url, f"response is over the limit of {limit:,} bytes", "raise NEWSDESK_MAX_PAGE_BYTES"
    )


def _timeout_error(url: str, exc: httpx.TimeoutException, options: FetchOptions) -> FetchTimeout:
    kind = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the server"
    return FetchTimeout(
        url,
        f"timed out {kind} ({type(exc).__name__}, {options.retries + 1} attempts)",
        "the server did not answer; try again later or raise the timeouts",
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):  # the server's date is unusable: back off
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _conditional_headers(previous: FetchRecord | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if previous is not None and previous.etag:
        headers["if-none-match"] = previous.etag
    if previous is not None and previous.last_modified:
        headers["if-modified-since"] = previous.last_modified
    return headers


def _record(url: str, response: _Response, now: datetime, content_hash: str | None) -> FetchRecord:
    return FetchRecord(
        url=url,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        fetched_at=now,
        status=response.status,
        content_hash=content_hash,
    )


def _status_hint(response: _Response) -> str:
    if response.status in (401, 403):
        return "the site refuses anonymous access"
    if response.status == 404:
        return "no page at this URL"
    if response.status in _REDIRECTS:
        return "a redirect without a usable Location header"
    return "the server answered with an error"
