"""The polite fetcher against a real HTTP server on 127.0.0.1 (no test touches the internet)."""

from __future__ import annotations

import itertools
import time

import pytest

from http_server import LocalServer, Reply, Seen, SilentServer
from newsdesk.errors import FetchError, InputTooLarge
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources.http import USER_AGENT, Fetcher, FetchOptions, Unchanged
from newsdesk.sources.state import FetchState, MemoryFetchState
from newsdesk.sources.urls import AddressRefused

HTML = b"<html><head><title>T</title></head><body><p>Hello there.</p></body></html>"
FAST = FetchOptions(allow_private=True, delay=0.0, retries=0, backoff=0.05, read_timeout=5.0)


def fetcher(options: FetchOptions = FAST, settings: Settings | None = None) -> Fetcher:
    return Fetcher(settings or Settings(), options, MemoryFetchState())


def test_fetch_gives_a_page_with_lower_case_headers_and_our_user_agent(server: LocalServer) -> None:
    server.routes["/a"] = Reply(body=HTML, headers={"Content-Type": "text/html; charset=utf-8"})
    with fetcher() as f:
        page = f.fetch(server.url("/a"))
    assert isinstance(page, Page)
    assert page.content == HTML
    assert page.url == server.url("/a")
    assert page.source == server.url("/a")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.fetched is not None
    assert server.hits("/a")[0].headers["user-agent"] == USER_AGENT


