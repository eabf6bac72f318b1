"""The ingest runner: sources -> extract -> (analyze) -> store, in atomic batches.

Streaming: only one batch of pages is held at a time. Crash-safe: each batch is one
transaction and pages are keyed by content hash, so a run killed at any point and run
again stores every page exactly once. Pages already stored are skipped before extraction.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.errors import ConfigError, InputError, NewsdeskError
from newsdesk.pipeline import Stage, process_page
from newsdesk.record import Article, Page
from newsdesk.settings import Settings
from newsdesk.sources import FetchOptions, iter_pages
from newsdesk.store.fetch_state import StoreFetchState
from newsdesk.store.repository import Store
from newsdesk.store.writer import compress_page

BATCH_SIZE = 50
EventKind = Literal["new", "updated", "duplicate", "failed"]


@dataclass(slots=True)
class Event:
    """What happened to one input: stored as new, as an update, seen before, or failed."""

    source: str
    outcome: EventKind
    error: NewsdeskError | None = None
    clustered: bool = False  # stored, and found to be a copy of another article


@dataclass(slots=True)
class IngestStats:
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    failed: int = 0
    clustered: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, event: Event) -> None:
        setattr(self, event.outcome, getattr(self, event.outcome) + 1)
        self.clustered += event.clustered
        if event.error is not None:
            self.reasons[type(event.error).__name__] += 1

    def summary(self) -> str:
        line = (
            f"newsdesk: {self.new} new, {self.updated} updated, {self.duplicate} duplicate, "
            f"{self.failed} failed"
        )
        if self.clustered:
            line += f"; {self.clustered} stored as copies of other articles"
        if self.reasons:
            line += " (" + ", ".join(f"{n} {k}" for k, n in self.reasons.most_common()) + ")"
        return line


def analysis_stage(wanted: bool | None) -> Stage | None:
    """The analyze stage when it is installed. ``wanted``: True requires it, False skips
    it, None uses it when available."""
    if wanted is False:
        return None
    try:
        module = importlib.import_module("newsdesk.analyze")
        stage: Stage = module.analyze
    except (ImportError, AttributeError) as exc:
        if wanted:
            raise ConfigError(
                f"the analyze stage is not available ({exc}); run with --no-analyze"
            ) from exc
        return None
    return stage


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings,
    analyze: bool | None = None,
    batch_size: int = BATCH_SIZE,
    options: FetchOptions | None = None,
) -> Iterator[Event]:
    """Ingest every page named by ``inputs`` (anything ``iter_pages`` reads: files, URLs,
    feeds, sitemaps, WARC, JSONL); yields one ``Event`` per input as each batch is
    committed. Fetches remember ETags and what was seen in the store's ``fetch_state``.
    Raises ``StoreError`` when the database refuses a batch (that batch is rolled back; the
    batches before it stay)."""
    pages = iter_pages(inputs, settings, options=options, state=StoreFetchState(store))
    yield from ingest_pages(pages, store, settings, analyze, batch_size)


def ingest_pages(
    pages: Iterable[Page | InputError],
    store: Store,
    settings: Settings,
    analyze: bool | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Event]:
    """``ingest`` over pages already read (a generator, a list, another source).

    One batch is written (a thread: SQLite works without the GIL) while the next is
    extracted; a batch's events come once it is committed. At most two batches are held.
    """
    stage = analysis_stage(analyze)
    stages = [stage] if stage else []
    batch: list[Page] = []
    writing: Future[list[Event]] | None = None
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-compress") as pool,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-store") as writer,
    ):
        for item in pages:
            if isinstance(item, InputError):
                yield Event(item.source, "failed", item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                ready = _prepare(store, batch, settings, stages, pool)
                if writing is not None:
                    yield from writing.result()
                writing = writer.submit(_save, store, ready)
                batch = []
        if batch:
            ready = _prepare(store, batch, settings, stages, pool)
            if writing is not None:
                yield from writing.result()
            writing = writer.submit(_save, store, ready)
        if writing is not None:
            yield from writing.result()


@dataclass(slots=True)
class _Prepared:
    """A batch extracted and ready to store: its pages' outcomes so far (duplicates,
    failures), the articles with their pages' content hashes, the pages compressed."""

    events: list[Event]
    items: list[tuple[Page, Article]]
    hashes: list[str]
    blobs: dict[str, Future[bytes]]


def _prepare(
    store: Store, batch: list[Page], settings: Settings, stages: list[Stage], pool: Executor
) -> _Prepared:
    digests = [page.content_hash for page in batch]  # sha256 of each page, once
    known = store.known_pages(digests)
    fresh: list[tuple[Page, str]] = []
    ready = _Prepared([], [], [], {})
    for page, digest in zip(batch, digests, strict=True):
        if digest in known:
            ready.events.append(Event(page.source, "duplicate"))
        else:
            known.add(digest)  # the same bytes twice in one batch: store once
            fresh.append((page, digest))
    # Brotli releases the GIL: compress the raw pages on a second core while extracting.
    ready.blobs = {digest: pool.submit(compress_page, page.content) for page, digest in fresh}
    for page, digest in fresh:
        result = process_page(page, settings, stages)
        if result.article is None:
            ready.events.append(Event(page.source, "failed", result.error))
        else:
            ready.items.append((page, result.article))
            ready.hashes.append(digest)
    return ready


def _save(store: Store, ready: _Prepared) -> list[Event]:
    """Store a prepared batch in one transaction; every event of the batch."""
    events = ready.events
    if ready.items:
        blobs = {digest: future.result() for digest, future in ready.blobs.items()}
        for saved in store.save(ready.items, blobs, ready.hashes):
            clustered = saved.cluster_id is not None and saved.outcome != "duplicate"
            events.append(Event(saved.source, saved.outcome, clustered=clustered))
    return events
