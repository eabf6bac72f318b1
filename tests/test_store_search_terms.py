"""Filters as search terms inside the full-text index: the terms must keep exactly the
articles the plain SQL filters keep (dates, outlets and hosts, speakers, entities,
languages, copies), and a store made by schema 0001 must upgrade to them."""

from __future__ import annotations

import itertools
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from newsdesk.store import Filters, Store, open_store
from newsdesk.store.search_sql import search_sql
from newsdesk.store.search_terms import (
    article_tags,
    date_range_terms,
    date_terms,
    host,
    name_words,
)
from newsdesk.store.sql import article_conditions, fts_query
from newsdesk.store.sqlite import sqlite_engine
from test_store_helpers import body_text, make_pair, with_quote

PUBLISHED = ("2023", "2023-05", "2023-05-20", "2023-05-20T23:30:00+02:00", "2024-01-31T10:00Z",
             "2022-12-31", "2024-02", "2024-12-01", "2021-07-04T00:00:00Z")  # fmt: skip


def _dates() -> list[str]:
    days = ("01", "19", "20", "21", "31")
    found = [f"{y}" for y in range(2021, 2026)]
    found += [f"{y}-{m:02d}" for y in (2022, 2023, 2024) for m in (1, 4, 5, 6, 12)]
    found += [f"2023-{m:02d}-{d}" for m in (4, 5, 6, 12) for d in days]
    return found


@pytest.mark.parametrize("published", PUBLISHED)
def test_date_terms_keep_what_string_comparison_keeps(published: str) -> None:
    have = set(date_terms(published))
    bounds = _dates()
    for bound in bounds:
        by_since = bool(have & set(date_range_terms(bound, None, 2020, 2026)))
        assert by_since == (published >= bound), (published, "since", bound)
        by_until = bool(have & set(date_range_terms(None, bound, 2020, 2026)))
        assert by_until == (published[: len(bound)] <= bound), (published, "until", bound)
    for since, until in itertools.product(bounds[::3], bounds[1::3]):
        both = bool(have & set(date_range_terms(since, until, 2020, 2026)))
        assert both == (published >= since and published[: len(until)] <= until), (since, until)


def test_date_ranges_use_whole_years_and_months() -> None:
    terms = date_range_terms("2012-03-15", "2016-12-31", 2010, 2024)
    assert terms[:2] == ["0d20120315", "0d20120316"] and "0m201204" in terms
    assert terms[-4:] == ["0y2013", "0y2014", "0y2015", "0y2016"] and len(terms) == 30


def test_terms_of_one_article() -> None:
    tags = article_tags([3, 1], "2026-05-20T10:00+02:00", "pt-BR", ["Conan O'Brien"],
                        ["NATO"], copy=True)  # fmt: skip
    assert tags.split() == ["0s1", "0s3", "0y2026", "0m202605", "0d20260520", "0lptbr",
                            "0pbrien", "0pconan", "0po", "0enato", "0copy"]  # fmt: skip
    assert name_words("Ана  Брнабић-Петровић") == ["ана", "брнабић", "петровић"]
    assert host("https://www.BBC.co.uk/news/1") == "bbc.co.uk"
    assert host("not a url") is None and host(None) is None


SITES = ("Outlet 7", "Outlet 70", "Outlet 17", "Alpha News", "Агентство Юг", None)
HOSTS = ("alpha.example", "www.beta.example", "news.gamma.example", "outlet7.example")
SPEAKERS = ("Kevin Hamilton", "Kevina Smith", "Conan O'Brien", "Ана Брнабић", "Hamilton Kevin")
SAID = ("We reached out to Serbia.", "The harbour in Paris is open.", "Nothing to add.")


def _fill(store: Store, n: int, seed: int) -> None:
    rng = random.Random(seed)
    pairs = []
    for i in range(n):
        body = body_text(seed * 1000 + (i - 1 if i % 9 == 1 else i)) + " harbour"  # some copies
        url = f"https://{rng.choice(HOSTS)}/{i}" if rng.random() < 0.9 else None
        page, article = make_pair(body, url, published=rng.choice((None, *PUBLISHED)),
                                  site=rng.choice(SITES), salt=str(i))  # fmt: skip
        article.language = rng.choice(("en", "de", "fr", None))
        for _ in range(rng.randrange(3)):
            with_quote(article, rng.choice(SPEAKERS), None, rng.choice(SAID))
        pairs.append((page, article))
    store.save(pairs)


