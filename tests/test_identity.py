"""Speakers and entities as identities across articles, on real SQLite files: the rule of
``newsdesk.store._identity`` on ambiguous names, stable ids, and the migration that
fills identities for a store written before them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from newsdesk.analyze import analyze
from newsdesk.record import Article, Block, Entity, Page
from newsdesk.settings import Settings
from newsdesk.store import Filters, open_store
from newsdesk.store._aliases import entity_key, organisation_key, spelling
from newsdesk.store._identity import Candidate, choose_speaker, compatible
from test_store_helpers import body_text, make_pair, with_quote
from web_support import serve

Pair = tuple[Page, Article]


def _quoting(n: int, speaker: str, org: str | None, said: str = "We will talk.") -> Pair:
    page, article = make_pair(body_text(100 + n), f"https://news.example/{n}")
    with_quote(article, speaker, org, said)
    return page, article


def _speaker_of(db: Path, url: str) -> int | None:
    with open_store(db) as store:
        (quote,) = [q for q in store.quotes(Filters(limit=None)) if q.url == url]
        return quote.speaker_id


# -- the rule, alone ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "folded"),
    [("U.S.", "us"), ("the U.N.", "un"), ("U.S.A", "usa"), ("The United States", "united states"),
     ("Britain's", "britain"), ("Kevin  HAMILTON", "kevin hamilton"), ("St. Louis", "st. louis")],
)  # fmt: skip
def test_spelling_folds_case_the_possessive_and_abbreviation_dots(
    written: str, folded: str
) -> None:
    assert spelling(written) == folded


def test_aliases_join_country_spellings_but_not_america_or_a_person() -> None:
    us = entity_key("United States", "GPE")
    assert {entity_key(n, "GPE") for n in ("U.S.", "US", "USA", "the United States")} == {us}
    assert entity_key("U.S.", "ORG") == us  # the model's label does not split it
    assert entity_key("America", "GPE") != us  # the continent as often as the country
    assert entity_key("Jordan", "PERSON") != entity_key("Jordan", "GPE")
    assert entity_key("United Kingdom", "GPE") == entity_key("U.K.", "GPE")
    assert entity_key("Britain", "GPE") != entity_key("U.K.", "GPE")  # or Great Britain
    assert organisation_key("the U.N.") == organisation_key("United Nations")


def test_organisations_are_compatible_when_one_starts_the_other() -> None:
    assert compatible({"whole foods"}, {"whole foods market"})
    assert compatible({"acme"}, {"globex", "acme corp"})
    assert not compatible({"acme"}, {"globex"})
    assert not compatible({"acme"}, set())


def test_choice_never_guesses_between_two_people_of_one_name() -> None:
    acme, globex = Candidate(1, frozenset({"acme"})), Candidate(7, frozenset({"globex"}))
    unknown = Candidate(9, frozenset())
    assert choose_speaker([], ["Acme"]) is None
    assert choose_speaker([acme], ["Acme Corp"]) == 1
    assert choose_speaker([acme], ["Globex"]) is None  # conflicting: a new identity
    assert choose_speaker([acme, globex], ["Globex"]) == 7
    assert choose_speaker([acme], []) == 1  # one person of that name: no organisation fits
    assert choose_speaker([acme, globex], []) is None  # two: no guess
    assert choose_speaker([acme, globex, unknown], []) == 9
    assert choose_speaker([unknown], ["Acme"]) == 9  # the only one takes the organisation


# -- in a real store ----------------------------------------------------------------------
def _analysed(n: int, text: str) -> Pair:
    page, _ = make_pair(text, f"https://news.example/{n}")
    blocks = [Block("paragraph", p) for p in text.split("\n\n")]
    raw = Article(source=page.source, content_hash=page.content_hash, url=page.url, blocks=blocks)
    return page, analyze(raw, Settings())


OBAMA_FULL = 'Barack Obama spoke in Chicago on Monday.\n\n"We will act," Barack Obama said.'
OBAMA_BOTH = (
    "President Barack Obama arrived in Denver on Tuesday.\n\n"
    '"The work goes on," Obama said at the rally.'
)
OBAMA_ONLY = '"We are not done," Obama said in Boston.'


def test_obama_in_an_article_naming_barack_obama_is_barack_obama(store_url: str) -> None:
    db = store_url
    with open_store(db) as store:
        store.save([_analysed(1, OBAMA_FULL), _analysed(2, OBAMA_BOTH), _analysed(3, OBAMA_ONLY)])
        quotes = {q.url: q for q in store.quotes(Filters(limit=None))}
        full, both = quotes["https://news.example/1"], quotes["https://news.example/2"]
        alone = quotes["https://news.example/3"]
        assert full.speaker_id == both.speaker_id is not None
        assert alone.speaker_id not in (None, full.speaker_id)  # a surname alone stays apart
        top = store.speakers(Filters())
        assert [(s.name, s.quotes) for s in top] == [("Barack Obama", 2), ("Obama", 1)]
        profile = store.speaker(full.speaker_id or 0)
        assert profile is not None and profile.name == "Barack Obama"
        assert set(profile.names) == {"Barack Obama", "Obama"}
        assert "President" in profile.titles and profile.quote_count == 2


def test_two_john_smiths_with_different_organisations_stay_apart(store_url: str) -> None:
    db = store_url
    with open_store(db) as store:
        store.save([_quoting(1, "John Smith", "Acme"), _quoting(2, "John Smith", "Globex")])
        store.save([_quoting(3, "JOHN SMITH", "Acme Corp"), _quoting(4, "John Smith", None)])
        ids = {q.url[-1]: q.speaker_id for q in store.quotes(Filters(limit=None))}
        assert ids["1"] == ids["3"]  # same name, compatible organisations
        assert len({ids["1"], ids["2"], ids["4"]}) == 3  # two of that name: no guess
        smiths = store.speakers(Filters(speaker="smith"))
        assert sorted(s.organisations for s in smiths) == [
            (), ("Acme", "Acme Corp"), ("Globex",)]  # fmt: skip


def test_a_name_first_seen_without_organisation_takes_the_first_one(store_url: str) -> None:
    db = store_url
    with open_store(db) as store:
        store.save([_quoting(1, "Jane Doe", None), _quoting(2, "Jane Doe", "Initech")])
        store.save([_quoting(3, "Jane Doe", "Globex")])
        ids = {q.url[-1]: q.speaker_id for q in store.quotes(Filters(limit=None))}
        assert ids["1"] == ids["2"] != ids["3"]
        profile = store.speaker(ids["1"] or 0)
        assert profile is not None and profile.organisations == ("Initech",)


def _with_entity(n: int, name: str, label: str = "GPE") -> Pair:
    text = f"Talks number {n} were held in {name} on Monday."
    page, article = make_pair(text, f"https://news.example/e{n}")
    at = text.index(name)
    article.entities.append(Entity(name, label, [(at, at + len(name))]))
    return page, article


def test_us_and_united_states_are_one_entity(store_url: str) -> None:
    db = store_url
    spellings = ["U.S.", "United States", "US", "the United States of America", "America"]
    with open_store(db) as store:
        store.save([_with_entity(i, name) for i, name in enumerate(spellings)])
        store.save([_with_entity(9, "U.S.", "ORG")])
        found = {e.name: (e.articles, e.label) for e in store.entities(Filters())}
        assert found == {"United States": (5, "GPE"), "America": (1, "GPE")}
        (us,) = [e for e in store.entities(Filters(entity="U.S."))]
        profile = store.entity(us.id)
        assert profile is not None and profile.article_count == 5
        assert set(profile.names) == {
            "United States", "U.S.", "US", "the United States of America"}  # fmt: skip
        assert len(profile.articles) == 5
        found = store.articles(Filters(entity="United States", limit=50)).items
        assert len(found) == 5  # every spelling's articles, "U.S." and "US" too
        with store.engine.connect() as conn:
            query = text("SELECT id FROM entities WHERE identity_id = :id")
            rows = [r[0] for r in conn.execute(query, {"id": us.id})]
        assert len(rows) == 5 and min(rows) == us.id
        assert {store.entity(r).id for r in rows} == {us.id}  # type: ignore[union-attr]


def test_ids_are_stable_as_articles_arrive_and_again_adds_nothing(store_url: str) -> None:
    db = store_url
    with open_store(db) as store:
        store.save([_quoting(1, "John Smith", "Acme"), _with_entity(1, "U.S.")])
        smith = _ids(store)
        before = store.counts()
        again = _quoting(1, "John Smith", "Acme", "We will talk again.")  # a new version
        store.save([again, _quoting(1, "John Smith", "Acme")])
        assert store.counts()["speaker_identities"] == before["speaker_identities"] == 1
        assert store.counts()["entity_identities"] == before["entity_identities"]
        more = [_quoting(n, name, org) for n, (name, org) in enumerate(
            [("John Smith", "Globex"), ("Ana Brnabic", None), ("John Smith", None),
             ("John Smith", "Acme Corp")], start=10)]  # fmt: skip
        store.save([*more, _with_entity(2, "United States"), _with_entity(3, "Serbia")])
        after = _ids(store)
        assert {k: after[k] for k in smith} == smith and len(after) == len(smith) + 5


def _ids(store: object) -> dict[tuple[str, str], int]:
    from newsdesk.store import Store

    assert isinstance(store, Store)
    found = {("speaker", f"{s.name}|{s.organisation}"): s.id
             for s in store.speakers(Filters(limit=None))}  # fmt: skip
    found.update({("entity", e.name): e.id for e in store.entities(Filters(limit=None))})
    return found


def _answers(db: Path) -> tuple[object, ...]:
    with open_store(db) as store:
        speakers = store.speakers(Filters(limit=None))
        entities = store.entities(Filters(limit=None))
        profiles = [store.speaker(s.id) for s in speakers]
        return speakers, entities, [(p.id, p.names, p.organisations) for p in profiles if p]


def test_migration_fills_identities_of_a_0004_store(tmp_path: Path) -> None:
    from alembic import command

    from newsdesk.store.migrate import alembic_config

    db = tmp_path / "n.db"
    with open_store(db) as store:
        store.save([_quoting(1, "John Smith", "Acme"), _quoting(2, "John Smith", "Globex"),
                    _quoting(3, "John Smith", "Acme"), _quoting(4, "Kevin Hamilton", None),
                    _quoting(5, "Kevin Hamilton", "NATO"),
                    _with_entity(1, "U.S."), _with_entity(2, "United States")])  # fmt: skip
    fresh = _answers(db)
    with open_store(db) as store, store.engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(conn), "0004")
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(speakers)")}
    assert "speaker_identities" not in tables and "identity_id" not in columns
    assert _answers(db) == fresh  # opening migrates to 0005 and fills the identities
    speakers, entities, _ = fresh
    assert sorted((s.name, s.quotes) for s in speakers) == [  # type: ignore[attr-defined]
        ("John Smith", 1), ("John Smith", 2), ("Kevin Hamilton", 2)]  # fmt: skip
    assert ("United States", 2) in [(e.name, e.articles) for e in entities]  # type: ignore[attr-defined]


def test_api_and_pages_take_identity_ids_and_older_row_ids(tmp_path: Path) -> None:
    from newsdesk.web import create_app

    db = tmp_path / "n.db"
    with open_store(db) as store:
        store.save([_quoting(1, "Kevin Hamilton", None), _quoting(2, "Kevin Hamilton", "NATO"),
                    _quoting(3, "Kevin HAMILTON", "the NATO"), _with_entity(1, "U.S."),
                    _with_entity(2, "United States")])  # fmt: skip
    with sqlite3.connect(db) as conn:
        rows = [r[0] for r in conn.execute("SELECT id FROM speakers ORDER BY id")]
        entity_rows = [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY id")]
    with serve(create_app(db)) as base:
        listed = httpx.get(f"{base}/api/speakers").json()["items"]
        assert [(s["name"], s["quotes"]) for s in listed] == [("Kevin Hamilton", 3)]
        for row in rows:  # a link made to any row before identities leads to the speaker
            profile = httpx.get(f"{base}/api/speakers/{row}").json()
            assert profile["id"] == listed[0]["id"] == rows[0]
        page = httpx.get(f"{base}/speakers/{rows[0]}")
        assert page.status_code == 200 and "Kevin Hamilton" in page.text
        us = httpx.get(f"{base}/api/entities/{entity_rows[-1]}").json()
        assert us["name"] == "United States" and us["article_count"] == 2
        assert us["names"] == ["United States", "U.S."] and us["id"] == entity_rows[-2]
        page = httpx.get(f"{base}/entities/{us['id']}")
        assert page.status_code == 200 and "Also written U.S." in page.text
