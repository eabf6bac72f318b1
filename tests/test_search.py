"""``newsdesk search``, ``quotes``, ``speakers`` and ``entities`` on a real store, and the
SQL behind them: user text only ever as bound parameters, FTS5 syntax made harmless."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.errors import StoreError
from newsdesk.store import Filters, open_store
from newsdesk.store.search_sql import search_sql
from newsdesk.store.sql import fts_query, quotes_sql
from test_store_helpers import body_text, make_pair, with_quote

HOSTILE = ('AND', 'OR NOT', '"', 'a"b', 'NEAR(x y)', 'title:x', '-x', '*', 'x*y', '^x',
           "');DROP TABLE articles;--", '{x}', '(', 'ÄÖÜ', '""', 'x + y')  # fmt: skip


@pytest.fixture()
def db(store_url: str) -> str:
    """The store on each backend (``store_url``: a SQLite file, a PostgreSQL database)."""
    path = store_url
    with open_store(path) as store:
        p1, a1 = make_pair(body_text(1) + " pipeline", "https://alpha.example/1",
                           title="Energy talks", published="2024-01-05", site="Alpha")  # fmt: skip
        p2, a2 = make_pair(body_text(2), "https://beta.example/2", title="Border deal",
                           published="2024-02-07", site="Beta")  # fmt: skip
        with_quote(a1, "Kevin Hamilton", "NATO", "We reached out to Serbia on the pipeline.")
        with_quote(a2, "Kevin Hamilton", "NATO", "The largest country here is Serbia.")
        with_quote(a2, "Ana Brnabic", None, "We welcome the talks.")
        store.save([(p1, a1), (p2, a2)])
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_search_ranks_and_highlights(db: str) -> None:
    code, out = run("search", "pipeline", "--db", str(db), "--format", "jsonl")
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in rows] == ["Energy talks"]
    assert "«pipeline»" in rows[0]["snippet"]


def test_search_filters_from_the_command_line(db: str) -> None:
    def titles(*extra: str) -> list[str]:
        code, out = run("search", "serbia", "--db", str(db), "--format", "jsonl", *extra)
        assert code == 0, out
        return sorted(json.loads(line)["title"] for line in out.splitlines())

    assert titles() == ["Border deal", "Energy talks"]
    assert titles("--speaker", "brnabic") == ["Border deal"]
    assert titles("--entity", "ana brnabic") == ["Border deal"]
    assert titles("--site", "alpha") == ["Energy talks"]
    assert titles("--since", "2024-02-01") == ["Border deal"]
    assert titles("--until", "2024-01") == ["Energy talks"]
    assert titles("--lang", "de") == []
    assert titles("--limit", "1") in (["Border deal"], ["Energy talks"])


def test_table_output_and_bad_date(db: str) -> None:
    code, out = run("search", "talks", "--db", str(db))
    assert code == 0 and "Energy talks" in out.splitlines()[1] + out
    code, out = run("search", "talks", "--db", str(db), "--since", "last week")
    assert code == 1 and "not a date" in out


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_never_breaks(db: str, text: str) -> None:
    code, out = run("search", "--db", str(db), "--format", "jsonl", "--", text)
    assert code in (0, 1), out
    if code == 1:
        assert "no words" in out  # only text with no word at all is refused
    with open_store(db) as store:
        assert store.counts()["articles"] == 2


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("nato serbia") == '"nato" "serbia"'
    assert fts_query('"press conference" nato*') == '"press conference" "nato"*'
    assert fts_query('a"b OR') == '"ab" "OR"'
    with pytest.raises(StoreError):
        fts_query('  "" ')


def test_user_text_only_in_parameters() -> None:
    evil = "x'); DROP TABLE articles; --"
    sql, params = search_sql(Filters(text=evil, speaker=evil, site=evil, entity=evil))
    assert "DROP" not in sql and evil not in sql
    assert any("drop table" in str(v) for v in params.values())
    sql, params = quotes_sql(Filters(speaker=evil, about=evil))
    assert "DROP" not in sql


def test_quotes_speakers_entities_commands(db: str) -> None:
    code, out = run("quotes", "--db", str(db), "--speaker", "Hamilton", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["published"] for r in rows] == ["2024-02-07", "2024-01-05"]
    assert {r["organisation"] for r in rows} == {"NATO"}
    code, out = run("quotes", "--db", str(db), "--about", "Serbia", "--format", "jsonl")
    assert len(out.splitlines()) == 2
    code, out = run("speakers", "--db", str(db), "--top", "1", "--format", "jsonl")
    (top,) = [json.loads(line) for line in out.splitlines()]
    assert (top["name"], top["quotes"], top["articles"]) == ("Kevin Hamilton", 2, 2)
    code, out = run("speakers", "--db", str(db))
    assert code == 0 and "Kevin Hamilton" in out and "first_seen" in out
    code, out = run("entities", "--db", str(db), "--label", "PERSON", "--format", "jsonl")
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names[0] == "Kevin Hamilton" and "Serbia" not in names


def test_every_store_command_has_help() -> None:
    for name in ("ingest", "search", "quotes", "speakers", "entities", "export", "demo"):
        code, out = run(name, "--help")
        assert code == 0 and "--db" in out, name


def test_reading_a_missing_database_says_so(tmp_path: Path) -> None:
    code, out = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no database here yet" in out
    assert not (tmp_path / "none.db").exists()


def test_ranking_window_keeps_the_newest_matches(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as store:
        store.save([make_pair(body_text(40 + i) + " lighthouse", f"https://w.example/{i}")
                    for i in range(5)])  # fmt: skip
        newest = store._rows(search_sql(Filters(text="lighthouse"), window=2))
        assert sorted(r["url"] for r in newest) == ["https://w.example/3", "https://w.example/4"]
        every = store._rows(search_sql(Filters(text="lighthouse"), window=None))
        assert len(every) == 5
        assert len(store.search(Filters(text="lighthouse"))) == 5


def test_snippets_by_lookup_match_snippets_by_walk(tmp_path: Path, monkeypatch: Any) -> None:
    """Far-apart results get their snippets one lookup each, close ones in one walk over
    their rowids: the same rows and snippets either way."""
    from newsdesk.store import search_rank

    with open_store(tmp_path / "s.db") as store:
        store.save([make_pair(body_text(60 + i) + (" lighthouse keeper" if i % 7 == 0 else ""),
                              f"https://s{i % 3}.example/{i}") for i in range(60)])  # fmt: skip
        cases = [Filters(text="lighthouse"), Filters(text='"lighthouse keeper"', limit=3),
                 Filters(text="lighthouse", site="s1.example")]  # fmt: skip
        walked = [store.search(f) for f in cases]
        assert not search_rank.far_apart([1, 50, 400])
        assert search_rank.far_apart([1, 50, 400_000])
        monkeypatch.setattr(search_rank, "far_apart", lambda ids: True)
        looked_up = [store.search(f) for f in cases]
    assert walked == looked_up
    assert all(walked) and all("[lighthouse]" in (r.snippet or "") for r in walked[0])


def test_nothing_to_weigh_fetches_only_the_newest_limit(tmp_path: Path, monkeypatch: Any) -> None:
    """When no phrase is cheap enough to weigh, results are the newest matches: only
    ``limit`` of them are read, and they are the ones the whole window would give."""
    from newsdesk.store import search_rank

    with open_store(tmp_path / "p.db") as store:
        store.save([make_pair(body_text(90 + i) + " beacon", f"https://p{i % 2}.example/{i}")
                    for i in range(30)])  # fmt: skip
        cases = [Filters(text="beacon", limit=5), Filters(text="beacon", limit=3, site="p1")]
        weighed = [store.search(f) for f in cases]
        assert all(any(r.score for r in rows) for rows in weighed)  # ranked by BM25
        monkeypatch.setattr(search_rank, "RANK_BUDGET", -1)  # now nothing is affordable
        windows: list[int] = []
        real = search_rank.newest_window

        def spy(
            conn: Any, parts: Any, window: int = search_rank.SEARCH_WINDOW, below: Any = None
        ) -> list[int]:
            found = real(conn, parts, window, below)
            windows.append(len(found))
            return found

        monkeypatch.setattr(search_rank, "newest_window", spy)
        newest = [store.search(f) for f in cases]
        matching = [{r["id"] for r in store._rows(search_sql(replace(f, limit=None)))}
                    for f in cases]  # fmt: skip
    assert windows == [5, 3]
    for rows, f, ids in zip(newest, cases, matching, strict=True):
        assert [r.id for r in rows] == sorted(ids, reverse=True)[: f.limit]
        assert all(r.score == 0.0 and "[beacon]" in (r.snippet or "") for r in rows)
