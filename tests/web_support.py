"""Fixtures for the web tests (API and UI): a real database filled by the real ingest of
fixture pages, and the real app on a real uvicorn server on a free loopback port.

Use them from a test module with ``pytest_plugins = ["web_support"]`` (the fixtures) and
import the helpers (``serve``, ``copy_db``, ``checksum``, ``TOKEN``) by name. Not rewritten
by pytest (PYTEST_DONT_REWRITE): it is imported as a plain module too.

- ``web_db`` (session): the seed dump, the four sample pages, the hostile page of
  ``tests/fixtures/web`` and a syndicated copy of one sample page (so a cluster exists),
  ingested with analysis; treat it as read-only.
- ``live_server`` (session): ``create_app`` over ``web_db`` with ``TOKEN`` as API token
  (uploads would write: upload tests use ``serve`` over a copy of the database).
- ``serve(app)``: a context manager running any app on a free port; yields its base URL.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.types import ASGIApp

from conftest import FIXTURES, REPO, SEED

TOKEN = "test-token-0123456789abcdef"
SYNDICATED = "156770d676ce.html"  # copied under another URL: the same story twice


def _page_folder(root: Path) -> Path:
    folder = root / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    for page in sorted((REPO / "samples" / "pages").glob("*.html")):
        shutil.copy(page, folder / page.name)
    for page in sorted((FIXTURES / "web").glob("*.html")):
        shutil.copy(page, folder / f"web-{page.name}")
    original = (REPO / "samples" / "pages" / SYNDICATED).read_text(encoding="utf-8")
    copy = original.replace("https://thehill.com/", "https://syndicated.example/")
    (folder / f"copy-{SYNDICATED}").write_text(copy, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database filled by ``newsdesk.store.ingest`` with analysis (spaCy)."""
    from newsdesk.settings import Settings
    from newsdesk.store import open_store
    from newsdesk.store.ingest import ingest

    root = tmp_path_factory.mktemp("web")
    folder = _page_folder(root)
    db = root / "web.db"
    with open_store(db) as store:
        results = list(ingest([str(folder)], store, Settings()))  # analysis is a default stage
    failed = [r for r in results if r.error is not None]
    assert not failed, failed
    return db


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Run ``app`` on uvicorn in a thread on a free 127.0.0.1 port; yield its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The base URL of the app over ``web_db`` (API token ``TOKEN``, read API open)."""
    from newsdesk.web import WebConfig, create_app

    with serve(create_app(web_db, WebConfig(api_token=TOKEN))) as url:
        yield url


def copy_db(db: Path, target: Path) -> Path:
    """A copy of a (WAL) database that tests may write to."""
    source = sqlite3.connect(db)
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target


def checksum(db: Path) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of every row, per table (FTS5 shadow tables included)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
        names = [r[0] for r in conn.execute(tables)]
        found = {}
        for name in names:
            digest = hashlib.sha256()
            count = 0
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                digest.update(repr(row).encode())
                count += 1
            found[name] = (count, digest.hexdigest())
        return found
    finally:
        conn.close()
