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

from newsdesk.store._query_text import fts_terms
from newsdesk.store.postgres import TS_CONFIGS
from newsdesk.store.search_sql import SEARCH_WINDOW
from newsdesk.store.sql import Filters, article_conditions

WEIGHTS = "{0, 0.2, 0.4, 1.0}"  # ts_rank's order: D (unused), C body, B quotes, A title
_WORD = re.compile(r"[^\W_]+")
# one language code per configuration: the query is built in each of them
_ONE_CODE_EACH = sorted({name: code for code, name in sorted(TS_CONFIGS.items())}.values())
HIT_COLUMNS = (
    "a.id, a.title, a.site, a.url, a.published, a.language, "
    "(SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS copies"
)


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
    return " && ".join(
        f"{'to_tsquery' if prefix else 'phraseto_tsquery'}({config}, :fts{i})"
        for i, (_, prefix) in enumerate(terms)
    )


def row_query(terms: list[tuple[str, bool]], alias: str = "a") -> str:
    """The query in the configuration of the article's own language."""
    return _tsquery(f"newsdesk_ts_config({alias}.language)", terms)


def text_condition(search: str, language: str | None, params: dict[str, Any]) -> str:
    """``search`` as a condition on articles ``a``: the index finds the articles matching
    in any configuration (only the ``language`` filter's when given), each is then checked
    in its own language's. Adds the ``fts0``, ``fts1``, ... parameters."""
    terms = query_terms(search)
    params.update({f"fts{i}": value for i, (value, _) in enumerate(terms)})
    if language:
        params["fts_language"] = language.strip().lower()
        configs = ["newsdesk_ts_config(:fts_language)"]
    else:
        configs = ["'simple'::regconfig"]
        configs += [f"newsdesk_ts_config('{code}')" for code in _ONE_CODE_EACH]
    each = [
        "(" + " || ".join(_one(config, value, prefix, i) for config in configs) + ")"
        for i, (value, prefix) in enumerate(terms)
    ]
    return f"a.search @@ ({' && '.join(each)}) AND a.search @@ ({row_query(terms)})"


def _one(config: str, _value: str, prefix: bool, i: int) -> str:
    return f"{'to_tsquery' if prefix else 'phraseto_tsquery'}({config}, :fts{i})"


def _headline_options(marks: tuple[str, str]) -> str:
    start, stop = (m.replace('"', "") for m in marks)
    return (
        f'StartSel="{start}", StopSel="{stop}", MaxWords=16, MinWords=6, '
        'MaxFragments=1, FragmentDelimiter=" … "'
    )


def search_sql(
    f: Filters, limit: int | None, marks: tuple[str, str], after: tuple[float, int] | None
) -> tuple[str, dict[str, Any]]:
    """One statement: the newest ``SEARCH_WINDOW`` articles matching ``f``, ranked
    (``score``: minus ``ts_rank``, so lower is better as with SQLite's ``bm25()``; ties
    newest first), after ``after`` (the ``(score, id)`` of the page before), the best
    ``limit`` with a highlighted snippet of the body."""
    cond, params = article_conditions(f)
    cond.append(text_condition(f.text or "", f.language, params))
    terms = query_terms(f.text or "")
    rank = f"CAST(-ts_rank(CAST(:weights AS real[]), a.search, {row_query(terms)}) AS float8)"
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
        f"ts_headline(newsdesk_ts_config(a.language), a.body, {row_query(terms)}, :headline) "
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
    query, params = search_sql(f, limit, marks, after)
    return [dict(row._mapping) for row in conn.execute(text(query), params)]
