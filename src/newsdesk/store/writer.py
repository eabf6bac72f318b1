"""The write path: one page and its article into the tables, inside the caller's
transaction. Versions, syndication clusters and analysis rows are kept here."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import brotli  # type: ignore[import-untyped]  # ships no type information
import numpy as np
from sqlalchemy import (
    Connection,
    CursorResult,
    Insert,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from newsdesk.errors import StoreError
from newsdesk.record import Article, Page, Quote
from newsdesk.store import _identity, dedup
from newsdesk.store.schema import (
    articles,
    clusters,
    entities,
    lsh_bands,
    mentions,
    name_words,
    pages,
    quotes,
    sites,
    speakers,
)
from newsdesk.store.search_terms import COPY, article_tags, site_names
from newsdesk.store.search_terms import name_words as words_of

Outcome = Literal["new", "updated", "duplicate"]
PAGE_CODEC = "brotli"  # how raw pages are compressed (``pages.compression``)

_CANDIDATES = text(
    "SELECT DISTINCT a.id, a.minhash FROM lsh_bands b JOIN articles a ON a.id = b.article_id "
    "WHERE b.band_key IN :keys AND a.superseded_by IS NULL AND a.id != :me LIMIT 50"
).bindparams(bindparam("keys", expanding=True))
# Built once: SQLAlchemy then reuses their compiled form (the write path runs per page).


_Stmt = TypeVar("_Stmt", bound=Insert)


def _ignoring(table: Table, *unique: str) -> dict[str, Insert]:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING`` per dialect: a row another process
    stored meanwhile is skipped, never an error (no read-then-write race)."""
    return {
        "sqlite": sqlite_dialect.insert(table).on_conflict_do_nothing(index_elements=unique),
        "postgresql": pg_dialect.insert(table).on_conflict_do_nothing(index_elements=unique),
    }


def _statement(conn: Connection, statements: Mapping[str, _Stmt]) -> _Stmt:
    """The statement of ``statements`` for the connection's dialect."""
    return statements[conn.dialect.name]


# a multi-row INSERT ... RETURNING (in any order: each row names its content hash); a
# page stored by another process since ``stored_pages`` comes back as no row: a duplicate
_INSERT_PAGES = {
    name: stmt.returning(pages.c.content_hash, pages.c.id)
    for name, stmt in _ignoring(pages, "content_hash").items()
}
_KNOWN_PAGES = select(pages.c.content_hash).where(
    pages.c.content_hash.in_(bindparam("hashes", expanding=True))
)
_INSERT_ARTICLE = insert(articles)
_INSERT_BANDS = insert(lsh_bands)
_CURRENT = select(
    articles.c.id, articles.c.version, articles.c.text_hash, articles.c.cluster_id
).where(articles.c.key == bindparam("key"), articles.c.superseded_by.is_(None))
_SAME_TEXT = (
    select(articles.c.id)
    .where(
        articles.c.text_hash == bindparam("digest"),
        articles.c.superseded_by.is_(None),
        articles.c.id != bindparam("me"),
    )
    .order_by(articles.c.id)
    .limit(1)
)
_CANONICAL = text(
    "SELECT id FROM articles WHERE cluster_id = :cluster AND superseded_by IS NULL "
    "ORDER BY published IS NULL, published, id LIMIT 1"
)
_MEMBERS = select(articles.c.id, articles.c.tags).where(
    articles.c.cluster_id == bindparam("cluster"), articles.c.superseded_by.is_(None)
)
_SET_TAGS = update(articles).where(articles.c.id == bindparam("target")).values(tags=bindparam("t"))
_SITE_IDS = select(sites.c.name, sites.c.id).where(
    sites.c.name.in_(bindparam("names", expanding=True))
)
_NAME_WORDS = _ignoring(name_words, "kind", "word")
_INSERT_SITE = {n: s.returning(sites.c.id) for n, s in _ignoring(sites, "name").items()}
_INSERT_NAMED = {t.name: _ignoring(t, "key") for t in (speakers, entities)}
_ID_OF_SITE = select(sites.c.id).where(sites.c.name == bindparam("name"))
_BY_KEY = {  # a speaker's or an entity's row and its identity
    t.name: select(t.c.id, t.c.identity_id).where(t.c.key == bindparam("key"))
    for t in (speakers, entities)
}


@dataclass(slots=True)
class Named:
    """Database ids of an article's speakers (by ``Speaker.id``) and entities (in order)."""

    speakers: dict[str, int]
    entities: list[int]


