"""``newsdesk ingest`` over a feed on a real local HTTP server: the store remembers what
was fetched (``fetch_state``), so polling the feed again fetches no article twice."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO

PAGES = sorted((REPO / "samples" / "pages").glob("*.html"))


@pytest.fixture()
def server() -> Iterator[tuple[str, Counter[str]]]:
    hits: Counter[str] = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] += 1
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>{p.stem}</title><link>{base}/{p.name}</link></item>"
                    for p in PAGES
                )
                body = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                body += f"<link>{base}/</link>{items}</channel></rss>"
                self._send(200, "application/rss+xml", body.encode())
            elif self.path.endswith(".html") and (REPO / "samples/pages" / self.path[1:]).exists():
                page = (REPO / "samples/pages" / self.path[1:]).read_bytes()
                self._send(200, "text/html; charset=utf-8", page)
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def ingest(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "ingest", *args, "--db", str(db), "--no-analyze"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_feed_polled_twice_fetches_each_article_once(
    tmp_path: Path, server: tuple[str, Counter[str]]
) -> None:
    base, hits = server
    db = tmp_path / "n.db"
    first = ingest(db, f"{base}/feed.xml", "--allow-private", "--delay", "0")
    assert first.returncode == 0, first.stderr
    assert f"{len(PAGES)} new" in first.stderr
    assert all(hits[f"/{p.name}"] == 1 for p in PAGES)
    second = ingest(db, f"{base}/feed.xml", "--allow-private", "--delay", "0")
    assert second.returncode == 0, second.stderr
    assert "0 new" in second.stderr
    assert hits["/feed.xml"] == 2
    assert all(hits[f"/{p.name}"] == 1 for p in PAGES)  # remembered in fetch_state


def test_private_address_refused_without_flag(
    tmp_path: Path, server: tuple[str, Counter[str]]
) -> None:
    base, hits = server
    result = ingest(tmp_path / "n.db", f"{base}/feed.xml")
    assert result.returncode == 1
    assert "127.0.0.1" in result.stderr
    assert hits["/feed.xml"] == 0
