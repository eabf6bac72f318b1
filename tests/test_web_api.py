"""The JSON API on a real uvicorn server on loopback, over a database filled by the real
ingest of the seed, the sample pages, a hostile page and a syndicated copy."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import httpx

from newsdesk.store import Filters, open_store

pytest_plugins = ["web_support"]

SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=60)


def ok(base: str, path: str, **params: Any) -> Any:
    response = get(base, path, **params)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status and error["message"] and error["code"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return dict(error)


def test_articles_search_filter_and_page_through(live_server: str, web_db: Path) -> None:
    found = ok(live_server, "/api/articles", text="NATO")
    titles = [h["title"] for h in found["items"]]
    assert titles and "NATO official" in titles[0]
    assert "«NATO»" in found["items"][0]["snippet"] and found["items"][0]["score"] < 0
    assert ok(live_server, "/api/articles", text="NATO", site="nowhere")["items"] == []
    with_facets = ok(live_server, "/api/articles", text="NATO", facets="true")
    assert with_facets["facets"]["outlets"][0]["count"] >= 1
    seen: list[int] = []
    cursor = ""
    while True:
        page = ok(live_server, "/api/articles", limit=2, cursor=cursor)
        assert len(page["items"]) <= 2
        seen += [h["id"] for h in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]
    with open_store(web_db) as store:
        every = store.articles(Filters(limit=100)).items
    assert seen == [h.id for h in every] and len(seen) == len(set(seen)) >= 6


def test_one_article_with_quotes_speakers_and_entities(live_server: str) -> None:
    (hit,) = ok(live_server, "/api/articles", text='"new chapter" NATO')["items"]
    article = ok(live_server, f"/api/articles/{hit['id']}")
    text = article["text"]
    assert article["title"] == hit["title"] and article["quotes"] and article["entities"]
    for quote in article["quotes"]:
        start, end = quote["parts"][0]
        assert quote["text"].startswith(text[start:end])
    named = [q for q in article["quotes"] if q["speaker"] == "Kevin Hamilton"]
    assert named and named[0]["speaker_id"] is not None
    assert "NATO" in named[0]["organisations"] and named[0]["titles"]
    assert all(e["id"] is not None for e in article["entities"])
    assert_error(get(live_server, "/api/articles/999999"), 404)
    assert_error(get(live_server, "/api/articles/0"), 422)
    assert_error(get(live_server, "/api/articles/abc"), 422)
    assert_error(get(live_server, f"/api/articles/{2**63}"), 422)


def test_quotes_filters_and_cursor(live_server: str) -> None:
    hamilton = ok(live_server, "/api/quotes", speaker="hamilton", limit=100)["items"]
    assert hamilton and {q["speaker"] for q in hamilton} == {"Kevin Hamilton"}
    serbia = ok(live_server, "/api/quotes", about="Serbia", limit=100)["items"]
    assert serbia and all(q["article_id"] == hamilton[0]["article_id"] for q in serbia)
    words = ok(live_server, "/api/quotes", text="chapter", limit=100)["items"]
    assert words and all("chapter" in q["text"].lower() for q in words)
    assert ok(live_server, "/api/quotes", since="2030")["items"] == []
    pages, cursor = [], ""
    while True:
        page = ok(live_server, "/api/quotes", limit=3, cursor=cursor)
        pages += page["items"]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    every = ok(live_server, "/api/quotes", limit=100)["items"]
    assert [q["id"] for q in pages] == [q["id"] for q in every]
    assert_error(get(live_server, "/api/quotes", cursor="bm90LWEtY3Vyc29y"), 400)


def test_speakers_and_speaker_page(live_server: str) -> None:
    speakers = ok(live_server, "/api/speakers", limit=5)["items"]
    top = speakers[0]
    assert top["name"] == "Kevin Hamilton" and top["quotes"] >= 5
    assert ok(live_server, "/api/speakers", name="hamilton")["items"][0]["id"] == top["id"]
    profile = ok(live_server, f"/api/speakers/{top['id']}")
    assert profile["quote_count"] == top["quotes"] and "NATO" in profile["organisations"]
    assert profile["per_day"][0]["count"] == top["quotes"]
    assert re.fullmatch(r"\d{4}-W\d{2}", profile["per_week"][0]["key"])
    assert profile["quotes"] and profile["entities"]
    assert_error(get(live_server, "/api/speakers/999999"), 404)


def test_entities_entity_page_and_cluster(live_server: str) -> None:
    entities = ok(live_server, "/api/entities", label="GPE", limit=50)["items"]
    assert entities and {e["label"] for e in entities} == {"GPE"}
    serbia = next(e for e in entities if e["name"] == "Serbia")
    page = ok(live_server, f"/api/entities/{serbia['id']}")
    assert page["mention_count"] == serbia["mentions"] and page["articles"]
    assert "Kevin Hamilton" in [s["name"] for s in page["speakers"]]
    assert_error(get(live_server, "/api/entities/999999"), 404)
    copies = ok(live_server, "/api/articles", text="meth", all_copies="true")["items"]
    assert [h["copies"] for h in copies] == [2, 2]
    record = ok(live_server, f"/api/articles/{copies[0]['id']}")
    cluster = ok(live_server, f"/api/clusters/{record['cluster_id']}")
    assert cluster["size"] == 2 and {m["id"] for m in cluster["members"]} == {
        h["id"] for h in copies}  # fmt: skip
    assert [m["canonical"] for m in cluster["members"]] == [True, False]
    assert len(ok(live_server, "/api/articles", text="meth")["items"]) == 1  # copies hidden
    assert_error(get(live_server, "/api/clusters/999999"), 404)


def test_export_streams_every_row(live_server: str, web_db: Path) -> None:
    with open_store(web_db) as store:
        articles = [r.id for r in store.iter_articles(Filters(limit=None))]
        quotes = [q.id for q in store.iter_quotes(Filters(limit=None))]
    jsonl = get(live_server, "/api/export")
    assert jsonl.headers["content-type"] == "application/x-ndjson"
    assert "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [r["id"] for r in rows] == articles and all("quotes" in r for r in rows)
    table = get(live_server, "/api/export", format="csv", per="quote")
    assert table.headers["content-type"].startswith("text/csv")
    quoted = list(csv.DictReader(io.StringIO(table.text)))
    assert [int(r["id"]) for r in quoted] == quotes
    by_him = get(live_server, "/api/export", per="quote", speaker="hamilton").text.splitlines()
    assert {json.loads(line)["speaker"] for line in by_him} == {"Kevin Hamilton"}
    assert_error(get(live_server, "/api/export", format="xml"), 422)
    # no words to look for: refused with the reason, as `newsdesk search '*'` is
    no_words = assert_error(get(live_server, "/api/export", text="!!!"), 400)
    assert "no words to look for" in no_words["message"]


def test_errors_share_one_envelope(live_server: str) -> None:
    assert assert_error(get(live_server, "/api/nothing-here"), 404)["code"] == "not_found"
    invalid = assert_error(get(live_server, "/api/articles", since="last week"), 422)
    assert invalid["details"][0]["location"] == ["query", "since"]
    assert_error(get(live_server, "/api/articles", limit=0), 422)
    assert_error(get(live_server, "/api/articles", text="a\x00b"), 422)
    assert_error(httpx.delete(live_server + "/api/articles", timeout=30), 405)
    refused = assert_error(get(live_server, "/api/articles", cursor="Zm9v"), 400)
    assert "start again from the first page" in refused["message"]


def test_security_headers_on_every_kind_of_response(live_server: str) -> None:
    for path in ("/api/articles", "/api/articles/999999", "/", "/static/style.css", "/docs",
                 "/openapi.json", "/nothing"):  # fmt: skip
        response = get(live_server, path)
        for name, value in SECURITY.items():
            assert response.headers[name] == value, (path, name)
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_docs_load_from_the_app_alone(live_server: str) -> None:
    page = get(live_server, "/docs").text
    assert "<script>" not in page and "http" not in page  # no CDN, no inline script
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(sources) == 4
    for source in sources:
        asset = get(live_server, source)
        assert asset.status_code == 200 and len(asset.content) > 100, source
    schema = ok(live_server, "/openapi.json")
    paths = set(schema["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/speakers",
            "/api/speakers/{speaker_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/clusters/{cluster_id}", "/api/export", "/api/pages"} == paths  # fmt: skip
    error = schema["paths"]["/api/articles"]["get"]["responses"]["422"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_concurrent_requests_get_the_same_answers(live_server: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/articles?text=NATO", "/api/speakers", "/api/quotes?limit=50",
             "/api/entities?limit=50", "/api/articles?limit=50"]  # fmt: skip
    alone = {p: get(live_server, p).json() for p in paths}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda p: (p, get(live_server, p)), paths * 8))
    for path, response in answers:
        assert response.status_code == 200 and response.json() == alone[path], path
