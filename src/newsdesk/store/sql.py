"""SQL built by pure functions: each returns ``(sql, params)`` and runs nothing, so every
query can be read and tested alone. User text only ever travels as bound parameters.

Full-text search is in ``search_sql`` (SQLite's FTS5) and ``search_pg`` (PostgreSQL's
``tsvector``); on PostgreSQL every statement passes through ``_pg_sql.to_postgresql``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store import _cursor
from newsdesk.store._query_text import check_filter, check_text, fts_terms, iso_date

Query = tuple[str, dict[str, Any]]

MAX_WORDS = 20  # words of a quote text filter


@dataclass(frozen=True, slots=True)
class Filters:
    """What to look for. Every field is optional; names and sites match case-insensitively
    as substrings; dates are ISO (``2026``, ``2026-05`` or ``2026-05-20``), both ends kept."""

    text: str | None = None
    speaker: str | None = None
    entity: str | None = None
    about: str | None = None  # quotes: an entity named inside the quote
    site: str | None = None
    since: str | None = None
    until: str | None = None
    language: str | None = None
    label: str | None = None  # entities: spaCy label
    limit: int | None = 20
    all_copies: bool = False  # include syndicated copies, not only each cluster's canonical

    def __post_init__(self) -> None:
        """Refuse what no query should run with: an impossible date, a filter or text
        past the limits of ``_query_text`` (``StoreError`` naming the value)."""
        if self.text is not None:
            check_text(self.text)
        for name in ("speaker", "entity", "about", "site", "language", "label"):
            check_filter(name, getattr(self, name))
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                iso_date(value, name)


def fts_query(text: str) -> str:
    """User words to a safe FTS5 query: the ``fts_terms``, all required."""
    return " ".join(fts_terms(text))


def contains(column: str, param: str, value: str) -> str:
    """``column`` holds ``value``, any case: SQLite's LIKE ignores ASCII case natively and
    fast; other scripts need the ``fold`` function (Unicode case folding, slower)."""
    if value.isascii():
        return f"{column} LIKE :{param} ESCAPE '\\'"
    return f"fold({column}) LIKE :{param} ESCAPE '\\'"


def site_condition(alias: str, value: str) -> str:
    """``--site``: the outlet name or the web host of the URL (``url_host``, without
    "www.") holds ``value`` (the ``:site`` parameter); a URL's path or query never counts."""
    return (
        f"({contains(alias + '.site', 'site', value)} OR "
        f"{contains(f'url_host({alias}.url)', 'site', value)})"
    )


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def _date(value: str, name: str) -> str:
    return iso_date(value, name)


def article_conditions(f: Filters, alias: str = "a") -> tuple[list[str], dict[str, Any]]:
    """WHERE conditions shared by search, quotes and export: current versions, filters."""
    cond = [f"{alias}.superseded_by IS NULL"]
    params: dict[str, Any] = {}
    if not f.all_copies:
        cond.append(
            f"({alias}.cluster_id IS NULL OR {alias}.id = "
            f"(SELECT c.canonical_id FROM clusters c WHERE c.id = {alias}.cluster_id))"
        )
    if f.speaker:
        cond.append(
            f"{alias}.id IN (SELECT q.article_id FROM quotes q JOIN speakers s "
            "ON s.id = q.speaker_id WHERE " + contains("s.name", "speaker", f.speaker) + ")"
        )
        params["speaker"] = _like(f.speaker)
    if f.entity:
        cond.append(
            f"{alias}.id IN (SELECT m.article_id FROM mentions m JOIN entities e "
            "ON e.id = m.entity_id WHERE " + _same_entity("e", f.entity) + ")"
        )
        params["entity"] = _like(f.entity)
    if f.site:
        cond.append(site_condition(alias, f.site))
        params["site"] = _like(f.site)
    if f.since:
        cond.append(f"{alias}.published >= :since")
        params["since"] = _date(f.since, "since")
    if f.until:
        # "2026-05" must keep every date-time of May: compare against the next prefix.
        cond.append(f"substr({alias}.published, 1, :until_len) <= :until")
        params["until"] = _date(f.until, "until")
        params["until_len"] = len(params["until"])
    if f.language:
        cond.append(f"{alias}.language = :language")
        params["language"] = f.language.strip().lower()
    return cond, params


