"""Sitemaps (index, urlset, Google News, .xml.gz) and their bombs, over a real local server."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from conftest import FIXTURES
from http_server import LocalServer, Reply, Seen, article
from newsdesk.errors import InputError, InputTooLarge, NotAPage
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.http import FetchOptions
from newsdesk.sources.sitemaps import SitemapLimits, parse_sitemap, walk_sitemaps

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
IMAGE = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
OPTIONS = FetchOptions(allow_private=True, delay=0.0, retries=0)


def urlset(locs: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{loc}</loc><lastmod>2024-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{entries}</urlset>'.encode()


def index(locs: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f"<sitemapindex {NS}>{entries}</sitemapindex>".encode()


@pytest.fixture
def server(server: LocalServer) -> LocalServer:
    """The shared local server, answering an article page for any path without a route."""
    server.fallback = article
    return server


def urls_of(items: list[Page | InputError]) -> list[str]:
    return [i.url or "" for i in items if isinstance(i, Page)]


def test_an_index_of_plain_and_gzipped_urlsets(server: LocalServer) -> None:
    server.routes["/sitemap.xml"] = Reply(
        body=index([server.url("/a.xml"), server.url("/b.xml.gz")]),
        headers={"Content-Type": "application/xml"},
    )
    server.routes["/a.xml"] = Reply(body=urlset([server.url("/1"), server.url("/2")]))
    gz = gzip.compress(urlset([server.url("/3"), server.url("/1")]))
    server.routes["/b.xml.gz"] = Reply(body=gz, headers={"Content-Type": "application/gzip"})
    items = list(iter_pages([server.url("/sitemap.xml")], Settings(), options=OPTIONS))
    assert urls_of(items) == [server.url(p) for p in ("/1", "/2", "/3")]
    assert all(isinstance(i, Page) for i in items)


def test_a_google_news_sitemap_gives_its_articles_not_its_images(server: LocalServer) -> None:
    body = (
        f'<?xml version="1.0"?><urlset {NS} {NEWS} {IMAGE}><url>'
        f"<loc>{server.url('/story')}</loc>"
        "<news:news><news:publication><news:name>Example</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2024-01-02T10:00:00+01:00</news:publication_date>"
        "<news:title>A story</news:title></news:news>"
        f"<image:image><image:loc>{server.url('/pic.jpg')}</image:loc></image:image>"
        "</url></urlset>"
    ).encode()
    server.routes["/news.xml"] = Reply(body=body)
    items = list(iter_pages(["sitemap:" + server.url("/news.xml")], Settings(), options=OPTIONS))
    assert urls_of(items) == [server.url("/story")]


def test_a_sitemap_over_the_per_file_cap_is_cut_with_a_clear_message(server: LocalServer) -> None:
    server.routes["/big.xml"] = Reply(body=urlset([server.url(f"/p{n}") for n in range(120)]))
    options = FetchOptions(allow_private=True, delay=0.0, retries=0, max_sitemap_urls=30)
    items = list(iter_pages([server.url("/big.xml")], Settings(), options=options))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(urls_of(items)) == 30
    assert len(errors) == 1 and isinstance(errors[0], InputTooLarge)
    assert "more than 30 URLs in one sitemap" in str(errors[0])
    assert "max_sitemap_urls" in str(errors[0])


def test_endless_nested_indexes_stop_at_the_depth_cap(server: LocalServer) -> None:
    def endless(seen: Seen) -> Reply:
        if not seen.path.startswith("/idx/"):
            return article(seen)
        n = int(seen.path.rsplit("/", 1)[1])
        kids = [server.url(f"/idx/{n + 1}"), server.url(f"/idx/{n}"), server.url(f"/idx/{n + 2}")]
        return Reply(body=index(kids))

    server.fallback = endless
    items = list(iter_pages([server.url("/idx/0")], Settings(), options=OPTIONS))
    assert urls_of(items) == []
    assert items and all(isinstance(i, InputTooLarge) for i in items)
    assert "nested deeper than 3" in str(items[0])
    assert len(server.log) < 40  # robots.txt and a bounded number of indexes


def test_the_gzip_sitemap_bomb_is_refused_not_inflated(server: LocalServer) -> None:
    bomb = (FIXTURES / "sources" / "sitemap-bomb.xml.gz").read_bytes()
    server.routes["/bomb.xml.gz"] = Reply(body=bomb, headers={"Content-Type": "application/gzip"})
    items = list(iter_pages(["sitemap:" + server.url("/bomb.xml.gz")], Settings(), options=OPTIONS))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge)
    assert "inflates past" in str(items[0])
    local = list(iter_pages([str(FIXTURES / "sources" / "sitemap-bomb.xml.gz")], Settings()))
    assert len(local) == 1 and isinstance(local[0], InputTooLarge)


def test_many_distinct_urls_are_capped_while_parsing() -> None:
    body = gzip.compress(urlset([f"https://ex.org/{n}" for n in range(60_000)]))
    doc = parse_sitemap(body, "big.xml.gz", max_urls=50_000)
    assert doc.kind == "urlset" and doc.capped and len(doc.locs) == 50_000


def test_the_total_cap_bounds_a_whole_tree() -> None:
    pages = {f"https://ex.org/s{k}.xml": urlset([f"https://ex.org/{k}/{n}" for n in range(40)])
             for k in range(5)}  # fmt: skip
    root = index(list(pages))
    limits = SitemapLimits(max_urls=1000, max_depth=2, max_total=100)
    items = list(walk_sitemaps("https://ex.org/sitemap.xml", root, lambda u: (u, pages[u]), limits))
    urls = [i for i in items if isinstance(i, str)]
    assert len(urls) == 100
    assert isinstance(items[-1], InputTooLarge) and "max_discovered" in str(items[-1])


def test_an_html_page_given_as_sitemap_is_a_clear_error(server: LocalServer) -> None:
    items = list(iter_pages(["sitemap:" + server.url("/page")], Settings(), options=OPTIONS))
    assert len(items) == 1 and isinstance(items[0], NotAPage)
    assert "not a sitemap" in str(items[0]) and server.url("/page") in str(items[0])


def test_external_and_nested_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        "<urlset><url><loc>https://ex.org/&x;</loc></url><url><loc>https://ex.org/&c;</loc></url>"
        "<url><loc>https://ex.org/ok</loc></url></urlset>"
    ).encode()
    locs = parse_sitemap(body, "xxe.xml", 10).locs
    assert locs[-1] == "https://ex.org/ok"
    assert not any("TOPSECRET" in loc or "aaaa" in loc for loc in locs)


def test_damaged_sitemaps_are_errors_never_crashes() -> None:
    rng = random.Random(3)
    data = urlset([f"https://ex.org/{n}" for n in range(30)])
    for _ in range(500):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            doc = parse_sitemap(bytes(damaged), "damaged.xml", 100)
        except InputError:
            continue
        assert len(doc.locs) <= 30


def test_a_site_root_as_sitemap_reads_the_sitemaps_robots_txt_lists(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(
        body=f"User-agent: *\nDisallow: /hidden\nSitemap: {server.url('/s.xml')}\n".encode()
    )
    server.routes["/s.xml"] = Reply(body=urlset([server.url("/one"), server.url("/hidden/x")]))
    items = list(iter_pages(["sitemap:" + server.url("/")], Settings(), options=OPTIONS))
    assert urls_of(items) == [server.url("/one")]
    assert len(items) == 2 and "disallowed by robots.txt" in str(items[1])
    assert server.hits("/hidden/x") == []


def test_a_site_whose_robots_txt_lists_no_sitemap_is_a_clear_error(server: LocalServer) -> None:
    items = list(iter_pages(["sitemap:" + server.url("/")], Settings(), options=OPTIONS))
    assert len(items) == 1 and isinstance(items[0], NotAPage)
    assert "robots.txt lists no sitemap" in str(items[0])
