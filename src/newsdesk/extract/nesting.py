"""Guard against pathologically deep markup before parsing.

lexbor's tree builder slows down with the square of the nesting depth (about a minute at
100,000 nested ``<div>``), so markup nested deeper than ``MAX_DEPTH`` is flattened first:
the tags that would open a level beyond the limit, and their closing tags, are dropped,
the text inside is kept. Normal pages hold a few thousand tags and are never rewritten.
"""

from __future__ import annotations

import re

MAX_DEPTH = 1_000
_CHECK_ABOVE_TAGS = 3 * MAX_DEPTH
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def flatten_deep_markup(markup: str, max_depth: int = MAX_DEPTH) -> str:
    """Return ``markup`` with nesting capped at ``max_depth`` levels (unchanged when within)."""
    if markup.count("<") < _CHECK_ABOVE_TAGS:
        return markup
    depth = 0
    drop: list[tuple[int, int]] = []
    for match in _TAG.finditer(markup):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        if closing:
            if depth > max_depth:
                drop.append(match.span())
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > max_depth:
                drop.append(match.span())
    if not drop:
        return markup
    pieces, last = [], 0
    for start, end in drop:
        pieces.append(markup[last:start])
        last = end
    pieces.append(markup[last:])
    return "".join(pieces)