def test_robots_disallow_is_respected(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n")
    server.routes["/private/x"] = Reply(body=HTML)
    server.routes["/public"] = Reply(body=HTML)
    with fetcher() as f:
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            f.fetch(server.url("/private/x"))
        assert isinstance(f.fetch(server.url("/public")), Page)
    assert server.hits("/private/x") == []
    assert len(server.hits("/robots.txt")) == 1  # read once per host


def test_robots_5xx_means_disallow_and_404_means_allow(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(503)
    server.routes["/a"] = Reply(body=HTML)
    with fetcher() as f, pytest.raises(FetchError, match=r"robots\.txt unreachable"):
        f.fetch(server.url("/a"))
    assert server.hits("/a") == []
    del server.routes["/robots.txt"]
    with fetcher() as f:
        assert isinstance(f.fetch(server.url("/a")), Page)


def test_per_host_delay_is_observed(server: LocalServer) -> None:
    for name in "abcd":
        server.routes[f"/{name}"] = Reply(body=HTML)
    options = FetchOptions(allow_private=True, delay=0.3, retries=0, workers=4)
    with fetcher(options) as f:
        results = list(f.fetch_many(server.url(f"/{name}") for name in "abcd"))
    assert all(isinstance(r, Page) for r in results)
    assert [r.url for r in results if isinstance(r, Page)] == [server.url(f"/{n}") for n in "abcd"]
    times = sorted(seen.at for seen in server.log)  # robots.txt, then the four pages
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 5
    assert min(gaps) >= 0.28


def test_429_then_200_is_retried_after_the_servers_retry_after(server: LocalServer) -> None:
    server.routes["/busy"] = [Reply(429, headers={"Retry-After": "1"}), Reply(body=HTML)]
    with fetcher(FetchOptions(allow_private=True, delay=0.0, retries=2)) as f:
        page = f.fetch(server.url("/busy"))
    assert isinstance(page, Page)
    first, second = server.hits("/busy")
    assert second.at - first.at >= 0.95


def test_5xx_backs_off_exponentially_then_gives_up(server: LocalServer) -> None:
    server.routes["/down"] = Reply(503)
    options = FetchOptions(allow_private=True, delay=0.0, retries=2, backoff=0.2)
    with fetcher(options) as f, pytest.raises(FetchError, match="HTTP 503"):
        f.fetch(server.url("/down"))
    hits = [seen.at for seen in server.hits("/down")]
    assert len(hits) == 3
    assert hits[1] - hits[0] >= 0.18
    assert hits[2] - hits[1] >= 0.38  # doubled


def test_a_retry_after_too_long_is_an_error_not_a_stall(server: LocalServer) -> None:
    server.routes["/later"] = Reply(503, headers={"Retry-After": "3600"})
    with fetcher(FetchOptions(allow_private=True, delay=0.0, retries=3)) as f:
        with pytest.raises(FetchError, match="asks to wait 3600 s"):
            f.fetch(server.url("/later"))


def test_re_poll_sends_the_etag_and_a_304_gives_unchanged(server: LocalServer) -> None:
    def page(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=HTML, headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024"})

    server.routes["/e"] = page
    state = MemoryFetchState()
    with Fetcher(Settings(), FAST, state) as f:
        assert isinstance(f.fetch(server.url("/e")), Page)
        record = state.get(server.url("/e"))
        assert record is not None and record.etag == '"v1"' and record.status == 200
        again = f.fetch(server.url("/e"))
    assert isinstance(again, Unchanged)
    second = server.hits("/e")[1].headers
    assert second["if-none-match"] == '"v1"'
    assert second["if-modified-since"] == "Mon, 01 Jan 2024"
    assert state.get(server.url("/e")).status == 304  # type: ignore[union-attr]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_size_cap_stops_the_body(server: LocalServer, chunked: bool) -> None:
    server.routes["/big"] = Reply(body=b"x" * 200_000, chunked=chunked)
    with fetcher(settings=Settings(max_page_bytes=10_000)) as f:
        with pytest.raises(InputTooLarge, match="over the limit of 10,000 bytes"):
            f.fetch(server.url("/big"))


def test_redirects_are_followed_within_limits(server: LocalServer) -> None:
    for hop in range(10):
        server.routes[f"/r{hop}"] = Reply(302, headers={"Location": f"/r{hop + 1}"})
    server.routes["/r10"] = Reply(body=HTML)
    server.routes["/short"] = Reply(301, headers={"Location": "/r8"})
    with fetcher() as f:
        page = f.fetch(server.url("/short"))
        assert isinstance(page, Page) and page.url == server.url("/r10")
        with pytest.raises(FetchError, match="more than 5 redirects"):
            f.fetch(server.url("/r0"))


def test_a_redirect_loop_is_a_clear_error(server: LocalServer) -> None:
    server.routes["/a"] = Reply(302, headers={"Location": "/b"})
    server.routes["/b"] = Reply(302, headers={"Location": "/a"})
    with fetcher() as f, pytest.raises(FetchError, match="redirect loop"):
        f.fetch(server.url("/a"))
    assert len(server.hits("/a")) == 1


def test_a_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.routes["/evil"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    with fetcher() as f, pytest.raises(FetchError, match="scheme 'file' is not fetched"):
        f.fetch(server.url("/evil"))


def test_a_server_that_never_answers_times_out() -> None:
    silent = SilentServer()
    options = FetchOptions(allow_private=True, delay=0.0, retries=0, read_timeout=0.5)
    try:
        started = time.monotonic()
        with fetcher(options) as f, pytest.raises(FetchError, match="timed out"):
            f.fetch(silent.url("/"))
        assert time.monotonic() - started < 5
    finally:
        silent.close()


def test_private_addresses_are_refused_without_the_flag(server: LocalServer) -> None:
    server.routes["/a"] = Reply(body=HTML)
    options = FetchOptions(allow_private=False, delay=0.0, retries=0)
    with fetcher(options) as f, pytest.raises(AddressRefused, match="allow_private"):
        f.fetch(server.url("/a"))
    assert server.log == []  # not even robots.txt was asked


def test_robots_crawl_delay_raises_the_per_host_delay(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 0.4\n")
    for name in "ab":
        server.routes[f"/{name}"] = Reply(body=HTML)
    with fetcher() as f:
        assert all(isinstance(r, Page) for r in f.fetch_many([server.url("/a"), server.url("/b")]))
    a, b = server.hits("/a")[0].at, server.hits("/b")[0].at
    assert abs(b - a) >= 0.38


def test_hosts_are_fetched_side_by_side_each_at_its_own_pace(server: LocalServer) -> None:
    for name in "abc":
        server.routes[f"/{name}"] = Reply(body=HTML)
    other = f"http://localhost:{server.port}"  # another host name for the same server
    urls = [server.url(f"/{n}") for n in "abc"] + [f"{other}/{n}" for n in "abc"]
    options = FetchOptions(allow_private=True, delay=0.3, retries=0, workers=4)
    with fetcher(options) as f:
        assert all(isinstance(r, Page) for r in f.fetch_many(urls))
    by_host: dict[str, list[float]] = {}
    for seen in server.log:
        by_host.setdefault(seen.headers["host"].split(":")[0], []).append(seen.at)
    assert sorted(by_host) == ["127.0.0.1", "localhost"]
    for times in by_host.values():
        assert len(times) == 4  # robots.txt and three pages
        assert min(b - a for a, b in itertools.pairwise(sorted(times))) >= 0.28
    assert min(by_host["localhost"]) < max(by_host["127.0.0.1"])  # interleaved, not serial


def test_the_memory_state_meets_the_protocol() -> None:
    assert isinstance(MemoryFetchState(), FetchState)
