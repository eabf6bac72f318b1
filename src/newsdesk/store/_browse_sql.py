"""SQL for browsing the store (the web's pages and their JSON twins), built by pure
functions like ``sql``: article listings by cursor, one article's rows, a speaker's, an
entity's, an outlet's and a cluster's, and facet counts. Parameters only, never values
in the text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsdesk.store import _cursor
from newsdesk.store._query_text import fts_terms
from newsdesk.store.search_sql import TEXT_COLUMNS
from newsdesk.store.sql import SPEAKER_ID, Filters, Query, article_conditions

ARTICLE_ORDER = (("a.published", True), ("a.id", True))
HIT_COLUMNS = (
    "a.id, a.title, a.site, a.url, a.published, a.language, "
    "(SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS copies"
)
TOP = 10  # speakers and entities listed on a profile
NEWEST = 20  # quotes and articles listed on a profile
ENTITY_QUOTES = 500  # a speaker's newest quotes read for the entities they name


def text_match(
    f: Filters, params: dict[str, Any], pg_configs: tuple[str, ...] | None = None
) -> list[str]:
    """``f.text`` as a condition on ``a.id`` (the words in the title, body or quotes);
    ``pg_configs``: on PostgreSQL, its text-search configurations (``search_pg.configs``)."""
    if not f.text:
        return []
    if pg_configs is not None:
        from newsdesk.store.search_pg import text_condition

        return [text_condition(f.text, pg_configs, params)]
    params["q"] = f"{TEXT_COLUMNS} : (" + " ".join(fts_terms(f.text)) + ")"
    return ["a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"]


def article_list_sql(
    f: Filters,
    after: Sequence[_cursor.Key] | None = None,
    extra: Query | None = None,
    pg_configs: tuple[str, ...] | None = None,
) -> Query:
    """Articles matching ``f`` (``text`` as a plain filter), newest published first, one
    more than ``f.limit`` (it tells whether a next page exists); ``extra``: one more
    condition with its parameters."""
    cond, params = article_conditions(f)
    cond += text_match(f, params, pg_configs)
    if extra is not None:
        cond.append(extra[0])
        params.update(extra[1])
    if after is not None:
        cond.append(_cursor.after(ARTICLE_ORDER, after, params))
    params["limit"] = (f.limit or 20) + 1
    sql = (
        f"SELECT {HIT_COLUMNS} FROM articles a WHERE "
        + " AND ".join(cond)
        + " ORDER BY a.published DESC, a.id DESC LIMIT :limit"
    )
    return sql, params


ARTICLE_SQL = (
    "SELECT a.id, a.key, a.version, a.superseded_by, a.cluster_id, a.stored, a.record, "
    "c.canonical_id, c.size AS copies FROM articles a "
    "LEFT JOIN clusters c ON c.id = a.cluster_id WHERE a.id = :id"
)
ARTICLE_QUOTE_IDS = "SELECT q.id FROM quotes q WHERE q.article_id = :id ORDER BY q.id"
SPEAKER_IDS_BY_KEY = (
    "SELECT s.key, " + SPEAKER_ID.format(s="s") + " AS id FROM speakers s "
    "WHERE s.key IN (SELECT value FROM json_each(:keys))"
)
ENTITY_IDS_BY_KEY = (
    "SELECT e.key, e.identity_id AS id FROM entities e "
    "WHERE e.key IN (SELECT value FROM json_each(:keys))"
)


def keys_param(keys: Sequence[str]) -> dict[str, Any]:
    return {"keys": json.dumps(sorted(set(keys)), ensure_ascii=False)}


# -- speakers -----------------------------------------------------------------------------
# a speaker's identity from the id of any of its rows (an identity's id is its first row's)
SPEAKER_IDENTITY = (
    "SELECT i.id, i.name, i.kind FROM speakers s "
    "JOIN speaker_identities i ON i.id = s.identity_id WHERE s.id = :id"
)
SPEAKER_ROWS = (
    "SELECT id, name, kind, organisation, titles FROM speakers "
    "WHERE identity_id = :identity ORDER BY id"
)
SPEAKER_VARIANTS = (
    "SELECT field, value FROM speaker_variants WHERE identity_id = :identity ORDER BY field, value"
)


def _current() -> tuple[str, dict[str, Any]]:
    cond, params = article_conditions(Filters())
    return " AND ".join(cond), params


# a speaker's quotes and their articles through the covering indexes of migration 0003
_SPEAKER_QUOTES = (
    "FROM quotes q INDEXED BY ix_quotes_speaker_article "
    "JOIN articles a INDEXED BY ix_articles_browse ON a.id = q.article_id "
    "WHERE q.speaker_id IN (SELECT CAST(value AS INTEGER) FROM json_each(:rows)) AND "
)


def speaker_days_sql(rows: Sequence[int]) -> Query:
    """Quotes and articles per publication day of the speaker's ``rows`` (NULL: undated),
    with each day's first and last date-time: the totals are their sums."""
    where, params = _current()
    params["rows"] = json.dumps(list(rows))
    sql = (
        "SELECT substr(a.published, 1, 10) AS day, count(q.id) AS quotes, "
        "count(DISTINCT a.id) AS articles, min(a.published) AS first, "
        "max(a.published) AS last " + _SPEAKER_QUOTES + where + " GROUP BY day ORDER BY day"
    )
    return sql, params


