"""RSS/Atom feeds through iter_pages, served by a real local HTTP server."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from http_server import LocalServer, Reply, Seen, article
from newsdesk.errors import InputError, NotAPage
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.feeds import feed_links, sniff_xml
from newsdesk.sources.http import FetchOptions
from newsdesk.sources.state import MemoryFetchState

OPTIONS = FetchOptions(allow_private=True, delay=0.0, retries=0)
XML = {"Content-Type": "application/rss+xml"}


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{p}</link></item>" for p in paths)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{base}</link>{items}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>x</title><link rel="alternate" href="/atom-1"/><id>tag:x,1</id></entry>
<entry><title>y</title><link href="/atom-2"/><id>tag:x,2</id></entry>
</feed>"""


@pytest.fixture
def server(server: LocalServer) -> LocalServer:
    """The shared local server, answering an article page for any path without a route."""
    server.fallback = article
    return server


def pages_of(items: list[Page | InputError]) -> list[str]:
    return [i.url or "" for i in items if isinstance(i, Page)]


def test_a_feed_url_is_expanded_into_its_articles(server: LocalServer) -> None:
    absolute = server.url("/abs")
    server.routes["/feed"] = Reply(body=rss(server.url("/"), ["/a", absolute, "/a"]), headers=XML)
    items = list(iter_pages([server.url("/feed")], Settings(), options=OPTIONS))
    assert pages_of(items) == [server.url("/a"), absolute]  # duplicates fetched once
    assert all(isinstance(i, Page) for i in items)  # the feed itself is not a page


def test_an_atom_feed_with_the_feed_prefix(server: LocalServer) -> None:
    server.routes["/atom"] = Reply(body=ATOM, headers={"Content-Type": "application/atom+xml"})
    items = list(iter_pages(["feed:" + server.url("/atom")], Settings(), options=OPTIONS))
    assert pages_of(items) == [server.url("/atom-1"), server.url("/atom-2")]


def test_a_feed_that_is_html_is_a_clear_error_and_the_run_goes_on(server: LocalServer) -> None:
    inputs = ["feed:" + server.url("/not-a-feed"), server.url("/next")]
    items = list(iter_pages(inputs, Settings(), options=OPTIONS))
    assert isinstance(items[0], NotAPage)
    assert items[0].source == server.url("/not-a-feed")
    assert "not a feed: the document is an HTML page" in str(items[0])
    assert pages_of(items[1:]) == [server.url("/next")]


def test_an_html_url_without_prefix_is_one_page(server: LocalServer) -> None:
    items = list(iter_pages([server.url("/story")], Settings(), options=OPTIONS))
    assert pages_of(items) == [server.url("/story")]


def test_seen_articles_are_not_refetched_unless_asked(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=rss("", ["/a", "/b"]), headers=XML)
    state = MemoryFetchState()
    first = list(iter_pages([server.url("/feed")], Settings(), options=OPTIONS, state=state))
    server.routes["/feed"] = Reply(body=rss("", ["/a", "/b", "/c"]), headers=XML)
    second = list(iter_pages([server.url("/feed")], Settings(), options=OPTIONS, state=state))
    assert pages_of(first) == [server.url("/a"), server.url("/b")]
    assert pages_of(second) == [server.url("/c")]
    assert len(server.hits("/a")) == 1
    again = FetchOptions(allow_private=True, delay=0.0, retries=0, refetch_seen=True)
    third = list(iter_pages([server.url("/feed")], Settings(), options=again, state=state))
    assert len(pages_of(third)) == 3
    assert len(server.hits("/a")) == 2


def test_an_unchanged_feed_is_polled_with_its_etag_and_yields_nothing(server: LocalServer) -> None:
    def feed(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"f1"':
            return Reply(304)
        return Reply(body=rss("", ["/a"]), headers={**XML, "ETag": '"f1"'})

    server.routes["/feed"] = feed
    state = MemoryFetchState()
    assert pages_of(
        list(iter_pages([server.url("/feed")], Settings(), options=OPTIONS, state=state))
    )
    assert list(iter_pages([server.url("/feed")], Settings(), options=OPTIONS, state=state)) == []
    assert server.hits("/feed")[1].headers["if-none-match"] == '"f1"'


def test_a_local_feed_file_fetches_its_articles(server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(rss("", [server.url("/x"), "javascript:alert(1)", "/relative-ignored"]))
    items = list(iter_pages([str(path)], Settings(), options=OPTIONS))
    assert pages_of(items) == [server.url("/x")]


def test_feed_links_keeps_order_resolves_and_caps() -> None:
    body = rss("", ["/1", "/2", "/3", "mailto:a@b.c"])
    assert feed_links(body, "f", "https://ex.org/feed", 10) == [
        "https://ex.org/1", "https://ex.org/2", "https://ex.org/3",
    ]  # fmt: skip
    assert feed_links(body, "f", "https://ex.org/feed", 2) == [
        "https://ex.org/1",
        "https://ex.org/2",
    ]


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "feed"),
     (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
     (b"<rdf:RDF xmlns:rdf='x'>", "feed"),
     (b"<?xml version='1.0'?><urlset xmlns='x'>", "sitemap"),
     (b"<sitemapindex>", "sitemap"),
     (b"<!DOCTYPE html><html><head>", "html"),
     (b"plain text", "other")],
)  # fmt: skip
def test_sniff_xml_tells_feeds_sitemaps_and_pages_apart(head: bytes, kind: str) -> None:
    assert sniff_xml(head) == kind


def test_a_local_feed_file_that_is_html_is_an_error_naming_it() -> None:
    path = FIXTURES / "sources" / "feed-that-is-html.rss"
    items = list(iter_pages([str(path)], Settings()))
    assert len(items) == 1 and isinstance(items[0], NotAPage)
    assert items[0].source == str(path) and "an HTML page" in items[0].reason
