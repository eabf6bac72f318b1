"""``POST /api/pages`` and the tokens, on real servers over copies of the ingested
database: uploads, URL fetches through the SSRF guard, size caps, token checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.errors import ConfigError
from newsdesk.web import WebConfig, create_app
from web_support import TOKEN, copy_db, serve

pytest_plugins = ["web_support"]

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGE = """<!doctype html><html lang="en"><head><title>Harbour deal signed | Port Times</title>
<meta property="og:site_name" content="Port Times">
<meta property="article:published_time" content="2025-03-04T09:00:00+00:00"></head>
<body><article><h1>Harbour deal signed</h1>
<p>The harbour authority and the city council signed a twenty-year lease for the northern
quay on Tuesday, ending months of talks over fees, dredging and the future of the ferry
terminal that serves the islands.</p>
<p>"This is the best outcome for the people who work on the water," said Maria Lindqvist,
the authority's chair, after the signing at the town hall.</p>
<p>Opposition councillors said the lease was too long and asked for an independent review of
the fees before the first payment falls due next spring.</p></article></body></html>"""


@pytest.fixture()
def writable(web_db: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = copy_db(web_db, tmp_path / "w.db")
    with serve(create_app(db, WebConfig(api_token=TOKEN, max_upload=20_000))) as url:
        yield url, db


def post(url: str, headers: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
    return httpx.post(url + "/api/pages", headers=headers, timeout=120, **kw)


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    message = response.json()["error"]["message"]
    assert isinstance(message, str) and message
    return message


def test_upload_html_then_read_it_back(writable: tuple[str, Path]) -> None:
    url, _ = writable
    headers = {**AUTH, "Content-Type": "text/html"}
    stored = post(url, headers, content=PAGE.encode(), params={"url": "https://port.example/a"})
    assert stored.status_code == 201, stored.text
    body = stored.json()
    assert body["outcome"] == "new" and body["article_id"]
    article = httpx.get(f"{url}/api/articles/{body['article_id']}", timeout=30).json()
    assert article["title"] == "Harbour deal signed" and article["site"] == "Port Times"
    assert any(q["speaker"] == "Maria Lindqvist" for q in article["quotes"])
    again = post(url, headers, content=PAGE.encode(), params={"url": "https://port.example/a"})
    assert again.status_code == 201
    assert again.json()["outcome"] == "duplicate"
    assert again.json()["article_id"] == body["article_id"]
    found = httpx.get(f"{url}/api/articles", params={"text": "dredging"}, timeout=30).json()
    assert [h["id"] for h in found["items"]] == [body["article_id"]]


def test_upload_json_and_plain_text(writable: tuple[str, Path]) -> None:
    url, _ = writable
    as_json = post(url, AUTH, json={"content": PAGE.replace("twenty", "thirty"), "kind": "html"})
    assert as_json.status_code == 201 and as_json.json()["outcome"] == "new"
    text = "Ferry fares rise\n\nThe ferry company raised its fares by four percent today."
    plain = post(url, {**AUTH, "Content-Type": "text/plain"}, content=text.encode())
    assert plain.status_code == 201, plain.text
    assert "empty" in error_of(post(url, AUTH, json={"content": "  "}), 422)
    assert "url" in error_of(post(url, AUTH, json={}), 422)
    broken = post(url, {**AUTH, "Content-Type": "application/json"}, content=b"{not json")
    assert "not valid JSON" in error_of(broken, 422)
    assert "application/pdf" in error_of(
        post(url, {**AUTH, "Content-Type": "application/pdf"}, content=b"%PDF"), 415
    )


def test_tokens_are_required_and_checked(web_db: Path, writable: tuple[str, Path]) -> None:
    url, _ = writable
    missing = post(url, json={"content": PAGE})
    assert "Bearer" in error_of(missing, 401) and missing.headers["www-authenticate"] == "Bearer"
    assert "wrong" in error_of(post(url, {"Authorization": "Bearer " + "x" * 26},
                                    json={"content": PAGE}), 401)  # fmt: skip
    with serve(create_app(web_db)) as open_only:  # no API token: nobody may store pages
        assert "NEWSDESK_API_TOKEN" in error_of(post(open_only, AUTH, json={"content": PAGE}), 403)
        assert httpx.get(open_only + "/api/articles", timeout=30).status_code == 200
    guarded = WebConfig(read_token="read-token-0123456789", api_token=TOKEN)
    with serve(create_app(web_db, guarded)) as closed:
        error_of(httpx.get(closed + "/api/articles", timeout=30), 401)
        error_of(httpx.get(closed + "/api/speakers/1", timeout=30), 401)
        token = {"Authorization": "Bearer read-token-0123456789"}
        assert httpx.get(closed + "/api/articles", headers=token, timeout=30).status_code == 200
    with pytest.raises(ConfigError, match="at least 16"):
        WebConfig(api_token="short")
    config = WebConfig.from_env({"NEWSDESK_API_TOKEN": TOKEN, "NEWSDESK_MAX_UPLOAD_BYTES": "9"})
    assert (config.api_token, config.read_token, config.max_upload) == (TOKEN, None, 9)
    with pytest.raises(ConfigError, match="NEWSDESK_MAX_UPLOAD_BYTES"):
        WebConfig.from_env({"NEWSDESK_MAX_UPLOAD_BYTES": "lots"})


def test_bodies_over_the_cap_are_refused(writable: tuple[str, Path]) -> None:
    url, _ = writable
    big = PAGE.encode() * 10  # about 9 KB each time; the cap is 20,000 bytes
    declared = post(url, {**AUTH, "Content-Type": "text/html"}, content=big * 3)
    assert "cap" in error_of(declared, 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(5):
            yield big

    streamed = post(url, {**AUTH, "Content-Type": "text/html"}, content=chunks())
    assert "cap" in error_of(streamed, 413)
    unauthorised = post(url, {"Content-Type": "text/html"}, content=big * 3)
    error_of(unauthorised, 401)  # the token is checked before the size


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.replace("Harbour", "Lighthouse").encode() if self.path == "/story" else b""
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture()
def origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_fetch_uses_the_ssrf_guard(writable: tuple[str, Path], origin: str, web_db: Path,
                                       tmp_path: Path) -> None:  # fmt: skip
    url, _ = writable
    refused = error_of(post(url, AUTH, json={"url": origin + "/story"}), 422)
    assert origin.split("//")[1].split(":")[0] in refused or "private" in refused.lower()
    assert "url" in error_of(post(url, AUTH, json={"url": "file:///etc/passwd"}), 422)
    config = WebConfig(api_token=TOKEN, allow_private=True)
    with serve(create_app(copy_db(web_db, tmp_path / "p.db"), config)) as trusting:
        fetched = post(trusting, AUTH, json={"url": origin + "/story"})
        assert fetched.status_code == 201, fetched.text
        article_id = fetched.json()["article_id"]
        article = httpx.get(f"{trusting}/api/articles/{article_id}", timeout=30).json()
        assert article["title"] == "Lighthouse deal signed"
        missing = post(trusting, AUTH, json={"url": origin + "/gone"})
        assert "404" in error_of(missing, 422)
