"""Reported speech from the dependency parse: a cue verb (or "according to"), its speaker
(subject, inverted subject, relative-clause head, passive agent) and its content clause.

"Hamilton said that ...", "He stressed that ...", "X told Beta that ...", "..., said Hamilton,
who ...", "The alliance, he said, is ...", "According to X, ...". The quote-mark scanner's
spans are passed in so that cue verbs inside quoted text are not taken as attributions.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsdesk.analyze.cues import cue_weight, is_speech
from newsdesk.analyze.nlp import Chunk
from newsdesk.record import Span

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_FRAMES = (
    ("ccomp", {"ccomp"}),
    ("xcomp", {"xcomp"}),
    ("dobj", {"dobj", "dative", "oprd"}),
    ("prep", {"prep"}),
)
# "talked about X", "apologised for X", "warned against X"; not "spoke to/with reporters"
_TOPIC_PREPS = frozenset("about for against of over on as into".split())
# Verbs whose direct object is the hearer ("told reporters that ..."), not what was said.
_HEARER_VERBS = frozenset("tell inform assure remind notify advise warn brief".split())
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "attr", "acomp", "xcomp", "ccomp"})
# dependency links climbed from a subjectless cue to the clause whose subject speaks
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"})
_CLOSING_MARKS = frozenset({'"', "”", "»", "’", "'", "“", "«"})
_EDGE_PUNCT = " \t\n,;:—–-\"'“”‘’«»„"
MIN_WEIGHT = 0.15  # tuned on PolNeAR train[400:450], held out from cue training


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


class QuoteIndex:
    """Fast "is this offset inside a direct quote?" over sorted, disjoint quote parts."""

    def __init__(self, parts: list[Span]) -> None:
        self.parts = sorted(parts)
        self.starts = [s for s, _ in self.parts]

    def inside(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.parts[k][1]


def _span_of(tokens: list[Token], offset: int, text: str) -> Span | None:
    if not tokens:
        return None
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


def _subtree_span(tok: Token, offset: int, text: str, skip: Token | None = None) -> Span | None:
    """The characters of ``tok``'s subtree, without ``skip``'s subtree and edge punctuation."""
    tokens = list(tok.subtree)
    if skip is not None:
        cut = {t.i for t in skip.subtree}
        tokens = [t for t in tokens if t.i not in cut]
        # keep the longest contiguous run, so a parenthetical cue does not swallow the rest
        runs: list[list[Token]] = [[]]
        for t in tokens:
            if runs[-1] and t.i != runs[-1][-1].i + 1:
                runs.append([])
            runs[-1].append(t)
        tokens = max(runs, key=len)
    return _span_of(tokens, offset, text)


def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in verb.children:
        if child.dep_ in _SUBJECTS and child.dep_ != "nsubjpass":
            return child
    return None


def speaker_of(verb: Token) -> Token | None:
    """The subject of a cue verb, following conj, relcl, and passive agents, and climbing
    from "quick to add", "by telling", "..., calling" up to the clause that has one."""
    subject = _own_subject(verb)
    if subject is not None:
        return subject
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head
    tok = verb
    for _ in range(5):
        if tok.dep_ not in _CLIMB or tok.head is tok:
            return None
        tok = tok.head
        subject = _own_subject(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            return subject
    return None  # a passive without agent names the hearer ("he was told"), not the speaker


def frame_of(verb: Token) -> str:
    """The verb's complement frame: ccomp, xcomp, dobj, prep or none (a learned cue's key)."""
    deps = {c.dep_ for c in verb.children if c.i > verb.i or c.dep_ == "ccomp"}
    for frame, kinds in _FRAMES:
        if deps & kinds:
            return frame
    return "none"


def _content_of(verb: Token, frame: str, offset: int, text: str) -> list[Span]:
    """The content clause or phrase of a cue verb in ``frame``."""
    if frame == "dobj" and verb.lemma_ in _HEARER_VERBS:
        return _clause_after_hearer(verb, offset, text)
    if frame in ("ccomp", "xcomp"):
        kids = [c for c in verb.children if c.dep_ == frame]
    elif frame in ("dobj", "prep"):
        kids = [
            c
            for c in verb.rights
            if c.dep_ in _OBJECT_DEPS and not (c.dep_ == "prep" and not _topic(c))
        ]
    else:
        kids = []
    spans = [s for s in (_subtree_span(k, offset, text) for k in kids) if s]
    if len(spans) > 1 and frame in ("dobj", "prep"):
        spans = [(spans[0][0], spans[-1][1])]
    if not spans and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        span = _subtree_span(verb.head, offset, text, skip=verb)
        if span:
            spans.append(span)
    return spans


def _clause_after_hearer(verb: Token, offset: int, text: str) -> list[Span]:
    """'told reporters (at a briefing) that X': the 'that' clause, wherever the parser hung it."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.lower_ == "that" and tok.head.pos_ in ("VERB", "AUX"):
            span = _subtree_span(tok.head, offset, text)
            return [span] if span else []
    return []


