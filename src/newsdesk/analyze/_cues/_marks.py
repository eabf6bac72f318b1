"""Cues that name a speaker where the cue model finds none: a dash byline after a closing
quote mark ('“…” ― Carla Sanchez'), a speech verb right after a closing mark that the cue
weights passed over ('“…,” Rep. Jane Doe (D-Md.) said in a phone interview.') and a clause
that introduces a quote with a colon ('Said Ellis: “…”').
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsdesk.analyze import _confidence as confidence
from newsdesk.analyze._context import Analysis
from newsdesk.analyze._lexicon import is_speech
from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._paragraphs import Paragraphs
from newsdesk.analyze._spans._assembly import AFTER_GAP, SCARE_WORDS
from newsdesk.analyze._spans._direct import DirectQuote
from newsdesk.analyze._syntax import NOMINAL_SUBJECTS, CueHit

BYLINE_DASHES = "―—–-"
# '“…” ― Carla Sanchez' / '“…” — Jane Doe, a teacher in Ohio': a dash, then a name that ends
# the paragraph or is followed only by a comma-led description
_BYLINE = re.compile(
    r"[\s.,]*[―—–-]{1,2}\s*(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,4})"
    r"\s*(?:[.,;(]|$)"
)
_CLOSERS = "\"”»’'“"
_MAX_BYLINE_TAIL = 120


def is_byline(hit: CueHit) -> bool:
    """A hit made by ``byline_hits``: a one-dash cue; its ``sentence`` is the name's span."""
    return len(hit.cue_text) == 1 and hit.cue_text in BYLINE_DASHES and not hit.content


def byline_hits(analysis: Analysis, direct: list[DirectQuote]) -> list[CueHit]:
    """A dash and a name right after a closing quote mark, at the end of the paragraph or
    alone in the next one: '“Maybe, we can build a wall.” ― Steve Quinlan'. The dash is the
    cue."""
    text = analysis.text
    hits: list[CueHit] = []
    for quote in direct:
        match = _byline_after(text, quote, analysis.paragraphs) if quote.closed else None
        if match is None:
            continue
        tail = text[match.end("name") : match.endpos]
        if len(tail) > _MAX_BYLINE_TAIL or any(mark in tail for mark in _CLOSERS[:3]):
            continue
        hit = _byline_hit(analysis, match)
        if hit is not None:
            hits.append(hit)
    return hits


def _byline_after(text: str, quote: DirectQuote, paras: Paragraphs) -> re.Match[str] | None:
    index = paras.index(quote.end)
    end = paras.spans[index][1]
    pos = quote.end
    while pos < end and text[pos] in _CLOSERS:
        pos += 1
    if text[pos:end].strip(" .,") or index + 1 >= len(paras.spans):
        return _BYLINE.match(text, pos, end)
    start, end = paras.spans[index + 1]  # '“…” ¶ - Bernie Sanders'
    return _BYLINE.match(text, start, end) if text[start] in BYLINE_DASHES else None


def _byline_hit(analysis: Analysis, match: re.Match[str]) -> CueHit | None:
    text = analysis.text
    name_start, name_end = match.span("name")
    while name_end > name_start and text[name_end - 1] in ".,":
        name_end -= 1
    chunk = analysis.chunk_at(name_start)
    if chunk is None:
        return None
    span = chunk.doc.char_span(
        name_start - chunk.start, name_end - chunk.start, alignment_mode="expand"
    )
    if span is None or len(span) == 0:
        return None
    dash = match.start() + next(i for i, c in enumerate(match.group()) if c in BYLINE_DASHES)
    return CueHit(
        cue=(dash, dash + 1),
        cue_text=text[dash],
        speaker=span[-1],
        offset=chunk.start,
        content=[],
        sentence=(name_start, name_end),  # a byline's "sentence" is the name itself
        weight=confidence.BYLINE_CUE,
        speech=True,
    )


_LATE_TOKENS = 10  # tokens after a closing mark searched for its speech verb
_NEAR_TOKENS = 4  # this close to the mark, any verb with a subject attributes the quote
_STOPS = frozenset(".!?;")
_INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "oprd"})


