"""Page-level hints for the body: the JSON-LD ``articleBody`` a publisher declares.

Many news pages embed their article text in JSON-LD (schema.org ``NewsArticle``). It is not
always complete or clean, so it is used as evidence for the classifier (is this block part
of the declared body?), never copied as the output.
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

_TAG = re.compile(r"<[^>]{0,500}>")
_MAX_JSON = 2_000_000


def _bodies(data: Any) -> list[str]:
    """Every string ``articleBody`` / ``text`` of article-like objects, iteratively."""
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            body = item.get("articleBody")
            if isinstance(body, str):
                found.append(body)
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return found


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def declared_body(tree: LexborHTMLParser, scripts: list[str] | None = None) -> str:
    """The longest JSON-LD articleBody of the page, tags removed; "" when there is none.

    ``scripts``: the texts of the page's ``script[type="application/ld+json"]`` elements,
    when the caller has them (``_scan.PageNodes.declared``)."""
    if scripts is None:
        scripts = [node.text(deep=True) for node in tree.css('script[type="application/ld+json"]')]
    best = ""
    for raw in scripts:
        if not raw or len(raw) > _MAX_JSON or "articleBody" not in raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        for body in _bodies(data):
            if len(body) > len(best):
                best = body
    if "<" in best:
        best = _TAG.sub(" ", best)
    return best


def declared_paragraphs(body: str) -> list[str]:
    """A declared body cut at its line breaks, whitespace collapsed."""
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]
