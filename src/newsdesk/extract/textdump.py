"""Plain-text page dumps (placeholder: paragraphs split on blank lines)."""

from __future__ import annotations

from newsdesk.record import Article, Block, Page
from newsdesk.settings import Settings


def extract_text_dump(page: Page, text: str, settings: Settings) -> Article:
    article = Article(source=page.source, content_hash=page.content_hash, url=page.url)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    article.blocks = [Block("paragraph", p) for p in paragraphs if p]
    return article
