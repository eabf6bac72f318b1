"""SQLite specifics: the engine with its pragmas and functions, and turning SQLite's terse
failures into ``StoreError`` messages that name the file. (The FTS5 index and its triggers
are created by the migrations.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from newsdesk.errors import StoreError
from newsdesk.store.search_terms import host

BUSY_TIMEOUT_MS = 10_000


def fold(value: str | None) -> str | None:
    """Unicode case folding for name filters (SQLite's lower() knows only ASCII)."""
    return None if value is None else value.casefold()


def sqlite_engine(path: str, pragmas: Mapping[str, Any] | None = None) -> Engine:
    """An engine on one SQLite file: WAL, synchronous=NORMAL, a busy timeout, foreign keys.

    ``pragmas`` adds per-connection pragmas (e.g. ``cache_size``, or ``max_page_count`` to
    cap the file's size).
    """
    engine = create_engine(f"sqlite:///{path}", future=True)
    extra = dict(pragmas or {})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below drive transactions
        dbapi_conn.create_function("fold", 1, fold, deterministic=True)
        # the web host of a URL without "www." (what ``--site`` matches besides the outlet)
        dbapi_conn.create_function("url_host", 1, host, deterministic=True)
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            for name, value in extra.items():
                if not name.replace("_", "").isalnum():
                    raise StoreError(f"{path}: bad pragma name {name!r}")
                cursor.execute(f"PRAGMA {name} = {int(value)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine


def store_error(path: str, exc: BaseException) -> StoreError:
    """A ``StoreError`` naming the file, with a hint for the usual SQLite failures."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig).strip() or type(orig).__name__
    lowered = text.lower()
    hint = "see the message above"
    if "readonly" in lowered or "read-only" in lowered:
        hint = "the file or its folder is read-only: check permissions, or use another database"
    elif "full" in lowered:
        hint = "no space left for the database: free disk space or use another database file; "
        hint += "the last batch was rolled back, nothing was half-written"
    elif "locked" in lowered or "busy" in lowered:
        hint = f"another process holds the database for over {BUSY_TIMEOUT_MS // 1000} s; retry"
    elif "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        hint = "the file is not a newsdesk database or is corrupt: use another database file"
    elif "unable to open" in lowered:
        hint = "cannot open the file: check that its folder exists and is writable"
    return StoreError(f"{path}: database error: {text} ({hint})")
