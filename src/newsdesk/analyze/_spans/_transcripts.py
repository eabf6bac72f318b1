"""Interview transcripts: paragraphs that open with a speaker label ("WALLACE: ...",
"Mr. Pence: ...", also behind an opening quote mark: '"WALLACE: ...'). The rest of the
paragraph is that person's direct quote, when the label names a person the article mentions
elsewhere (so "UPDATE:" or "WATCH:" never speak). ``direct_quotes`` joins these turns with
the quote-mark quotes."""

from __future__ import annotations

import re

from newsdesk.analyze import _confidence as confidence
from newsdesk.analyze._context import Analysis
from newsdesk.analyze._paragraphs import Paragraphs
from newsdesk.analyze._spans._direct import DirectQuote, find_direct_quotes
from newsdesk.analyze._syntax import CueHit
from newsdesk.record import Span

_LABEL = re.compile(r"[\"“‘']?(?P<label>[A-Z][\w.'’\- ]{0,40}?):\s+(?=\S)")
_MARKS = "\"“”‘’'"


def direct_quotes(analysis: Analysis) -> tuple[list[DirectQuote], list[CueHit]]:
    """Quote-mark quotes plus transcript turns ("WALLACE: ..."), without overlaps: a quote
    mark run over several turns ('"WALLACE: ... ¶ "PENCE: ...') keeps only its paragraphs
    that are no turn. Also the turns' cue hits."""
    paras = analysis.paragraphs
    marked = find_direct_quotes(analysis.text)
    turns = transcript_turns(analysis)
    taken = [q for q, _hit in turns]
    turn_paras = {paras.index(q.start) for q in taken}
    kept: list[DirectQuote] = []
    for quote in marked:
        if turn_paras:
            kept.extend(_between_turns(quote, paras, turn_paras))
        else:
            kept.append(quote)
    direct = sorted(kept + taken, key=lambda q: q.start)
    return direct, [hit for _q, hit in turns]


def _between_turns(
    quote: DirectQuote, paras: Paragraphs, turn_paras: set[int]
) -> list[DirectQuote]:
    """The runs of ``quote``'s paragraphs between two turns (only the last keeps its
    closing mark)."""
    kept: list[DirectQuote] = []
    run: list[Span] = []  # the quote's paragraphs between two turns
    for part in quote.parts:
        index = paras.index(part[0])
        if run and (index in turn_paras or index != paras.index(run[-1][0]) + 1):
            kept.append(DirectQuote(run, closed=False))
            run = []
        if index not in turn_paras:
            run.append(part)
    if run:
        kept.append(DirectQuote(run, closed=quote.closed))
    return kept


def transcript_turns(analysis: Analysis) -> list[tuple[DirectQuote, CueHit]]:
    """(quote, cue) for every paragraph that is a labelled turn of a known person."""
    clusters = analysis.clusters
    people = {c.key.removeprefix("PERSON:") for c in clusters if c.label == "PERSON"}
    turns: list[tuple[DirectQuote, CueHit]] = []
    for para in analysis.paragraphs.spans:
        match = _LABEL.match(analysis.text, *para)
        if match is None:
            continue
        words = match.group("label").replace("’", "'").split()
        if not words or words[-1].lower().strip(".") not in people:
            continue
        hit = _label_hit(analysis, para, match, words[-1])
        quote = _turn_quote(analysis.text, match.end(), para[1])
        if hit is not None and quote is not None:
            turns.append((quote, hit))
    return turns


def _label_hit(analysis: Analysis, para: Span, match: re.Match[str], name: str) -> CueHit | None:
    """The cue of a turn: the label ("WALLACE:"), its speaker the label's last word ``name``."""
    chunk = analysis.chunk_at(para[0])
    if chunk is None:
        return None
    label_end = match.end("label")
    span = chunk.doc.char_span(
        label_end - len(name) - chunk.start,
        label_end - chunk.start,
        alignment_mode="expand",
    )
    if span is None or len(span) == 0:
        return None
    cue = (match.start("label"), label_end + 1)  # "WALLACE:"
    return CueHit(
        cue=cue,
        cue_text=analysis.text[cue[0] : cue[1]].strip(),
        speaker=span.root,
        offset=chunk.start,
        content=[],
        sentence=para,
        weight=confidence.TRANSCRIPT_CUE,
        speech=True,
    )


def _turn_quote(text: str, quote_start: int, quote_end: int) -> DirectQuote | None:
    """The words of a turn after its label, without the quote marks around them."""
    while quote_end > quote_start and text[quote_end - 1] in _MARKS:
        quote_end -= 1  # the closing mark of a quoted transcript
    while quote_start < quote_end and text[quote_start] in _MARKS:
        quote_start += 1  # 'Said Ellis: “…”': the turn is quoted itself
    if quote_end > quote_start:
        return DirectQuote([(quote_start, quote_end)])
    return None