@dataclass(slots=True)
class SiteIds:
    """Ids of ``sites`` names (they never change once given): ``known`` from committed
    transactions, kept across batches; ``pending`` from the open one, kept only when it
    commits (a rolled-back insert's id may be given again)."""

    known: dict[str, int] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)
    most: int = 100_000  # forget them all past this many (memory stays bounded)

    def get(self, name: str) -> int | None:
        found = self.known.get(name)
        return found if found is not None else self.pending.get(name)

    def committed(self) -> None:
        if len(self.known) + len(self.pending) > self.most:
            self.known.clear()
        self.known.update(self.pending)
        self.pending.clear()

    def rolled_back(self) -> None:
        self.pending.clear()


@dataclass(slots=True)
class Saved:
    """What became of one page: a new article, a new version of one, or nothing new."""

    source: str
    outcome: Outcome
    article_id: int | None = None
    cluster_id: int | None = None


def compress(data: bytes) -> bytes:
    """zlib level 1 (article records: small JSON)."""
    return zlib.compress(data, 1)


def decompress(data: bytes) -> bytes:
    return zlib.decompress(data)


def compress_page(data: bytes) -> bytes:
    """A raw page in ``PAGE_CODEC``: Brotli quality 0 shrinks news pages about 3.5x, as
    much as zlib level 1, in a third of its time (about 0.4 ms for a 170 KB page)."""
    return bytes(brotli.compress(data, quality=0))


def decompress_page(data: bytes, codec: str) -> bytes:
    """A raw page's bytes from its stored ``content`` and ``compression``."""
    if codec == "brotli":
        return bytes(brotli.decompress(data))
    if codec == "zlib":  # pages stored before Brotli
        return zlib.decompress(data)
    raise StoreError(f"a stored page uses an unknown compression {codec!r} (newer newsdesk?)")


