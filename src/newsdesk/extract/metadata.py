"""HTML metadata (placeholder: <title> only; replaced by the metadata work)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.record import Article, Page
from newsdesk.settings import Settings


def read_metadata(
    tree: LexborHTMLParser, article: Article, page: Page, settings: Settings
) -> None:
    """Fill ``article``'s metadata fields from the page. Never touches ``blocks``."""
    node = tree.css_first("title")
    if node is not None:
        article.title = node.text(strip=True) or None
