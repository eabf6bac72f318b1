"""PostgreSQL specifics: the pooled engine (psycopg 3), the SQL functions the store's
queries call, the text-search configuration per article language, and turning
PostgreSQL's failures into ``StoreError`` messages that name the database (its URL with
the password masked) and say what to do.

The full-text index (a ``tsvector`` column and its GIN index) and these functions are
created by the migrations; queries are rewritten from the SQLite dialect by ``_pg_sql``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from newsdesk.errors import StoreError
from newsdesk.store._pg_sql import to_postgresql

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
POOL_SIZE = 5  # connections kept open per process (plus up to MAX_OVERFLOW more)
MAX_OVERFLOW = 5
CONNECT_TIMEOUT_S = 10
URL_FORM = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"

# ISO 639-1 codes of article languages -> PostgreSQL text-search configurations (those
# the server has are used, ``simple`` otherwise: no stemming, no stop words). Migration
# 0001 holds a frozen copy in SQL (``newsdesk_ts_config``); a test keeps them equal.
TS_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip


def is_postgres(target: str) -> bool:
    return target.startswith(SCHEMES)


def masked(target: str) -> str:
    """The URL with its password replaced by ``***`` (what every message shows)."""
    scheme, sep, rest = target.partition("://")
    credentials, at, place = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return target
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{place}"


def _driver_url(target: str) -> str:
    """``postgresql://`` / ``postgres://`` as SQLAlchemy's psycopg 3 URL."""
    scheme, rest = target.split("://", 1)
    return "postgresql+psycopg://" + rest if scheme in ("postgresql", "postgres") else target


def parse_url(target: str) -> URL:
    """The SQLAlchemy URL of ``target``; ``StoreError`` when it is not a usable one."""
    label = masked(target)
    try:
        url = make_url(_driver_url(target))
        url.port  # noqa: B018  # a port that is not a number raises here
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"{label}: not a PostgreSQL URL ({exc})", hint=f"give it as {URL_FORM}"
        ) from exc
    if not url.database:
        raise StoreError(f"{label}: the URL names no database", hint=f"give it as {URL_FORM}")
    return url


def postgres_engine(target: str) -> Engine:
    """A pooled engine on the database at ``target``: connections are checked before use
    (``pool_pre_ping``), so a restarted server costs one reconnect, not an error."""
    engine = create_engine(
        parse_url(target),
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "newsdesk"},
    )

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _rewrite(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> tuple[str, Any]:
        return to_postgresql(statement), parameters

    return engine


# SQLSTATEs of a batch that may pass when run again: another process stored the same
# article version first, a deadlock, a serialization failure; the connection lost (08...,
# the server shutting down or restarting: 57P01-57P03)
RETRY_STATES = ("23505", "40P01", "40001", "57P01", "57P02", "57P03")


def retryable(exc: BaseException) -> bool:
    """Whether a failed write batch may be run again whole (it was rolled back)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    state = str(getattr(exc.orig, "sqlstate", None) or "")
    lost = not state and "connection" in str(exc.orig).lower()
    return lost or state.startswith("08") or state in RETRY_STATES


def store_error(label: str, exc: BaseException) -> StoreError:
    """A ``StoreError`` naming the database (``label``: its masked URL), with what to do
    for the usual PostgreSQL failures."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = " ".join((str(orig).strip() or type(orig).__name__).split())
    lowered = text.lower()
    hint = "see the message above"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        hint = "check the user name and password in the URL (or PGPASSWORD / ~/.pgpass)"
    elif "does not exist" in lowered and "database" in lowered:
        hint = "create the database first (createdb NAME, or CREATE DATABASE) or fix its name"
    elif (
        "connection refused" in lowered
        or "could not connect" in lowered
        or ("timeout" in lowered and "connect" in lowered)
    ):
        hint = "is the server running and reachable at that host and port? start it or fix "
        hint += "the URL, then run the command again (nothing was half-written)"
    elif "starting up" in lowered or "shutting down" in lowered:
        hint = "the server is starting or stopping; nothing was half-written: run the command "
        hint += "again once it is up"
    elif "failed to resolve host" in lowered or "name or service not known" in lowered:
        hint = "no such host: fix the host name in the URL"
    elif "terminating connection" in lowered or "server closed the connection" in lowered:
        hint = "the server went away (restarted or stopped); the current batch was rolled "
        hint += "back, nothing was half-written: run the command again to finish"
    elif "permission denied" in lowered:
        hint = "the database user lacks rights: grant them, or use the database's owner"
    elif "no space" in lowered or "disk full" in lowered:
        hint = "the server's disk is full: free space; the last batch was rolled back"
    return StoreError(f"{label}: database error: {text}", hint=hint)