def _new_id(result: CursorResult[Any], table: str) -> int:
    """The primary key the INSERT just gave; a ``StoreError`` if the driver reports none."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise StoreError(
            f"the database gave no id to the new row in {table}",
            hint="the driver reported no primary key: a newsdesk bug, please report it",
        )
    return int(key[0])


def stored_pages(conn: Connection, hashes: Iterable[str]) -> set[str]:
    """The content hashes among ``hashes`` that ``pages`` holds already (one query)."""
    wanted = list(set(hashes))
    if not wanted:
        return set()
    return set(conn.execute(_KNOWN_PAGES, {"hashes": wanted}).scalars())


def _page_row(page: Page, content_hash: str, now: str, blob: bytes | None) -> dict[str, object]:
    return {
        "content_hash": content_hash,
        "source": page.source,
        "url": page.url,
        "fetched": page.fetched.isoformat() if page.fetched else None,
        "stored": now,
        "size": len(page.content),
        "compression": PAGE_CODEC,
        "content": blob if blob is not None else compress_page(page.content),
    }


def save_pages(
    conn: Connection, new: Sequence[tuple[Page, str, bytes | None]], now: str
) -> dict[str, int]:
    """Store raw pages (page, its content hash, its content compressed earlier or None),
    distinct, in one statement; their ids by content hash."""
    if not new:
        return {}
    rows = [_page_row(page, digest, now, blob) for page, digest, blob in new]
    found = conn.execute(_statement(conn, _INSERT_PAGES), rows)
    return {digest: int(page_id) for digest, page_id in found}


def save_article(
    conn: Connection, page_id: int, article: Article, now: str, sites: SiteIds | None = None
) -> Saved:
    """Store ``article`` (already extracted from page ``page_id``) as new, as a new version
    of the story with the same key, or not at all when that story's text is unchanged.
    ``sites``: outlet and host ids looked up before (``Store.save`` keeps them)."""
    body = article.text
    tokens = dedup.words(body)
    key = dedup.article_key(article.canonical_url, article.url, article.content_hash)
    digest = dedup.tokens_hash(tokens)
    current = conn.execute(_CURRENT, {"key": key}).first()
    if current is not None and current.text_hash == digest:
        return Saved(article.source, "duplicate", current.id, current.cluster_id)
    sig = dedup.signature(tokens)
    keys = dedup.band_keys(sig) if sig is not None else []
    named = save_names(conn, article)
    row = _article_row(article, body, key, digest, page_id, now)
    row["tags"] = _tags(conn, article, named, sites if sites is not None else SiteIds())
    row["version"] = 1 if current is None else current.version + 1
    row["minhash"] = dedup.signature_bytes(sig) if sig is not None else None
    article_id = _new_id(conn.execute(_INSERT_ARTICLE, row), "articles")
    if current is not None:
        _supersede(conn, current.id, article_id, current.cluster_id)
    cluster_id = _cluster(conn, article_id, digest, (sig, keys), len(tokens), now)
    if keys:
        conn.execute(_INSERT_BANDS, [{"band_key": k, "article_id": article_id} for k in keys])
    save_analysis(conn, article_id, article, body, named)
    return Saved(article.source, "new" if current is None else "updated", article_id, cluster_id)


def _article_row(
    article: Article, body: str, key: str, digest: str, page_id: int, now: str
) -> dict[str, object]:
    record = article.to_dict()
    del record["text"]
    return {
        "key": key,
        "page_id": page_id,
        "content_hash": article.content_hash,
        "text_hash": digest,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "site": article.site,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "body": body,
        "quotes_text": "\n".join(quote_text(body, q.parts) for q in article.quotes),
        "record": compress(json.dumps(record, ensure_ascii=False).encode("utf-8")),
        "stored": now,
    }


def _site_ids(conn: Connection, names: list[str], cache: SiteIds) -> list[int]:
    """Ids of outlet names and hosts in ``sites``, added when new."""
    missing = [name for name in names if cache.get(name) is None]
    if missing:
        for row in conn.execute(_SITE_IDS, {"names": missing}):
            cache.pending[row.name] = int(row.id)
        for name in missing:
            if cache.get(name) is None:
                new = conn.execute(_statement(conn, _INSERT_SITE), {"name": name}).scalar()
                if new is None:  # another process added it since the lookup
                    new = conn.execute(_ID_OF_SITE, {"name": name}).scalar_one()
                cache.pending[name] = int(new)
    return [int(cache.get(name) or 0) for name in names]


def _tags(conn: Connection, article: Article, named: Named, cache: SiteIds) -> str:
    """The article's filter terms: outlet and host, date, language, quoted speakers and
    mentioned entities (as the search filters read them from quotes and mentions)."""
    site_ids = _site_ids(conn, site_names(article.site, article.url), cache)
    names = {sp.id: sp.name for sp in article.speakers if sp.name}
    quoted = [
        names[q.speaker.id]
        for q in article.quotes
        if q.parts and q.speaker and q.speaker.id in named.speakers
    ]
    mentioned = [ent.name for ent in article.entities if ent.mentions]
    return article_tags(site_ids, article.published, article.language, quoted, mentioned)


def quote_text(body: str, parts: list[tuple[int, int]]) -> str:
    return " … ".join(body[start:end] for start, end in parts)


def _supersede(conn: Connection, old_id: int, new_id: int, cluster_id: int | None) -> None:
    conn.execute(update(articles).where(articles.c.id == old_id).values(superseded_by=new_id))
    conn.execute(lsh_bands.delete().where(lsh_bands.c.article_id == old_id))
    if cluster_id is not None:
        _refresh_cluster(conn, cluster_id)


def _cluster(
    conn: Connection,
    article_id: int,
    digest: str,
    lsh: tuple[np.ndarray | None, list[int]],
    n_words: int,
    now: str,
) -> int | None:
    """Put the article in the cluster of an exact (same text) or near (MinHash) copy;
    ``lsh``: its signature and band keys."""
    if n_words < dedup.MIN_WORDS:
        return None
    sig, keys = lsh
    other = conn.execute(_SAME_TEXT, {"digest": digest, "me": article_id}).scalar()
    if other is None and sig is not None and keys:
        candidates = conn.execute(_CANDIDATES, {"keys": keys, "me": article_id}).all()
        other = dedup.best_match(sig, ((c.id, c.minhash) for c in candidates))
    if other is None:
        return None
    # locked (PostgreSQL) so that two processes never give ``other`` two clusters
    cluster_id = conn.execute(
        select(articles.c.cluster_id).where(articles.c.id == other).with_for_update()
    ).scalar()
    if cluster_id is None:
        cluster_id = _new_id(
            conn.execute(insert(clusters).values(canonical_id=other, size=1, created=now)),
            "clusters",
        )
        conn.execute(update(articles).where(articles.c.id == other).values(cluster_id=cluster_id))
    conn.execute(update(articles).where(articles.c.id == article_id).values(cluster_id=cluster_id))
    _refresh_cluster(conn, int(cluster_id))
    return int(cluster_id)


def _refresh_cluster(conn: Connection, cluster_id: int) -> None:
    """Recount the current members and pick the canonical copy: earliest published, else
    first stored."""
    size = conn.execute(
        select(func.count())
        .select_from(articles)
        .where(articles.c.cluster_id == cluster_id, articles.c.superseded_by.is_(None))
    ).scalar()
    canonical = conn.execute(_CANONICAL, {"cluster": cluster_id}).scalar()
    values: dict[str, object] = {"size": size or 0}
    if canonical is not None:
        values["canonical_id"] = canonical
    conn.execute(update(clusters).where(clusters.c.id == cluster_id).values(values))
    _mark_copies(conn, cluster_id, canonical)


def _mark_copies(conn: Connection, cluster_id: int, canonical: int | None) -> None:
    """Every current member but the canonical copy carries the ``0copy`` search term
    (searches leave copies out unless asked); only changed rows are re-indexed."""
    changed = []
    for member in conn.execute(_MEMBERS, {"cluster": cluster_id}):
        terms = [t for t in member.tags.split() if t != COPY]
        if member.id != canonical:
            terms.append(COPY)
        tags = " ".join(terms)
        if tags != member.tags:
            changed.append({"target": member.id, "t": tags})
    if changed:
        conn.execute(_SET_TAGS, changed)


def _fold(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _upsert_named(
    conn: Connection, table: Table, key: str, row: Mapping[str, object]
) -> tuple[int, int | None]:
    """The id of the speaker or entity with ``key``, created (with its name's words in
    ``name_words``) when new; and its identity (None: a new row, still without one).
    ``ON CONFLICT DO NOTHING``: a row another process adds meanwhile is read, not an error."""
    found = conn.execute(_BY_KEY[table.name], {"key": key}).first()
    if found is None:
        adding = _statement(conn, _INSERT_NAMED[table.name]).values(key=key, **row)
        new = conn.execute(adding.returning(table.c.id)).scalar()
        if new is not None:
            kind = "p" if table is speakers else "e"
            words = sorted(set(words_of(str(row["name"]))))
            if words:
                rows = [{"kind": kind, "word": w} for w in words]
                conn.execute(_statement(conn, _NAME_WORDS), rows)
            return int(new), None
        found = conn.execute(_BY_KEY[table.name], {"key": key}).one()  # added meanwhile
    return int(found.id), None if found.identity_id is None else int(found.identity_id)


def save_names(conn: Connection, article: Article) -> Named:
    """Upsert the article's speakers (one row per name + organisation) and entities; new
    rows join their identities across articles (``_identity`` states the rule)."""
    speaker_ids: dict[str, int] = {}
    seen: dict[int, set[tuple[str, str]]] = {}
    for sp in article.speakers:
        if not sp.name:
            continue
        org = sp.organisations[0] if sp.organisations else None
        row = {
            "name": sp.name,
            "organisation": org,
            "kind": sp.kind,
            "titles": json.dumps(sp.titles, ensure_ascii=False),
        }
        key = f"{_fold(sp.name)}|{_fold(org)}"
        row_id, identity = _upsert_named(conn, speakers, key, row)
        if identity is None:
            identity = _identity.assign_speaker(conn, row_id, sp)
        seen.setdefault(identity, set()).update(_identity.speaker_variants_of(article, sp))
        speaker_ids[sp.id] = row_id
    _identity.record_variants(conn, seen)
    entity_ids = []
    for ent in article.entities:
        key = f"{ent.label}|{_fold(ent.name)}"
        row_id, identity = _upsert_named(
            conn, entities, key, {"name": ent.name, "label": ent.label}
        )
        if identity is None:
            _identity.assign_entity(conn, row_id, ent.name, ent.label)
        entity_ids.append(row_id)
    return Named(speaker_ids, entity_ids)


def save_analysis(
    conn: Connection, article_id: int, article: Article, body: str, named: Named
) -> None:
    """Quotes and the mentions of speakers and entities (ids from ``save_names``)."""
    mention_rows: list[dict[str, object]] = []
    for sp in article.speakers:
        if sp.name and sp.id in named.speakers:
            mention_rows += [
                _mention(article_id, None, named.speakers[sp.id], s, e) for s, e in sp.mentions
            ]
    quote_rows = [
        _quote_row(article_id, q, body, named.speakers) for q in article.quotes if q.parts
    ]
    if quote_rows:
        conn.execute(insert(quotes), quote_rows)
    for ent, entity_id in zip(article.entities, named.entities, strict=True):
        mention_rows += [_mention(article_id, entity_id, None, s, e) for s, e in ent.mentions]
    if mention_rows:
        conn.execute(insert(mentions), mention_rows)


def _mention(
    article_id: int, entity_id: int | None, speaker_id: int | None, start: int, end: int
) -> dict[str, object]:
    return {
        "article_id": article_id,
        "entity_id": entity_id,
        "speaker_id": speaker_id,
        "char_start": start,
        "char_end": end,
    }


def _quote_row(
    article_id: int, q: Quote, body: str, speaker_ids: dict[str, int]
) -> dict[str, object]:
    sp = q.speaker
    parts = q.parts
    return {
        "article_id": article_id,
        "speaker_id": speaker_ids.get(sp.id) if sp and sp.id else None,
        "kind": q.kind,
        "text": quote_text(body, parts),
        "parts": json.dumps([list(p) for p in parts]),
        "cue": q.cue.text if q.cue else None,
        "speaker_name": sp.name if sp else None,
        "confidence": sp.confidence if sp else None,
        "char_start": min(s for s, _ in parts),
        "char_end": max(e for _, e in parts),
    }
