"""What the rules share: the cue-hit record, the quoted-text index, character spans of parse
subtrees, the subject (speaker) of a cue word, and the word classes several roles read."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsdesk.record import Span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NOMINAL_SUBJECTS = ("nsubj", "nsubjpass")  # a noun phrase as the subject
# dependency links climbed from a subjectless cue to the clause whose subject speaks
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"})
_EDGE_PUNCT = " \t\n,;:—–-\"'“”‘’«»„"
# entity types that are never a speaker (a date or a number next to a cue)
CANNOT_SPEAK = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# Verbs whose direct object is the hearer ("told reporters that ..."), not what was said.
HEARER_VERBS = frozenset("tell inform assure remind notify advise warn brief".split())


@dataclass(slots=True)
class CueHit:
    """One attribution found in the parse. Offsets are into the article text."""

    cue: Span
    cue_text: str
    speaker: Token | None  # the head token of the speaker phrase
    offset: int  # of the speaker token's chunk
    content: list[Span] = field(default_factory=list)
    sentence: Span = (0, 0)
    weight: float = 0.0
    speech: bool = True


def cue_span(hit: CueHit, doc: Doc) -> SpacySpan | None:
    """The tokens of ``hit``'s cue in ``doc``, the parse of the chunk at ``hit.offset``."""
    start, end = hit.cue[0] - hit.offset, hit.cue[1] - hit.offset
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


class QuoteIndex:
    """Fast "is this offset inside a direct quote?" over sorted, disjoint quote parts."""

    def __init__(self, parts: list[Span]) -> None:
        self.parts = sorted(parts)
        self.starts = [s for s, _ in self.parts]

    def inside(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.parts[k][1]

    def end_of(self, pos: int) -> int | None:
        """The end of the quote part holding ``pos`` (None when ``pos`` is not quoted)."""
        k = bisect_right(self.starts, pos) - 1
        return self.parts[k][1] if k >= 0 and pos < self.parts[k][1] else None


def span_of(tokens: list[Token], offset: int, text: str) -> Span | None:
    if not tokens:
        return None
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


def subtree_span(tok: Token, offset: int, text: str, skip: Token | None = None) -> Span | None:
    """The characters of ``tok``'s subtree, without ``skip``'s subtree and edge punctuation."""
    if skip is None:  # only the first and last token count: the subtree's edges
        return span_of([tok.left_edge, tok.right_edge], offset, text)
    tokens = list(tok.subtree)
    cut = {t.i for t in skip.subtree}
    tokens = [t for t in tokens if t.i not in cut]
    # keep the longest contiguous run, so a parenthetical cue does not swallow the rest
    runs: list[list[Token]] = [[]]
    for t in tokens:
        if runs[-1] and t.i != runs[-1][-1].i + 1:
            runs.append([])
        runs[-1].append(t)
    return span_of(max(runs, key=len), offset, text)


def own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.dep_ != "nsubjpass":
            return child
    return None


def speaker_of(verb: Token) -> Token | None:
    """The subject of a cue verb, following conj, relcl, and passive agents, and climbing
    from "quick to add", "by telling", "..., calling" up to the clause that has one."""
    subject = own_subject(verb)
    if subject is not None:
        return subject
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head
    tok = verb
    for _ in range(5):
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            return None
        tok = tok.head
        subject = own_subject(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            return subject
    return None  # a passive without agent names the hearer ("he was told"), not the speaker
