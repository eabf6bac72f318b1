"""One French text under analysis: its parse (chunked), its tokens by offset, its sentences
and its direct quotes, read by the French quote and speaker rules."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._spans._direct import find_direct_quotes
from newsdesk.record import Span

# French quote marks come with (narrow) non-breaking spaces inside: « Oui ».
_EDGE = " \t\n\u00a0\u202f\u2009"
_TRAILING_COMMA = re.compile(r"[\s\u00a0\u202f]*,[\s\u00a0\u202f]*$")


@dataclass(slots=True)
class FrenchText:
    """``text`` parsed as ``chunks``; ``quotes`` are the direct quotes (parts without marks,
    spaces and a trailing comma), ``tokens`` every token with its offset in ``text``."""

    text: str
    chunks: list[Chunk]
    quotes: list[list[Span]] = field(default_factory=list)
    tokens: list[Token] = field(init=False)
    starts: list[int] = field(init=False)
    positions: dict[tuple[int, int], int] = field(init=False)
    sentences: list[Span] = field(init=False)
    sentence_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens, self.starts, self.sentences, self.positions = [], [], [], {}
        for chunk in self.chunks:
            for sent in chunk.doc.sents:
                self.sentences.append((chunk.start + sent.start_char, chunk.start + sent.end_char))
            for tok in chunk.doc:
                self.positions[(id(chunk.doc), tok.i)] = len(self.tokens)
                self.tokens.append(tok)
                self.starts.append(chunk.start + tok.idx)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.quotes = [clean_parts(self.text, q.parts) for q in find_direct_quotes(self.text)]
        self.quotes = [q for q in self.quotes if q]

    def offset(self, tok: Token) -> int:
        """``tok``'s start in ``text``."""
        return self.starts[self.index(tok)]

    def index(self, tok: Token) -> int:
        """The position of ``tok`` in ``tokens``."""
        return self.positions[(id(tok.doc), tok.i)]

    def span(self, tok: Token) -> Span:
        start = self.offset(tok)
        return (start, start + len(tok.text))

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that start in ``[start, end)``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return self.tokens[lo:hi]

    def token_at(self, pos: int) -> Token | None:
        """The token that starts at or before ``pos`` and reaches past it."""
        k = bisect_right(self.starts, pos) - 1
        if k < 0 or pos >= self.starts[k] + len(self.tokens[k].text):
            return None
        return self.tokens[k]

    def sentence_at(self, pos: int) -> Span:
        """The sentence holding ``pos``, cut at paragraph breaks."""
        k = max(bisect_right(self.sentence_starts, pos) - 1, 0)
        start, end = self.sentences[k] if self.sentences else (0, len(self.text))
        para_start = self.text.rfind("\n", 0, pos) + 1
        para_end = self.text.find("\n", pos)
        return (max(start, para_start), min(end, para_end if para_end >= 0 else len(self.text)))

    def in_quote(self, pos: int) -> bool:
        """Is ``pos`` inside a direct quote?"""
        return any(s <= pos < e for parts in self.quotes for s, e in parts)


def clean_parts(text: str, parts: list[Span]) -> list[Span]:
    """Quote parts without edge spaces (non-breaking ones too) and a trailing comma."""
    out = []
    for start, end in parts:
        s, e = start, end
        while s < e and text[s] in _EDGE:
            s += 1
        comma = _TRAILING_COMMA.search(text, s, e)
        if comma is not None:
            e = comma.start()
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def strip_span(text: str, start: int, end: int, chars: str = _EDGE + ",;:") -> Span:
    """``(start, end)`` without ``chars`` at its edges."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return (start, end)
