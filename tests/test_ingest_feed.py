"""``newsdesk ingest`` over a feed on a real local HTTP server: the store remembers what
was fetched (``fetch_state``), so polling the feed again fetches no article twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from http_server import LocalServer, Reply

PAGES = sorted((REPO / "samples" / "pages").glob("*.html"))


@pytest.fixture
def server(server: LocalServer) -> LocalServer:
    """The shared local server holding a feed of the sample pages and the pages themselves."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    for page in PAGES:
        server.routes[f"/{page.name}"] = Reply(body=page.read_bytes(), headers=html)
    items = "".join(
        f"<item><title>{p.stem}</title><link>{server.url('/' + p.name)}</link></item>"
        for p in PAGES
    )
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    feed += f"<link>{server.url('/')}</link>{items}</channel></rss>"
    server.routes["/feed.xml"] = Reply(
        body=feed.encode(), headers={"Content-Type": "application/rss+xml"}
    )
    return server


def ingest(db: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "ingest", *args, "--db", str(db), "--no-analyze"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_feed_polled_twice_fetches_each_article_once(store_url: str, server: LocalServer) -> None:
    base = server.url("")
    db = store_url
    first = ingest(db, f"{base}/feed.xml", "--allow-private", "--delay", "0")
    assert first.returncode == 0, first.stderr
    assert f"{len(PAGES)} new" in first.stderr
    assert all(len(server.hits(f"/{p.name}")) == 1 for p in PAGES)
    second = ingest(db, f"{base}/feed.xml", "--allow-private", "--delay", "0")
    assert second.returncode == 0, second.stderr
    assert "0 new" in second.stderr
    assert len(server.hits("/feed.xml")) == 2
    assert all(len(server.hits(f"/{p.name}")) == 1 for p in PAGES)  # remembered in fetch_state


def test_private_address_refused_without_flag(tmp_path: Path, server: LocalServer) -> None:
    base = server.url("")
    result = ingest(tmp_path / "n.db", f"{base}/feed.xml")
    assert result.returncode == 1
    assert "127.0.0.1" in result.stderr
    assert server.hits("/feed.xml") == []