def _same_entity(alias: str, value: str, param: str = "entity") -> str:
    """The entities row ``alias`` belongs to an entity identity one of whose spellings
    holds ``value`` (``--entity "United States"`` finds the articles that say "U.S.")."""
    spelt = contains("x.name", param, value)
    return f"{alias}.identity_id IN (SELECT x.identity_id FROM entities x WHERE {spelt})"


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise StoreError(f"a limit of {limit} rows asks for nothing (give 1 or more)")


def _limit(f: Filters, params: dict[str, Any], extra: int = 0) -> str:
    """`` LIMIT :limit`` for ``f.limit`` (plus ``extra`` rows: one more tells whether a
    next page exists); empty when there is no limit."""
    if f.limit is None:
        return ""
    check_limit(f.limit)
    params["limit"] = f.limit + extra
    return " LIMIT :limit"


# The speaker id of a ``speakers`` row ``s``: its identity across articles (the id of the
# identity's first row, see ``_identity``).
SPEAKER_ID = "{s}.identity_id"
QUOTE_ORDER = (("a.published", True), ("q.article_id", False), ("q.char_start", False),
               ("q.id", False))  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuoteScope:
    """Quotes of one speaker (the ``speakers`` rows of its identity) or naming one entity
    (an entity identity: any of its rows),
    after a cursor's sort key (``QUOTE_ORDER``)."""

    speaker_rows: tuple[int, ...] | None = None
    entity_id: int | None = None
    after: tuple[Any, ...] | None = None


def _quote_filters(f: Filters, cond: list[str], params: dict[str, Any]) -> None:
    if f.speaker:
        cond.append(contains("coalesce(s.name, q.speaker_name)", "speaker", f.speaker))
        params["speaker"] = _like(f.speaker)
    if f.about:
        cond.append(
            f"({contains('q.text', 'about', f.about)} OR EXISTS (SELECT 1 FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = q.article_id "
            "AND m.char_start >= q.char_start AND m.char_end <= q.char_end "
            "AND " + _same_entity("e", f.about, "about") + "))"
        )
        params["about"] = _like(f.about)
    for i, word in enumerate((f.text or "").split()[:MAX_WORDS]):
        cond.append(contains("q.text", f"w{i}", word))
        params[f"w{i}"] = _like(word)


def _quote_scope(scope: QuoteScope, cond: list[str], params: dict[str, Any]) -> None:
    if scope.speaker_rows is not None:
        cond.append("q.speaker_id IN (SELECT CAST(value AS INTEGER) FROM json_each(:rows))")
        params["rows"] = json.dumps(list(scope.speaker_rows))
    if scope.entity_id is not None:
        cond.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id "
            "AND m.entity_id IN (SELECT e.id FROM entities e WHERE e.identity_id = :entity_id) "
            "AND m.char_start >= q.char_start "
            "AND m.char_end <= q.char_end)"
        )
        params["entity_id"] = scope.entity_id
    if scope.after is not None:
        cond.append(_cursor.after(QUOTE_ORDER, scope.after, params))


def quotes_sql(f: Filters, scope: QuoteScope | None = None) -> Query:
    """Quotes, newest first, with their speaker and article; ``about`` keeps the quotes that
    name an entity (a mention inside the quote, or the name in its text); ``text`` the
    quotes holding every word. One row beyond ``f.limit`` when a cursor is wanted.

    Two steps: the page's quote ids in order (a speaker's through the covering indexes of
    migration 0003, without reading a quote or article row), then their columns."""
    cond, params = article_conditions(Filters(**{**_fields(f), "speaker": None}))
    _quote_filters(f, cond, params)
    hints = ("", "")
    if scope is not None:
        _quote_scope(scope, cond, params)
        if scope.speaker_rows is not None:
            hints = (" INDEXED BY ix_quotes_speaker_article", " INDEXED BY ix_articles_browse")
    speaker = " LEFT JOIN speakers s ON s.id = q.speaker_id" if f.speaker else ""
    page = (
        f"SELECT q.id AS qid FROM quotes q{hints[0]} JOIN articles a{hints[1]} "
        f"ON a.id = q.article_id{speaker} WHERE "
        + " AND ".join(cond)
        + " ORDER BY a.published DESC, q.article_id, q.char_start, q.id"
        + _limit(f, params, 1 if scope is not None else 0)
    )
    sql = (
        f"WITH page AS MATERIALIZED ({page}) "
        "SELECT q.id, q.text, q.kind, q.cue, coalesce(s.name, q.speaker_name) AS speaker, "
        "s.organisation, q.confidence, q.char_start, q.char_end, a.id AS article_id, "
        "a.title, a.site, a.url, a.published, "
        + SPEAKER_ID.format(s="s")
        + " AS speaker_id, s.titles, q.parts "
        "FROM page JOIN quotes q ON q.id = page.qid JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id "
        "ORDER BY a.published DESC, q.article_id, q.char_start, q.id"
    )
    return sql, params


