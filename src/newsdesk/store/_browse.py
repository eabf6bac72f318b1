"""Browsing queries run on one connection, their rows turned into the typed records of
``_records`` (the SQL is in ``_browse_sql`` and ``sql``)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from newsdesk.errors import StoreError
from newsdesk.record import Article
from newsdesk.store import _browse_sql as bsql
from newsdesk.store import _cursor
from newsdesk.store._records import (
    ArticleEntity,
    ArticleHit,
    ArticleQuote,
    ArticleRecord,
    ArticleSpeaker,
    Bucket,
    ClusterMember,
    ClusterRecord,
    EntityProfile,
    Facets,
    NamedCount,
    OutletProfile,
    Paged,
    QuoteRow,
    Span,
    SpeakerProfile,
)
from newsdesk.store.search_terms import fold_name
from newsdesk.store.sql import QUOTE_ORDER, Filters, Query, QuoteScope, quotes_sql
from newsdesk.store.writer import decompress

Row = Mapping[str, Any]


def rows(conn: Connection, query: Query) -> list[Row]:
    return [dict(row._mapping) for row in conn.execute(text(query[0]), query[1])]


def hit(row: Row) -> ArticleHit:
    return ArticleHit(
        id=row["id"], title=row["title"], site=row["site"], url=row["url"],
        published=row["published"], language=row["language"], copies=row["copies"],
        snippet=row.get("snippet"), score=row.get("score"),
    )  # fmt: skip


def _spans(value: str | None) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in json.loads(value or "[]"))


def _strings(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in json.loads(value or "[]") if isinstance(v, str) and v)


def quote_row(row: Row) -> QuoteRow:
    return QuoteRow(
        id=row["id"], text=row["text"], kind=row["kind"], cue=row["cue"],
        speaker=row["speaker"], organisation=row["organisation"],
        confidence=row["confidence"], char_start=row["char_start"], char_end=row["char_end"],
        article_id=row["article_id"], title=row["title"], site=row["site"], url=row["url"],
        published=row["published"], speaker_id=row["speaker_id"],
        titles=_strings(row["titles"]), parts=_spans(row["parts"]),
    )  # fmt: skip


def paged_quotes(conn: Connection, f: Filters, scope: QuoteScope) -> Paged[QuoteRow]:
    """One page of quotes (``f.limit`` of them) after ``scope.after``."""
    found = [quote_row(r) for r in rows(conn, quotes_sql(f, scope))]
    limit = f.limit or len(found)
    if len(found) <= limit:
        return Paged(tuple(found))
    last = found[limit - 1]
    values = [getattr(last, _QUOTE_FIELDS[expr]) for expr, _ in QUOTE_ORDER]
    return Paged(tuple(found[:limit]), _cursor.encode(values))


_QUOTE_FIELDS = {"a.published": "published", "q.article_id": "article_id",
                 "q.char_start": "char_start", "q.id": "id"}  # fmt: skip
QUOTE_CURSOR = (str, int, int, int)
ARTICLE_CURSOR = (str, int)
SEARCH_CURSOR = (float, int)


def paged_articles(
    conn: Connection, f: Filters, after: Sequence[_cursor.Key] | None, extra: Query | None = None
) -> Paged[ArticleHit]:
    found = [
        hit(r) for r in rows(conn, bsql.article_list_sql(f, after, extra, _pg_configs(conn, f)))
    ]
    limit = f.limit or 20
    if len(found) <= limit:
        return Paged(tuple(found))
    last = found[limit - 1]
    return Paged(tuple(found[:limit]), _cursor.encode([last.published, last.id]))


# -- one article --------------------------------------------------------------------------
def speaker_key(name: str, organisation: str | None) -> str:
    """The ``speakers.key`` the writer gives a name and organisation."""
    return f"{fold_name(name)}|{fold_name(organisation or '')}"


def article_record(conn: Connection, article_id: int) -> ArticleRecord | None:
    head = conn.execute(text(bsql.ARTICLE_SQL), {"id": article_id}).first()
    if head is None:
        return None
    row = head._mapping
    article = _stored_article(conn, article_id, row["record"])
    named = [s for s in article.speakers if s.name]
    speaker_keys = {
        s.id: speaker_key(s.name or "", s.organisations[0] if s.organisations else None)
        for s in named
    }
    entity_keys = [f"{e.label}|{fold_name(e.name)}" for e in article.entities]
    speaker_ids = _ids_by_key(conn, bsql.SPEAKER_IDS_BY_KEY, speaker_keys.values())
    entity_ids = _ids_by_key(conn, bsql.ENTITY_IDS_BY_KEY, entity_keys)
    by_id = {s.id: speaker_ids.get(k) for s, k in zip(named, speaker_keys.values(), strict=True)}
    quote_ids = list(conn.execute(text(bsql.ARTICLE_QUOTE_IDS), {"id": article_id}).scalars())
    return ArticleRecord(
        id=row["id"], key=row["key"], version=row["version"],
        superseded_by=row["superseded_by"], cluster_id=row["cluster_id"],
        canonical=row["cluster_id"] is None or row["canonical_id"] == row["id"],
        copies=row["copies"], stored=row["stored"], article=article,
        quotes=_article_quotes(article, quote_ids, by_id),
        speakers=tuple(
            ArticleSpeaker(by_id.get(s.id), s.name, s.kind, tuple(s.titles),
                           tuple(s.organisations), tuple(s.mentions))
            for s in article.speakers
        ),
        entities=tuple(
            ArticleEntity(entity_ids.get(k), e.name, e.label, tuple(e.mentions))
            for e, k in zip(article.entities, entity_keys, strict=True)
        ),
    )  # fmt: skip


def _stored_article(conn: Connection, article_id: int, record: bytes) -> Article:
    """The ``Article`` stored for ``article_id``; a record that cannot be read (not zlib,
    not JSON, not an article's fields) is a ``StoreError`` naming the file and the id."""
    try:
        return Article.from_dict(json.loads(decompress(record)))
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        url = conn.engine.url
        where = url.database or "the store"
        if url.get_backend_name() == "postgresql":  # the URL as given, password masked
            where = url.set(drivername="postgresql").render_as_string(hide_password=True)
        why = f"{type(exc).__name__}: {exc}"
        raise StoreError(
            f"{where}: database error: the stored record of article {article_id} cannot be "
            f"read ({why})",
            hint="the database is damaged or was written by another program: ingest the "
            "page again into a fresh database",
        ) from exc


def _ids_by_key(conn: Connection, sql: str, keys: Iterable[str]) -> dict[str, int]:
    wanted = list(keys)
    if not wanted:
        return {}
    found = conn.execute(text(sql), bsql.keys_param(wanted))
    return {str(key): int(found_id) for key, found_id in found}


def _article_quotes(
    article: Article, quote_ids: list[int], speaker_ids: Mapping[str, int | None]
) -> tuple[ArticleQuote, ...]:
    """The article's quotes with their store ids (stored in order, those with parts)."""
    speakers = {s.id: s for s in article.speakers}
    stored = [q for q in article.quotes if q.parts]
    ids: list[int | None] = list(quote_ids) if len(quote_ids) == len(stored) else []
    body = article.text
    out = []
    for i, q in enumerate(stored):
        sp = q.speaker
        known = speakers.get(sp.id) if sp and sp.id else None
        out.append(
            ArticleQuote(
                id=ids[i] if ids else None,
                text=" … ".join(body[s:e] for s, e in q.parts),
                kind=q.kind,
                parts=tuple(q.parts),
                cue=q.cue.text if q.cue else None,
                cue_span=q.cue.span if q.cue else None,
                speaker=sp.name if sp else None,
                speaker_id=speaker_ids.get(sp.id) if sp and sp.id else None,
                mention=sp.mention if sp else None,
                confidence=round(sp.confidence, 3) if sp else None,
                titles=tuple(known.titles) if known else (),
                organisations=tuple(known.organisations) if known else (),
            )
        )
    return tuple(out)


# -- counts per day and week --------------------------------------------------------------
def buckets(counts: Iterable[tuple[str | None, int]]) -> tuple[tuple[Bucket, ...], ...]:
    """Counts per day (dates known to the day only) and per ISO week, oldest first."""
    days: dict[str, int] = {}
    weeks: dict[str, int] = {}
    for day, count in counts:
        try:
            when = date.fromisoformat(day or "")
        except ValueError:
            continue
        days[when.isoformat()] = days.get(when.isoformat(), 0) + count
        year, week, _ = when.isocalendar()
        key = f"{year:04d}-W{week:02d}"
        weeks[key] = weeks.get(key, 0) + count
    return (
        tuple(Bucket(k, n) for k, n in sorted(days.items())),
        tuple(Bucket(k, n) for k, n in sorted(weeks.items())),
    )


def _named(found: Iterable[Row]) -> tuple[NamedCount, ...]:
    return tuple(NamedCount(int(r["id"]), r["name"], r.get("label"), int(r["n"])) for r in found)


# -- profiles -----------------------------------------------------------------------------
def speaker_profile(conn: Connection, speaker_id: int) -> SpeakerProfile | None:
    """The speaker identity of ``speakers`` row ``speaker_id`` (its id, or any of its
    rows' ids: links made before identities stay valid), or None."""
    head = conn.execute(text(bsql.SPEAKER_IDENTITY), {"id": speaker_id}).first()
    if head is None:
        return None
    group = rows(conn, (bsql.SPEAKER_ROWS, {"identity": head.id}))
    seen = conn.execute(text(bsql.SPEAKER_VARIANTS), {"identity": head.id}).all()
    ids = tuple(int(r["id"]) for r in group)
    days = rows(conn, bsql.speaker_days_sql(ids))
    per_day, per_week = buckets((r["day"], int(r["quotes"])) for r in days)
    dated = [r for r in days if r["first"]]
    quotes = paged_quotes(conn, Filters(limit=bsql.NEWEST), QuoteScope(speaker_rows=ids))
    titles = [t for r in group for t in _strings(r["titles"])]
    organisations = [r["organisation"] for r in group if r["organisation"]]

    def variants(field: str) -> list[str]:
        return [str(value) for kind, value in seen if kind == field]

    return SpeakerProfile(
        id=head.id, name=head.name,
        names=_unique([head.name, *(r["name"] for r in group), *variants("name")]),
        kind=head.kind, titles=_unique([*titles, *variants("title")]),
        organisations=_unique([*organisations, *variants("organisation")]),
        quote_count=sum(int(r["quotes"]) for r in days),
        article_count=sum(int(r["articles"]) for r in days),
        first_seen=min((r["first"] for r in dated), default=None),
        last_seen=max((r["last"] for r in dated), default=None),
        per_day=per_day, per_week=per_week, quotes=quotes.items,
        entities=_named(rows(conn, bsql.speaker_entities_sql(ids))),
    )  # fmt: skip


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def entity_profile(conn: Connection, entity_id: int) -> EntityProfile | None:
    """The entity identity of ``entities`` row ``entity_id`` (its id, or any of its rows'
    ids), with every spelling stored for it, or None."""
    head = conn.execute(text(bsql.ENTITY_SQL), {"id": entity_id}).first()
    if head is None:
        return None
    ident = int(head.id)
    names = conn.execute(text(bsql.ENTITY_NAMES), {"entity": ident}).scalars()
    days = rows(conn, bsql.entity_days_sql(ident))
    per_day, per_week = buckets((r["day"], int(r["articles"])) for r in days)
    return EntityProfile(
        id=ident, name=head.name, label=head.label,
        article_count=sum(int(r["articles"]) for r in days),
        mention_count=sum(int(r["mentions"]) for r in days),
        per_day=per_day, per_week=per_week,
        speakers=_named(rows(conn, bsql.entity_speakers_sql(ident))),
        quotes=tuple(quote_row(r) for r in rows(conn, bsql.entity_quotes_sql(ident))),
        articles=tuple(hit(r) for r in rows(conn, bsql.entity_articles_sql(ident))),
        names=_unique([head.name, *names]),
    )  # fmt: skip


def outlet_profile(conn: Connection, name: str) -> OutletProfile | None:
    outlet = fold_name(name)
    # the spellings ``fold`` (the SQL function: casefold) turns into the name asked for
    spellings = [s for s in conn.execute(text(bsql.SITE_SPELLINGS)).scalars()
                 if s.casefold() == outlet]  # fmt: skip
    match = bsql.outlet_params(outlet, spellings)
    days = rows(conn, bsql.outlet_days_sql(match))
    if not days:
        return None
    per_day, per_week = buckets((r["day"], int(r["articles"])) for r in days)
    dated = [r for r in days if r["first"]]
    articles = paged_articles(conn, Filters(limit=bsql.NEWEST), None, (bsql.OUTLET_MATCH, match))
    return OutletProfile(
        name=name, article_count=sum(int(r["articles"]) for r in days),
        first_published=min((r["first"] for r in dated), default=None),
        last_published=max((r["last"] for r in dated), default=None),
        per_day=per_day, per_week=per_week,
        speakers=_named(rows(conn, bsql.outlet_speakers_sql(match))),
        entities=_named(rows(conn, bsql.outlet_entities_sql(match))),
        articles=articles.items,
    )  # fmt: skip


def cluster_record(conn: Connection, cluster_id: int) -> ClusterRecord | None:
    head = conn.execute(text(bsql.CLUSTER_SQL), {"id": cluster_id}).first()
    if head is None:
        return None
    params = {"id": cluster_id, "canonical": head.canonical_id}
    members = tuple(
        ClusterMember(r["id"], r["title"], r["site"], r["url"], r["published"],
                      r["id"] == head.canonical_id)
        for r in rows(conn, (bsql.CLUSTER_MEMBERS, params))
    )  # fmt: skip
    return ClusterRecord(head.id, head.canonical_id, head.size, head.created, members)


def _pg_configs(conn: Connection, f: Filters, with_language: bool = True) -> tuple[str, ...] | None:
    """On PostgreSQL with a search text, the text-search configurations to read it in."""
    if conn.dialect.name != "postgresql" or not f.text:
        return None
    from newsdesk.store.search_pg import configs

    return configs(conn, f.language if with_language else None)


def facets(conn: Connection, f: Filters) -> Facets:
    outlets, days, seen = bsql.facets_sql(f, _pg_configs(conn, f, with_language=False))
    read = int(conn.execute(text(seen[0]), seen[1]).scalar() or 0)
    return Facets(
        outlets=tuple(Bucket(str(r["k"]), int(r["n"])) for r in rows(conn, outlets)),
        days=tuple(Bucket(str(r["k"]), int(r["n"])) for r in rows(conn, days)),
        complete=read < bsql.FACET_WINDOW,
    )
