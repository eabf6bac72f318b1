"""The store on a real PostgreSQL server (``tests/pg_cluster.py``): several ingest
processes at once, a server restarted during an ingest, clear errors with the password
masked, language-aware full-text search, and the SQL rewrite from SQLite's dialect."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from newsdesk.errors import StoreError
from newsdesk.record import Article, Page
from newsdesk.store import Filters, open_store
from newsdesk.store._pg_sql import to_postgresql
from pg_cluster import PASSWORD, Cluster
from test_ingest import copy_pages, newsdesk
from test_store_helpers import body_text, make_pair, with_quote


def stored(url: str) -> dict[str, int]:
    """Row counts, distinct pages, and pages written without their article (a batch
    half-written would leave some)."""
    with open_store(url) as store:
        found = store.counts()
        with store.engine.connect() as conn:
            found["distinct_pages"] = int(
                conn.execute(text("SELECT count(DISTINCT content_hash) FROM pages")).scalar_one()
            )
            found["orphan_pages"] = int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pages p WHERE NOT EXISTS "
                        "(SELECT 1 FROM articles a WHERE a.page_id = p.id)"
                    )
                ).scalar_one()
            )
    return found


def ingest_command(url: str, *sources: Path, batch: int = 4) -> list[str]:
    return [sys.executable, "-m", "newsdesk", "ingest", *map(str, sources), "--db", url,
            "--no-analyze", "--batch-size", str(batch)]  # fmt: skip


def test_two_ingests_at_once_on_overlapping_inputs_store_every_page_once(
    store_url: str, tmp_path: Path
) -> None:
    """Two processes start together on a new database (both migrate it) with 24 pages in
    common out of 36: every page once, one article each, as one process alone gives."""
    copy_pages(tmp_path / "all", 36)
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, range(0, 30)), (second, range(6, 36))):
        folder.mkdir()
        for i in names:
            (folder / f"{i:04d}.html").write_bytes(
                (tmp_path / "all" / f"{i:04d}.html").read_bytes()
            )
    procs = [
        subprocess.Popen(ingest_command(store_url, folder), stderr=subprocess.PIPE, text=True)
        for folder in (first, second)
    ]
    outs = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    counts = stored(store_url)
    assert counts["pages"] == counts["distinct_pages"] == 36
    assert counts["articles"] == counts["current_articles"] == 36
    assert counts["orphan_pages"] == 0
    again = newsdesk("ingest", str(tmp_path / "all"), "--db", store_url, "--no-analyze")
    assert "0 new, 0 updated, 36 duplicate" in again.stderr, again.stderr


def test_two_stores_saving_the_same_speakers_at_once_keep_one_row_each(store_url: str) -> None:
    """Threads with a store each write overlapping batches quoting the same people: each
    page, speaker, entity and outlet is stored once (ON CONFLICT, no read-then-write)."""
    pairs = []
    for i in range(24):
        page, article = make_pair(body_text(100 + i), f"https://site{i % 3}.example/{i}",
                                  site=f"Outlet {i % 3}")  # fmt: skip
        with_quote(article, ["Ana Brnabic", "Kevin Hamilton", "Olaf Scholz"][i % 3], None,
                   f"We talked about point {i}.")  # fmt: skip
        pairs.append((page, article))
    open_store(store_url).close()  # migrated once, before the race
    errors: list[BaseException] = []

    def run(chunk: list[tuple[Page, Article]]) -> None:
        try:
            with open_store(store_url) as store:
                for start in range(0, len(chunk), 3):
                    store.save(chunk[start : start + 3])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(pairs[a:b],)) for a, b in ((0, 18), (6, 24))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    with open_store(store_url) as store:
        counts = store.counts()
        assert counts["pages"] == counts["articles"] == 24
        assert counts["speakers"] == 3 and counts["quotes"] == 24
        assert counts["sites"] == len({row for i in range(3) for row in (f"outlet {i}",
                                       f"site{i}.example")})  # fmt: skip
        assert [s.quotes for s in store.speakers(Filters())] == [8, 8, 8]


def _ingest_until_first_batch(url: str, pages: Path, log: Path) -> subprocess.Popen[bytes]:
    """An ingest of ``pages`` in batches of 2, its stderr in ``log``, once its first batch
    is stored (or it has ended, or 300 s have passed)."""
    with log.open("w") as err:
        proc = subprocess.Popen(ingest_command(url, pages, batch=2), stderr=err)
    deadline = time.monotonic() + 300
    while stored(url)["pages"] == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return proc


def test_server_restart_during_ingest_then_rerun_completes_the_set(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    """The server restarts while an ingest writes: the ingest reconnects (or fails with a
    message naming the database, password masked); no batch is half-written; a re-run
    stores the rest, as one clean run would."""
    total = 60
    copy_pages(tmp_path / "pages", total)
    url = pg_cluster.new_database()
    open_store(url).close()
    log = tmp_path / "ingest.log"
    proc = _ingest_until_first_batch(url, tmp_path / "pages", log)
    try:
        assert proc.poll() is None, f"the ingest ended before the restart: {log.read_text()}"
        pg_cluster.restart()
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
    message = log.read_text()
    assert PASSWORD not in message
    if proc.returncode != 0:  # it gave up: the message names the database and what to do
        assert f"postgresql://newsdesk:***@127.0.0.1:{pg_cluster.port}/" in message, message
        assert "run the command again" in message, message
    partial = stored(url)
    assert partial["orphan_pages"] == 0 and partial["pages"] == partial["distinct_pages"]
    rerun = newsdesk("ingest", str(tmp_path / "pages"), "--db", url, "--no-analyze")
    assert rerun.returncode == 0, rerun.stderr
    final = stored(url)
    assert final["pages"] == final["articles"] == final["distinct_pages"] == total
    assert final["orphan_pages"] == 0


def test_errors_name_the_database_mask_the_password_and_say_what_to_do(
    pg_cluster: Cluster,
) -> None:
    cases = [
        (pg_cluster.url("postgres", password="wrong-pw"), "check the user name and password"),
        (pg_cluster.url("no_such_db"), "create the database first"),
        (pg_cluster.url().replace(str(pg_cluster.port), "1"), "is the server running"),
        ("postgresql://newsdesk:" + PASSWORD + "@127.0.0.1:notaport/x", "give it as"),
        ("postgresql://newsdesk:" + PASSWORD + "@127.0.0.1:5432", "names no database"),
    ]
    for url, hint in cases:
        with pytest.raises(StoreError) as caught:
            open_store(url)
        message = str(caught.value)
        assert PASSWORD not in message and "wrong-pw" not in message, message
        assert "postgresql://newsdesk:***@127.0.0.1" in message, message
        assert hint in message, message


def test_a_read_command_on_an_empty_database_says_so(pg_cluster: Cluster) -> None:
    url = pg_cluster.new_database()
    result = newsdesk("search", "talks", "--db", url)
    assert result.returncode == 1
    assert "no newsdesk database here yet" in result.stderr and PASSWORD not in result.stderr


def test_search_stems_each_article_in_its_own_language(pg_cluster: Cluster) -> None:
    """English articles are stemmed as English, French ones as French, others not at all;
    the ranking weighs the title over the body, like SQLite's BM25 weights."""
    with open_store(pg_cluster.new_database()) as store:
        en_page, en = make_pair("The governments were negotiating " + body_text(1),
                                "https://en.example/1", title="Budget")  # fmt: skip
        fr_page, fr = make_pair("Les gouvernements négociaient " + body_text(2),
                                "https://fr.example/1", title="Budget")  # fmt: skip
        fr.language = "fr"
        xx_page, xx = make_pair("governments negotiating " + body_text(3),
                                "https://xx.example/1", title="Other")  # fmt: skip
        xx.language = "xx"
        top_page, top = make_pair(body_text(4), "https://en.example/2",
                                  title="Government talks")  # fmt: skip
        store.save([(en_page, en), (fr_page, fr), (xx_page, xx), (top_page, top)])

        def found(words: str, **kw: str) -> list[str]:
            return [h.url or "" for h in store.search(Filters(text=words, **kw))]

        assert found("government") == ["https://en.example/2", "https://en.example/1"]
        assert found("gouvernement") == ["https://fr.example/1"]
        # the same score (a body match each): the newest first, as on SQLite
        assert found("governments") == ["https://en.example/2", "https://xx.example/1",
                                        "https://en.example/1"]  # fmt: skip
        assert found("negotiate", language="en") == ["https://en.example/1"]
        hit = store.search(Filters(text="negotiating"))[0]
        assert "[negotiating]" in (hit.snippet or "")


