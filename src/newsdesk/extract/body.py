"""Main-text extraction (placeholder: every <p>; replaced by the body work)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.record import Article, Block
from newsdesk.settings import Settings


def extract_blocks(tree: LexborHTMLParser, article: Article, settings: Settings) -> list[Block]:
    blocks = []
    for node in tree.css("p"):
        text = " ".join(node.text(separator=" ").split())
        if text:
            blocks.append(Block("paragraph", text))
    return blocks
