"""Reported speech from the dependency parse: a cue verb (or "according to"), its speaker
(subject, inverted subject, relative-clause head, passive agent) and its content clause.

"Hamilton said that ...", "He stressed that ...", "X told Beta that ...", "..., said Hamilton,
who ...", "The alliance, he said, is ...", "According to X, ...". Every verb (and, through
quotes_nominal, every adjective or noun) with a content clause or phrase is a candidate; the
learned cue model keeps the attributions. The quote-mark scanner's spans are passed in so
that cue verbs inside quoted text are not taken as attributions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsdesk.analyze.cues import (
    THOUGHT_VERBS,
    cue_features,
    cue_model,
    cue_probability,
    cue_weight,
    is_speech,
    repaired_features,
)
from newsdesk.analyze.nlp import Chunk
from newsdesk.analyze.quotes_cue_context import with_context
from newsdesk.analyze.quotes_nominal import nominal_hit
from newsdesk.analyze.quotes_syntax import (
    SUBJECTS,
    CueHit,
    QuoteIndex,
    span_of,
    speaker_of,
    subtree_span,
)
from newsdesk.record import Span

Repair = Callable[[CueHit], "Token | None"]  # the speaker a hit should have

_FRAMES = (
    ("ccomp", {"ccomp"}),
    ("xcomp", {"xcomp"}),
    ("dobj", {"dobj", "dative", "oprd"}),
    ("prep", {"prep"}),
)
# "talked about X", "apologised for X", "warned against X"; not "spoke to/with reporters"
_TOPIC_PREPS = frozenset("about for against of over on as into".split())
# Verbs whose direct object is the hearer ("told reporters that ..."), not what was said.
HEARER_VERBS = frozenset("tell inform assure remind notify advise warn brief".split())
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "attr", "acomp", "xcomp", "ccomp"})
# dependents that carry on an object phrase ('as hypocritical because ...', 'with X')
_TAIL_DEPS = frozenset({"prep", "advcl", "oprd", "acomp", "xcomp", "ccomp", "dobj", "dative"})
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_CLOSING_MARKS = frozenset({'"', "”", "»", "’", "'", "“", "«"})
# entity types that are never a speaker (a date or a number next to a cue)
CANNOT_SPEAK = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
MIN_WEIGHT = 0.15  # tuned on PolNeAR train[400:450], held out from cue training


def frame_of(verb: Token) -> str:
    """The verb's complement frame: ccomp, xcomp, dobj, prep or none (a learned cue's key)."""
    deps = {c.dep_ for c in verb.children if c.i > verb.i or c.dep_ == "ccomp"}
    for frame, kinds in _FRAMES:
        if deps & kinds:
            return frame
    return "none"


def _content_of(verb: Token, frame: str, offset: int, text: str) -> list[Span]:
    """The content clause or phrase of a cue verb in ``frame``."""
    if frame == "dobj" and verb.lemma_ in HEARER_VERBS:
        return _clause_after_hearer(verb, offset, text)
    if frame in ("ccomp", "xcomp"):
        kids = [c for c in verb.children if c.dep_ == frame]
    elif frame == "passive":
        kids = [c for c in verb.children if c.dep_ == "nsubjpass"]
    elif frame in ("dobj", "prep"):
        kids = [
            c
            for c in verb.rights
            if c.dep_ in _OBJECT_DEPS and not (c.dep_ == "prep" and not _topic(c))
        ]
    else:
        kids = []
    if kids and frame in ("dobj", "prep"):
        kids = kids + _object_tail(verb, kids[0])
    spans = [s for s in (subtree_span(k, offset, text) for k in kids) if s]
    if len(spans) > 1 and frame in ("dobj", "prep"):
        spans = [(spans[0][0], max(e for _s, e in spans))]
    last = max(kids, key=lambda k: k.i, default=None)
    if spans and last is not None and last.i > verb.i:
        spans = _with_participle(verb, last, spans, offset, text)
    if not spans and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        span = subtree_span(verb.head, offset, text, skip=verb)
        if span:
            spans.append(span)
    return spans


def _with_participle(
    verb: Token, last: Token, spans: list[Span], offset: int, text: str
) -> list[Span]:
    """'said it was a temporary dip, reflecting restlessness ...': a participle after the
    content that the parser hung on the cue verb belongs to the content (not 'adding that
    ...', a cue of its own)."""
    for child in verb.rights:
        if child.i <= last.i or child.is_punct:
            continue
        if child.dep_ != "advcl" or child.tag_ != "VBG":
            return spans
        lemma = child.lemma_.lower()
        if (
            is_speech(lemma)
            or lemma in THOUGHT_VERBS
            or any(c.dep_ in SUBJECTS for c in child.children)
        ):
            return spans
        span = subtree_span(child, offset, text)
        if span is None or span[1] <= spans[-1][1]:
            return spans
        return [*spans[:-1], (spans[-1][0], span[1])]
    return spans


def _object_tail(verb: Token, first: Token) -> list[Token]:
    """What the verb's object phrase goes on with up to the next comma: 'cast Sanders as
    hypocritical because he had accepted ...', 'the deal with state lawmakers'; not a time or
    place ('on Tuesday', 'in Iowa')."""
    tail: list[Token] = []
    for child in verb.rights:
        if child.i <= first.i:
            continue
        if child.text in _CLOSING_MARKS:
            continue  # 'called Horgos "a mistake" because ...'
        if child.dep_ in ("punct", "cc", "conj", "parataxis") or child.is_punct:
            break
        if child.dep_ in _TAIL_DEPS and not _circumstance(child):
            tail.append(child)
    return tail


def _circumstance(child: Token) -> bool:
    """A phrase that says when or where, not what: 'on Tuesday', 'in Iowa', 'last week'."""
    words = [t for t in child.subtree if not t.is_punct and t.i != child.i]
    return all(t.ent_type_ in _WHEN_WHERE or t.pos_ in ("DET", "ADP") for t in words)


def to_quote_end(content: list[Span], quoted: QuoteIndex) -> list[Span]:
    """Content that starts outside quote marks and stops inside them ('that he would
    "carpet-bomb [the militants] into oblivion."', where the parse lost the rest) runs on to
    the end of the quoted words."""
    if not content or quoted.inside(content[0][0]):
        return content
    start, end = content[-1]
    quote_end = quoted.end_of(end - 1)
    if quote_end is None or quote_end <= end:
        return content
    return [*content[:-1], (start, quote_end)]


def _clause_after_hearer(verb: Token, offset: int, text: str) -> list[Span]:
    """'told reporters (at a briefing) that X': the 'that' clause, wherever the parser hung it."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.lower_ == "that" and tok.head.pos_ in ("VERB", "AUX"):
            span = subtree_span(tok.head, offset, text)
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
    content = span_of(after if len(after) >= len(before) else before, offset, text)
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
        and not any(c.dep_ in SUBJECTS for c in tok.children)
    )


def _inside_question(tok: Token) -> bool:
    """'Asked about data showing that X, ...': words of the question put to the speaker
    are not an attribution of their own."""
    return any(
        anc.lemma_ in ("ask", "question") and _question_to_speaker(anc) for anc in tok.ancestors
    )


def _after_closing_mark(tok: Token) -> bool:
    """'“…?” Hannity pressed.' / '“…,” came the reply': any verb right after a quote."""
    window = tok.doc[max(tok.i - 4, tok.sent.start) : tok.i]
    marks = [t for t in window if t.text in _CLOSING_MARKS]
    if not marks:
        return False
    between = tok.doc[marks[-1].i + 1 : tok.i]
    return all(t.is_punct or t.dep_ in ("nsubj", "compound", "det", "amod") for t in between)


def _as_aside(verb: Token, lemma: str, frame: str) -> bool:
    """'As Doe put it, ...', 'as Doe said, ...': a speech aside on the clause it modifies."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    if lemma == "put":
        objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS or c.dep_ == "prt"]
        return [c.lower_ for c in objects] == ["it"]
    return is_speech(lemma) and frame == "none"


