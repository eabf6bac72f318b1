"""Property tests (Hypothesis, bounded examples) for the store's readers of user text:
the search query parser and the date filter parser. Any string in: a query (or a date)
out, or a ``StoreError`` that says what is wrong; never another exception. The queries
also run on a real FTS5 index, so SQLite itself must accept every one produced."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdesk.errors import StoreError
from newsdesk.store import Filters
from newsdesk.store._query_text import MAX_PHRASE_WORDS, MAX_SEARCH_TERMS, fts_terms, iso_date
from newsdesk.store.search_sql import TEXT_COLUMNS

BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# FTS5's own syntax and the characters around it, often enough to meet each other
SYNTAX = st.sampled_from(['"', "*", "-", "+", ":", "^", "(", ")", "{", "}", "AND", "OR",
                          "NOT", "NEAR", " ", "oil", "é", "\x00", "\u200b", "_", "🙂"])  # fmt: skip
DATE_LIKE = r"\A ?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)? ?\Z"
QUERY_TEXT = st.one_of(st.text(max_size=200), st.lists(SYNTAX, max_size=40).map("".join))


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, quotes_text, tags, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO t VALUES ('Oil talks', 'oil prices fell', '', '0s1 0y2024')")
    return conn


@BOUNDED
@given(text=QUERY_TEXT)
@example(text="oil " * 2_000)
@example(text="*")
@example(text='"')
def test_any_text_is_a_safe_query_or_a_named_refusal(fts: sqlite3.Connection, text: str) -> None:
    try:
        terms = fts_terms(text)
    except StoreError as exc:
        assert "search" in str(exc) and ("no words" in str(exc) or "limit" in str(exc))
        return
    assert 1 <= len(terms) <= MAX_SEARCH_TERMS and len(set(terms)) == len(terms)
    for term in terms:
        assert term.startswith('"') and term.rstrip("*").endswith('"')
        assert '"' not in term.rstrip("*")[1:-1]  # no quote inside: no FTS5 syntax
        assert 0 < sum(1 for w in term.split() if w) <= len(term)
    query = f"{TEXT_COLUMNS} : (" + " ".join(terms) + ")"
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()  # SQLite accepts it


@BOUNDED
@given(words=st.lists(st.sampled_from(["oil", "gas", "nato", "serbia"]), min_size=1,
                      max_size=300))  # fmt: skip
def test_repeats_do_not_count_towards_the_limit(words: list[str]) -> None:
    assert sorted(fts_terms(" ".join(words))) == sorted({f'"{w}"' for w in words})


def test_a_phrase_at_the_limit_passes_one_more_word_is_refused() -> None:
    assert fts_terms('"' + "a " * MAX_PHRASE_WORDS + '"')
    with pytest.raises(StoreError, match=f"{MAX_PHRASE_WORDS + 1} words"):
        fts_terms('"' + "a " * (MAX_PHRASE_WORDS + 1) + '"')


@BOUNDED
@given(value=st.one_of(st.text(max_size=30), st.from_regex(DATE_LIKE)))
@example(value="2024-02-29")
@example(value="2023-02-29")
@example(value="٢٠٢٤")  # digits of another script
@example(value="2024\n")
def test_any_date_text_is_a_real_date_or_a_named_refusal(value: str) -> None:
    try:
        given_date = iso_date(value, "since")
    except StoreError as exc:
        assert str(exc).startswith("since ") and "is not a date" in str(exc)
        if value:  # an empty filter is no filter
            with pytest.raises(StoreError):
                Filters(since=value)
        return
    assert given_date == value.strip() and given_date.isascii()
    parts = [int(p) for p in given_date.split("-")]
    date(*parts, *[1] * (3 - len(parts)))  # a real year, month and day
    assert Filters(since=value, until=value).since == value
