"""Interview transcripts: paragraphs that open with a speaker label ("WALLACE: ...",
"Mr. Pence: ...", also behind an opening quote mark: '"WALLACE: ...'). The rest of the
paragraph is that person's direct quote, when the label names a person the article mentions
elsewhere (so "UPDATE:" or "WATCH:" never speak)."""

from __future__ import annotations

import re

from newsdesk.analyze.entities import Cluster
from newsdesk.analyze.nlp import Chunk
from newsdesk.analyze.quotes_direct import DirectQuote
from newsdesk.analyze.quotes_reported import CueHit
from newsdesk.record import Span

_LABEL = re.compile(r"[\"“‘']?(?P<label>[A-Z][\w.'’\- ]{0,40}?):\s+(?=\S)")
_MARKS = "\"“”‘’'"


def _chunk_for(chunks: list[Chunk], pos: int) -> Chunk | None:
    found = None
    for chunk in chunks:
        if chunk.start > pos:
            break
        found = chunk
    return found


def transcript_turns(
    text: str, paras: list[Span], chunks: list[Chunk], clusters: list[Cluster]
) -> list[tuple[DirectQuote, CueHit]]:
    """(quote, cue) for every paragraph that is a labelled turn of a known person."""
    people = {c.key.removeprefix("PERSON:") for c in clusters if c.label == "PERSON"}
    turns: list[tuple[DirectQuote, CueHit]] = []
    for start, end in paras:
        match = _LABEL.match(text, start, end)
        if match is None:
            continue
        words = match.group("label").replace("’", "'").split()
        if not words or words[-1].lower().strip(".") not in people:
            continue
        chunk = _chunk_for(chunks, start)
        if chunk is None:
            continue
        label_end = match.end("label")
        span = chunk.doc.char_span(
            label_end - len(words[-1]) - chunk.start,
            label_end - chunk.start,
            alignment_mode="expand",
        )
        if span is None or len(span) == 0:
            continue
        cue = (match.start("label"), label_end + 1)  # "WALLACE:"
        hit = CueHit(
            cue=cue,
            cue_text=text[cue[0] : cue[1]].strip(),
            speaker=span.root,
            offset=chunk.start,
            content=[],
            sentence=(start, end),
            weight=0.9,
            speech=True,
        )
        quote_start, quote_end = match.end(), end
        while quote_end > quote_start and text[quote_end - 1] in _MARKS:
            quote_end -= 1  # the closing mark of a quoted transcript
        while quote_start < quote_end and text[quote_start] in _MARKS:
            quote_start += 1  # 'Said Ellis: “…”': the turn is quoted itself
        if quote_end > quote_start:
            turns.append((DirectQuote([(quote_start, quote_end)]), hit))
    return turns
