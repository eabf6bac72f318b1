"""Paragraphs of the article text: their character ranges and a lookup by offset. Pure
string work, no NLP."""

from __future__ import annotations

import re
from bisect import bisect_right

from newsdesk.record import Span

_PARAGRAPH = re.compile(r"\n\s*")  # any line break ends a paragraph


def paragraphs(text: str) -> list[Span]:
    """Paragraph ranges of ``text`` (separated by blank lines), whitespace trimmed."""
    spans: list[Span] = []
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [trim(text, s, e) for s, e in spans if text[s:e].strip()]


def trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without the whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


class Paragraphs:
    """The paragraph ranges of a text, with "which paragraph holds this offset?"."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans or [(0, 0)]
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def at(self, pos: int) -> Span:
        return self.spans[self.index(pos)]
