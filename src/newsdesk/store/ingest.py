"""Ingest: sources -> the pipeline's runner (extract, then analyze) -> store, in atomic
batches.

Streaming: only one batch of pages is held at a time. Crash-safe: each batch is one
transaction and pages are keyed by content hash, so a run killed at any point and run
again stores every page exactly once. Pages already stored are skipped before extraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.errors import InputError
from newsdesk.pipeline import DEFAULT_STAGES, EXTRACT, Result, Stage, check_order, process_page
from newsdesk.record import Article, Page
from newsdesk.settings import Settings
from newsdesk.store.fetch_state import StoreFetchState
from newsdesk.store.repository import Store
from newsdesk.store.writer import compress_page

if TYPE_CHECKING:
    from newsdesk.sources import FetchOptions

BATCH_SIZE = 50


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings,
    stages: Sequence[Stage] = DEFAULT_STAGES,
    *,
    batch_size: int = BATCH_SIZE,
    options: FetchOptions | None = None,
) -> Iterator[Result]:
    """Ingest every page named by ``inputs`` (anything ``iter_pages`` reads: files, URLs,
    feeds, sitemaps, WARC, JSONL): extraction, then ``stages`` (analysis by default; ``()``
    stores articles without quotes). Yields one ``Result`` per input, with ``stored`` set, as
    each batch is committed. Fetches remember ETags and what was seen in the store's
    ``fetch_state``. Raises ``StoreError`` when the database refuses a batch (that batch is
    rolled back; the batches before it stay)."""
    from newsdesk.sources import iter_pages

    pages = iter_pages(inputs, settings, options=options, state=StoreFetchState(store))
    yield from ingest_pages(pages, store, settings, stages, batch_size=batch_size)


def ingest_pages(
    pages: Iterable[Page | InputError],
    store: Store,
    settings: Settings,
    stages: Sequence[Stage] = DEFAULT_STAGES,
    *,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Result]:
    """``ingest`` over pages already read (a generator, a list, another source).

    One batch is written (a thread: SQLite works without the GIL) while the next is
    extracted; a batch's results come once it is committed. At most two batches are held.
    """
    check_order(EXTRACT, stages)
    batch: list[Page] = []
    writing: Future[list[Result]] | None = None
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-compress") as pool,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-store") as writer,
    ):
        for item in pages:
            if isinstance(item, InputError):
                yield Result(item.source, error=item)
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
    failures), the articles with their pages' content hashes and results, the pages
    compressed."""

    results: list[Result]
    items: list[tuple[Page, Article]]
    hashes: list[str]
    extracted: list[Result]
    blobs: dict[str, Future[bytes]]


def _prepare(
    store: Store, batch: list[Page], settings: Settings, stages: Sequence[Stage], pool: Executor
) -> _Prepared:
    digests = [page.content_hash for page in batch]  # sha256 of each page, once
    known = store.known_pages(digests)
    fresh: list[tuple[Page, str]] = []
    ready = _Prepared([], [], [], [], {})
    for page, digest in zip(batch, digests, strict=True):
        if digest in known:
            ready.results.append(Result(page.source, stored="duplicate"))
        else:
            known.add(digest)  # the same bytes twice in one batch: store once
            fresh.append((page, digest))
    # Brotli releases the GIL: compress the raw pages on a second core while extracting.
    ready.blobs = {digest: pool.submit(compress_page, page.content) for page, digest in fresh}
    for page, digest in fresh:
        result = process_page(page, settings, stages)
        if result.article is None:
            ready.results.append(result)
        else:
            ready.items.append((page, result.article))
            ready.hashes.append(digest)
            ready.extracted.append(result)
    return ready


def _save(store: Store, ready: _Prepared) -> list[Result]:
    """Store a prepared batch in one transaction; every result of the batch."""
    results = ready.results
    if ready.items:
        blobs = {digest: future.result() for digest, future in ready.blobs.items()}
        saved_all = store.save(ready.items, blobs, ready.hashes)
        for result, saved in zip(ready.extracted, saved_all, strict=True):
            result.stored = saved.outcome
            result.clustered = saved.cluster_id is not None and saved.outcome != "duplicate"
            results.append(result)
    return results
