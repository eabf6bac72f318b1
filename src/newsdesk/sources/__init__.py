"""Sources: turn what the user names (paths, globs, '-', and later URLs, feeds, WARCs)
into ``Page`` records, yielding an ``InputError`` in place of any input that fails."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdesk.errors import InputError
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources.files import iter_file_pages

__all__ = ["iter_pages"]


def iter_pages(inputs: Iterable[str], settings: Settings) -> Iterator[Page | InputError]:
    """Yield one ``Page`` per document found, or an ``InputError`` for each one that fails."""
    for spec in inputs:
        yield from iter_file_pages(spec, settings)
