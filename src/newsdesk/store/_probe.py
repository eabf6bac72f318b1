"""What is at a database path, found before the store opens it: opening runs the
migrations (and switches the file to WAL), so a file that is not a newsdesk database
must be refused first, with nothing written into it (issue 17: a read command wrote a
schema into an existing empty file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from newsdesk.errors import StoreError
from newsdesk.store.sqlite import BUSY_TIMEOUT_MS, store_error

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"  # every newsdesk database has it (the migrations)
_NOT_OURS = "not a newsdesk database"
_GIVE = "give the path of a newsdesk database, or a new file name"


def check_database(target: str, create: bool, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Refuse the existing file ``target`` unless it is empty (and ``create``: it becomes
    a new database) or a SQLite file holding a newsdesk database (or, when ``create``, no
    table at all). Reads only; ``StoreError`` naming the file."""
    path = Path(target)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(
            f"{target}: cannot read the database: {exc.strerror or exc}",
            "check that the file is readable",
        ) from exc
    if not head:
        if create:
            return
        raise StoreError(f"{target}: {_NOT_OURS}: the file is empty", _GIVE)
    if head != SQLITE_HEADER:
        raise StoreError(f"{target}: {_NOT_OURS}: the file is not a SQLite database", _GIVE)
    tables = _tables(target, busy_timeout_ms)
    if VERSION_TABLE in tables or (create and not tables):
        return
    what = "it holds another application's tables" if tables else "it holds no tables"
    raise StoreError(f"{target}: {_NOT_OURS}: {what}", _GIVE)


def _tables(target: str, busy_timeout_ms: int) -> set[str]:
    """The table names of the SQLite file, read through a read-only connection."""
    uri = "file:" + quote(str(Path(target).resolve())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise store_error(target, exc) from exc
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error as exc:
        raise store_error(target, exc) from exc
    finally:
        conn.close()
    return {str(name) for (name,) in rows}
