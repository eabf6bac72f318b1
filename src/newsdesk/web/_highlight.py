"""An article's body as HTML paragraphs with its quotes and entity mentions marked.

Every piece of scraped text goes through ``markupsafe.escape``; the only markup is ours.
Spans are ``[start, end)`` into the article text (blocks joined by blank lines). Spans
that cross a paragraph are cut at it; spans that cross each other are cut so that the
marks nest (a quote inside a quote stays a mark inside a mark); nothing nests inside an
entity link (no link inside a link).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from markupsafe import Markup, escape

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark. ``quote``: a ``<mark>`` with the class ``css`` that shows
    ``label`` (escaped already) when hovered or focused; ``entity``: a link to ``href``."""

    start: int
    end: int
    kind: Literal["quote", "entity"]
    css: str = ""
    label: Markup = field(default_factory=Markup)
    href: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: str  # the block kind: paragraph, heading, list_item, quote
    html: Markup


@dataclass(slots=True)
class _Node:
    mark: Mark | None
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)


def paragraphs(blocks: Sequence[tuple[str, str]], marks: Sequence[Mark]) -> list[Paragraph]:
    """``blocks`` (kind, text) as HTML with ``marks`` (offsets into the joined text)."""
    out = []
    offset = 0
    for kind, text in blocks:
        end = offset + len(text)
        inside = [
            replace(m, start=max(m.start, offset) - offset, end=min(m.end, end) - offset)
            for m in marks
            if m.start < end and m.end > offset and m.end > m.start
        ]
        out.append(Paragraph(kind, render(text, inside)))
        offset = end + len(BLOCK_SEPARATOR)
    return out


def render(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` (offsets into ``text``) as nested elements."""
    root = _Node(None, 0, len(text))
    stack = [root]
    # (start, -end): outer spans first; the sequence number keeps the order stable.
    queue = [(m.start, -m.end, i, m) for i, m in enumerate(marks) if 0 <= m.start < m.end]
    heapq.heapify(queue)
    counter = len(queue)
    while queue:
        start, neg_end, _, mark = heapq.heappop(queue)
        end = min(-neg_end, len(text))
        while start >= stack[-1].end:
            stack.pop()
        parent = stack[-1]
        if end > parent.end:  # crosses its parent: keep the part inside, queue the rest
            counter += 1
            heapq.heappush(queue, (parent.end, -end, counter, mark))
            end = parent.end
        if start >= end or (parent.mark is not None and parent.mark.kind == "entity"):
            continue
        node = _Node(mark, start, end)
        parent.children.append(node)
        stack.append(node)
    return _html(text, root)


def _html(text: str, node: _Node) -> Markup:
    pieces = []
    at = node.start
    for child in node.children:
        pieces.append(escape(text[at : child.start]))
        pieces.append(_html(text, child))
        at = child.end
    pieces.append(escape(text[at : node.end]))
    inner = Markup("").join(pieces)
    mark = node.mark
    if mark is None:
        return inner
    if mark.kind == "entity":
        return Markup('<a class="ent" href="{}">{}</a>').format(mark.href, inner)
    return Markup('<mark class="{}" tabindex="0">{}<span class="pop">{}</span></mark>').format(
        mark.css, inner, mark.label
    )
