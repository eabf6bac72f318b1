"""``Store``: the one interface to the database. Every method runs its own transaction and
turns database failures into ``StoreError`` naming the file; writes are whole batches."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from newsdesk.errors import StoreError
from newsdesk.record import Article, Page
from newsdesk.store import migrate, search_rank, search_sql, sql
from newsdesk.store.schema import metadata, pages
from newsdesk.store.sqlite import sqlite_engine, store_error
from newsdesk.store.writer import (
    Saved,
    SiteIds,
    decompress,
    decompress_page,
    save_article,
    save_pages,
    stored_pages,
)


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
        now = now_iso()
        digests = list(hashes) if hashes is not None else [p.content_hash for p, _ in items]
        if len(digests) != len(items):
            raise ValueError("save: one content hash per item")
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
    def _rows(self, query: sql.Query) -> list[dict[str, Any]]:
        statement, params = query
        with self.reading() as conn:
            try:
                result = conn.execute(text(statement), params)
            except DBAPIError as exc:
                if "fts5" in str(exc.orig).lower():
                    raise StoreError(
                        f"{self.label}: the search text could not be read: {exc.orig} "
                        "(put phrases in double quotes and avoid stray symbols)"
                    ) from exc
                raise
            return [dict(row._mapping) for row in result]

    def search(self, f: sql.Filters, marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Articles matching ``f.text``, best first, each with a highlighted ``snippet``."""
        dialect = self.engine.dialect.name
        if dialect != "sqlite":
            raise StoreError(f"full-text search is not available on {dialect} yet (use SQLite)")
        if not f.text:
            raise StoreError("search needs some text to look for")
        if f.limit is not None and f.limit < 1:
            raise StoreError(f"--limit {f.limit} must be 1 or more")
        parts = search_sql.search_parts(f, self.search_terms(f))
        with self.reading() as conn:
            try:
                return search_rank.run_search(conn, parts, f.limit, marks)
            except DBAPIError as exc:
                if "fts5" in str(exc.orig).lower():
                    raise StoreError(
                        f"{self.label}: the search text could not be read: {exc.orig} "
                        "(put phrases in double quotes and avoid stray symbols)"
                    ) from exc
                raise

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

    def quotes(self, f: sql.Filters) -> list[dict[str, Any]]:
        return self._rows(sql.quotes_sql(f))

    def speakers(self, f: sql.Filters) -> list[dict[str, Any]]:
        return self._rows(sql.speakers_sql(f))

    def entities(self, f: sql.Filters) -> list[dict[str, Any]]:
        return self._rows(sql.entities_sql(f))

    def iter_articles(self, f: sql.Filters, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """Every matching current article as ``Article.to_dict()`` plus store fields
        (``id``, ``key``, ``version``, ``cluster_id``, ``canonical``), streamed by chunks."""
        after = 0
        while True:
            rows = self._rows(sql.export_sql(f, after, chunk))
            for row in rows:
                yield _export_record(row)
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

    def page_content(self, content_hash: str) -> bytes | None:
        """The raw bytes stored for a page, or None."""
        with self.reading() as conn:
            row = conn.execute(
                select(pages.c.content, pages.c.compression).where(
                    pages.c.content_hash == content_hash
                )
            ).first()
        return None if row is None else decompress_page(row.content, row.compression)


def _year(published: str | None) -> int | None:
    head = (published or "")[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _export_record(row: Mapping[str, Any]) -> dict[str, Any]:
    record = json.loads(decompress(row["record"]))
    article = Article.from_dict(record)
    out = {"id": row["id"], **article.to_dict()}
    out.update(
        key=row["key"],
        version=row["version"],
        cluster_id=row["cluster_id"],
        canonical=row["cluster_id"] is None or row["canonical_id"] == row["id"],
        stored=row["stored"],
    )
    return out


def open_store(
    url_or_path: str | Path, pragmas: Mapping[str, int] | None = None, create: bool = True
) -> Store:
    """Open (creating and migrating as needed) the database at a path or ``sqlite:///`` URL.
    ``create=False`` refuses a path where no database exists yet (for read-only commands).

    Raises ``StoreError`` naming the file when it cannot be opened, is not a newsdesk
    database, is read-only and needs migrating, or is locked for too long.
    """
    target = str(url_or_path)
    if "://" in target:
        if not target.startswith("sqlite:///"):
            scheme = target.split("://", 1)[0]
            raise StoreError(
                f"{target}: {scheme} databases are not supported yet (use a SQLite file path)"
            )
        target = target.removeprefix("sqlite:///")
    path = Path(target)
    if not path.parent.exists():
        raise StoreError(f"{target}: cannot create the database: folder {path.parent} is missing")
    if path.is_dir():
        raise StoreError(f"{target}: is a directory (give a database file path)")
    if not create and not path.exists():
        raise StoreError(f"{target}: no database here yet (store pages with `newsdesk ingest`)")
    store = Store(sqlite_engine(target, pragmas), target)
    try:
        with store.errors():
            migrate.upgrade(store.engine)
    except StoreError:
        store.close()
        raise
    return store
