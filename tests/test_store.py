"""The store on real SQLite files: idempotence, versions, clusters, analysis rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import Filters, open_store
from newsdesk.store.migrate import head_revision
from test_store_helpers import body_text, make_pair, with_quote


def test_open_creates_schema_at_head_with_wal(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    for table in ("pages", "articles", "quotes", "speakers", "entities", "mentions", "clusters",
                  "lsh_bands", "fetch_state", "articles_fts"):  # fmt: skip
        assert table in names
    open_store(db).close()  # reopening an up-to-date store is fine


def test_same_page_twice_adds_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        pair = make_pair(body_text(1), "https://example.org/a")
        assert [s.outcome for s in store.save([pair])] == ["new"]
        before = store.counts()
        assert [s.outcome for s in store.save([pair])] == ["duplicate"]
        assert store.counts() == before
        assert store.page_content(pair[0].content_hash) == pair[0].content


def test_changed_page_at_same_url_is_a_new_version(store_url: str) -> None:
    with open_store(store_url) as store:
        first = make_pair(body_text(1) + " zebra", "https://www.example.org/a/?utm_source=x")
        second = make_pair(body_text(2) + " giraffe", "http://example.org/a")
        assert store.save([first])[0].outcome == "new"
        assert store.save([second])[0].outcome == "updated"
        counts = store.counts()
        assert counts["articles"] == 2 and counts["current_articles"] == 1
        assert store.search(Filters(text="zebra")) == []
        assert len(store.search(Filters(text="giraffe"))) == 1
        (only,) = list(store.iter_articles(Filters(limit=None)))
        assert only.version == 2 and "giraffe" in only.article.text


def test_raw_pages_are_brotli_and_older_zlib_pages_still_read(store_url: str) -> None:
    import zlib

    from sqlalchemy import text

    db = store_url
    with open_store(db) as store:
        page, article = make_pair(body_text(3), "https://example.org/p")
        store.save([(page, article)])
        assert store.page_content(page.content_hash) == page.content
        with store.engine.begin() as conn:
            assert conn.execute(text("SELECT compression FROM pages")).all() == [("brotli",)]
            conn.execute(
                text(
                    "INSERT INTO pages(content_hash, source, stored, size, compression, content) "
                    "VALUES ('old', 'x', '', 3, 'zlib', :blob)"
                ),
                {"blob": zlib.compress(b"old")},
            )
    with open_store(db) as store:
        assert store.page_content("old") == b"old"
        assert store.page_content("missing") is None


def test_one_batch_with_the_same_page_twice_stores_it_once(store_url: str) -> None:
    with open_store(store_url) as store:
        pair = make_pair(body_text(1), "https://example.org/a")
        other = make_pair(body_text(2), "https://example.org/b")
        hashes = [p.content_hash for p, _ in (pair, other, pair)]
        saved = store.save([pair, other, pair], hashes=hashes)
        assert [s.outcome for s in saved] == ["new", "new", "duplicate"]
        assert store.counts()["pages"] == store.counts()["articles"] == 2


def test_same_text_in_new_markup_at_same_url_is_a_duplicate(store_url: str) -> None:
    with open_store(store_url) as store:
        store.save([make_pair(body_text(1), "https://example.org/a")])
        again = make_pair(body_text(1), "https://example.org/a", salt="<!-- ad -->")
        assert store.save([again])[0].outcome == "duplicate"
        assert store.counts()["pages"] == 2  # raw bytes kept, no new article
        assert store.counts()["articles"] == 1


def test_syndicated_copies_cluster_with_earliest_as_canonical(store_url: str) -> None:
    body = body_text(7)
    words = body.split()
    near = " ".join(["reuters", *words[:150], "exclusive", *words[150:]])  # ~97% similar
    with open_store(store_url) as store:
        late = make_pair(body, "https://a.example/x", published="2024-03-02")
        early = make_pair(body, "https://b.example/y", published="2024-03-01", salt="<hr>")
        copy = make_pair(near, "https://c.example/z", published="2024-03-03")
        other = make_pair(body_text(8), "https://d.example/w")
        saved = store.save([late, early, copy, other])
        assert [s.outcome for s in saved] == ["new"] * 4
        assert saved[1].cluster_id is not None and saved[2].cluster_id == saved[1].cluster_id
        records = {
            r.article.url: r for r in store.iter_articles(Filters(limit=None, all_copies=True))
        }
        cluster = {r.cluster_id for url, r in records.items() if "d.example" not in url}
        assert cluster == {saved[1].cluster_id}
        assert records["https://d.example/w"].cluster_id is None
        assert records["https://b.example/y"].canonical is True
        assert records["https://a.example/x"].canonical is False
        # by default, searches and exports show one copy per story
        canonical = list(store.iter_articles(Filters(limit=None)))
        assert {r.article.url for r in canonical} == {"https://b.example/y", "https://d.example/w"}
        assert store.counts()["clusters"] == 1


def test_near_duplicate_index_survives_reopening(store_url: str) -> None:
    body = body_text(11)
    with open_store(store_url) as store:
        store.save([make_pair(body, "https://a.example/1")])
    with open_store(store_url) as store:
        edited = body.replace("minister", "ministers", 1) + " update"
        (saved,) = store.save([make_pair(edited, "https://b.example/2")])
        assert saved.cluster_id is not None


def test_short_bodies_are_never_clustered(store_url: str) -> None:
    with open_store(store_url) as store:
        saved = store.save([make_pair("Photo gallery", "https://a.example/1"),
                            make_pair("Photo gallery", "https://b.example/2")])  # fmt: skip
        assert [s.cluster_id for s in saved] == [None, None]


def test_speakers_merge_across_articles_and_quotes_are_searchable(store_url: str) -> None:
    with open_store(store_url) as store:
        p1, a1 = make_pair(body_text(1), "https://a.example/1", published="2024-01-05")
        p2, a2 = make_pair(body_text(2), "https://b.example/2", published="2024-02-07")
        with_quote(a1, "Kevin Hamilton", "NATO", "We reached out to Serbia.")
        with_quote(a2, "Kevin Hamilton", "NATO", "The largest country here is Serbia.")
        with_quote(a2, "Ana Brnabic", None, "We welcome the talks.")
        store.save([(p1, a1), (p2, a2)])
        speakers = store.speakers(Filters())
        assert [(s.name, s.quotes) for s in speakers] == [
            ("Kevin Hamilton", 2), ("Ana Brnabic", 1)]  # fmt: skip
        top = speakers[0]
        assert top.organisation == "NATO"
        assert (top.first_seen, top.last_seen) == ("2024-01-05", "2024-02-07")
        quotes = store.quotes(Filters(speaker="hamilton", about="serbia"))
        assert [q.text for q in quotes] == [
            "The largest country here is Serbia.", "We reached out to Serbia."]  # fmt: skip
        assert store.quotes(Filters(about="Serbia", speaker="Brnabic")) == []
        hits = store.search(Filters(text="welcome talks"))
        assert [h.url for h in hits] == ["https://b.example/2"]
        entities = store.entities(Filters(label="gpe"))
        assert entities[0].name == "Serbia" and entities[0].articles == 2
        assert store.search(Filters(text="reached", entity="Ana Brnabic")) == []
        assert len(store.search(Filters(text="reached", entity="kevin"))) == 1


def test_search_filters_by_site_dates_and_language(store_url: str) -> None:
    with open_store(store_url) as store:
        a = make_pair(body_text(1) + " harbour", "https://a.example/1", site="Alpha",
                      published="2024-01-31T23:00+01:00")  # fmt: skip
        b = make_pair(body_text(2) + " harbour", "https://b.example/2", site="Beta",
                      published="2024-02-01")  # fmt: skip
        store.save([a, b])

        def urls(**kw: str) -> list[str]:
            return sorted(str(r.url) for r in store.search(Filters(text="harbour", **kw)))

        assert len(urls()) == 2
        assert urls(site="alpha") == ["https://a.example/1"]
        assert urls(site="b.example") == ["https://b.example/2"]
        assert urls(site="example/2") == urls(site="https") == []  # never the URL's path

        def exported(**kw: str) -> list[str]:
            return sorted(
                str(r.article.url) for r in store.iter_articles(Filters(limit=None, **kw))
            )

        assert exported(site="b.example") == ["https://b.example/2"]  # as search does
        assert exported(site="alpha") == ["https://a.example/1"]
        assert exported(site="example/2") == exported(site="https") == []
        assert urls(since="2024-02") == ["https://b.example/2"]
        assert urls(until="2024-01") == ["https://a.example/1"]
        assert urls(until="2024-01-31") == ["https://a.example/1"]
        assert urls(language="fr") == []


def test_fetch_state_round_trip(store_url: str) -> None:
    from datetime import UTC, datetime

    from newsdesk.sources.state import FetchRecord, FetchState
    from newsdesk.store.fetch_state import StoreFetchState

    with open_store(store_url) as store:
        state = StoreFetchState(store)
        assert isinstance(state, FetchState)
        assert state.get("https://a.example/") is None
        when = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
        state.put(
            FetchRecord("https://a.example/", '"abc"', "Wed, 20 May 2026", when, 200, "f" * 64)
        )
        state.put(FetchRecord("https://a.example/", '"def"', None, when, 304, None))
    with open_store(store_url) as store:
        got = StoreFetchState(store).get("https://a.example/")
        assert got == FetchRecord("https://a.example/", '"def"', None, when, 304, None)


def test_fetch_record_of_a_page_never_stored_reads_as_unseen(store_url: str) -> None:
    from datetime import UTC, datetime

    from newsdesk.sources.state import FetchRecord
    from newsdesk.store.fetch_state import StoreFetchState

    page, article = make_pair(body_text(3), "https://a.example/3")
    when = datetime(2026, 5, 20, tzinfo=UTC)
    record = FetchRecord("https://a.example/3", '"e"', None, when, 200, page.content_hash)
    with open_store(store_url) as store:
        state = StoreFetchState(store)
        state.put(record)  # fetched, then the run died before the batch was committed
        assert state.get(record.url) is None
        store.save([(page, article)])
        assert state.get(record.url) == record


def test_name_filters_fold_non_ascii_case(store_url: str) -> None:
    with open_store(store_url) as store:
        page, article = make_pair(body_text(4), "https://a.example/4")
        with_quote(article, "Ана Брнабић", None, "Говоримо о Србији.")
        store.save([(page, article)])
        assert len(store.quotes(Filters(speaker="брнабић"))) == 1
        assert len(store.quotes(Filters(speaker="БРНАБИЋ"))) == 1
        assert [s.name for s in store.speakers(Filters(speaker="ана"))] == ["Ана Брнабић"]


def test_migrations_go_down_and_up_again(store_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from newsdesk.store.migrate import alembic_config

    db = store_url
    with open_store(db) as store:
        store.save([make_pair(body_text(1), "https://a.example/1")])
        with store.engine.connect() as conn, conn.begin():
            command.downgrade(alembic_config(conn), "base")
        left = set(inspect(store.engine).get_table_names())
    assert left <= {"alembic_version"}
    with open_store(db) as store:  # opening migrates to head again
        assert store.counts()["articles"] == 0
        assert store.save([make_pair(body_text(1), "https://a.example/1")])[0].outcome == "new"


# -- typed records and the queries the web needs ------------------------------------------
def _browse_store(path: str) -> None:
    """Three stories: two quote Kevin Hamilton (once for NATO, once with no organisation),
    one is a syndicated copy of the first."""
    body = body_text(21)
    with open_store(path) as store:
        p1, a1 = make_pair(body, "https://alpha.example/1", title="Talks", site="Alpha",
                           published="2024-01-05T10:00+01:00")  # fmt: skip
        p2, a2 = make_pair(body_text(22), "https://beta.example/2", title="Border",
                           site="Beta", published="2024-01-09")  # fmt: skip
        p3, a3 = make_pair(body, "https://gamma.example/3", title="Talks again", site=None,
                           published="2024-01-06", salt="<hr>")  # fmt: skip
        with_quote(a1, "Kevin Hamilton", "NATO", "We reached out to Serbia.")
        with_quote(a2, "Kevin  HAMILTON", None, "We told Serbia and Kosovo to talk.")
        with_quote(a2, "Ana Brnabic", None, "We welcome the talks.")
        a1.speakers[0].titles.append("spokesman")
        store.save([(p1, a1), (p2, a2), (p3, a3)])


def test_records_are_typed_and_frozen(store_url: str) -> None:
    import dataclasses

    from newsdesk.store import ArticleHit, QuoteRow, SpeakerRow

    _browse_store(store_url)
    with open_store(store_url) as store:
        (hit,) = store.search(Filters(text="serbia kosovo"))
        assert isinstance(hit, ArticleHit) and hit.title == "Border" and hit.score is not None
        with pytest.raises(dataclasses.FrozenInstanceError):
            hit.title = "x"  # type: ignore[misc]
        quotes = store.quotes(Filters(speaker="hamilton"))
        assert all(isinstance(q, QuoteRow) for q in quotes)
        assert [q.text for q in quotes] == ["We told Serbia and Kosovo to talk.",
                                            "We reached out to Serbia."]  # fmt: skip
        assert quotes[1].titles == ("spokesman",) and quotes[1].organisation == "NATO"
        # one speaker id for both spellings and organisations: the first row's
        assert quotes[0].speaker_id == quotes[1].speaker_id is not None
        body = store.article(quotes[1].article_id)
        assert body is not None
        (start, end), = quotes[1].parts  # fmt: skip
        assert body.article.text[start:end] == quotes[1].text
        top = store.speakers(Filters())[0]
        assert isinstance(top, SpeakerRow) and top.id == quotes[0].speaker_id
        assert (top.quotes, top.articles, top.organisations) == (2, 2, ("NATO",))


def test_article_record_has_store_ids_for_every_link(store_url: str) -> None:
    _browse_store(store_url)
    with open_store(store_url) as store:
        (hit,) = store.search(Filters(text="welcome"))
        record = store.article(hit.id)
        assert record is not None and record.article.title == "Border"
        assert record.version == 1 and record.superseded_by is None and record.canonical
        assert [q.speaker for q in record.quotes] == ["Kevin  HAMILTON", "Ana Brnabic"]
        kevin = store.speakers(Filters(speaker="hamilton"))[0].id
        assert record.quotes[0].speaker_id == kevin and record.quotes[0].cue == "said"
        assert all(q.id is not None for q in record.quotes)
        assert {s.name: s.id is not None for s in record.speakers} == {
            "Kevin  HAMILTON": True, "Ana Brnabic": True}  # fmt: skip
        serbia = next(e for e in record.entities if e.name == "Serbia")
        assert serbia.id is not None and serbia.label == "GPE"
        assert store.article(10_000) is None


def test_speaker_entity_outlet_and_cluster_pages(store_url: str) -> None:
    _browse_store(store_url)
    with open_store(store_url) as store:
        kevin = store.speakers(Filters(speaker="hamilton"))[0].id
        profile = store.speaker(kevin)
        assert profile is not None
        assert profile.names == ("Kevin Hamilton", "Kevin  HAMILTON")
        assert profile.organisations == ("NATO",) and profile.titles == ("spokesman",)
        assert (profile.quote_count, profile.article_count) == (2, 2)
        assert [(b.key, b.count) for b in profile.per_day] == [("2024-01-05", 1),
                                                              ("2024-01-09", 1)]  # fmt: skip
        assert [(b.key, b.count) for b in profile.per_week] == [("2024-W01", 1), ("2024-W02", 1)]
        assert profile.entities[0].name == "Serbia" and profile.entities[0].count == 2
        assert store.speaker(10_000) is None
        serbia = profile.entities[0].id
        entity = store.entity(serbia)
        assert entity is not None and entity.article_count == 2
        assert [s.name for s in entity.speakers] == ["Kevin Hamilton"]
        assert entity.speakers[0].id == kevin and len(entity.quotes) == 2
        assert {a.title for a in entity.articles} == {"Talks", "Border"}
        outlet = store.outlet("ALPHA")
        assert outlet is not None and outlet.article_count == 1
        assert [a.title for a in outlet.articles] == ["Talks"]
        assert store.outlet("gamma.example") is None  # a copy: not shown by default
        assert store.outlet("nowhere") is None
        talks = store.search(Filters(text="talks", all_copies=True))
        cluster_id = {h.copies for h in talks}
        assert cluster_id == {2, None}
        record = store.article(next(h.id for h in talks if h.title == "Talks"))
        assert record is not None and record.cluster_id is not None
        cluster = store.cluster(record.cluster_id)
        assert cluster is not None and cluster.size == 2
        assert [m.title for m in cluster.members] == ["Talks", "Talks again"]
        assert cluster.members[0].canonical and not cluster.members[1].canonical
        assert store.cluster(10_000) is None


def test_facets_count_outlets_and_days(store_url: str) -> None:
    _browse_store(store_url)
    with open_store(store_url) as store:
        every = store.facets(Filters())
        assert [(b.key, b.count) for b in every.outlets] == [("Alpha", 1), ("Beta", 1)]
        assert [b.key for b in every.days] == ["2024-01-05", "2024-01-09"]
        copies = store.facets(Filters(all_copies=True))
        assert ("gamma.example", 1) in [(b.key, b.count) for b in copies.outlets]
        serbia = store.facets(Filters(text="kosovo"))
        assert [(b.key, b.count) for b in serbia.outlets] == [("Beta", 1)]


def test_cursor_pages_cover_every_row_once(store_url: str) -> None:
    with open_store(store_url) as store:
        pairs = []
        for i in range(13):
            day = None if i % 5 == 0 else f"2024-02-{i % 4 + 1:02d}"  # ties and no dates
            page, article = make_pair(body_text(300 + i) + " harbour", f"https://h.example/{i}",
                                      title=f"H{i}", published=day)  # fmt: skip
            with_quote(article, "Kevin Hamilton", None, f"Point {i} one.")
            with_quote(article, "Ana Brnabic", None, f"Point {i} two.")
            pairs.append((page, article))
        store.save(pairs)

        def walk(fetch: Any) -> list[Any]:
            seen, cursor = [], None
            while True:
                page = fetch(cursor)
                seen += page.items
                assert len(page.items) <= 4
                if page.next_cursor is None:
                    return seen
                cursor = page.next_cursor

        listed = walk(lambda c: store.articles(Filters(limit=4), c))
        assert sorted(h.id for h in listed) == list(range(1, 14))
        dates = [h.published or "" for h in listed]
        assert dates == sorted(dates, reverse=True)
        searched = walk(lambda c: store.articles(Filters(text="harbour", limit=4), c))
        assert sorted(h.id for h in searched) == list(range(1, 14))
        assert all(h.snippet and "[harbour]" in h.snippet for h in searched)
        quotes = walk(lambda c: store.quote_page(Filters(limit=4), c))
        assert len({q.id for q in quotes}) == len(quotes) == 26
        assert [q.id for q in quotes] == [q.id for q in store.quotes(Filters(limit=None))]
        assert len(list(store.iter_quotes(Filters(speaker="brnabic"), chunk=3))) == 13


def test_bad_cursors_and_limits_are_refused_without_naming_flags(store_url: str) -> None:
    from newsdesk.errors import StoreError

    with open_store(store_url) as store:
        for cursor in ("x", "WzFd", "WyJhIiwiYiJd", "e30", "!" * 3000):
            with pytest.raises(StoreError, match="start again from the first page"):
                store.articles(Filters(), cursor)
            with pytest.raises(StoreError, match="start again"):
                store.quote_page(Filters(), cursor)
        for bad in (Filters(limit=0), Filters(text="x", limit=0)):
            with pytest.raises(StoreError) as caught:
                store.articles(bad)
            assert "--" not in str(caught.value)
        with pytest.raises(StoreError) as caught:
            store.search(Filters(text="x", since="last week"))
        assert "--" not in str(caught.value) and "not a date" in str(caught.value)


def test_cli_export_formats_match_the_library() -> None:
    from newsdesk.cli.store import EXPORT_FORMATS as CLI_FORMATS
    from newsdesk.store.export import EXPORT_FORMATS

    assert CLI_FORMATS == EXPORT_FORMATS


def test_store_exports_are_pinned_and_resolve() -> None:
    import newsdesk.store

    assert set(newsdesk.store.__all__) == {
        "ArticleEntity", "ArticleHit", "ArticleQuote", "ArticleRecord", "ArticleSpeaker",
        "Bucket", "ClusterMember", "ClusterRecord", "EntityProfile", "EntityRow", "Facets",
        "Filters", "NamedCount", "OutletProfile", "Paged", "QuoteRow", "Saved",
        "SpeakerProfile", "SpeakerRow", "Store", "StoredArticle", "open_store",
    }  # fmt: skip
    for name in newsdesk.store.__all__:
        assert getattr(newsdesk.store, name).__name__ == name
    with pytest.raises(AttributeError):
        newsdesk.store.nothing  # noqa: B018 (the lookup is the test)
