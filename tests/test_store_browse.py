"""Browsing a real store: an unreadable stored record is a named ``StoreError`` (and the
API's JSON envelope, not a crash); the entity and outlet pages of the benchmarks'
synthetic store agree with counts made in Python from its rows."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
import zlib
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from conftest import REPO
from newsdesk.errors import StoreError
from newsdesk.store import open_store
from test_store_helpers import body_text, make_pair, with_quote
from web_support import serve


def _ingest_module() -> ModuleType:
    name = "bench_ingest_for_browse"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "ingest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _two_articles(db: Path | str) -> list[int]:
    with open_store(db) as store:
        first = make_pair(body_text(1), "https://example.org/a")
        second = make_pair(body_text(2), "https://example.org/b")
        with_quote(first[1], "Kevin Hamilton", "Acme", "We will build in Berlin.")
        saved = store.save([first, second])
    return [int(s.article_id or 0) for s in saved]


BROKEN = {
    "not zlib": b"not a zlib stream",
    "not JSON": zlib.compress(b"{not json"),
    "no source": zlib.compress(b"{}"),
    "a list": zlib.compress(b"[1, 2]"),
    "bad span": zlib.compress(json.dumps({"source": "x", "content_hash": "0",
                                          "quotes": [{"parts": [["a", 2]], "kind": "direct"}]
                                          }).encode()),
}  # fmt: skip


@pytest.mark.parametrize("how", sorted(BROKEN))
def test_an_unreadable_record_is_a_store_error_naming_file_and_article(
    store_url: str, how: str
) -> None:
    from sqlalchemy import text

    db = store_url
    broken, fine = _two_articles(db)
    with open_store(db) as store:
        with store.engine.begin() as conn:
            conn.execute(
                text("UPDATE articles SET record = :r WHERE id = :i"),
                {"r": BROKEN[how], "i": broken},
            )
        with pytest.raises(StoreError) as caught:
            store.article(broken)
        message = str(caught.value)
        assert store.label in message and f"article {broken} cannot be read" in message
        assert ":***@" in message or str(db) in message
        assert "database error" in message and "ingest the page again" in message
        readable = store.article(fine)  # the other article still reads
        assert readable is not None and readable.id == fine


def test_the_api_answers_an_unreadable_record_with_the_error_envelope(tmp_path: Path) -> None:
    from newsdesk.web import create_app

    db = tmp_path / "n.db"
    broken, fine = _two_articles(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET record = ? WHERE id = ?", (BROKEN["no source"], broken))
    with serve(create_app(db)) as base:
        good = httpx.get(f"{base}/api/articles/{fine}", timeout=30)
        assert good.status_code == 200 and good.json()["id"] == fine
        for path in (f"/api/articles/{broken}", f"/articles/{broken}"):
            answer = httpx.get(base + path, timeout=30)
            # a damaged database is the server's failure: 503, the envelope, no file name
            assert answer.status_code == 503, (path, answer.text)
            error = answer.json()["error"]
            assert error["status"] == 503 and error["code"] == "unavailable"
            assert str(tmp_path) not in answer.text and "KeyError" not in answer.text


# -- the synthetic store ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("synthetic") / "s.db"
    _ingest_module().fill_synthetic(str(db), 600)
    open_store(db).close()  # migrated to head, as the benchmarks use it
    return db


def _rows(db: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql, args))


def test_synthetic_records_say_what_the_rows_say(synthetic: Path) -> None:
    quotes = _rows(synthetic, "SELECT article_id, id, speaker_id, text FROM quotes ORDER BY id")
    mentions = _rows(synthetic, "SELECT article_id, entity_id FROM mentions")
    with open_store(synthetic) as store:
        for article_id in (1, 2, 3, 250, 600):
            record = store.article(article_id)
            assert record is not None
            want = [(q[1], q[2], q[3]) for q in quotes if q[0] == article_id]
            assert [(q.id, q.speaker_id, q.text) for q in record.quotes] == want
            named = {m[1] for m in mentions if m[0] == article_id}
            assert sorted(e.id or 0 for e in record.entities) == sorted(named)
            for entity in record.entities:  # each mention's span holds the entity's name
                for start, end in entity.mentions:
                    assert record.article.text[start:end] == entity.name


def test_entity_pages_match_counts_made_from_the_rows(synthetic: Path) -> None:
    mentions = _rows(
        synthetic,
        "SELECT m.entity_id, m.article_id, m.char_start, m.char_end, a.published "
        "FROM mentions m JOIN articles a ON a.id = m.article_id",
    )
    quotes = _rows(
        synthetic,
        "SELECT q.id, q.article_id, q.char_start, q.char_end, a.published, s.name "
        "FROM quotes q JOIN articles a ON a.id = q.article_id JOIN speakers s "
        "ON s.id = q.speaker_id",
    )
    common = [e for e, _ in Counter(m[0] for m in mentions).most_common(3)]
    with open_store(synthetic) as store:
        for entity_id in [*common, 4321]:
            mine = [m for m in mentions if m[0] == entity_id]
            around = {q for q in quotes for m in mine
                      if q[1] == m[1] and q[2] <= m[2] and q[3] >= m[3]}  # fmt: skip
            newest = sorted(around, key=lambda q: (q[1], q[2], q[0]))  # QUOTE_ORDER's ties
            newest.sort(key=lambda q: q[4], reverse=True)  # newest published first
            articles = sorted({(m[4], m[1]) for m in mine}, reverse=True)
            by_name = Counter(q[5] for q in around)
            profile = store.entity(entity_id)
            assert profile is not None
            assert profile.article_count == len({m[1] for m in mine})
            assert profile.mention_count == len(mine)
            assert [q.id for q in profile.quotes] == [q[0] for q in newest[:20]]
            assert [a.id for a in profile.articles] == [a[1] for a in articles[:20]]
            top = sorted(by_name.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            assert [(s.name, s.count) for s in profile.speakers] == top
        assert store.entity(99_999) is None


def test_outlet_pages_match_counts_made_from_the_rows(synthetic: Path) -> None:
    found = _rows(synthetic, "SELECT id, site, published FROM articles WHERE site = 'Outlet 7'")
    ids = {r[0] for r in found}
    named = _rows(synthetic, "SELECT DISTINCT article_id, entity_id FROM mentions")
    per_entity = Counter(entity for article, entity in named if article in ids)
    with open_store(synthetic) as store:
        for spelling in ("Outlet 7", "outlet 7", "OUTLET 7"):
            profile = store.outlet(spelling)
            assert profile is not None and profile.article_count == len(found)
            newest = sorted(((r[2], r[0]) for r in found), reverse=True)
            assert [a.id for a in profile.articles] == [i for _, i in newest[:20]]
            assert {e.id: e.count for e in profile.entities}.items() <= per_entity.items()
            assert profile.entities[0].count == max(per_entity.values())
        host = store.outlet("site7.example")  # every article here has an outlet name
        assert host is None and store.outlet("Outlet 700") is None
