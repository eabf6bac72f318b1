"""Full-text search SQL for SQLite's FTS5, built by pure functions like ``sql``
(PostgreSQL's ``tsvector`` search is ``search_pg``). Filters become search terms inside
the index (``search_terms``) once ``Store.search`` has resolved them (``Terms``);
unresolved, they run as SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store import search_terms
from newsdesk.store._query_text import fts_terms
from newsdesk.store.sql import (
    Filters,
    Query,
    _date,
    _like,
    _limit,
    contains,
    fts_query,
    site_condition,
)

SEARCH_WINDOW = 2000  # newest matches ranked by BM25
MAX_TERMS = 500  # a name filter matching more outlets, speakers or entities runs as SQL
TEXT_COLUMNS = "{title body quotes_text}"


@dataclass(frozen=True, slots=True)
class Terms:
    """Filters resolved against the database for the search terms (``search_terms``);
    ``None`` leaves that filter to plain SQL (correct, slower).

    ``sites``: ids of the outlets and hosts holding ``--site``. ``speakers``/``entities``:
    for each word of the filter, the name words that can hold it (all of them for a
    one-word filter, those ending with the first word, those starting with the last)."""

    sites: list[int] | None = None
    speakers: list[list[str]] | None = None
    entities: list[list[str]] | None = None
    years: tuple[int, int] | None = None  # first and last publication year stored


def site_ids_sql(value: str) -> Query:
    """Ids of ``sites`` (folded outlet names and hosts) holding ``value``."""
    sql = f"SELECT id FROM sites WHERE {contains('name', 'name', value)} LIMIT :most"
    return sql, {"name": _like(value), "most": MAX_TERMS + 1}


def name_words_sql(kind: str, value: str) -> list[Query]:
    """For each word of ``value``, the ``name_words`` of ``kind`` ("p" speakers, "e"
    entities) that a name holding ``value`` must have."""
    words = search_terms.name_words(value)
    queries = []
    for i, word in enumerate(words):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        before = "%" if i == 0 else ""
        after = "%" if i == len(words) - 1 else ""
        sql = (
            "SELECT word FROM name_words WHERE kind = :kind "
            "AND word LIKE :pattern ESCAPE '\\' LIMIT :most"
        )
        queries.append((sql, {"kind": kind, "pattern": before + escaped + after,
                              "most": MAX_TERMS + 1}))  # fmt: skip
    return queries


# Two subqueries: SQLite answers a lone min() or max() from the index, not both at once.
YEARS_SQL = "SELECT (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)"


def _any_of(terms: list[str]) -> str:
    return "tags : (" + " OR ".join(f'"{t}"' for t in terms) + ")" if terms else ""


def _exact(name: str, value: str) -> str:
    """The filter in SQL, checked on each row the index yields (``articles_fts.rowid``)."""
    row = "articles_fts.rowid"
    if name == "site":
        where = site_condition("x", value)
        return f"EXISTS (SELECT 1 FROM articles x WHERE x.id = {row} AND {where})"
    if name == "speaker":
        source = "quotes q JOIN speakers x ON x.id = q.speaker_id"
        link = f"q.article_id = {row}"
    else:
        source = "mentions m JOIN entities x ON x.id = m.entity_id"
        link = f"m.article_id = {row}"
    return f"EXISTS (SELECT 1 FROM {source} WHERE {link} AND {contains('x.name', name, value)})"


def _site_filter(f: Filters, ids: list[int] | None) -> tuple[list[str], list[str]]:
    if not f.site:
        return [], []
    if ids is not None and len(ids) <= MAX_TERMS:
        return [_any_of([f"0s{i}" for i in ids])], []
    return [], [_exact("site", f.site)]


def _name_filter(
    name: str, value: str | None, words: list[list[str]] | None
) -> tuple[list[str], list[str]]:
    """A speaker or entity filter as name-word terms (``0pkevin``), with the exact SQL
    check kept for a filter of several words or with other characters; the SQL check
    alone when the words are unknown or too many."""
    if not value:
        return [], []
    prefix = "0p" if name == "speaker" else "0e"
    if words is None or not words or any(len(w) > MAX_TERMS for w in words):
        return [], [_exact(name, value)]
    groups = [_any_of([prefix + w for w in options]) for options in words]
    one_word = search_terms.name_words(value) == [" ".join(value.casefold().split())]
    return groups, [] if one_word else [_exact(name, value)]


def _date_filters(f: Filters, years: tuple[int, int] | None) -> tuple[list[str], list[str]]:
    """``--since``/``--until`` as one group of search terms when the stored years are
    known (whole years, months, then days: a few dozen terms), else as SQL over
    ``articles.published``."""
    if not (f.since or f.until):
        return [], []
    since = _date(f.since, "since") if f.since else None
    until = _date(f.until, "until") if f.until else None
    if years is not None and years[1] - years[0] <= 300:
        return [_any_of(search_terms.date_range_terms(since, until, *years))], []
    conds = []
    row = "EXISTS (SELECT 1 FROM articles x WHERE x.id = articles_fts.rowid AND "
    if since:
        conds.append(row + "x.published >= :since)")
    if until:
        conds.append(row + "substr(x.published, 1, :until_len) <= :until)")
    return [], conds


@dataclass(frozen=True, slots=True)
class SearchParts:
    """A search as FTS5 pieces: each user phrase confined to the text columns (``words``),
    each filter's terms (``filters``), SQL conditions for filters left out of the index,
    and their parameters. The match is every piece, minus syndicated copies."""

    words: list[str]
    filters: list[str]
    conds: list[str]
    params: dict[str, Any]
    copies: bool

    def match(self, pieces: list[str] | None = None) -> str:
        chosen = self.words + self.filters if pieces is None else pieces
        match = " AND ".join(f"({p})" for p in chosen)
        return match if self.copies or pieces is not None else f"({match}) NOT tags : 0copy"


def search_parts(f: Filters, terms: Terms) -> SearchParts:
    """``f`` as FTS5 pieces; an empty group (a filter that matches nothing stored) makes
    the search match nothing."""
    words = [f"{TEXT_COLUMNS} : ({term})" for term in fts_terms(f.text or "")]
    groups: list[str] = []
    conds: list[str] = []
    for more, extra in (
        _site_filter(f, terms.sites),
        _name_filter("speaker", f.speaker, terms.speakers),
        _name_filter("entity", f.entity, terms.entities),
        _date_filters(f, terms.years),
    ):
        groups += more
        conds += extra
    params: dict[str, Any] = {}
    for name in ("site", "speaker", "entity"):
        if getattr(f, name):
            params[name] = _like(getattr(f, name))
    if f.since:
        params["since"] = _date(f.since, "since")
    if f.until:
        params["until"] = _date(f.until, "until")
        params["until_len"] = len(params["until"])
    if f.language:
        groups.append(_any_of([search_terms.language_term(f.language)]))
    if any(g == "" for g in groups):
        conds.append("1 = 0")  # a filter no stored article can pass
    return SearchParts(words, [g for g in groups if g], conds, params, f.all_copies)


def search_match(f: Filters, terms: Terms) -> tuple[str, list[str], dict[str, Any]]:
    """The whole FTS5 query, the SQL conditions and their parameters."""
    parts = search_parts(f, terms)
    return parts.match(), parts.conds, parts.params


def search_sql(
    f: Filters,
    marks: tuple[str, str] = ("[", "]"),
    dialect: str = "sqlite",
    window: int | None = SEARCH_WINDOW,
    terms: Terms | None = None,
) -> Query:
    """Articles matching ``f.text``, best first (BM25: title 5, body 1, quotes 2), with a
    highlighted snippet of the best-matching column, as one statement: ``bm25()`` over
    every phrase of the newest ``window`` matches (``None``: every match). Exact, but
    its cost grows with how many articles hold the commonest phrase or filter term (FTS5
    recounts them per query); ``Store.search`` runs the same search in bounded steps
    (``search_rank``). ``terms``: the filters resolved by ``Store.search``; without
    them, name and date filters run as SQL.
    """
    if dialect != "sqlite":
        raise StoreError(f"search_sql builds SQLite's FTS5 search, not {dialect}'s (search_pg)")
    if not f.text:
        raise StoreError("search needs some text to look for")
    match, conds, params = search_match(f, terms or Terms())
    params.update(
        q=match, words=f"{TEXT_COLUMNS} : ({fts_query(f.text)})", open=marks[0], close=marks[1]
    )
    newest = ""
    if window is not None:
        newest = " ORDER BY articles_fts.rowid DESC LIMIT :window"
        params["window"] = window
    matched = (
        "SELECT articles_fts.rowid AS id, bm25(articles_fts, 5.0, 1.0, 2.0, 0.0) AS score "
        "FROM articles_fts WHERE articles_fts MATCH :q"
        + "".join(" AND " + c for c in conds)
        + newest
    )
    ranked = f"SELECT id, score FROM ({matched}) ORDER BY score" + _limit(f, params)
    sql = (
        f"WITH hits AS MATERIALIZED ({ranked}) "
        "SELECT a.id, a.title, a.site, a.url, a.published, a.language, "
        "(SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS copies, "
        "snippet(articles_fts, -1, :open, :close, ' … ', 16) AS snippet, hits.score "
        "FROM hits CROSS JOIN articles_fts ON articles_fts.rowid = hits.id "
        "CROSS JOIN articles a ON a.id = hits.id WHERE articles_fts MATCH :words "
        "ORDER BY hits.score"
    )
    return sql, params