def _according_to(tok: Token, offset: int, text: str, sent: SpacySpan) -> CueHit | None:
    """'According to X, ...': X speaks; the rest of the sentence is the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
        to = tok.nbor()
    if to is None:
        return None
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    lo, hi = min(phrase), max(phrase)
    before = [t for t in sent if t.i < lo]
    after = [t for t in sent if t.i > hi]
    content = _span_of(after if len(after) >= len(before) else before, offset, text)
    cue = (offset + tok.idx, offset + to.idx + len(to.text))
    return CueHit(
        cue=cue,
        cue_text=text[cue[0] : cue[1]],
        speaker=speaker,
        offset=offset,
        content=[content] if content else [],
        sentence=(offset + sent.start_char, offset + sent.end_char),
        weight=0.8,
        speech=True,
    )


def _topic(prep: Token) -> bool:
    """A preposition that introduces what was said about, not when, where or to whom."""
    if prep.lower_ not in _TOPIC_PREPS:
        return False
    return not any(c.ent_type_ in ("DATE", "TIME", "GPE", "LOC") for c in prep.children)


def _question_to_speaker(tok: Token) -> bool:
    """'Asked about X, Hamilton said ...': the participle's implicit subject is the reporter."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "prep", "pcomp")
        and not any(c.dep_ in _SUBJECTS for c in tok.children)
    )


def _after_closing_mark(tok: Token) -> bool:
    """'“…?” Hannity pressed.' / '“…,” came the reply': any verb right after a quote."""
    window = tok.doc[max(tok.i - 4, tok.sent.start) : tok.i]
    marks = [t for t in window if t.text in _CLOSING_MARKS]
    if not marks:
        return False
    between = tok.doc[marks[-1].i + 1 : tok.i]
    return all(t.is_punct or t.dep_ in ("nsubj", "compound", "det", "amod") for t in between)


def _verb_hit(tok: Token, chunk: Chunk, text: str, sent: SpacySpan) -> CueHit | None:
    if _question_to_speaker(tok):
        return None
    lemma = tok.lemma_.lower()
    frame = frame_of(tok)
    weight = cue_weight(lemma, frame)
    speech = is_speech(lemma) or _after_closing_mark(tok)
    if weight < MIN_WEIGHT and not (speech and frame == "none"):
        return None
    content = _content_of(tok, frame, chunk.start, text) if weight >= MIN_WEIGHT else []
    speaker = speaker_of(tok)
    if speaker is None and not speech:
        return None  # "data showing that ...": a belief or finding needs a holder
    if not content and (not speech or speaker is None):
        return None
    start = chunk.start + tok.idx
    return CueHit(
        cue=(start, start + len(tok.text)),
        cue_text=tok.text,
        speaker=speaker,
        offset=chunk.start,
        content=content,
        sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
        weight=weight,
        speech=speech,
    )


def find_cue_hits(chunks: list[Chunk], text: str, quoted: QuoteIndex) -> list[CueHit]:
    """Every cue outside quoted text, in text order."""
    hits: list[CueHit] = []
    for chunk in chunks:
        for sent in chunk.doc.sents:
            for tok in sent:
                if quoted.inside(chunk.start + tok.idx):
                    continue
                hit: CueHit | None = None
                if tok.lower_ == "according":
                    hit = _according_to(tok, chunk.start, text, sent)
                elif tok.pos_ == "VERB":
                    hit = _verb_hit(tok, chunk, text, sent)
                if hit is not None:
                    if hit.speaker is not None and quoted.inside(chunk.start + hit.speaker.idx):
                        hit.speaker = _subject_outside(tok, chunk.start, quoted)
                    hits.append(hit)
    return hits


def _subject_outside(verb: Token, offset: int, quoted: QuoteIndex) -> Token | None:
    """The parser took a word inside the quote as the subject ('“… [Clinton] can be …,”
    Kilfoyle said'): take the noun right before the cue, or right after it when inverted."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    for tok in (before, after):
        if tok is None or quoted.inside(offset + tok.idx):
            continue
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.lower_ not in ("it", "this", "that"):
            return tok
    return None


def _chunk_at(chunks: list[Chunk], pos: int) -> Chunk | None:
    k = bisect_right([c.start for c in chunks], pos) - 1 if len(chunks) > 1 else 0
    return chunks[k] if chunks and k >= 0 else None


def fragment_hit(chunks: list[Chunk], text: str, parts: list[Span]) -> CueHit | None:
    """A quoted fragment with no cue nearby ('Trump called her "disgusting"'): the speaker is
    the subject of the nearest verb above the fragment, outside the quote marks."""
    start, end = parts[0][0], parts[-1][1]
    chunk = _chunk_at(chunks, start)
    if chunk is None or end - chunk.start > len(chunk.doc.text):
        return None
    span = chunk.doc.char_span(start - chunk.start, end - chunk.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        pos = chunk.start + tok.idx
        inside = start <= pos < end
        if "\n" in (text[pos:start] if pos < start else text[end:pos]):
            return None  # the parse ran across a paragraph break
        if not inside and tok.pos_ in ("VERB", "AUX"):
            speaker = speaker_of(tok)
            if speaker is None or start <= chunk.start + speaker.idx < end:
                return None
            cue = (chunk.start + tok.idx, chunk.start + tok.idx + len(tok.text))
            sent = tok.sent
            return CueHit(
                cue=cue,
                cue_text=tok.text,
                speaker=speaker,
                offset=chunk.start,
                content=list(parts),
                sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
                weight=cue_weight(tok.lemma_, frame_of(tok)),
                speech=False,
            )
        if tok.head is tok:
            return None
        tok = tok.head
    return None