def speakers_sql(f: Filters) -> Query:
    """Speakers (one per identity, see ``_identity``) by number of quotes, with their
    organisations and first/last dates seen."""
    cond, params = article_conditions(Filters(**{**_fields(f), "speaker": None}))
    where = " AND ".join(cond)
    if f.speaker:
        where += " AND " + contains("s.name", "speaker", f.speaker)
        params["speaker"] = _like(f.speaker)
    grouped = (
        "SELECT s.identity_id AS id, json_group_array(DISTINCT s.organisation) AS organisations, "
        "count(q.id) AS quotes, count(DISTINCT q.article_id) AS articles, "
        "min(coalesce(a.published, a.stored)) AS first_seen, "
        "max(coalesce(a.published, a.stored)) AS last_seen "
        "FROM speakers s JOIN quotes q ON q.speaker_id = s.id "
        "JOIN articles a ON a.id = q.article_id WHERE " + where + " GROUP BY s.identity_id"
    )
    sql = (
        "SELECT g.id, x.name, x.kind, g.organisations, g.quotes, g.articles, g.first_seen, "
        f"g.last_seen FROM ({grouped}) g JOIN speaker_identities x ON x.id = g.id "
        "ORDER BY g.quotes DESC, x.name, g.id"
    )
    return sql + _limit(f, params), params


def entities_sql(f: Filters) -> Query:
    """Entities (one per identity: "U.S." and "United States" are one) by number of
    articles that mention them; ``entity`` matches any of their spellings."""
    cond, params = article_conditions(Filters(**{**_fields(f), "entity": None}))
    where = " AND ".join(cond)
    if f.label:
        where += " AND i.label = :label"
        params["label"] = f.label.strip().upper()
    if f.entity:
        where += (
            " AND e.identity_id IN (SELECT x.identity_id FROM entities x WHERE "
            + contains("x.name", "entity", f.entity)
            + ")"
        )
        params["entity"] = _like(f.entity)
    sql = (
        "SELECT i.id, i.name, i.label, count(DISTINCT m.article_id) AS articles, "
        "count(m.id) AS mentions FROM entities e JOIN mentions m ON m.entity_id = e.id "
        "JOIN entity_identities i ON i.id = e.identity_id "
        "JOIN articles a ON a.id = m.article_id WHERE "
        + where
        + " GROUP BY i.id, i.name, i.label ORDER BY articles DESC, mentions DESC, i.name"
    )
    return sql + _limit(f, params), params


def export_sql(
    f: Filters, after_id: int, chunk: int, pg_configs: tuple[str, ...] | None = None
) -> Query:
    """One chunk of articles for export, by id after ``after_id`` (keyset paging: constant
    cost per chunk whatever the size of the store). ``f.text`` filters with FTS5, or on
    PostgreSQL (``pg_configs``: its text-search configurations, ``search_pg.configs``)
    with the ``tsvector`` index."""
    cond, params = article_conditions(f)
    params.update(after=after_id, chunk=chunk)
    cond.append("a.id > :after")
    if f.text and pg_configs is not None:
        from newsdesk.store.search_pg import text_condition

        cond.append(text_condition(f.text, pg_configs, params))
    elif f.text:
        cond.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)")
        params["q"] = fts_query(f.text)
    sql = (
        "SELECT a.id, a.key, a.version, a.cluster_id, a.stored, a.record, "
        "(SELECT c.canonical_id FROM clusters c WHERE c.id = a.cluster_id) AS canonical_id "
        "FROM articles a WHERE " + " AND ".join(cond) + " ORDER BY a.id LIMIT :chunk"
    )
    return sql, params


def _fields(f: Filters) -> dict[str, Any]:
    return {name: getattr(f, name) for name in Filters.__slots__}
