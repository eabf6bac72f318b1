"""Alembic environment: run programmatically by ``newsdesk.store.migrate`` on an open
connection (``config.attributes["connection"]``); no alembic.ini on the user's side."""

from __future__ import annotations

from alembic import context

from newsdesk.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
