"""The extract stage: ``Page`` -> ``Article`` (metadata and clean body blocks), no NLP.

Public: ``extract(page, settings)`` here and ``decode(page, settings)`` in
``newsdesk.extract.decode``. Everything else is private, along the one real seam:

- ``html``: HTML pages, one parse and one scan feeding metadata and the body;
- ``textdump``: plain-text page dumps;
- shared by both: ``_decode`` (bytes to text), ``_detect`` (HTML or dump), ``_dates`` and
  ``_months`` (date parsing), ``_outlets`` (the outlet registry), ``_langid`` (language
  identification), and the C tree walk ``_trees`` that ``html._model`` uses when built.
"""

from __future__ import annotations

from newsdesk.errors import ExtractionError, InputError
from newsdesk.extract._decode import decode_with_source
from newsdesk.extract._detect import is_html
from newsdesk.extract.html import extract_html
from newsdesk.record import Article, Page
from newsdesk.settings import DEFAULT_SETTINGS, Settings

__all__ = ["extract"]  # and the module newsdesk.extract.decode


def extract(page: Page, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Extract one page. Raises ``InputError`` (bad input) or ``ExtractionError`` (our bug)."""
    text, _encoding, utf8 = decode_with_source(page, settings)
    try:
        if is_html(page, text):
            return extract_html(page, text, settings, utf8)
        from newsdesk.extract.textdump import extract_text_dump  # loaded for dumps only

        return extract_text_dump(page, text, settings)
    except InputError:
        raise
    except RecursionError:
        raise ExtractionError(page.source, "extract", "markup nested too deeply") from None
    except Exception as exc:
        raise ExtractionError(page.source, "extract", f"{type(exc).__name__}: {exc}") from exc
