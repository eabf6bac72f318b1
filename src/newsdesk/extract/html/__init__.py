"""HTML pages: one parse, one scan of the tree, then metadata and the main text.

``_extract.extract_html`` parses the page once (``_nesting`` flattens markup too deep for
the parser first) and walks it once (``_scan``) for the elements that both halves read:

- metadata (``_metadata``): title (``_titles``), authors (``_authors``), dates
  (``_page_dates``, with ``_labels`` and ``_nearby``), JSON-LD (``_jsonld``), language
  (``_language``) and URLs (``_urls``); read-only on the tree;
- the body (``_body``): candidate blocks (``_segment``), their features (``_features``,
  ``_attr_hints``, ``_hints``), the learned block classifier (``_model``), then selection.

Nothing in the body half imports the metadata half or the other way round: both import
``_scan``, which imports neither.
"""

from newsdesk.extract.html._extract import extract_html

__all__ = ["extract_html"]
