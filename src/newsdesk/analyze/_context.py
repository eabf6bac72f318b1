"""The analysis context: one object holding what every rule reads about the text, passed
to the rule functions instead of parallel ``text``/``chunks``/``paragraphs`` arguments."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from newsdesk.analyze._entities import Cluster
from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._paragraphs import Paragraphs, paragraphs
from newsdesk.analyze._syntax import QuoteIndex


@dataclass(slots=True)
class Analysis:
    """One text under analysis. ``chunks`` are its spaCy parse (offsets relative to each
    chunk's start), ``clusters`` its named entities, ``quoted`` the parts of its direct
    quotes (empty until the direct quotes are found)."""

    text: str
    chunks: list[Chunk]
    paragraphs: Paragraphs
    clusters: list[Cluster] = field(default_factory=list)
    quoted: QuoteIndex = field(default_factory=lambda: QuoteIndex([]))
    chunk_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.chunk_starts = [c.start for c in self.chunks]

    @classmethod
    def of(cls, text: str, chunks: list[Chunk], quoted: QuoteIndex | None = None) -> Analysis:
        """The context of ``text`` parsed as ``chunks``, its paragraphs found here."""
        found = cls(text, chunks, Paragraphs(paragraphs(text)))
        if quoted is not None:
            found.quoted = quoted
        return found

    def chunk_index(self, pos: int) -> int:
        """The index of the chunk holding offset ``pos`` (-1 when it precedes every chunk)."""
        return bisect_right(self.chunk_starts, pos) - 1

    def chunk_at(self, pos: int) -> Chunk | None:
        """The chunk holding offset ``pos``, or None when it precedes every chunk."""
        k = self.chunk_index(pos)
        return self.chunks[k] if k >= 0 else None