def _verb_candidate(
    tok: Token, chunk: Chunk, text: str, quoted: QuoteIndex
) -> tuple[CueHit, list[str]] | None:
    """A verb with content or a speech verb with a speaker, ungated, with its features."""
    if _question_to_speaker(tok):
        return None
    lemma = tok.lemma_.lower()
    frame = frame_of(tok)
    weight = cue_weight(lemma, frame)
    if frame in ("none", "prep") and any(c.dep_ == "nsubjpass" for c in tok.children):
        frame = "passive"  # "His views were echoed by ...": the subject is what was said
    aside = _as_aside(tok, lemma, frame)
    speech = is_speech(lemma) or _after_closing_mark(tok) or aside
    if aside:  # "As Doe put it, ...": the clause the aside hangs on is what was said
        span = subtree_span(tok.head, chunk.start, text, skip=tok)
        content = [span] if span else []
    else:
        content = _content_of(tok, frame, chunk.start, text)
    content = to_quote_end(content, quoted)
    speaker = _speaker_outside(tok, speaker_of(tok), chunk.start, quoted)
    if not content and not (speech and speaker is not None):
        return None
    start = chunk.start + tok.idx
    sent = tok.sent
    hit = CueHit(
        cue=(start, start + len(tok.text)),
        cue_text=tok.text,
        speaker=speaker,
        offset=chunk.start,
        content=content,
        sentence=(chunk.start + sent.start_char, chunk.start + sent.end_char),
        weight=weight,
        speech=speech,
    )
    body = " ".join(text[s:e] for s, e in content)
    return hit, cue_features(tok, frame, speaker, body)


