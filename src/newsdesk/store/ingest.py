"""The ingest runner: sources -> extract -> (analyze) -> store, in atomic batches.

Streaming: only one batch of pages is held at a time. Crash-safe: each batch is one
transaction and pages are keyed by content hash, so a run killed at any point and run
again stores every page exactly once. Pages already stored are skipped before extraction.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.errors import ConfigError, InputError, NewsdeskError
from newsdesk.pipeline import Stage, process_page
from newsdesk.record import Article, Page
from newsdesk.settings import Settings
from newsdesk.sources import FetchOptions, iter_pages
from newsdesk.store.fetch_state import StoreFetchState
from newsdesk.store.repository import Store
from newsdesk.store.writer import compress

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
    """``ingest`` over pages already read (a generator, a list, another source)."""
    stage = analysis_stage(analyze)
    stages = [stage] if stage else []
    batch: list[Page] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-compress") as pool:
        for item in pages:
            if isinstance(item, InputError):
                yield Event(item.source, "failed", item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                yield from _flush(store, batch, settings, stages, pool)
                batch = []
        if batch:
            yield from _flush(store, batch, settings, stages, pool)


def _flush(
    store: Store, batch: list[Page], settings: Settings, stages: list[Stage], pool: Executor
) -> Iterator[Event]:
    known = store.known_pages(p.content_hash for p in batch)
    fresh: list[Page] = []
    events: list[Event] = []
    for page in batch:
        if page.content_hash in known:
            events.append(Event(page.source, "duplicate"))
        else:
            known.add(page.content_hash)  # the same bytes twice in one batch: store once
            fresh.append(page)
    # zlib releases the GIL: compress the raw pages on a second core while extracting.
    blobs = {p.content_hash: pool.submit(compress, p.content) for p in fresh}
    items: list[tuple[Page, Article]] = []
    for page in fresh:
        result = process_page(page, settings, stages)
        if result.article is None:
            events.append(Event(page.source, "failed", result.error))
        else:
            items.append((page, result.article))
    done = {h: future.result() for h, future in blobs.items()}
    for saved in store.save(items, done) if items else []:
        clustered = saved.cluster_id is not None and saved.outcome != "duplicate"
        events.append(Event(saved.source, saved.outcome, clustered=clustered))
    yield from events
