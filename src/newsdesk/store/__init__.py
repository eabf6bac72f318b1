"""The store: articles, quotes, speakers and entities in SQLite (PostgreSQL later), with
full-text search, syndication clusters, exports and the ingest runner."""

from __future__ import annotations

from newsdesk.store.repository import Store, open_store
from newsdesk.store.sql import Filters
from newsdesk.store.writer import Saved

__all__ = ["Filters", "Saved", "Store", "open_store"]
