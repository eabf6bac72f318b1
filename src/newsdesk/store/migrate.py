"""Schema migrations (Alembic), run programmatically when a store is opened."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


MIGRATION_LOCK = 0x6E657773  # PostgreSQL advisory lock key ("news") held while migrating


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op when it is there already. On
    PostgreSQL, processes opening the same new database at once migrate it one at a time
    (an advisory lock; SQLite's ``BEGIN IMMEDIATE`` does the same there)."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    with engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                    )
                    if MigrationContext.configure(conn).get_current_revision() == head:
                        return
                command.upgrade(alembic_config(conn), "head")
        finally:
            conn.info.pop("write", None)