def speaker_entities_sql(rows: Sequence[int]) -> Query:
    """The entities named inside the speaker's newest ``ENTITY_QUOTES`` quotes, most
    quotes first."""
    where, params = _current()
    params.update(rows=json.dumps(list(rows)), top=TOP, newest=ENTITY_QUOTES)
    newest = (
        "SELECT q.id, q.article_id, q.char_start, q.char_end " + _SPEAKER_QUOTES + where
        + " ORDER BY a.published DESC, q.article_id, q.char_start, q.id LIMIT :newest"
    )  # fmt: skip
    sql = (
        f"WITH said AS MATERIALIZED ({newest}) "
        "SELECT i.id, i.name, i.label, count(DISTINCT said.id) AS n FROM said "
        "JOIN mentions m ON m.article_id = said.article_id AND m.char_start >= said.char_start "
        "AND m.char_end <= said.char_end JOIN entities e ON e.id = m.entity_id "
        "JOIN entity_identities i ON i.id = e.identity_id "
        "GROUP BY i.id, i.name, i.label ORDER BY n DESC, i.name LIMIT :top"
    )
    return sql, params


# -- entities -----------------------------------------------------------------------------
# an entity's identity from the id of any of its rows (an identity's id is its first row's)
ENTITY_SQL = (
    "SELECT i.id, i.name, i.label FROM entities e "
    "JOIN entity_identities i ON i.id = e.identity_id WHERE e.id = :id"
)
ENTITY_NAMES = "SELECT name FROM entities WHERE identity_id = :entity ORDER BY id"

# an entity's mentions, the quotes around them and their articles through the covering
# indexes of migration 0004 (and 0003's for the articles): no quote or article row is read
# until the page's few are chosen
_MENTIONS = "FROM mentions m INDEXED BY ix_mentions_entity_article "
_ARTICLE = "JOIN articles a INDEXED BY ix_articles_browse ON a.id = m.article_id "
_AROUND = (
    "CROSS JOIN quotes q INDEXED BY ix_quotes_article_span ON q.article_id = m.article_id "
    "AND q.char_start <= m.char_start AND q.char_end >= m.char_end "
)


def _entity_where() -> tuple[str, dict[str, Any]]:
    where, params = _current()
    rows = "(SELECT x.id FROM entities x WHERE x.identity_id = :entity)"
    return f"WHERE m.entity_id IN {rows} AND " + where, params


def entity_days_sql(entity_id: int) -> Query:
    where, params = _entity_where()
    params["entity"] = entity_id
    sql = (
        "SELECT substr(a.published, 1, 10) AS day, count(DISTINCT a.id) AS articles, "
        "count(m.id) AS mentions " + _MENTIONS + _ARTICLE + where + " GROUP BY day ORDER BY day"
    )
    return sql, params


