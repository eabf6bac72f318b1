"""Loading the job's articles into a newsdesk store afterwards (``--db``), through the
store's own ``Store.save``: the same keys, versions, clusters and search terms as
``newsdesk ingest``, without extracting or analysing again.

Runs on the driver, input by input (the done ones), 50 articles a transaction. The raw page
the store keeps is read again from its WARC record (``article.source`` is ``file#offset``),
so the WARC files must still be readable from the driver. Loading again adds nothing
(pages are keyed by content hash).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no type information

from newsdesk.errors import InputError
from newsdesk.record import Article, Page
from newsdesk.settings import Settings
from newsdesk.spark import _layout
from newsdesk.spark._schema import RECORD_FIELDS

BATCH = 50


def load_into_store(out: str | Path, db: str, settings: Settings) -> Counter[str]:
    """Store every article of the done inputs under ``out`` in the database ``db`` (a path or
    URL ``newsdesk.store.open_store`` accepts); counts of new, updated, duplicate and
    unreadable (the WARC record could not be read again)."""
    from newsdesk.store import open_store

    counts: Counter[str] = Counter()
    batch: list[tuple[Page, Article]] = []
    with open_store(db) as store:
        for item in _items(Path(out), settings):
            if isinstance(item, InputError):
                counts["unreadable"] += 1
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                counts.update(saved.outcome for saved in store.save(batch))
                batch = []
        if batch:
            counts.update(saved.outcome for saved in store.save(batch))
    return counts


def _items(out: Path, settings: Settings) -> Iterator[tuple[Page, Article] | InputError]:
    for marker in _layout.read_markers(out):
        for part in _layout.committed_articles(out, _layout.input_id(marker["input"])):
            for row in pq.read_table(part, columns=list(RECORD_FIELDS)).to_pylist():
                article = Article.from_dict(row)
                page = _page(article.source, settings)
                yield page if isinstance(page, InputError) else (page, article)


def _page(source: str, settings: Settings) -> Page | InputError:
    """The page recorded at ``source`` (``file.warc.gz#offset``): the first record read
    from there (the rest of the file is not read; the reader is dropped)."""
    from newsdesk.sources import iter_pages

    item = next(iter(iter_pages([source], settings)), None)
    return item if item is not None else InputError(source, "the WARC record is gone")
