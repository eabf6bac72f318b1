"""Full-text search on PostgreSQL: the ``tsvector`` column ``articles.search`` (title
weight A, quotes B, body C, each in the text-search configuration of the article's
language, ``newsdesk_ts_config``) and its GIN index, both made by the migrations.

The user's text is read as on SQLite (``_query_text.fts_terms``: words and "phrases"
all required, ``word*`` a prefix). Each article is matched in its own language's
configuration (English stemming for an English article, French for a French one); the
GIN index is asked first for the articles matching the query in any configuration, and
each is then checked in its own. Filters are plain SQL (``sql.article_conditions``).
Ranking: ``ts_rank`` with weights title 5, quotes 2, body 1 over the newest
``SEARCH_WINDOW`` matches, like BM25 on SQLite (see the README's "PostgreSQL" section for
where the engines differ).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

from newsdesk.errors import StoreError
from newsdesk.store._query_text import fts_terms
from newsdesk.store.search_sql import SEARCH_WINDOW
from newsdesk.store.sql import Filters, article_conditions

WEIGHTS = "{0, 0.2, 0.4, 1.0}"  # ts_rank's order: D (unused), C body, B quotes, A title
_WORD = re.compile(r"[^\W_]+")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
HIT_COLUMNS = (
    "a.id, a.title, a.site, a.url, a.published, a.language, "
    "(SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS copies"
)
# the configurations articles use (an index skip scan over ``search_config``: one probe
# per configuration, whatever the size of the store)
_IN_USE = (
    "WITH RECURSIVE c(cfg) AS (SELECT min(search_config) FROM articles UNION ALL "
    "SELECT (SELECT min(x.search_config) FROM articles x WHERE x.search_config > c.cfg) "
    "FROM c WHERE c.cfg IS NOT NULL) "
    "SELECT CAST(CAST(cfg AS regconfig) AS text) FROM c WHERE cfg IS NOT NULL"
)
_OF_LANGUAGE = "SELECT CAST(newsdesk_ts_config(:language) AS text)"


def configs(conn: Connection, language: str | None = None) -> tuple[str, ...]:
    """The text-search configurations to build a query in: the ``language`` filter's, or
    every one the stored articles use (building it in all 28 costs ~12 ms a query)."""
    if language:
        found = [conn.execute(text(_OF_LANGUAGE), {"language": language.strip().lower()}).scalar()]
    else:
        found = list(conn.execute(text(_IN_USE)).scalars())
    names = tuple(str(name) for name in found if name)
    for name in names:
        if not _NAME.match(name):
            raise StoreError(f"unexpected text-search configuration name {name!r}")
    return names


def query_terms(search: str) -> list[tuple[str, bool]]:
    """The user's terms (``fts_terms``) as PostgreSQL query text: each phrase's words for
    ``phraseto_tsquery``, or, for a prefix, a ``to_tsquery`` phrase ending in ``:*``."""
    found: list[tuple[str, bool]] = []
    for term in fts_terms(search):
        words = _WORD.findall(term)
        if term.endswith("*"):
            found.append((" <-> ".join(f"'{w}'" for w in words) + ":*", True))
        else:
            found.append((" ".join(words), False))
    return found


def _tsquery(config: str, terms: list[tuple[str, bool]]) -> str:
    """Every term required, read in ``config`` (an SQL expression of a regconfig)."""
    return "(" + " && ".join(
        f"{'to_tsquery' if prefix else 'phraseto_tsquery'}({config}, :fts{i})"
        for i, (_, prefix) in enumerate(terms)
    ) + ")"  # fmt: skip


def _config(name: str) -> str:
    """A configuration's name (checked by ``configs``) as an SQL constant."""
    return f"'{name}'::regconfig"


def row_query(terms: list[tuple[str, bool]], names: tuple[str, ...], alias: str = "a") -> str:
    """The query in the configuration of each article's own language (NULL for another)."""
    if not names:
        return "CAST(NULL AS tsquery)"
    arms = " ".join(
        f"WHEN CAST({_config(name)} AS oid) THEN {_tsquery(_config(name), terms)}" for name in names
    )
    return f"(CASE {alias}.search_config {arms} END)"


def text_condition(
    search: str, names: tuple[str, ...], params: dict[str, Any], alias: str = "a"
) -> str:
    """``search`` as a condition on articles ``alias``: the GIN index finds the articles
    matching it in any of the configurations ``names`` (``configs``), each is then checked
    in its own language's. Adds the ``fts0``, ``fts1``, ... parameters."""
    terms = query_terms(search)
    params.update({f"fts{i}": value for i, (value, _) in enumerate(terms)})
    if not names:
        return "1 = 0"  # no article stored yet
    any_of = " || ".join(_tsquery(_config(name), terms) for name in names)
    return f"{alias}.search @@ ({any_of}) AND {alias}.search @@ {row_query(terms, names, alias)}"


def _headline_options(marks: tuple[str, str]) -> str:
    start, stop = (m.replace('"', "") for m in marks)
    return (
        f'StartSel="{start}", StopSel="{stop}", MaxWords=16, MinWords=6, '
        'MaxFragments=1, FragmentDelimiter=" … "'
    )


def search_sql(
    f: Filters,
    names: tuple[str, ...],
    limit: int | None,
    marks: tuple[str, str],
    after: tuple[float, int] | None,
) -> tuple[str, dict[str, Any]]:
    """One statement: the newest ``SEARCH_WINDOW`` articles matching ``f``, ranked
    (``score``: minus ``ts_rank``, so lower is better as with SQLite's ``bm25()``; ties
    newest first), after ``after`` (the ``(score, id)`` of the page before), the best
    ``limit`` with a highlighted snippet of the body; ``names``: the configurations to
    read the text in (``configs``)."""
    cond, params = article_conditions(f)
    cond.append(text_condition(f.text or "", names, params))
    terms = query_terms(f.text or "")
    own = row_query(terms, names)
    rank = f"CAST(-ts_rank(CAST(:weights AS real[]), a.search, {own}) AS float8)"
    window = (
        f"SELECT a.id, {rank} AS score FROM articles a WHERE "
        + " AND ".join(cond)
        + " ORDER BY a.id DESC LIMIT :window"
    )
    beyond = ""
    if after is not None:
        beyond = " WHERE w.score > :after_score OR (w.score = :after_score AND w.id < :after_id)"
        params.update(after_score=after[0], after_id=after[1])
    best = f"SELECT w.id, w.score FROM ({window}) w{beyond} ORDER BY w.score, w.id DESC"
    if limit is not None:
        best += " LIMIT :limit"
        params["limit"] = limit
    params.update(weights=WEIGHTS, window=SEARCH_WINDOW, headline=_headline_options(marks))
    sql = (
        f"WITH best AS MATERIALIZED ({best}) SELECT {HIT_COLUMNS}, "
        f"ts_headline(CAST(a.search_config AS regconfig), a.body, {own}, :headline) "
        "AS snippet, best.score FROM best JOIN articles a ON a.id = best.id "
        "ORDER BY best.score, a.id DESC"
    )
    return sql, params


def run_search(
    conn: Connection,
    f: Filters,
    limit: int | None,
    marks: tuple[str, str],
    after: tuple[float, int] | None = None,
) -> list[dict[str, Any]]:
    """The rows of ``search_sql``, best first."""
    query, params = search_sql(f, configs(conn, f.language), limit, marks, after)
    return [dict(row._mapping) for row in conn.execute(text(query), params)]
