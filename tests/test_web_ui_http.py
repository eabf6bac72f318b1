"""The web UI's pages over HTTP (no browser): status codes, the HTML 404 page and its
security headers, and search pagination over a real store on a real uvicorn server."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from newsdesk.store import open_store
from newsdesk.web import WebConfig, create_app

pytest_plugins = ["web_support"]  # live_server, web_db


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/articles/99999", "No article 99999 here."),
        ("/articles/abc", "No article abc here."),
        ("/articles/0", "No article 0 here."),
        ("/speakers/-1", "No speaker -1 here."),
        ("/entities/99999999999999999999", "No entity 99999999999999999999 here."),
        ("/outlets/No%20Such%20Outlet", "No outlet named 'No Such Outlet' here."),
    ],
)
def test_missing_pages_answer_an_html_404(live_server: str, path: str, message: str) -> None:
    response = httpx.get(live_server + path, timeout=30)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text.replace("&#39;", "'")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_search_pages_forward_and_back_to_the_first(tmp_path: Path) -> None:
    """25 articles holding one word: 20 on the first page, 5 on the next (keyset cursor),
    and a link back to the first page."""
    from test_store_helpers import body_text, make_pair
    from web_support import serve

    db = tmp_path / "pages.db"
    with open_store(db) as store:
        store.save([
            make_pair(body_text(i) + " zebra", f"https://p{i}.example/{i}", title=f"Story {i}",
                      published=f"2024-01-{1 + i:02d}", site=f"Outlet {i % 3}")
            for i in range(25)
        ])  # fmt: skip
    with serve(create_app(db)) as base:
        first = httpx.get(base + "/", params={"q": "zebra"}, timeout=30)
        assert first.status_code == 200
        assert first.text.count('class="hit"') == 20
        assert "Articles 1 to 20, more on the next page" in first.text
        found = re.search(r'<a rel="next" href="([^"]+)"', first.text)
        assert found is not None
        second = httpx.get(base + found.group(1).replace("&amp;", "&"), timeout=30)
        assert second.text.count('class="hit"') == 5
        assert "Articles 21 to 25" in second.text and 'rel="next"' not in second.text
        assert '<a rel="first" href="/?q=zebra">' in second.text
        titles = re.findall(
            r'<h3><a href="/articles/\d+">(Story \d+)</a>', first.text + second.text
        )
        assert sorted(titles) == sorted(f"Story {i}" for i in range(25))
        assert '<ol class="hits" start="21">' in second.text


def test_a_read_token_guards_the_pages_too(web_db: Path) -> None:
    from web_support import serve

    token = "read-token-0123456789abcdef"
    with serve(create_app(web_db, WebConfig(read_token=token))) as base:
        for path in ("/", "/?q=Serbia", "/articles/1", "/speakers/1", "/outlets/CNBC"):
            assert httpx.get(base + path, timeout=30).status_code == 401, path
            wrong = {"Authorization": "Bearer " + token[::-1]}
            assert httpx.get(base + path, headers=wrong, timeout=30).status_code == 401, path
        good = {"Authorization": f"Bearer {token}"}
        assert httpx.get(base + "/?q=Serbia", headers=good, timeout=30).status_code == 200
        assert httpx.get(base + "/static/style.css", timeout=30).status_code == 200
