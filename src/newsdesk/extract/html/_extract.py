"""HTML pages: parse once with lexbor, read metadata, then the body."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._body import extract_blocks
from newsdesk.extract.html._metadata import read_metadata
from newsdesk.extract.html._nesting import flatten_deep_markup
from newsdesk.extract.html._scan import scan_page
from newsdesk.record import Article, Page
from newsdesk.settings import Settings


def extract_html(page: Page, markup: str, settings: Settings, utf8: bytes | None = None) -> Article:
    """``utf8``: ``markup`` encoded as UTF-8 when the caller has it (the page's own bytes,
    see ``decode_with_source``); lexbor then reads it without encoding ``markup`` again."""
    flat = flatten_deep_markup(markup, utf8=utf8)
    tree = LexborHTMLParser(utf8 if utf8 is not None and flat is markup else flat)
    article = Article(source=page.source, content_hash=page.content_hash, url=page.url)
    nodes = scan_page(tree)  # one walk for the elements that metadata and body both read
    read_metadata(tree, article, page, settings, nodes)  # read-only on the tree
    article.blocks = extract_blocks(tree, article, settings, nodes)  # may modify the tree
    return article
