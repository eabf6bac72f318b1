"""``Store``: the one interface to the database. Every method runs its own transaction and
turns database failures into ``StoreError`` naming the file; writes are whole batches."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from newsdesk.errors import StoreError
from newsdesk.record import Article, Page
from newsdesk.store import (
    _browse,
    _cursor,
    migrate,
    postgres,
    search_pg,
    search_rank,
    search_sql,
    sql,
)
from newsdesk.store._probe import check_database
from newsdesk.store._records import (
    ArticleHit,
    ArticleRecord,
    ClusterRecord,
    EntityProfile,
    EntityRow,
    Facets,
    OutletProfile,
    Paged,
    QuoteRow,
    SpeakerProfile,
    SpeakerRow,
    StoredArticle,
)
from newsdesk.store.schema import metadata, pages
from newsdesk.store.sqlite import BUSY_TIMEOUT_MS, sqlite_engine, store_error
from newsdesk.store.writer import (
    Saved,
    SiteIds,
    decompress,
    decompress_page,
    save_article,
    save_pages,
    stored_pages,
)

# PostgreSQL: a batch that lost a race with another process, or its connection (a server
# restart, which takes longer on a busy machine), is run again whole, after 0.25, 0.5, ...
# 32 s (64 s in all)
WRITE_ATTEMPTS = 9
RETRY_PAUSE_S = 0.25


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A newsdesk database. Open with ``open_store(path)``; close, or use as a context."""

    def __init__(self, engine: Engine, label: str) -> None:
        self.engine = engine
        self.label = label  # the file name (or URL) used in every error message
        self._sites = SiteIds()  # outlet and host ids, kept across write batches

    # -- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn any database failure inside the block into a ``StoreError``."""
        try:
            yield
        except StoreError:
            raise
        except (DBAPIError, sqlite3.Error) as exc:
            if self.engine.dialect.name == "postgresql":
                raise postgres.store_error(self.label, exc) from exc
            raise store_error(self.label, exc) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: database error: {exc}") from exc

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite): all of it or nothing."""
        with self.errors(), self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop("write", None)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    # -- writing --------------------------------------------------------------------------
    def known_pages(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are stored already."""
        with self.reading() as conn:
            return stored_pages(conn, hashes)

    def save(
        self,
        items: Sequence[tuple[Page, Article]],
        blobs: Mapping[str, bytes] | None = None,
        hashes: Sequence[str] | None = None,
    ) -> list[Saved]:
        """Store a batch of extracted pages in one transaction; a page seen before is a
        ``duplicate`` and adds nothing. ``blobs``: pages already compressed (``compress_page``),
        by content hash; ``hashes``: the pages' content hashes, when known already."""
        digests = list(hashes) if hashes is not None else [p.content_hash for p, _ in items]
        if len(digests) != len(items):
            raise ValueError("save: one content hash per item")
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return self._save(items, blobs, digests)
            except StoreError as exc:
                last = attempt + 1 == WRITE_ATTEMPTS
                if last or not self.postgres or not postgres.retryable(exc.__cause__ or exc):
                    raise
            time.sleep(RETRY_PAUSE_S * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _save(
        self,
        items: Sequence[tuple[Page, Article]],
        blobs: Mapping[str, bytes] | None,
        digests: list[str],
    ) -> list[Saved]:
        """One attempt at ``save``: one transaction, all of it or nothing."""
        now = now_iso()
        try:
            with self.writing() as conn:
                seen = stored_pages(conn, digests)
                fresh: list[tuple[Page, str, bytes | None]] = []
                for (page, _), digest in zip(items, digests, strict=True):
                    if digest not in seen:
                        seen.add(digest)  # the same bytes twice in one batch: store once
                        fresh.append((page, digest, blobs.get(digest) if blobs else None))
                ids = save_pages(conn, fresh, now)
                saved = []
                for (page, article), digest in zip(items, digests, strict=True):
                    page_id = ids.pop(digest, None)
                    if page_id is None:
                        saved.append(Saved(page.source, "duplicate"))
                    else:
                        saved.append(save_article(conn, page_id, article, now, self._sites))
        except BaseException:
            self._sites.rolled_back()
            raise
        self._sites.committed()
        return saved

    # -- reading --------------------------------------------------------------------------
    @contextmanager
    def _searching(self) -> Iterator[Connection]:
        """A read transaction whose FTS5 syntax errors become a ``StoreError`` with a hint."""
        with self.reading() as conn:
            try:
                yield conn
            except DBAPIError as exc:
                if "fts5" in str(exc.orig).lower():
                    raise StoreError(
                        f"{self.label}: the search text could not be read: {exc.orig} "
                        "(put phrases in double quotes and avoid stray symbols)"
                    ) from exc
                raise

    def _rows(self, query: sql.Query) -> list[dict[str, Any]]:
        """The rows of one statement as plain dicts (for tests and tools reading raw SQL)."""
        with self._searching() as conn:
            return [dict(row) for row in _browse.rows(conn, query)]

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def _check_search(self, f: sql.Filters) -> None:
        if not f.text:
            raise StoreError("search needs some text to look for")
        sql.check_limit(f.limit)

    def search(self, f: sql.Filters, marks: tuple[str, str] = ("[", "]")) -> list[ArticleHit]:
        """Articles matching ``f.text``, best first, each with a highlighted ``snippet``."""
        self._check_search(f)
        if self.postgres:
            with self.reading() as conn:
                found = search_pg.run_search(conn, f, f.limit, marks)
            return [_browse.hit(r) for r in found]
        parts = search_sql.search_parts(f, self.search_terms(f))
        with self._searching() as conn:
            return [_browse.hit(r) for r in search_rank.run_search(conn, parts, f.limit, marks)]

    def articles(
        self, f: sql.Filters, cursor: str | None = None, marks: tuple[str, str] = ("[", "]")
    ) -> Paged[ArticleHit]:
        """One page of ``f.limit`` articles (20 when None): with ``f.text``, searched and
        best first as ``search`` ranks them (among the newest 2,000 matches); without,
        newest published first. ``cursor``: the ``next_cursor`` of the page before."""
        f = f if f.limit is not None else replace(f, limit=20)
        sql.check_limit(f.limit)
        if not f.text:
            after = _cursor.decode(cursor, _browse.ARTICLE_CURSOR) if cursor else None
            with self.reading() as conn:
                return _browse.paged_articles(conn, f, after)
        self._check_search(f)
        start = _cursor.decode(cursor, _browse.SEARCH_CURSOR) if cursor else None
        limit = int(f.limit or 20)
        after = (float(start[0] or 0.0), int(start[1] or 0)) if start else None
        if self.postgres:
            with self.reading() as conn:
                found = search_pg.run_search(conn, f, limit + 1, marks, after)
        else:
            parts = search_sql.search_parts(f, self.search_terms(f))
            with self._searching() as conn:
                found = search_rank.run_search(conn, parts, limit + 1, marks, after)
        hits = [_browse.hit(r) for r in found]
        if len(hits) <= limit:
            return Paged(tuple(hits))
        last = hits[limit - 1]
        return Paged(tuple(hits[:limit]), _cursor.encode([last.score, last.id]))

    def search_terms(self, f: sql.Filters) -> search_sql.Terms:
        """The filters of ``f`` resolved for the search terms (a few small lookups)."""
        with self.reading() as conn:

            def run(query: sql.Query) -> list[Any]:
                return list(conn.execute(text(query[0]), query[1]).scalars())

            def words(kind: str, value: str | None) -> list[list[str]] | None:
                return [run(q) for q in search_sql.name_words_sql(kind, value)] if value else None

            years = None
            if f.since or f.until:
                first, last = (_year(y) for y in conn.execute(text(search_sql.YEARS_SQL)).one())
                years = (first, last) if first and last else None
            return search_sql.Terms(
                sites=run(search_sql.site_ids_sql(f.site)) if f.site else None,
                speakers=words("p", f.speaker),
                entities=words("e", f.entity),
                years=years,
            )

    def quotes(self, f: sql.Filters) -> list[QuoteRow]:
        """Quotes matching ``f``, newest first (at most ``f.limit``)."""
        with self.reading() as conn:
            return [_browse.quote_row(r) for r in _browse.rows(conn, sql.quotes_sql(f))]

    def quote_page(self, f: sql.Filters, cursor: str | None = None) -> Paged[QuoteRow]:
        """One page of ``f.limit`` quotes (20 when None), newest first, after ``cursor``."""
        f = f if f.limit is not None else replace(f, limit=20)
        after = _cursor.decode(cursor, _browse.QUOTE_CURSOR) if cursor else None
        with self.reading() as conn:
            return _browse.paged_quotes(conn, f, sql.QuoteScope(after=after))

    def iter_quotes(self, f: sql.Filters, chunk: int = 500) -> Iterator[QuoteRow]:
        """Every quote matching ``f`` (no cap), newest first, streamed by pages."""
        cursor = None
        while True:
            page = self.quote_page(replace(f, limit=chunk), cursor)
            yield from page.items
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def speakers(self, f: sql.Filters) -> list[SpeakerRow]:
        """Speakers quoted in articles matching ``f``, most quotes first (see
        ``_records`` on what one speaker is)."""
        with self.reading() as conn:
            return [_speaker_row(r) for r in _browse.rows(conn, sql.speakers_sql(f))]

    def entities(self, f: sql.Filters) -> list[EntityRow]:
        """Entities mentioned in articles matching ``f``, most articles first."""
        with self.reading() as conn:
            return [
                EntityRow(r["id"], r["name"], r["label"], r["articles"], r["mentions"])
                for r in _browse.rows(conn, sql.entities_sql(f))
            ]

    def article(self, article_id: int) -> ArticleRecord | None:
        """One stored article (any version) with its quotes, speakers and entities."""
        with self.reading() as conn:
            return _browse.article_record(conn, article_id)

    def speaker(self, speaker_id: int) -> SpeakerProfile | None:
        """The speaker identity with this id (or the id of any of its rows), or None."""
        with self.reading() as conn:
            return _browse.speaker_profile(conn, speaker_id)

    def entity(self, entity_id: int) -> EntityProfile | None:
        with self.reading() as conn:
            return _browse.entity_profile(conn, entity_id)

    def outlet(self, name: str) -> OutletProfile | None:
        """The outlet named ``name`` (any case), or the web host of articles without one."""
        with self.reading() as conn:
            return _browse.outlet_profile(conn, name)

    def cluster(self, cluster_id: int) -> ClusterRecord | None:
        """A syndication cluster and its current copies, canonical first."""
        with self.reading() as conn:
            return _browse.cluster_record(conn, cluster_id)

    def facets(self, f: sql.Filters) -> Facets:
        """Counts per outlet and per day of the current articles matching ``f``."""
        with self._searching() as conn:
            return _browse.facets(conn, f)

    def iter_articles(self, f: sql.Filters, chunk: int = 500) -> Iterator[StoredArticle]:
        """Every matching current article with its store fields, streamed by chunks."""
        after = 0
        pg_configs = None
        if self.postgres and f.text:
            with self.reading() as conn:
                pg_configs = search_pg.configs(conn, f.language)
        while True:
            rows = self._rows(sql.export_sql(f, after, chunk, pg_configs))
            for row in rows:
                yield _stored(row)
            if len(rows) < chunk:
                return
            after = rows[-1]["id"]

    def counts(self) -> dict[str, int]:
        """Rows per table (articles: current versions only, and all versions)."""
        with self.reading() as conn:
            found = {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
                for name, table in metadata.tables.items()
            }
            found["current_articles"] = int(
                conn.execute(
                    text("SELECT count(*) FROM articles WHERE superseded_by IS NULL")
                ).scalar()
                or 0
            )
        return found

    def page_article(self, content_hash: str) -> tuple[int, int | None] | None:
        """The id and cluster of the article extracted from the page with this content
        hash (its current version first), or None."""
        with self.reading() as conn:
            row = conn.execute(text(_PAGE_ARTICLE), {"hash": content_hash}).first()
        return None if row is None else (int(row.id), row.cluster_id)

    def page_content(self, content_hash: str) -> bytes | None:
        """The raw bytes stored for a page, or None."""
        with self.reading() as conn:
            row = conn.execute(
                select(pages.c.content, pages.c.compression).where(
                    pages.c.content_hash == content_hash
                )
            ).first()
        return None if row is None else decompress_page(row.content, row.compression)


_PAGE_ARTICLE = (
    "SELECT id, cluster_id FROM articles WHERE content_hash = :hash "
    "ORDER BY superseded_by IS NOT NULL, id DESC LIMIT 1"
)


def _year(published: str | None) -> int | None:
    head = (published or "")[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _stored(row: Mapping[str, Any]) -> StoredArticle:
    article = Article.from_dict(json.loads(decompress(row["record"])))
    return StoredArticle(
        id=row["id"], key=row["key"], version=row["version"], cluster_id=row["cluster_id"],
        canonical=row["cluster_id"] is None or row["canonical_id"] == row["id"],
        stored=row["stored"], article=article,
    )  # fmt: skip


def _speaker_row(row: Mapping[str, Any]) -> SpeakerRow:
    organisations = tuple(sorted({o for o in json.loads(row["organisations"]) if o}))
    return SpeakerRow(
        id=row["id"], name=row["name"], organisation=organisations[0] if organisations else None,
        kind=row["kind"], quotes=row["quotes"], articles=row["articles"],
        first_seen=row["first_seen"], last_seen=row["last_seen"], organisations=organisations,
    )  # fmt: skip


def open_store(
    url_or_path: str | Path, pragmas: Mapping[str, int] | None = None, create: bool = True
) -> Store:
    """Open (creating and migrating as needed) the database at a path, a ``sqlite:///``
    URL or a ``postgresql://user:password@host:port/database`` URL (the database must
    exist; its tables are created).
    ``create=False`` refuses a path where no database exists yet (for read-only commands).

    Raises ``StoreError`` naming the file when it cannot be opened, is not a newsdesk
    database (checked before anything is written: an empty file is one only with
    ``create``), is read-only and needs migrating, or is locked for too long.
    """
    target = str(url_or_path)
    if postgres.is_postgres(target):
        return _open_postgres(target, create)
    if "://" in target:
        if not target.startswith("sqlite:///"):
            scheme = target.split("://", 1)[0]
            raise StoreError(
                f"{target}: {scheme} databases are not supported (give a SQLite file path, "
                f"a sqlite:/// URL or {postgres.URL_FORM})"
            )
        target = target.removeprefix("sqlite:///")
    path = Path(target)
    if not path.parent.exists():
        raise StoreError(f"{target}: cannot create the database: folder {path.parent} is missing")
    if path.is_dir():
        raise StoreError(f"{target}: is a directory (give a database file path)")
    if not create and not path.exists():
        raise StoreError(f"{target}: no database here yet (store pages with `newsdesk ingest`)")
    if path.exists():
        timeout = (pragmas or {}).get("busy_timeout", BUSY_TIMEOUT_MS)
        check_database(target, create, int(timeout))
    store = Store(sqlite_engine(target, pragmas), target)
    try:
        with store.errors():
            migrate.upgrade(store.engine)
    except StoreError:
        store.close()
        raise
    return store


def _open_postgres(target: str, create: bool) -> Store:
    """A store on a PostgreSQL database (migrated when ``create``); its label, in every
    message, is the URL with the password masked."""
    store = Store(postgres.postgres_engine(target), postgres.masked(target))
    try:
        with store.errors():
            if not create and migrate.current_revision(store.engine) is None:
                raise StoreError(
                    f"{store.label}: no newsdesk database here yet",
                    hint="store pages with `newsdesk ingest --db URL` first",
                )
            migrate.upgrade(store.engine)
    except StoreError:
        store.close()
        raise
    return store