def late_cue_hits(
    analysis: Analysis, direct: list[DirectQuote], hits: list[CueHit]
) -> list[CueHit]:
    """'“…,” Rep. Jane Doe (D-Md.) said in a phone interview.': a speech verb right after a
    closing mark, with its subject, that the cue model passed over. Only for quotes no cue
    follows already."""
    cues = sorted(h.cue[0] for h in hits)
    found: list[CueHit] = []
    for quote in direct:
        k = bisect_right(cues, quote.end)
        if k < len(cues) and cues[k] - quote.end <= AFTER_GAP:
            continue
        chunk = analysis.chunk_at(quote.end)
        if chunk is None:
            continue
        hit = _late_cue(analysis.text, quote, chunk)
        if hit is not None:
            found.append(hit)
    return found


def _late_cue(text: str, quote: DirectQuote, chunk: Chunk) -> CueHit | None:
    span = chunk.doc.char_span(
        quote.end - chunk.start, quote.end - chunk.start + 1, alignment_mode="expand"
    )
    if span is None or len(span) == 0:
        return None
    mark = span[-1]
    for tok in chunk.doc[mark.i + 1 : mark.i + 1 + _LATE_TOKENS]:
        if tok.is_quote or "\n" in tok.text or tok.text in _STOPS:
            return None
        # '“…,” the editorial read': any verb this close, but not after a scare quote
        near = tok.i - mark.i <= _NEAR_TOKENS and _words(text, quote) > SCARE_WORDS
        if tok.pos_ != "VERB" or not (near or is_speech(tok.lemma_)):
            continue
        subject = _subject_after(tok, mark.i)
        if subject is None:
            return None
        sent = tok.sent
        start = chunk.start + tok.idx
        return CueHit(
            cue=(start, start + len(tok.text)),
            cue_text=tok.text,
            speaker=subject,
            offset=chunk.start,
            content=[],
            sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
            weight=confidence.MIN_WEIGHT
            if is_speech(tok.lemma_)
            else 0.0,  # no rescue of scare quotes
            speech=True,
        )
    return None


_COLON_WINDOW = 8  # characters from a colon to the quote it introduces ('stated: ¶ “')
_SAID = frozenset({"said", "says"})  # "Said Ellis:" — a capital "Said" keeps its own lemma


def colon_hits(analysis: Analysis, direct: list[DirectQuote], hits: list[CueHit]) -> list[CueHit]:
    """'Said Ellis: “…”', 'The piece used her words as its headline: “…”': a clause ending
    in a colon right before a quote, with no cue of its own; its subject speaks."""
    text = analysis.text
    cues = sorted(h.cue[0] for h in hits)
    found: list[CueHit] = []
    for quote in direct:
        window = max(0, quote.start - _COLON_WINDOW)
        lead = text[window : quote.start].rstrip("\"“„«‘' \n")
        if not lead.endswith(":"):
            continue
        colon = window + len(lead) - 1
        chunk = analysis.chunk_at(colon)
        hit = _colon_hit(chunk, colon) if chunk is not None else None
        if hit is None:
            continue
        k = bisect_right(cues, colon) - 1
        if k < 0 or cues[k] < hit.sentence[0]:  # the clause has no cue of its own
            found.append(hit)
    return found


def _colon_hit(chunk: Chunk, colon: int) -> CueHit | None:
    span = chunk.doc.char_span(
        colon - chunk.start, colon - chunk.start + 1, alignment_mode="expand"
    )  # the colon can be glued to its neighbours: 'Gowdy (R-S.C.):"I have'
    if span is None or len(span) == 0:
        return None
    lead = chunk.doc[_paragraph_start(chunk.doc, span.sent.start, span[0].i) : span[0].i]
    if len(lead) == 0:
        return None
    root = lead.root
    speaker: Token | None = None
    cue: Token | None = root
    if root.pos_ in ("VERB", "AUX"):
        speaker = next((c for c in root.children if c.dep_ == "nsubj"), None)
    elif root.pos_ == "PROPN":  # "Said Ellis:" parsed as a name with "Said" in front
        verb = next((t for t in lead if is_speech(t.lemma_) or t.lower_ in _SAID), None)
        speaker, cue = (root, verb) if verb is not None else (None, root)
    if speaker is None:  # "Carl Bialik: “…”", "Rep. Trey Gowdy (R-S.C.): “…”": a bare name
        speaker = _name_before(lead)
        cue = None
    if speaker is None or speaker.i < lead.start:
        return None
    start = chunk.start + cue.idx if cue is not None else colon
    return CueHit(
        cue=(start, start + len(cue.text)) if cue is not None else (colon, colon + 1),
        cue_text=cue.text if cue is not None else ":",
        speaker=speaker,
        offset=chunk.start,
        content=[],
        sentence=(chunk.start + lead.start_char, colon + 1),
        weight=confidence.MIN_WEIGHT,
        speech=True,
    )