def entity_speakers_sql(entity_id: int) -> Query:
    """Who names the entity inside their quotes, most quotes first."""
    where, params = _entity_where()
    params.update(entity=entity_id, top=TOP)
    grouped = (
        "SELECT " + SPEAKER_ID.format(s="s") + " AS id, count(DISTINCT q.id) AS n "
        + _MENTIONS + _AROUND + _ARTICLE + "JOIN speakers s ON s.id = q.speaker_id "
        + where + " GROUP BY " + SPEAKER_ID.format(s="s")
    )  # fmt: skip
    return _named_speakers(grouped), params


def _named_speakers(grouped: str) -> str:
    """Speaker ids and counts (``grouped``) with the name of each id's row, top first."""
    return (
        f"SELECT g.id, x.name, g.n FROM ({grouped}) g JOIN speaker_identities x ON x.id = g.id "
        "ORDER BY g.n DESC, x.name LIMIT :top"
    )


def entity_articles_sql(entity_id: int) -> Query:
    """The ``NEWEST`` current articles that mention the entity, newest published first."""
    where, params = _entity_where()
    params.update(entity=entity_id, limit=NEWEST)
    page = (
        "SELECT a.id, a.published " + _MENTIONS + _ARTICLE + where
        + " GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT :limit"
    )  # fmt: skip
    sql = (
        f"WITH page AS MATERIALIZED ({page}) SELECT {HIT_COLUMNS} FROM page "
        "JOIN articles a ON a.id = page.id ORDER BY a.published DESC, a.id DESC"
    )
    return sql, params


def entity_quotes_sql(entity_id: int) -> Query:
    """The ``NEWEST`` quotes around a mention of the entity, in ``sql.QUOTE_ORDER`` with
    the columns of ``sql.quotes_sql`` (the same rows its entity scope gives)."""
    where, params = _entity_where()
    params.update(entity=entity_id, limit=NEWEST)
    page = (
        "SELECT q.id AS qid, a.published, q.article_id, q.char_start "
        + _MENTIONS + _AROUND + _ARTICLE + where
        + " GROUP BY q.id, a.published, q.article_id, q.char_start "
        "ORDER BY a.published DESC, q.article_id, q.char_start, q.id LIMIT :limit"
    )  # fmt: skip
    sql = (
        f"WITH page AS MATERIALIZED ({page}) "
        "SELECT q.id, q.text, q.kind, q.cue, coalesce(s.name, q.speaker_name) AS speaker, "
        "s.organisation, q.confidence, q.char_start, q.char_end, a.id AS article_id, "
        "a.title, a.site, a.url, a.published, " + SPEAKER_ID.format(s="s")
        + " AS speaker_id, s.titles, q.parts "
        "FROM page JOIN quotes q ON q.id = page.qid JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id "
        "ORDER BY a.published DESC, q.article_id, q.char_start, q.id"
    )  # fmt: skip
    return sql, params


# -- outlets ------------------------------------------------------------------------------
# every distinct outlet name, one index seek each (not one row per article)
SITE_SPELLINGS = (
    "WITH RECURSIVE s(v) AS (SELECT (SELECT min(site) FROM articles) UNION ALL "
    "SELECT (SELECT min(site) FROM articles WHERE site > s.v) FROM s WHERE s.v IS NOT NULL) "
    "SELECT v FROM s WHERE v IS NOT NULL"
)
# the outlet's articles: the stored spellings of its name (``:sites``, found through
# ``SITE_SPELLINGS``), or, without one, the web host of the URL
OUTLET_MATCH = (
    "a.id IN (SELECT id FROM articles WHERE site IN (SELECT value FROM json_each(:sites)) "
    "UNION ALL SELECT id FROM articles WHERE site IS NULL AND url_host(url) = :outlet)"
)


def outlet_params(outlet: str, spellings: Sequence[str]) -> dict[str, Any]:
    """``OUTLET_MATCH``'s parameters: the folded name and its stored spellings."""
    return {"outlet": outlet, "sites": json.dumps(list(spellings), ensure_ascii=False)}


