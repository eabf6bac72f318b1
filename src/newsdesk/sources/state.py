"""What was fetched before: the memory that makes polling polite and resumable.

``FetchState`` is the protocol the fetcher talks to: ``get(url)`` returns the last
``FetchRecord`` for a URL (its ETag, Last-Modified, when and with what status it was fetched
and the hash of the body) or ``None``; ``put(record)`` stores one. The fetcher sends
``If-None-Match`` / ``If-Modified-Since`` from it when it polls a URL again, and the feed and
sitemap readers skip article URLs that already have a record (unless asked to refetch).

``MemoryFetchState`` keeps records in a dict for one run; the store implements the same
protocol over SQLite (table ``fetch_state``) so that runs can be resumed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

__all__ = ["FetchRecord", "FetchState", "MemoryFetchState"]


@dataclass(frozen=True, slots=True)
class FetchRecord:
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    status: int
    content_hash: str | None  # sha256 of the body; None when no body came (304, error)


@runtime_checkable
class FetchState(Protocol):
    def get(self, url: str) -> FetchRecord | None: ...

    def put(self, record: FetchRecord) -> None: ...


class MemoryFetchState:
    """A ``FetchState`` in a dict, safe to share between the fetcher's threads."""

    def __init__(self) -> None:
        self._records: dict[str, FetchRecord] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> FetchRecord | None:
        with self._lock:
            return self._records.get(url)

    def put(self, record: FetchRecord) -> None:
        with self._lock:
            self._records[record.url] = record

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)
