"""The cue of a quoted fragment with no cue nearby ('Trump called her "disgusting"'): the
nearest verb above the fragment in the parse, whose subject (outside the quote marks) is
the speaker."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._lexicon import cue_weight
from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._spans._content import frame_of
from newsdesk.analyze._syntax import CueHit, speaker_of
from newsdesk.record import Span

_CLIMB_STEPS = 8  # parse links climbed from the fragment to a verb


def fragment_hit(analysis: Analysis, parts: list[Span]) -> CueHit | None:
    """A cue hit for the quote ``parts`` from the verb governing them, or None."""
    start, end = parts[0][0], parts[-1][1]
    found = _fragment_root(analysis, start, end)
    if found is None:
        return None
    chunk, root = found
    verb = _verb_above(analysis.text, chunk, root, (start, end))
    if verb is None:
        return None
    speaker = speaker_of(verb)
    if speaker is None or start <= chunk.start + speaker.idx < end:
        return None
    cue = (chunk.start + verb.idx, chunk.start + verb.idx + len(verb.text))
    sent = verb.sent
    return CueHit(
        cue=cue,
        cue_text=verb.text,
        speaker=speaker,
        offset=chunk.start,
        content=list(parts),
        sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
        weight=cue_weight(verb.lemma_, frame_of(verb)),
        speech=False,
    )


def _fragment_root(analysis: Analysis, start: int, end: int) -> tuple[Chunk, Token] | None:
    """The chunk holding ``text[start:end]`` and the root token of the fragment's parse."""
    chunks = analysis.chunks
    chunk = chunks[0] if len(chunks) == 1 else analysis.chunk_at(start)
    if chunk is None or end - chunk.start > len(chunk.doc.text):
        return None
    span = chunk.doc.char_span(start - chunk.start, end - chunk.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return chunk, span.root


def _verb_above(text: str, chunk: Chunk, tok: Token, fragment: Span) -> Token | None:
    """The first verb at or above ``tok`` outside ``fragment``; None when the parse runs
    across a paragraph break on the way."""
    start, end = fragment
    for _ in range(_CLIMB_STEPS):
        pos = chunk.start + tok.idx
        if "\n" in (text[pos:start] if pos < start else text[end:pos]):
            return None  # the parse ran across a paragraph break
        if not start <= pos < end and tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
