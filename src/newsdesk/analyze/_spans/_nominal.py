"""Cues that are not verbs: adjectives that take a clause ("officials are concerned that
...", "it is unclear whether ...") and nouns that head one ("Trump's claim that ...",
"his criticism of the deal", "questions about her health"). Each becomes an ungated
candidate; the learned cue model decides which ones are attributions."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._syntax import CueHit, speaker_of, subtree_span
from newsdesk.record import Span

# prepositions after a noun that introduce what the statement, belief or report is about
_NOUN_PREPS = frozenset("about of for over on against into".split())
_CLAUSE_DEPS = frozenset({"ccomp", "acl"})


def _clause_child(tok: Token) -> Token | None:
    """A clause hanging on ``tok`` that starts with that/whether/if (or a ccomp)."""
    for child in tok.rights:
        if child.dep_ not in _CLAUSE_DEPS:
            continue
        marks = {g.lower_ for g in child.children if g.dep_ == "mark"}
        if child.dep_ == "ccomp" or marks & {"that", "whether", "if"}:
            return child
    return None


def _noun_speaker(noun: Token) -> Token | None:
    """'Trump's claim', 'the claim by Trump', or the subject of 'X made the claim'."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if noun.dep_ in ("dobj", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
        return speaker_of(noun.head)
    return None


def nominal_content(tok: Token, offset: int, text: str) -> tuple[str, list[Span]]:
    """(frame, content spans) of an adjective or noun cue candidate; empty when it has none."""
    clause = _clause_child(tok)
    if clause is not None:
        span = subtree_span(clause, offset, text)
        return "clause", [span] if span else []
    if tok.pos_ != "NOUN":
        return "none", []
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            spans = [s for s in (subtree_span(g, offset, text) for g in objects) if s]
            return f"prep:{child.lower_}", spans
    return "none", []


def nominal_hit(tok: Token, offset: int, text: str) -> tuple[CueHit, str] | None:
    """An ungated candidate for an adjective or noun cue, and its frame."""
    frame, content = nominal_content(tok, offset, text)
    if not content:
        return None
    speaker = _noun_speaker(tok) if tok.pos_ == "NOUN" else speaker_of(tok)
    start = offset + tok.idx
    sent = tok.sent
    hit = CueHit(
        cue=(start, start + len(tok.text)),
        cue_text=tok.text,
        speaker=speaker,
        offset=offset,
        content=content,
        sentence=(offset + sent.start_char, offset + sent.end_char),
        weight=0.0,
        speech=False,
    )
    return hit, frame