FILTER_CHOICES: dict[str, tuple[str | None, ...]] = {
    "site": (None, "outlet 7", "alpha", "beta.example", "агентство", "outlet7", "nothing"),
    "speaker": (None, "kevin", "hamilton", "kevin hamilton", "o'brien", "БРНАБИЋ", "n ham"),
    "entity": (None, "serbia", "paris", "kevin", "nowhere"),
    "since": (None, "2023", "2023-05", "2023-05-20", "2024-02"),
    "until": (None, "2023", "2023-05", "2023-05-20", "2024-01-31"),
    "language": (None, "en", "de"),
}


def _reference(store: Store, f: Filters) -> set[int]:
    """The filters as plain SQL over ``articles`` (how search filtered before the terms)."""
    cond, params = article_conditions(f)
    sql = ("SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
           "WHERE articles_fts MATCH :q AND " + " AND ".join(cond))  # fmt: skip
    with store.reading() as conn:
        return set(conn.execute(text(sql), {**params, "q": fts_query(f.text or "")}).scalars())


def test_filtered_search_keeps_exactly_what_sql_filters_keep(tmp_path: Path) -> None:
    rng = random.Random(5)
    with open_store(tmp_path / "n.db") as store:
        _fill(store, 150, seed=3)
        assert store.counts()["clusters"] > 0
        combos = [dict(zip(FILTER_CHOICES, values, strict=True))
                  for values in itertools.product(*FILTER_CHOICES.values())]  # fmt: skip
        checked = nonempty = 0
        for combo in [{}, *rng.sample(combos, 250)]:
            for all_copies in (False, True):
                kw: dict[str, Any] = {k: v for k, v in combo.items() if v is not None}
                f = Filters(text="harbour", limit=None, all_copies=all_copies, **kw)
                expected = _reference(store, f)
                assert {r.id for r in store.search(f)} == expected, kw
                plain_sql = store._rows(search_sql(f))  # no terms: every filter in SQL
                assert {r["id"] for r in plain_sql} == expected, kw
                checked += 1
                nonempty += bool(expected)
        assert nonempty > checked // 4  # the filters do keep articles


def test_copies_follow_their_cluster(store_url: str) -> None:
    body = body_text(77)
    with open_store(store_url) as store:
        late = make_pair(body + " lantern", "https://a.example/1", published="2024-03-02")
        store.save([late])
        assert [r.url for r in store.search(Filters(text="lantern"))] == [late[1].url]
        early = make_pair(
            body + " lantern", "https://b.example/2", published="2024-03-01", salt="2"
        )
        store.save([early])  # the earlier copy becomes canonical: the first one is hidden
        assert [r.url for r in store.search(Filters(text="lantern"))] == [early[1].url]
        every = store.search(Filters(text="lantern", all_copies=True))
        assert sorted(str(r.url) for r in every) == [late[1].url, early[1].url]
        assert {r.copies for r in every} == {2}