def _paragraph_start(doc: Doc, start: int, end: int) -> int:
    """The first token of ``doc[start:end]`` after its last line break: a sentence the parser
    ran over a paragraph break ('…debate.” ¶ Sanders delivered a retort:') starts there."""
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text:
            return k + 1
    return start


def _name_before(lead: SpacySpan) -> Token | None:
    """The person or organisation named right before a colon (over a parenthesis)."""
    k = len(lead) - 1
    opening = next((i for i in range(k, -1, -1) if lead[i].text == "("), None)
    if opening is not None and ")" not in lead[opening:].text[:-1]:  # '(R-S.C.):', '(R-'
        k = opening - 1
    tok = lead[k] if k >= 0 else None
    if tok is not None and tok.pos_ == "NOUN":  # "From Bush's Facebook post:": its owner
        tok = next((c for c in tok.children if c.dep_ == "poss"), None)
    return tok if tok is not None and tok.ent_type_ in ("PERSON", "ORG") else None


def _words(text: str, quote: DirectQuote) -> int:
    return sum(len(text[s:e].split()) for s, e in quote.parts)


def _subject_after(verb: Token, mark: int) -> Token | None:
    """The verb's subject after the closing mark ('“…,” Doe said'), or the noun it governs on
    its right when inverted ('“…,” exhorted actress Jamie Lee Curtis')."""
    for child in verb.children:
        if child.dep_ in NOMINAL_SUBJECTS and child.i > mark:
            return child
    for child in verb.rights:
        if child.dep_ in _INVERTED_DEPS and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def as_hits(analysis: Analysis, direct: list[DirectQuote], hits: list[CueHit]) -> list[CueHit]:
    """'As Ms. Simonyan put it in a statement, RT is “providing a perspective …”', '…, as
    the paper noted in an op-ed, the candidate “has earned …”': a speech clause led by "as"
    attributes the quote that follows it in the same sentence; the quote is its content."""
    taken = {h.cue[0] for h in hits if h.content}
    found: list[CueHit] = []
    for quote in direct:
        chunk = analysis.chunk_at(quote.start)
        if chunk is None:
            continue
        hit = _as_clause_hit(quote, chunk)
        if hit is not None and hit.cue[0] not in taken:
            taken.add(hit.cue[0])
            found.append(hit)
    return found


def _as_clause_hit(quote: DirectQuote, chunk: Chunk) -> CueHit | None:
    span = chunk.doc.char_span(
        quote.start - chunk.start, quote.start - chunk.start + 1, alignment_mode="expand"
    )
    if span is None or len(span) == 0:
        return None
    first = span[0]
    for tok in chunk.doc[first.sent.start : first.i]:
        if tok.lower_ != "as" or tok.dep_ != "mark" or tok.head.dep_ != "advcl":
            continue
        verb = tok.head
        said = is_speech(verb.lemma_) or (
            verb.lemma_ == "put" and any(c.lower_ == "it" for c in verb.children)
        )
        subject = next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECTS), None)
        if not said or subject is None or verb.right_edge.i >= first.i:
            continue
        start = chunk.start + verb.idx
        sent = first.sent
        return CueHit(
            cue=(start, start + len(verb.text)),
            cue_text=verb.text,
            speaker=subject,
            offset=chunk.start,
            content=list(quote.parts),
            sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
            weight=confidence.MIN_WEIGHT,
            speech=True,
        )
    return None