def outlet_days_sql(match: dict[str, Any]) -> Query:
    where, params = _current()
    params.update(match)
    sql = (
        "SELECT substr(a.published, 1, 10) AS day, count(*) AS articles, "
        "min(a.published) AS first, max(a.published) AS last FROM articles a WHERE "
        + where + " AND " + OUTLET_MATCH + " GROUP BY day ORDER BY day"
    )  # fmt: skip
    return sql, params


def outlet_speakers_sql(match: dict[str, Any]) -> Query:
    where, params = _current()
    params.update(match, top=TOP)
    grouped = (
        "SELECT " + SPEAKER_ID.format(s="s") + " AS id, count(q.id) AS n FROM articles a "
        "JOIN quotes q ON q.article_id = a.id JOIN speakers s ON s.id = q.speaker_id WHERE "
        + where + " AND " + OUTLET_MATCH + " GROUP BY " + SPEAKER_ID.format(s="s")
    )  # fmt: skip
    return _named_speakers(grouped), params


def outlet_entities_sql(match: dict[str, Any]) -> Query:
    where, params = _current()
    params.update(match, top=TOP)
    sql = (
        "SELECT i.id, i.name, i.label, count(DISTINCT a.id) AS n FROM articles a "
        "JOIN mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id "
        "JOIN entity_identities i ON i.id = e.identity_id WHERE " + where + " AND "
        + OUTLET_MATCH + " GROUP BY i.id, i.name, i.label ORDER BY n DESC, i.name LIMIT :top"
    )  # fmt: skip
    return sql, params


# -- clusters and facets ------------------------------------------------------------------
CLUSTER_SQL = "SELECT id, canonical_id, size, created FROM clusters WHERE id = :id"
CLUSTER_MEMBERS = (
    "SELECT a.id, a.title, a.site, a.url, a.published FROM articles a "
    "WHERE a.cluster_id = :id AND a.superseded_by IS NULL "
    "ORDER BY a.id = :canonical DESC, a.published IS NULL, a.published, a.id"
)
FACET_OUTLETS = 20
FACET_WINDOW = 5000  # facets count the newest this many matching articles


def facets_sql(f: Filters, pg_configs: tuple[str, ...] | None = None) -> tuple[Query, Query, Query]:
    """Counts per outlet (the outlet's name, else the web host; the most first) and per
    publication day over the newest ``FACET_WINDOW`` articles matching ``f`` (newest by
    id: the order the full-text index keeps), and how many matched in that window."""
    cond, params = article_conditions(f)
    if f.text and pg_configs is not None:
        matched = text_match(f, params, pg_configs)[0]
        newest = (
            "SELECT a.id FROM articles a WHERE a.superseded_by IS NULL AND "
            f"{matched} ORDER BY a.id DESC LIMIT :window"
        )
    elif f.text:
        text_match(f, params)
        newest = (
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
            "ORDER BY rowid DESC LIMIT :window"
        )
    else:
        newest = (
            "SELECT id FROM articles WHERE superseded_by IS NULL ORDER BY id DESC LIMIT :window"
        )
    cond.append(f"a.id IN ({newest})")
    params["window"] = FACET_WINDOW
    where = " AND ".join(cond)
    outlets = (
        "SELECT coalesce(a.site, url_host(a.url)) AS k, count(*) AS n FROM articles a "
        f"WHERE {where} GROUP BY k HAVING coalesce(a.site, url_host(a.url)) IS NOT NULL "
        "ORDER BY n DESC, k LIMIT :top"
    )
    days = (
        "SELECT substr(a.published, 1, 10) AS k, count(*) AS n FROM articles a "
        f"WHERE {where} AND a.published IS NOT NULL GROUP BY k ORDER BY k"
    )
    seen = f"SELECT count(*) FROM ({newest}) AS newest"
    return (outlets, {**params, "top": FACET_OUTLETS}), (days, params), (seen, params)