def test_store_from_schema_0001_upgrades_and_searches(tmp_path: Path) -> None:
    from alembic import command

    from newsdesk.store.migrate import alembic_config

    db = tmp_path / "old.db"
    engine = sqlite_engine(str(db))
    with engine.connect() as conn, conn.begin():
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    raw = sqlite3.connect(db)
    with raw:
        raw.execute("INSERT INTO pages VALUES (1, 'h', 's', NULL, NULL, '', 0, 'zlib', x'')")
        raw.execute("INSERT INTO speakers VALUES (1, 'kevin hamilton|', 'Kevin Hamilton', "
                    "NULL, 'person', '[]')")  # fmt: skip
        raw.execute("INSERT INTO clusters VALUES (1, 2, 2, '')")
        for i, (site, published, cluster, superseded) in enumerate(
            [("Alpha", "2024-01-05", None, None), ("Beta", "2023-02-01", 1, None),
             ("Beta", "2024-02-01", 1, None), ("Alpha", "2022-01-01", None, 5),
             ("Alpha", "2022-06-01", None, None)], 1):  # fmt: skip
            raw.execute(
                "INSERT INTO articles(id, key, version, superseded_by, page_id, content_hash, "
                "text_hash, url, site, title, published, language, body, quotes_text, record, "
                "cluster_id, stored) VALUES (?, ?, 1, ?, 1, 'h', ?, ?, ?, 'T', ?, 'en', ?, '', "
                "x'', ?, '')",
                (i, f"k{i}", superseded, f"t{i}", f"https://{site.lower()}.example/{i}", site,
                 published, f"harbour story {i}", cluster),
            )  # fmt: skip
        raw.execute("INSERT INTO quotes(article_id, speaker_id, kind, text, parts, char_start, "
                    "char_end) VALUES (1, 1, 'direct', 'x', '[]', 0, 1)")  # fmt: skip
    raw.close()
    with open_store(db) as store:
        hits = {r.id for r in store.search(Filters(text="harbour"))}
        assert hits == {1, 2, 5}  # not the superseded 4, not 3 (a copy of 2)
        assert {r.id for r in store.search(Filters(text="harbour", site="beta"))} == {2}
        assert {r.id for r in store.search(Filters(text="harbour", speaker="hamilton"))} == {1}
        since = Filters(text="harbour", since="2024", all_copies=True)
        assert {r.id for r in store.search(since)} == {1, 3}
        with store.reading() as conn:
            indexed = conn.execute(text("SELECT count(*) FROM articles_fts_docsize")).scalar()
            tags = dict(conn.execute(text("SELECT id, tags FROM articles")).all())
        assert indexed == 4
        # what revision 0002 writes, spelled out: it must never change
        assert tags[1] == "0s1 0s2 0y2024 0m202401 0d20240105 0len 0phamilton 0pkevin"
        assert tags[3] == "0s3 0s4 0y2024 0m202402 0d20240201 0len 0copy"
        assert tags[4] == ""  # superseded: no terms, not indexed


def test_migrations_are_frozen() -> None:
    """A migration must do forever what it did when written: no revision imports newsdesk
    code (which keeps changing); what it needs is copied into it."""
    import ast

    from newsdesk.store.migrate import MIGRATIONS

    scripts = sorted((MIGRATIONS / "versions").glob("0*.py"))
    assert len(scripts) >= 2
    for script in scripts:
        tree = ast.parse(script.read_text("utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m.split(".")[0] == "newsdesk"], script.name


def test_ranking_in_steps_matches_one_bm25_query(tmp_path: Path) -> None:
    """When every phrase is held by fewer than ``RANK_BUDGET`` articles, every phrase is
    weighed: the same order as one ``bm25()`` query over every match."""
    with open_store(tmp_path / "n.db") as store:
        _fill(store, 120, seed=8)
        cases = (("harbour", {}), ("harbour minister", {}), ('"said talks"', {}),
                 ("harb* police", {"language": "en"}), ("serbia", {"since": "2023"}))  # fmt: skip
        for words, kw in cases:
            f = Filters(text=words, limit=None, **kw)
            one = store._rows(search_sql(f, window=None))
            found = store.search(f)
            steps = [(round(r.score or 0.0, 9), r.id) for r in found]
            assert sorted(steps) == sorted((round(r["score"], 9), r["id"]) for r in one), words
            assert [r.score for r in found] == sorted(r.score or 0.0 for r in found)
            assert len(steps) > 3


def test_common_words_only_filter_on_a_large_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the budget, a phrase held by too many articles is not counted for bm25():
    the rows are the same, the common word no longer orders them."""
    from newsdesk.store import search_rank

    with open_store(tmp_path / "n.db") as store:
        _fill(store, 120, seed=9)
        monkeypatch.setattr(search_rank, "RANK_BUDGET", 40)
        monkeypatch.setattr(search_rank, "SAMPLE", 50)
        plain = store.search(Filters(text="harbour", limit=None))  # in every article
        assert [r.id for r in plain] == sorted((r.id for r in plain), reverse=True)
        assert {r.score for r in plain} == {0.0}
        mixed = store.search(Filters(text="harbour serbia", limit=None))
        expected = store._rows(search_sql(Filters(text="serbia harbour", limit=None), window=None))
        assert {r.id for r in mixed} == {r["id"] for r in expected}
        scores = [r.score for r in mixed]
        assert scores == sorted(scores) and scores[0] < 0  # ranked by "serbia" alone
