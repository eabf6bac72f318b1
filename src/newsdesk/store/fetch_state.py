"""The sources' ``FetchState`` protocol over the store's ``fetch_state`` table, so feed and
sitemap polling and conditional requests remember what was seen across runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from newsdesk.sources.state import FetchRecord
from newsdesk.store.repository import Store
from newsdesk.store.schema import fetch_state, pages


class StoreFetchState:
    """``get(url) -> FetchRecord | None`` and ``put(record)`` on a ``Store``; each call is
    its own short transaction, so the fetcher's threads may share one instance.

    Crash safety: a record whose body never reached the ``pages`` table (the run was killed
    between the fetch and the batch's commit, or extraction failed) reads as unseen, so the
    next run fetches that URL again instead of skipping it for good.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> FetchRecord | None:
        stored = exists().where(pages.c.content_hash == fetch_state.c.content_hash)
        query = select(fetch_state).where(
            fetch_state.c.url == url, or_(fetch_state.c.content_hash.is_(None), stored)
        )
        with self.store.reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return FetchRecord(
            url=row.url,
            etag=row.etag,
            last_modified=row.last_modified,
            fetched_at=datetime.fromisoformat(row.fetched),
            status=int(row.status),
            content_hash=row.content_hash,
        )

    def put(self, record: FetchRecord) -> None:
        row = {
            "etag": record.etag,
            "last_modified": record.last_modified,
            "fetched": record.fetched_at.isoformat(),
            "status": record.status,
            "content_hash": record.content_hash,
        }
        with self.store.writing() as conn:
            # one upsert: two processes polling the same URL never collide
            dialect = pg_dialect if conn.dialect.name == "postgresql" else sqlite_dialect
            insert = dialect.insert(fetch_state).values(url=record.url, **row)
            conn.execute(insert.on_conflict_do_update(index_elements=["url"], set_=row))
