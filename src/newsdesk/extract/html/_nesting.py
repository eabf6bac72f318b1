"""Guard against pathologically deep markup before parsing.

lexbor's tree builder slows down with the square of the nesting depth (about a minute at
100,000 nested ``<div>``), so markup nested deeper than ``MAX_DEPTH`` is flattened first:
the tags that would open a level beyond the limit, and their closing tags, are dropped,
the text inside is kept. Normal pages hold a few thousand tags and are never rewritten.

Speed: the tag-by-tag walk is exact but slow on big pages, so it runs only when a numpy
bound over the page's bytes (``_surely_shallow``) cannot rule out a level beyond the limit.
"""

from __future__ import annotations

import re

import numpy as np

MAX_DEPTH = 1_000
_CHECK_ABOVE_TAGS = 3 * MAX_DEPTH
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_LT, _GT, _SLASH = b"<>/"
_NAME_CHARS = np.zeros(256, dtype=bool)  # [a-zA-Z0-9:-], the tag name characters of _TAG
_NAME_CHARS[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-")] = True
_LETTERS = np.zeros(256, dtype=bool)
_LETTERS[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")] = True
_LOWER = np.uint64(0x2020202020202020)  # | on 8 bytes: lower-case letters (void names are)
# Void names by length: (length, mask of that many bytes, the names as little-endian ints).
_VOID_BY_LENGTH = tuple(
    (
        size,
        np.uint64((1 << 8 * size) - 1),
        [np.uint64(int.from_bytes(name.encode(), "little")) for name in _VOID if len(name) == size],
    )
    for size in sorted({len(name) for name in _VOID})
)


def flatten_deep_markup(markup: str, max_depth: int = MAX_DEPTH, utf8: bytes | None = None) -> str:
    """Return ``markup`` with nesting capped at ``max_depth`` levels (unchanged when within).

    ``utf8``: ``markup`` encoded as UTF-8, when the caller has it (saves encoding again)."""
    if _count_lt(markup, utf8) < _CHECK_ABOVE_TAGS:
        return markup
    if _surely_shallow(utf8 or markup.encode("utf-8", "surrogatepass"), max_depth):
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


def _count_lt(markup: str, utf8: bytes | None) -> int:
    """How many "<" the markup holds: numpy over its UTF-8 bytes when given (several times
    faster than ``str.count`` on a big page; "<" is one byte in UTF-8 and no other
    character's bytes contain it)."""
    if utf8 is None:
        return markup.count("<")
    return int(np.count_nonzero(np.frombuffer(utf8, dtype=np.uint8) == _LT))


def _surely_shallow(data: bytes, max_depth: int) -> bool:
    """True when the walk of ``flatten_deep_markup`` cannot go deeper than ``max_depth``.

    Every ``<`` is one step: +1 unless it surely starts a void or self-closing tag, -1 only
    when it surely starts a closing tag that the walk reads (not void, not self-closing,
    not inside an earlier tag: a ``>`` comes between it and the previous ``<``), else 0.
    Each step is at least the walk's step and the depth is clamped at 0 the same way, so
    the deepest level reached here bounds the walk's (ASCII bytes keep their order in
    UTF-8, so the bytes serve for the text)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    starts = np.flatnonzero(raw == _LT)
    ends = np.flatnonzero(raw == _GT)
    if len(starts) <= max_depth or not len(ends) or len(raw) < 16:
        return len(starts) <= max_depth
    closing = raw.take(starts + 1, mode="clip") == _SLASH
    name_at = starts + 1 + closing
    # The 8 bytes from each name's start as one integer (an overlapping unaligned view);
    # a name too near the end for that is never taken as void (a sure +1).
    words_at = np.ndarray((len(raw) - 7,), dtype="<u8", buffer=data, strides=(1,))
    whole = name_at < len(words_at)
    words = words_at[np.minimum(name_at, len(words_at) - 1)]
    is_tag = _LETTERS[raw.take(name_at, mode="clip")]
    lower = words | _LOWER
    void = np.zeros(len(starts), dtype=bool)
    for size, mask, names in _VOID_BY_LENGTH:
        prefix = lower & mask
        ended = ~_NAME_CHARS[((words >> np.uint64(8 * size)) & np.uint64(0xFF)).astype(np.intp)]
        found = prefix == names[0]
        for name in names[1:]:
            found |= prefix == name
        void |= found & ended
    void &= whole
    after = np.searchsorted(ends, starts)  # the first ">" after each "<"
    has_end = after < len(ends)
    end = ends[np.minimum(after, len(ends) - 1)]
    self_closing = has_end & (raw[end - 1] == _SLASH)
    # Not inside an earlier tag: the previous "<" has a ">" before this one.
    fresh = np.ones(len(starts), dtype=bool)
    fresh[1:] = has_end[:-1] & (end[:-1] < starts[1:])
    skipped = has_end & (self_closing | void)
    step = np.where(is_tag & ~closing & ~skipped, 1, 0)
    step[is_tag & closing & ~skipped & fresh] = -1
    level = np.cumsum(step)
    level -= np.minimum(np.minimum.accumulate(level), 0)
    return int(level.max()) <= max_depth
