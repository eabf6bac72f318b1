"""The store: articles, quotes, speakers and entities in SQLite or PostgreSQL, with
full-text search, syndication clusters, exports and the ingest runner.

Queries return the typed records of ``_records`` (frozen dataclasses). The names below
are imported on first use, so ``import newsdesk.store.export`` (or the CLI's start-up)
does not load SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.store._records import (
        ArticleEntity,
        ArticleHit,
        ArticleQuote,
        ArticleRecord,
        ArticleSpeaker,
        Bucket,
        ClusterMember,
        ClusterRecord,
        EntityProfile,
        EntityRow,
        Facets,
        NamedCount,
        OutletProfile,
        Paged,
        QuoteRow,
        SpeakerProfile,
        SpeakerRow,
        StoredArticle,
    )
    from newsdesk.store.repository import Store, open_store
    from newsdesk.store.sql import Filters
    from newsdesk.store.writer import Saved

_WHERE = {
    "Store": "repository",
    "open_store": "repository",
    "Filters": "sql",
    "Saved": "writer",
    **dict.fromkeys(
        (
            "ArticleEntity", "ArticleHit", "ArticleQuote", "ArticleRecord", "ArticleSpeaker",
            "Bucket", "ClusterMember", "ClusterRecord", "EntityProfile", "EntityRow", "Facets",
            "NamedCount", "OutletProfile", "Paged", "QuoteRow", "SpeakerProfile", "SpeakerRow",
            "StoredArticle",
        ),
        "_records",
    ),
}  # fmt: skip

__all__ = [
    "ArticleEntity",
    "ArticleHit",
    "ArticleQuote",
    "ArticleRecord",
    "ArticleSpeaker",
    "Bucket",
    "ClusterMember",
    "ClusterRecord",
    "EntityProfile",
    "EntityRow",
    "Facets",
    "Filters",
    "NamedCount",
    "OutletProfile",
    "Paged",
    "QuoteRow",
    "Saved",
    "SpeakerProfile",
    "SpeakerRow",
    "Store",
    "StoredArticle",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newsdesk.store' has no attribute {name!r}")
    return getattr(import_module(f"newsdesk.store.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
