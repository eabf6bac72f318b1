"""The extract stage: ``Page`` -> ``Article`` (metadata and clean body blocks), no NLP."""

from __future__ import annotations

from newsdesk.errors import ExtractionError, InputError
from newsdesk.extract.decode import decode_with_source
from newsdesk.extract.detect import is_html
from newsdesk.extract.html import extract_html
from newsdesk.extract.textdump import extract_text_dump
from newsdesk.record import Article, Page
from newsdesk.settings import DEFAULT_SETTINGS, Settings

__all__ = ["extract"]


def extract(page: Page, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Extract one page. Raises ``InputError`` (bad input) or ``ExtractionError`` (our bug)."""
    text, _encoding, utf8 = decode_with_source(page, settings)
    try:
        if is_html(page, text):
            return extract_html(page, text, settings, utf8)
        return extract_text_dump(page, text, settings)
    except InputError:
        raise
    except RecursionError:
        raise ExtractionError(page.source, "extract", "markup nested too deeply") from None
    except Exception as exc:
        raise ExtractionError(page.source, "extract", f"{type(exc).__name__}: {exc}") from exc