def test_ts_config_map_matches_the_frozen_copy_in_the_migration() -> None:
    import importlib.util

    from newsdesk.store.migrate import MIGRATIONS
    from newsdesk.store.postgres import TS_CONFIGS

    spec = importlib.util.spec_from_file_location(
        "m0001", MIGRATIONS / "versions" / "0001_initial.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TS_CONFIGS == TS_CONFIGS


def test_sql_rewrite_for_postgresql() -> None:
    sql = (
        "SELECT q.id FROM quotes q INDEXED BY ix_q CROSS JOIN articles a ON a.id = q.article_id "
        "WHERE s.name LIKE %(p)s ESCAPE '\\' ORDER BY a.published DESC, coalesce(a.x, 1), "
        "q.id LIMIT %(limit)s"
    )
    assert to_postgresql(sql) == (
        "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE s.name ILIKE %(p)s ESCAPE '\\' ORDER BY a.published DESC NULLS LAST, "
        "coalesce(a.x, 1) NULLS FIRST, q.id NULLS FIRST LIMIT %(limit)s"
    )
    grouped = "SELECT json_group_array(DISTINCT s.organisation) FROM (SELECT 1 ORDER BY x) y"
    assert to_postgresql(grouped) == (
        "SELECT CAST(json_agg(DISTINCT s.organisation) AS TEXT) FROM "
        "(SELECT 1 ORDER BY x NULLS FIRST) y"
    )
    plain = "SELECT id FROM pages WHERE content_hash = %(h)s"
    assert to_postgresql(plain) == plain


def test_api_answers_the_same_on_both_backends(store_url: str) -> None:
    """The JSON API (``newsdesk serve``'s app, opened from the URL as the command does) on
    a real uvicorn server: search with snippet and score, a cursor walk, quotes, speakers
    and a speaker's page; and the web pages over the same store."""
    import httpx

    from newsdesk.web import WebConfig, create_app
    from test_store import _browse_store
    from web_support import serve

    _browse_store(store_url)
    with serve(create_app(store_url, WebConfig())) as base:

        def ok(path: str, **params: object) -> Any:
            response = httpx.get(base + path, params=params, timeout=60)  # type: ignore[arg-type]
            assert response.status_code == 200, response.text
            return response.json()

        hits = ok("/api/articles", text="Serbia")["items"]
        assert sorted(h["title"] for h in hits) == ["Border", "Talks"]
        assert "Serbia" in hits[0]["snippet"] and hits[0]["score"] < 0
        walked, cursor = [], ""
        while True:
            page = ok("/api/articles", limit=1, cursor=cursor, all_copies="true")
            walked += [h["title"] for h in page["items"]]
            if page["next_cursor"] is None:
                break
            cursor = page["next_cursor"]
        assert walked == ["Border", "Talks again", "Talks"]
        quotes = ok("/api/quotes", speaker="hamilton")["items"]
        assert [q["text"] for q in quotes] == ["We told Serbia and Kosovo to talk.",
                                               "We reached out to Serbia."]  # fmt: skip
        (kevin, ana) = ok("/api/speakers")["items"]
        assert (kevin["name"], kevin["quotes"], ana["name"]) == ("Kevin Hamilton", 2, "Ana Brnabic")
        profile = ok(f"/api/speakers/{kevin['id']}")
        assert profile["quote_count"] == 2 and profile["organisations"] == ["NATO"]
        serbia = profile["entities"][0]["id"]
        for path, shown in (
            ("/", "Talks"),
            ("/?q=Serbia", "Border"),
            (f"/articles/{hits[0]['id']}", "Serbia"),
            (f"/speakers/{kevin['id']}", "Kevin Hamilton"),
            (f"/entities/{serbia}", "Serbia"),
            ("/outlets/alpha", "Talks"),
        ):
            page = httpx.get(base + path, timeout=60)  # the web pages too
            assert page.status_code == 200 and shown in page.text, (path, page.text[:300])


def test_engine_differences_are_as_the_readme_says(store_url: str) -> None:
    """Stemming, stop words and diacritics: what each engine finds (README, "PostgreSQL")."""
    postgres = store_url.startswith("postgresql")
    with open_store(store_url) as store:
        fr_page, fr = make_pair("Le ministre a négocié " + body_text(3), "https://fr.example/1")
        fr.language = "fr"
        en_page, en = make_pair("The government spoke " + body_text(5), "https://en.example/1")
        store.save([(fr_page, fr), (en_page, en)])

        def found(words: str) -> list[str]:
            return sorted(h.url or "" for h in store.search(Filters(text=words)))

        assert found("négocié") == ["https://fr.example/1"]
        assert found("negocie") == ([] if postgres else ["https://fr.example/1"])
        assert found("governments") == (["https://en.example/1"] if postgres else [])
        assert found("the") == (["https://fr.example/1"] if postgres else
                                ["https://en.example/1", "https://fr.example/1"])  # fmt: skip
        assert found("ministr*") == ["https://fr.example/1"]


def test_missing_postgresql_binaries_are_named_with_what_to_install(tmp_path: Path) -> None:
    """The cluster fixture turns this into a failure (not a skip) of every PostgreSQL case."""
    from pg_cluster import ClusterError, bindir

    (tmp_path / "15" / "bin").mkdir(parents=True)  # a version folder without the server
    with pytest.raises(ClusterError, match="install Debian's `postgresql` package"):
        bindir(pg_config=None, roots=tmp_path)
    assert (bindir() / "initdb").exists()  # here (and in CI) they are installed


def test_server_stopped_during_ingest_fails_clearly_then_rerun_completes(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    """The server stops for good while an ingest writes: after its retries the ingest fails
    with a message naming the database (password masked) and what to do; what it stored
    is whole batches; once the server is back a re-run stores the rest."""
    total = 40
    copy_pages(tmp_path / "pages", total)
    url = pg_cluster.new_database()
    open_store(url).close()
    log = tmp_path / "ingest.log"
    proc = _ingest_until_first_batch(url, tmp_path / "pages", log)
    try:
        assert proc.poll() is None, f"the ingest ended before the stop: {log.read_text()}"
        pg_cluster.stop_server()
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
        pg_cluster.restart(first=True)  # back up for the other tests
    message = log.read_text()
    assert proc.returncode == 1, message
    assert PASSWORD not in message and "Traceback" not in message, message
    assert f"postgresql://newsdesk:***@127.0.0.1:{pg_cluster.port}/" in message, message
    assert "run the command again" in message, message
    partial = stored(url)
    assert partial["orphan_pages"] == 0 and 0 < partial["pages"] < total
    rerun = newsdesk("ingest", str(tmp_path / "pages"), "--db", url, "--no-analyze")
    assert rerun.returncode == 0, rerun.stderr
    final = stored(url)
    assert final["pages"] == final["articles"] == total and final["orphan_pages"] == 0


def test_two_stores_saving_new_versions_of_the_same_stories_at_once(store_url: str) -> None:
    """Each thread stores its own text of the same 12 URLs, one page a transaction, at the
    same time: a race on a story's next version number is run again (PostgreSQL) or
    waited for (SQLite); every story ends with versions 1 and 2 and one current version."""
    urls = [f"https://same.example/{i}" for i in range(12)]
    batches = {
        side: [make_pair(body_text(1000 * seed + i) + f" {side}", url, salt=side)
               for i, url in enumerate(urls)]
        for side, seed in (("left", 1), ("right", 2))
    }  # fmt: skip
    open_store(store_url).close()
    errors: list[BaseException] = []
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def run(pairs: list[tuple[Page, Article]]) -> None:
        try:
            with open_store(store_url) as store:
                start.wait(timeout=60)
                for pair in pairs:
                    outcomes.extend(s.outcome for s in store.save([pair]))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(pairs,)) for pairs in batches.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert sorted(outcomes) == ["new"] * 12 + ["updated"] * 12
    with open_store(store_url) as store, store.engine.connect() as conn:
        versions = conn.execute(
            text(
                "SELECT key, count(*), max(version), sum(CASE WHEN superseded_by IS NULL "
                "THEN 1 ELSE 0 END) FROM articles GROUP BY key"
            )
        ).all()
    assert len(versions) == 12 and {tuple(v[1:]) for v in versions} == {(2, 2, 1)}
