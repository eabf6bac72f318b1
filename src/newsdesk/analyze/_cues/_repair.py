"""A second look for the speaker of a cue whose parse gave none, or gave a token that cannot
speak (punctuation, a date: 'Flynn, a top Trump surrogate, said Thursday').

Non-finite cues take the subject of the clause they hang from ("Mr. Trump ... asserting,
''Of course ...''"), a participle modifying a noun takes that noun ("footage of Trump saying
...", "one saying that ..."), and a cue whose subject the parser lost takes the noun right
before it ("Trump boasted, ..."). Only the parse of the cue's own sentence is read.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._reported import Repair
from newsdesk.analyze._syntax import CANNOT_SPEAK, CueHit, cue_span

_SUBJECTS = frozenset({"nsubj", "csubj"})
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
_MODIFIERS = frozenset({"acl", "relcl"})
_NOT_SPEAKERS = frozenset("it there this that what which".split())
_RIGHT_DEPS = frozenset({"nsubj", "dobj", "attr", "npadvmod", "appos", "oprd"})
_PREMODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "case"})
_QUOTE_MARKS = "\"“”‘’«»„'"
_CLIMB_STEPS = 6
_LEFT_WINDOW = 6  # tokens left of the cue searched for a lost subject


def needs_repair(hit: CueHit) -> bool:
    """No speaker, or one that cannot speak."""
    tok = hit.speaker
    if tok is None:
        return True
    return not tok.text[:1].isalnum() or tok.ent_type_ in CANNOT_SPEAK


def speaker_repair(analysis: Analysis) -> Repair:
    """The speaker each cue hit should have: its own, or a repaired one when it needs it."""

    def repair(hit: CueHit) -> Token | None:
        if not needs_repair(hit):
            return hit.speaker
        return repair_speaker(hit, analysis) or hit.speaker

    return repair


def repair_speaker(hit: CueHit, analysis: Analysis) -> Token | None:
    """A better speaker token for ``hit``, or None when the sentence offers none."""
    cue = _cue_token(hit, analysis)
    quoted = analysis.quoted
    if cue is None:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return None  # "he was told": the hearer, not the speaker

    def outside(tok: Token | None) -> Token | None:
        return tok if tok is not None and not quoted.inside(hit.offset + tok.idx) else None

    head = cue
    while head.dep_ == "conj" and head.head.i < head.i:  # "X call them ... and describe"
        head = head.head
    return (
        outside(_governing_subject(cue, outside))
        or outside(_left_subject(cue))
        or outside(_left_subject(head))
        or outside(_inverted_subject(cue))
    )


def _cue_token(hit: CueHit, analysis: Analysis) -> Token | None:
    chunk = analysis.chunk_at(hit.cue[0])
    if chunk is None or chunk.start != hit.offset:
        return None
    span = cue_span(hit, chunk.doc)
    return span[0] if span is not None else None


def _can_speak(tok: Token) -> bool:
    return (
        tok.pos_ in _NOUNS
        and tok.lower_ not in _NOT_SPEAKERS
        and tok.ent_type_ not in CANNOT_SPEAK
        and tok.text[:1].isalnum()
    )


def _governing_subject(cue: Token, outside: Callable[[Token | None], Token | None]) -> Token | None:
    """Climb from the cue: a noun it modifies, else the first subject (outside quote marks)
    of a verb above it."""
    tok = cue
    for _ in range(_CLIMB_STEPS):
        if tok.dep_ in _MODIFIERS and _can_speak(tok.head) and outside(tok.head):
            return tok.head
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subjects = (c for c in tok.children if c.dep_ in _SUBJECTS and _can_speak(c))
            subject = next((c for c in subjects if outside(c)), None)
            if subject is not None:
                return subject
    return None


def _left_subject(cue: Token) -> Token | None:
    """The noun right before the cue in its sentence ('Trump boasted'), over commas and an
    apposition ('Flynn, a top Trump surrogate, said'), never across a quote mark."""
    sent_start = cue.sent.start
    for i in range(cue.i - 1, max(sent_start, cue.i - _LEFT_WINDOW) - 1, -1):
        tok = cue.doc[i]
        if tok.is_quote or tok.text in '"“”‘’«»':
            return None
        if _can_speak(tok):
            return tok
        if tok.pos_ not in ("PUNCT", "ADV", "PART", "AUX"):
            return None
    return None


def _inverted_subject(cue: Token) -> Token | None:
    """'“…,” said former tech executive Carly Fiorina during …': right after a closing mark,
    the noun phrase the cue governs on its right speaks."""
    before = cue.doc[max(cue.sent.start, cue.i - 2) : cue.i]
    if not any(t.is_quote or t.text in _QUOTE_MARKS for t in before):
        return None
    for tok in cue.rights:
        if tok.dep_ in _RIGHT_DEPS and _can_speak(tok):
            return tok
    j = cue.i + 1  # the parse hung the name elsewhere: the noun phrase right after the cue
    while j < cue.sent.end and cue.doc[j].dep_ in _PREMODIFIERS:
        j += 1
    return cue.doc[j] if j < cue.sent.end and _can_speak(cue.doc[j]) else None
