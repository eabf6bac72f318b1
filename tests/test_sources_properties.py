"""Property tests of the source readers: any bytes in, pages or named errors out.

For the WARC, JSON Lines, feed and sitemap readers, robots.txt and the URL checks, Hypothesis
feeds random bytes and mutations of valid documents (bytes flipped, cut, inserted, repeated):
the only results allowed are records and ``InputError``s naming the input, within a time
bound; any other exception fails the test. The examples are bounded so the file runs in
seconds; ``fuzz/fuzz_sources.py`` runs the same ``check_*`` functions for as long as asked.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Callable

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import FetchError, InputError
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources.feeds import feed_links, sniff_xml
from newsdesk.sources.jsonl import iter_jsonl_pages
from newsdesk.sources.robots import RobotsCache
from newsdesk.sources.sitemaps import SitemapLimits, parse_sitemap, walk_sitemaps
from newsdesk.sources.urls import check_url, resolve_link
from newsdesk.sources.warc import iter_warc_pages
from newsdesk.sources.warc_write import WarcPage, write_warc

BOUNDED = settings(
    max_examples=150,
    deadline=2000,  # ms per example: a reader that hangs or goes quadratic fails
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
SETTINGS = Settings(max_page_bytes=200_000)


# --- seeds: small valid documents that the mutations start from ------------------------------


def _warc_seed(compress: bool) -> bytes:
    pages = [
        WarcPage(url=f"https://news.example/{n}", content=b"<p>Story %d said the mayor.</p>" % n)
        for n in range(3)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "seed.warc")
        write_warc(path, pages, compress=compress)
        with open(path, "rb") as handle:
            return handle.read()


RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>a</title><link>https://news.example/a</link></item>"
    b"<item><title>b</title><link>/b</link><guid>https://news.example/b</guid></item>"
    b"</channel></rss>"
)
SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>https://news.example/1</loc></url><url><loc>/2</loc></url></urlset>"
)
INDEX = (
    b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>"
)
JSONL = (
    b'{"url": "https://news.example/a", "html": "<p>a</p>"}\n'
    b'{"url": "https://news.example/b", "text": "b", "headers": {"Content-Type": "text/plain"}}\n'
)
SEEDS = {
    "warc": _warc_seed(compress=False),
    "warc.gz": _warc_seed(compress=True),
    "feed": RSS,
    "sitemap": SITEMAP,
    "index": INDEX,
    "jsonl": JSONL,
    "jsonl.gz": gzip.compress(JSONL, mtime=0),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few random edits: flips, cuts, insertions, repeats."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "delete"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=64))
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 4))
        else:
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


def inputs(seed: str) -> st.SearchStrategy[bytes]:
    """Random bytes, or (more often) a mutation of a valid document."""
    return st.one_of(st.binary(max_size=4096), mutated(SEEDS[seed]), mutated(SEEDS[seed]))


# --- the checks: each returns what it saw, and fails on anything but records and errors -------


def _read_file(data: bytes, name: str, reader: Callable[[str, Settings], object]) -> list[object]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(data)
        items = list(reader(path, SETTINGS))  # type: ignore[call-overload]
    for item in items:
        assert isinstance(item, Page | InputError), type(item)
        if isinstance(item, InputError):
            assert item.source.startswith(path), item.source  # names the file
    return items


def check_warc(data: bytes, gzipped: bool) -> list[object]:
    return _read_file(data, "a.warc.gz" if gzipped else "a.warc", iter_warc_pages)


def check_jsonl(data: bytes, gzipped: bool) -> list[object]:
    return _read_file(data, "a.jsonl.gz" if gzipped else "a.jsonl", iter_jsonl_pages)


def check_feed(data: bytes) -> None:
    assert sniff_xml(data) in ("feed", "sitemap", "html", "other")
    try:
        links = feed_links(data, "feed.xml", "https://news.example/feed", 1000)
    except InputError as exc:
        assert exc.source == "feed.xml"
        return
    for link in links:
        assert isinstance(link, str | FetchError)
        if isinstance(link, str):
            assert check_url(link) == link


def check_sitemap(data: bytes) -> None:
    try:
        doc = parse_sitemap(data, "s.xml", 100)
    except InputError as exc:
        assert exc.source == "s.xml"
        return
    assert len(doc.locs) <= 100

    def get(url: str) -> tuple[str, bytes]:
        return url, data  # every child sitemap is the same document: loops must end

    limits = SitemapLimits(max_urls=100, max_depth=2, max_total=500, max_files=5)
    for item in walk_sitemaps("https://news.example/s.xml", data, get, limits):
        assert isinstance(item, str | InputError)
        if isinstance(item, str):
            assert check_url(item) == item


def check_url_text(text: str, base: str) -> None:
    try:
        url = check_url(text)
    except FetchError:
        pass
    else:
        httpx.URL(url)  # whatever passes the check, the HTTP client accepts
        assert check_url(url) == url
    link = resolve_link(base, text)
    assert link is None or isinstance(link, str | FetchError)


def check_robots(data: bytes) -> None:
    cache = RobotsCache(lambda _url: (200, data))
    try:
        rules = cache.check("https://news.example/a/b?c=d")
    except FetchError:
        return
    assert rules.crawl_delay >= 0
    assert all(isinstance(url, str) for url in rules.sitemaps)


# --- the bounded properties run by make test -------------------------------------------------


@BOUNDED
@given(st.booleans(), st.data())
def test_any_warc_bytes_give_pages_or_named_errors(gzipped: bool, data: st.DataObject) -> None:
    check_warc(data.draw(inputs("warc.gz" if gzipped else "warc")), gzipped)


@BOUNDED
@given(st.booleans(), st.data())
def test_any_jsonl_bytes_give_pages_or_named_errors(gzipped: bool, data: st.DataObject) -> None:
    check_jsonl(data.draw(inputs("jsonl.gz" if gzipped else "jsonl")), gzipped)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@BOUNDED
@given(st.lists(json_values, max_size=5))
def test_any_json_values_per_line_give_pages_or_named_errors(values: list[object]) -> None:
    data = "\n".join(json.dumps(value) for value in values).encode()
    items = check_jsonl(data, gzipped=False)
    assert len(items) <= len(values)


@BOUNDED
@given(inputs("feed"))
def test_any_feed_bytes_give_links_or_a_named_error(data: bytes) -> None:
    check_feed(data)


@BOUNDED
@given(st.one_of(inputs("sitemap"), inputs("index")))
def test_any_sitemap_bytes_give_urls_or_named_errors(data: bytes) -> None:
    check_sitemap(data)


urlish = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", ""]),
        st.text(st.characters(codec="utf-8"), max_size=30)
        | st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,4}){0,4}", fullmatch=True),
        st.text(max_size=30),
    ),
)


@BOUNDED
@given(urlish, st.sampled_from(["https://news.example/feed", "", "http://[::1]:8080/x/"]))
def test_url_checks_give_a_url_the_client_accepts_or_a_fetch_error(text: str, base: str) -> None:
    check_url_text(text, base)


@BOUNDED
@given(
    st.one_of(st.binary(max_size=2048), mutated(b"User-agent: *\nDisallow: /a\nCrawl-delay: 2\n"))
)
def test_any_robots_txt_gives_rules_or_a_fetch_error(data: bytes) -> None:
    check_robots(data)