def _nominal_candidate(
    tok: Token, chunk: Chunk, text: str, quoted: QuoteIndex
) -> tuple[CueHit, list[str]] | None:
    found = nominal_hit(tok, chunk.start, text)
    if found is None:
        return None
    hit, frame = found
    hit.content = to_quote_end(hit.content, quoted)
    hit.speaker = _speaker_outside(tok, hit.speaker, chunk.start, quoted)
    body = " ".join(text[s:e] for s, e in hit.content)
    return hit, cue_features(tok, frame, hit.speaker, body)


def _speaker_outside(
    tok: Token, speaker: Token | None, offset: int, quoted: QuoteIndex
) -> Token | None:
    if speaker is not None and quoted.inside(offset + speaker.idx):
        return _subject_outside(tok, offset, quoted)
    return speaker


def _gate(hit: CueHit, features: list[str]) -> CueHit | None:
    """Keep the content of a candidate the learned model (or, without it, the per-lemma
    weights) accepts; a rejected speech verb with a speaker stays as a bare cue."""
    weights, threshold = cue_model()
    if weights:
        hit.weight = cue_probability(features)
        keep = hit.weight >= threshold
    else:  # "data showing that ...": a belief or finding needs a holder
        keep = hit.weight >= MIN_WEIGHT and (hit.speaker is not None or hit.speech)
    if not keep:
        hit.content = []
    if not hit.content and not (hit.speech and hit.speaker is not None):
        return None
    return hit


def cue_candidates(
    chunks: list[Chunk], text: str, quoted: QuoteIndex, repair: Repair | None = None
) -> list[tuple[CueHit, list[str] | None]]:
    """Every candidate cue outside quoted text, in text order, with its classifier features
    ("according to" is a rule: no features). ``repair`` gives the speaker a hit should have
    (``speakers_repair``); a changed speaker adds its features, so the classifier knows when
    the parse's subject was replaced."""
    found: list[tuple[CueHit, list[str] | None]] = []
    for hit, features in _raw_candidates(chunks, text, quoted):
        if repair is not None:
            parsed = hit.speaker
            hit.speaker = repair(hit)
            if features is not None and not _same_token(parsed, hit.speaker):
                features += repaired_features(hit.speaker)
        found.append((hit, features))
    return with_context(found)


def _same_token(a: Token | None, b: Token | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.i == b.i)


def _raw_candidates(
    chunks: list[Chunk], text: str, quoted: QuoteIndex
) -> list[tuple[CueHit, list[str] | None]]:
    found: list[tuple[CueHit, list[str] | None]] = []
    for chunk in chunks:
        for sent in chunk.doc.sents:
            for tok in sent:
                if quoted.inside(chunk.start + tok.idx):
                    continue
                if tok.lower_ == "according":
                    hit = _according_to(tok, chunk.start, text, sent)
                    if hit is not None:
                        hit.speaker = _speaker_outside(tok, hit.speaker, chunk.start, quoted)
                        found.append((hit, None))
                    continue
                make = _CANDIDATES.get(tok.pos_)
                if make is None or _inside_question(tok):
                    continue
                candidate = make(tok, chunk, text, quoted)
                if candidate is not None:
                    found.append(candidate)
    return found


_CANDIDATES = {"VERB": _verb_candidate, "NOUN": _nominal_candidate, "ADJ": _nominal_candidate}


def find_cue_hits(
    chunks: list[Chunk], text: str, quoted: QuoteIndex, repair: Repair | None = None
) -> list[CueHit]:
    """Every cue outside quoted text that the cue model accepts, in text order."""
    hits: list[CueHit] = []
    for hit, features in cue_candidates(chunks, text, quoted, repair):
        kept = hit if features is None else _gate(hit, features)
        if kept is not None:
            hits.append(kept)
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
        if tok.ent_type_ in CANNOT_SPEAK:
            continue  # '“…,” he said Thursday': a date is never the speaker
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
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
