"""Hostile inputs to the sources (issue 17): each one is a named error for that input only,
never a traceback, a hang or a silent loss, and the run goes on with the other inputs.

Network cases run against real servers on 127.0.0.1 (``http_server``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from http_server import LocalServer, Reply, TrickleServer, article
from newsdesk.errors import FetchError, InputError, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.http import Fetcher, FetchOptions, FetchTimeout
from newsdesk.sources.state import MemoryFetchState
from newsdesk.sources.urls import UnusableURL, check_url
from newsdesk.sources.warc_write import write_warc
from warc_cuts import cut_record, warc_pages

OPTIONS = FetchOptions(allow_private=True, delay=0.0, retries=0)
HTML = b"<html><head><title>Good</title></head><body><p>A good page.</p></body></html>"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
# IPv4-looking hosts that urllib accepts and httpx refuses (issue 17, bug 1)
HTTPX_REJECTS = ["http://256.1.1.1/a", "http://0177.0.0.1/x.html", "http://1.2.3.04"]


def errors_of(items: list[Page | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def pages_of(items: list[Page | InputError]) -> list[Page]:
    return [item for item in items if isinstance(item, Page)]


# --- bug 1: a URL the check accepts but httpx rejects ---------------------------------------


@pytest.mark.parametrize("bad", HTTPX_REJECTS)
def test_a_feed_link_that_httpx_rejects_is_a_named_error_and_the_run_goes_on(
    server: LocalServer, bad: str
) -> None:
    server.fallback = article
    items_xml = f"<item><link>{bad}</link></item><item><link>{server.url('/good')}</link></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items_xml}'
    server.routes["/feed.rss"] = Reply(body=(feed + "</channel></rss>").encode())
    inputs = [server.url("/feed.rss"), server.url("/after")]
    items = list(iter_pages(inputs, Settings(), options=OPTIONS))
    assert [p.url for p in pages_of(items)] == [server.url("/good"), server.url("/after")]
    [error] = errors_of(items)
    assert isinstance(error, UnusableURL)
    assert error.source == bad
    assert "not a valid" in error.reason


@pytest.mark.parametrize("bad", HTTPX_REJECTS)
def test_check_url_refuses_what_httpx_would_refuse(bad: str) -> None:
    with pytest.raises(UnusableURL, match="not a valid IPv4 address") as caught:
        check_url(bad)
    assert caught.value.source == bad


@pytest.mark.parametrize("bad", HTTPX_REJECTS)
def test_the_fetcher_turns_an_unusable_url_into_a_fetch_error(bad: str) -> None:
    with Fetcher(Settings(), OPTIONS, MemoryFetchState()) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(bad)
    assert caught.value.source == bad


# --- bug 2: slow headers, every wait under one deadline -------------------------------------

SLOW = FetchOptions(allow_private=True, delay=0.0, retries=0, read_timeout=5.0, total_timeout=2.0)


@pytest.fixture
def trickle() -> Iterator[TrickleServer]:
    # hangs up after 9 s, so code without a deadline fails the timing assertion, not the suite
    srv = TrickleServer(give_up_after=9.0)
    try:
        yield srv
    finally:
        srv.close()


def test_a_server_trickling_its_headers_is_cut_off_at_the_total_deadline(
    trickle: TrickleServer,
) -> None:
    options = FetchOptions(**{**_fields(SLOW), "obey_robots": False})
    started = time.monotonic()
    with Fetcher(Settings(), options, MemoryFetchState()) as fetcher:
        with pytest.raises(FetchTimeout, match=r"no complete response within 2 s") as caught:
            fetcher.fetch(trickle.url("/page"))
    elapsed = time.monotonic() - started
    assert 1.8 <= elapsed < 3.5, elapsed
    assert caught.value.source == trickle.url("/page")
    assert "total_timeout" in (caught.value.hint or "")


def test_a_robots_txt_trickling_its_headers_is_cut_off_and_reported(
    trickle: TrickleServer,
) -> None:
    started = time.monotonic()
    items = list(iter_pages([trickle.url("/page")], Settings(), options=SLOW))
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, elapsed
    [error] = items
    assert isinstance(error, FetchError)
    assert "robots.txt unreachable (no complete response within 2 s" in error.reason


def test_a_feed_trickling_its_headers_is_cut_off_and_the_run_goes_on(
    trickle: TrickleServer, server: LocalServer
) -> None:
    server.fallback = article
    options = FetchOptions(**{**_fields(SLOW), "obey_robots": False})
    started = time.monotonic()
    inputs = ["feed:" + trickle.url("/feed"), server.url("/after")]
    items = list(iter_pages(inputs, Settings(), options=options))
    assert time.monotonic() - started < 4.5
    assert isinstance(items[0], FetchTimeout) and "no complete response" in items[0].reason
    assert [p.url for p in pages_of(items)] == [server.url("/after")]


def _fields(options: FetchOptions) -> dict[str, object]:
    return {name: getattr(options, name) for name in options.__slots__}


# --- bug 5: a file name too long for the file system ----------------------------------------


def test_a_file_name_too_long_is_an_error_for_that_input_only(tmp_path: Path) -> None:
    before, after = tmp_path / "before.html", tmp_path / "after.html"
    before.write_bytes(HTML)
    after.write_bytes(HTML)
    long_name = str(tmp_path / ("x" * 300 + ".html"))
    items = list(iter_pages([str(before), long_name, str(after)], Settings()))
    assert [type(i).__name__ for i in items] == ["Page", "UnreadableInput", "Page"]
    error = items[1]
    assert isinstance(error, UnreadableInput) and error.source == long_name
    assert "too long" in error.reason


@pytest.mark.parametrize("suffix", [".warc", ".jsonl", ".xml", "*.html", ""])
def test_a_file_name_too_long_is_named_whatever_its_kind(tmp_path: Path, suffix: str) -> None:
    long_name = str(tmp_path / ("y" * 300 + suffix))
    [error] = list(iter_pages([long_name], Settings()))
    assert isinstance(error, InputError) and error.source == long_name


# --- weaker cases: sitemaps cut short or exploding ------------------------------------------


def _urlset(server: LocalServer, count: int) -> bytes:
    entries = "".join(f"<url><loc>{server.url(f'/s{n}')}</loc></url>" for n in range(count))
    return f'<?xml version="1.0"?><urlset {NS}>{entries}</urlset>'.encode()


def test_a_truncated_sitemap_is_a_failure_and_its_urls_are_kept(server: LocalServer) -> None:
    server.fallback = article
    whole = _urlset(server, 10)
    server.routes["/cut.xml"] = Reply(body=whole[: whole.index(b"/s6<")])
    items = list(iter_pages(["sitemap:" + server.url("/cut.xml")], Settings(), options=OPTIONS))
    assert [p.url for p in pages_of(items)] == [server.url(f"/s{n}") for n in range(6)]
    [error] = errors_of(items)
    assert isinstance(error, UnreadableInput)
    assert error.source == server.url("/cut.xml")
    assert "cut short after 6 URLs" in error.reason


LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' if n else '<!ENTITY lol0 "lol">' for n in range(10)
)


def test_a_billion_laughs_sitemap_is_a_failure_not_a_silent_gap(server: LocalServer) -> None:
    server.fallback = article
    good = "".join(f"<url><loc>{server.url(f'/s{n}')}</loc></url>" for n in range(5))
    rest = "".join(f"<url><loc>{server.url(f'/t{n}')}</loc></url>" for n in range(5))
    bomb = f"<url><loc>{server.url('/x')}&lol9;</loc></url>"
    body = f'<?xml version="1.0"?><!DOCTYPE urlset [{LAUGHS}]><urlset {NS}>{good}{bomb}{rest}'
    server.routes["/lol.xml"] = Reply(body=(body + "</urlset>").encode())
    items = list(iter_pages(["sitemap:" + server.url("/lol.xml")], Settings(), options=OPTIONS))
    assert [p.url for p in pages_of(items)] == [server.url(f"/s{n}") for n in range(5)]
    [error] = errors_of(items)
    assert error.source == server.url("/lol.xml")
    assert "amplification" in error.reason


# --- weaker cases: WARC archives truncated mid-record ----------------------------------------


@pytest.mark.parametrize("keep", [40, 450, 1500], ids=["in-warc-head", "in-http-head", "in-body"])
def test_a_warc_cut_mid_record_loses_only_that_record(tmp_path: Path, keep: int) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, warc_pages(), compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(cut_record(whole.read_bytes(), 2, keep))  # the second response
    items = list(iter_pages([str(path)], Settings()))
    assert [p.url for p in pages_of(items)] == [f"https://news.example/{n}" for n in (0, 2, 3)]
    [error] = errors_of(items)
    assert isinstance(error, UnreadableInput) and "truncated" in error.reason


@pytest.mark.parametrize("keep", [5, 200], ids=["in-gzip-head", "in-deflate-data"])
def test_a_warc_gz_cut_mid_member_loses_only_that_record(tmp_path: Path, keep: int) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, warc_pages())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(cut_record(whole.read_bytes(), 2, keep))
    items = list(iter_pages([str(path)], Settings()))
    assert [p.url for p in pages_of(items)] == [f"https://news.example/{n}" for n in (0, 2, 3)]
    assert len(errors_of(items)) == 1


def test_a_warc_gz_cut_at_the_end_keeps_every_whole_record(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, warc_pages())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole.read_bytes()[:-50])
    items = list(iter_pages([str(path)], Settings()))
    assert [p.url for p in pages_of(items)] == [f"https://news.example/{n}" for n in range(3)]
    [error] = errors_of(items)
    assert "truncated" in error.reason or "corrupt" in error.reason


# --- weaker cases: a glob through a symlink loop ----------------------------------------------


def test_a_glob_through_a_symlink_loop_reads_each_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_bytes(HTML)
    (folder / "sub" / "b.html").write_bytes(HTML)
    os.symlink(folder, folder / "sub" / "loop")
    items = list(iter_pages([str(folder / "**" / "*.html")], Settings()))
    assert sorted(Path(p.source).name for p in pages_of(items)) == ["a.html", "b.html"]
    assert errors_of(items) == []


# --- JSON Lines nested past the parser's recursion limit ------------------------------------


def test_a_jsonl_line_nested_too_deeply_is_an_error_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    good = b'{"url": "https://news.example/a", "html": "<p>a</p>"}\n'
    path.write_bytes(good + b"[" * 200_000 + b"]" * 200_000 + b"\n" + good)
    items = list(iter_pages([str(path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Page", "NotAPage", "Page"]
    assert items[1].source == f"{path}:2" and "nested too deeply" in str(items[1])


# --- more found while hardening: NUL bytes in names, a Retry-After past year 9999 ------------


@pytest.mark.parametrize("name", ["a\x00b.html", "a\x00b.warc", "a\x00.jsonl", "feed:a\x00.xml"])
def test_a_name_holding_a_nul_byte_is_a_named_error(name: str) -> None:
    [error] = list(iter_pages([name], Settings()))
    assert isinstance(error, UnreadableInput) and "\x00" in error.source


def test_a_retry_after_date_past_any_calendar_is_a_backoff_not_a_crash(
    server: LocalServer,
) -> None:
    huge = "Mon, 01 Jan 99999999999999999999 00:00:00 GMT"
    server.routes["/busy"] = [Reply(503, headers={"Retry-After": huge}), Reply(body=HTML)]
    options = FetchOptions(allow_private=True, delay=0.0, retries=1, backoff=0.05)
    with Fetcher(Settings(), options, MemoryFetchState()) as fetcher:
        assert isinstance(fetcher.fetch(server.url("/busy")), Page)
    assert len(server.hits("/busy")) == 2


def test_standard_input_over_the_page_limit_is_refused_not_held() -> None:
    code = (
        "from newsdesk.sources import iter_pages; from newsdesk.settings import Settings\n"
        "[item] = iter_pages(['-'], Settings(max_page_bytes=1000))\n"
        "print(type(item).__name__, item)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=b"x" * 5000, capture_output=True, timeout=60
    )
    assert result.stdout.decode().startswith("InputTooLarge -: page is over the limit of 1,000")


def test_a_resolver_that_never_answers_is_cut_off_at_the_connect_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = socket.getaddrinfo

    def slow_resolver(host: str, *args: object, **kwargs: object) -> object:
        if host == "slow.example":
            time.sleep(6)  # a resolver stuck on an unanswering DNS server
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", slow_resolver)  # the system's, not ours
    options = FetchOptions(delay=0.0, retries=0, connect_timeout=1.0, obey_robots=False)
    started = time.monotonic()
    with Fetcher(Settings(), options, MemoryFetchState()) as fetcher:
        with pytest.raises(FetchTimeout, match="timed out connecting"):
            fetcher.fetch("http://slow.example/a")
    assert time.monotonic() - started < 3


# --- found by fuzz/fuzz_sources.py feed: feedparser's own KeyError ---------------------------


def test_markup_that_breaks_feedparser_is_not_a_page_and_the_run_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_bytes(b"<rss<item<link</item<channel</link<")
    after = tmp_path / "after.html"
    after.write_bytes(HTML)
    items = list(iter_pages([str(broken), str(after)], Settings()))
    assert [type(i).__name__ for i in items] == ["NotAPage", "Page"]
    assert items[0].source == str(broken) and "the feed parser failed: KeyError" in str(items[0])


# --- links the URL check refuses, in sitemaps and redirects ----------------------------------


def test_sitemap_urls_that_cannot_be_fetched_are_one_error_naming_the_sitemap(
    server: LocalServer,
) -> None:
    server.fallback = article
    locs = [*HTTPX_REJECTS, server.url("/kept"), "http://[::1"]
    entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    body = f'<?xml version="1.0"?><urlset {NS}>{entries}</urlset>'
    server.routes["/s.xml"] = Reply(body=body.encode())
    items = list(iter_pages(["sitemap:" + server.url("/s.xml")], Settings(), options=OPTIONS))
    assert [p.url for p in pages_of(items)] == [server.url("/kept")]
    [error] = errors_of(items)
    assert isinstance(error, FetchError) and error.source == server.url("/s.xml")
    assert "4 listed URLs cannot be fetched, the first http://256.1.1.1/a" in error.reason


def test_a_redirect_to_a_malformed_location_is_a_named_error(server: LocalServer) -> None:
    server.routes["/go"] = Reply(302, headers={"Location": "http://[::1"})
    with Fetcher(Settings(), OPTIONS, MemoryFetchState()) as fetcher:
        with pytest.raises(FetchError, match="Invalid URL in location header") as caught:
            fetcher.fetch(server.url("/go"))  # httpx checks the header before we see it
    assert caught.value.source == server.url("/go")


# --- a named pipe (FIFO) given as an input ---------------------------------------------------

PAGE_TEXT = b"<html><head><title>Piped</title></head><body><p>" + b"A piped page. " * 40 + b"</p>"


def _read_within(specs: list[str], seconds: float = 20.0) -> list[Page | InputError]:
    """``iter_pages(specs)`` in a thread; fails (instead of hanging the suite) when it has
    not finished within ``seconds``."""
    done: list[list[Page | InputError]] = []
    worker = threading.Thread(
        target=lambda: done.append(list(iter_pages(specs, Settings()))), daemon=True
    )
    worker.start()
    worker.join(seconds)
    assert done, f"reading {specs} still waits after {seconds} s"
    return done[0]


@pytest.mark.parametrize("name", ["p.html", "p.html.gz", "p.warc", "p.jsonl", "p.rss", "p.xml"])
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path, name: str) -> None:
    """Opening a FIFO waits for a writer: a run given one (by name, or found in a folder)
    must refuse it, naming it, and go on with the next input."""
    fifo = tmp_path / "in" / name
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    good = tmp_path / "good.html"
    good.write_bytes(HTML)
    for specs in ([str(fifo), str(good)], [str(fifo.parent), str(good)]):
        items = _read_within(specs)
        errors = errors_of(items)
        assert [p.source for p in pages_of(items)] == [str(good)]
        walked = specs[0] == str(fifo.parent)
        if walked and not name.endswith((".html", ".html.gz", ".warc", ".jsonl")):
            assert errors == []  # a folder walk reads pages and archives only
            continue
        [error] = errors
        assert error.source == str(fifo), error
        assert "not a regular file" in str(error), error


def test_a_fifo_with_a_writer_is_refused_by_name_and_read_as_standard_input(
    tmp_path: Path,
) -> None:
    """A writer waiting to send a page through a FIFO: ``newsdesk extract FIFO`` refuses it
    (pointing at '-'), and ``newsdesk extract - < FIFO`` reads the page."""
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    source = tmp_path / "source.html"
    source.write_bytes(PAGE_TEXT)
    entry = Path(sys.executable).with_name("newsdesk")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    writer = subprocess.Popen(["sh", "-c", f"cat '{source}' > '{fifo}'"])
    try:
        command = [str(entry), "extract", str(fifo)]
        refused = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
        err = refused.stderr.decode()
        assert refused.returncode == 1, err
        assert f"{fifo}: not a regular file" in err and "'-'" in err, err
        assert writer.poll() is None  # still waiting for a reader: nothing was taken from it
        with open(fifo, "rb") as piped:
            read = subprocess.run(
                [str(entry), "extract", "--format", "jsonl", "-"],
                stdin=piped,
                capture_output=True,
                env=env,
                timeout=60,
                check=False,
            )
        assert read.returncode == 0, read.stderr
        assert b"A piped page." in read.stdout
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()
        writer.wait()
