"""SQL injection strings through every filter of every endpoint (and every path
parameter): no server error, no row changed (row counts and a checksum of every table
before and after), and LIKE wildcards match only themselves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx

from web_support import checksum

pytest_plugins = ["web_support"]

INJECTIONS = (
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "1; DELETE FROM quotes",
    "x') UNION SELECT name, sql FROM sqlite_master --",
    "'); INSERT INTO sites(name) VALUES ('pwned'); --",
    "' ; ATTACH DATABASE '/tmp/pwned.db' AS p; --",
    "%' OR '%'='",
    "\\' OR 1 --",
    "NEAR(nato serbia) OR title:x OR 0s1",
    "*",
    "%",
    "_",
    "2024' OR '1'='1",
    "1) OR (1=1",
    "ʼ OR ʼ1ʼ=ʼ1",
)
ARTICLE = ("text", "speaker", "entity", "site", "language", "since", "until", "cursor")
FILTERS = {
    "/api/articles": ARTICLE,
    "/api/quotes": ("speaker", "about", "site", "since", "until", "text", "cursor"),
    "/api/speakers": (*ARTICLE[:-1], "name"),
    "/api/entities": (*ARTICLE[:-1], "name", "label"),
    "/api/export": (*ARTICLE[:-1], "about"),
}
PATHS = ("/api/articles/{}", "/api/speakers/{}", "/api/entities/{}", "/api/clusters/{}")


def test_injection_strings_change_nothing(live_server: str, web_db: Path) -> None:
    before = checksum(web_db)
    statuses: dict[int, int] = {}
    with httpx.Client(base_url=live_server, timeout=60) as client:
        for path, names in FILTERS.items():
            for name in names:
                for value in INJECTIONS:
                    for extra in ({}, {"per": "quote"}) if path == "/api/export" else ({},):
                        response = client.get(path, params={name: value, **extra})
                        assert response.status_code < 500, (path, name, value, response.text)
                        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        for template in PATHS:
            for value in INJECTIONS:
                response = client.get(template.format(quote(value, safe="")))
                assert response.status_code in (404, 422), (template, value)
    after = checksum(web_db)
    assert after == before
    assert before["articles"][0] >= 6 and before["quotes"][0] > 0
    assert statuses[200] > 100 and statuses.get(422, 0) > 0  # filters ran; bad dates refused


def test_like_wildcards_match_only_themselves(live_server: str) -> None:
    def items(path: str, **params: str) -> list[object]:
        response = httpx.get(live_server + path, params=params, timeout=60)
        assert response.status_code == 200, response.text
        found: list[object] = response.json()["items"]
        return found

    assert items("/api/speakers")  # there are speakers ...
    for wildcard in ("%", "_", "%%", "\\"):
        assert items("/api/speakers", name=wildcard) == []  # ... but none named like these
        assert items("/api/quotes", speaker=wildcard) == []
        assert items("/api/articles", site=wildcard) == []
        assert items("/api/entities", name=wildcard) == []
