"""Reported speech from the dependency parse: a cue verb (or "according to"), its speaker
(subject, inverted subject, relative-clause head, passive agent) and its content clause.

"Hamilton said that ...", "He stressed that ...", "X told Beta that ...", "..., said Hamilton,
who ...", "The alliance, he said, is ...", "According to X, ...". Every verb (and, through
``_spans._nominal``, every adjective or noun) with a content clause or phrase is a candidate;
the learned cue model keeps the attributions. Cue verbs inside the direct quotes
(``Analysis.quoted``) are not taken as attributions.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsdesk.analyze import _confidence as confidence
from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._model import (
    cue_features,
    cue_model,
    cue_probability,
    repaired_features,
)
from newsdesk.analyze._cues._siblings import with_context
from newsdesk.analyze._lexicon import cue_weight, is_speech
from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._spans._content import (
    CLOSING_MARKS,
    OBJECT_DEPS,
    content_of,
    frame_of,
    to_quote_end,
)
from newsdesk.analyze._spans._nominal import nominal_hit
from newsdesk.analyze._syntax import (
    CANNOT_SPEAK,
    SUBJECTS,
    CueHit,
    QuoteIndex,
    span_of,
    speaker_of,
    subtree_span,
)

Repair = Callable[[CueHit], "Token | None"]  # the speaker a hit should have
Candidate = tuple[CueHit, list[str] | None]  # a hit and its classifier features (None: a rule)


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
    side = after if len(after) >= len(before) else before
    if any(_quote_with_its_speaker(t) and _same_paragraph(t, tok) for t in side):
        return None  # '"…," he told them, according to a statement': he speaks
    content = span_of(side, offset, text)
    cue = (offset + tok.idx, offset + to.idx + len(to.text))
    return CueHit(
        cue=cue,
        cue_text=text[cue[0] : cue[1]],
        speaker=speaker,
        offset=offset,
        content=[content] if content else [],
        sentence=(offset + sent.start_char, offset + sent.end_char),
        weight=confidence.ACCORDING_TO_CUE,
        speech=True,
    )


def _quote_with_its_speaker(tok: Token) -> bool:
    """A speech verb with its own subject right after a closing quote mark ('"…," he told')."""
    return (
        tok.pos_ == "VERB"
        and is_speech(tok.lemma_.lower())
        and _after_closing_mark(tok)
        and any(c.dep_ in SUBJECTS for c in tok.children)
    )


def _same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in a.doc.text[lo:hi]


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
    marks = [t for t in window if t.text in CLOSING_MARKS]
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
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ == "prt"]
        return [c.lower_ for c in objects] == ["it"]
    return is_speech(lemma) and frame == "none"


def _verb_candidate(
    tok: Token, chunk: Chunk, analysis: Analysis
) -> tuple[CueHit, list[str]] | None:
    """A verb with content or a speech verb with a speaker, ungated, with its features."""
    text, quoted = analysis.text, analysis.quoted
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
        content = content_of(tok, frame, chunk.start, text)
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
    tok: Token, chunk: Chunk, analysis: Analysis
) -> tuple[CueHit, list[str]] | None:
    """An adjective or noun with a content clause or phrase, ungated, with its features."""
    text, quoted = analysis.text, analysis.quoted
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
        keep = hit.weight >= confidence.MIN_WEIGHT and (hit.speaker is not None or hit.speech)
    if not keep:
        hit.content = []
    if not hit.content and not (hit.speech and hit.speaker is not None):
        return None
    return hit


def cue_candidates(analysis: Analysis, repair: Repair | None = None) -> list[Candidate]:
    """Every candidate cue outside quoted text, in text order, with its classifier features
    ("according to" is a rule: no features). ``repair`` gives the speaker a hit should have
    (``_cues._repair``); a changed speaker adds its features, so the classifier knows when
    the parse's subject was replaced."""
    found: list[Candidate] = []
    for hit, features in _raw_candidates(analysis):
        if repair is not None:
            parsed = hit.speaker
            hit.speaker = repair(hit)
            if features is not None and not _same_token(parsed, hit.speaker):
                features += repaired_features(hit.speaker)
        found.append((hit, features))
    return with_context(found, analysis.paragraphs)


def _same_token(a: Token | None, b: Token | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.i == b.i)


def _raw_candidates(analysis: Analysis) -> list[Candidate]:
    found: list[Candidate] = []
    for chunk in analysis.chunks:
        for sent in chunk.doc.sents:
            for tok in sent:
                if analysis.quoted.inside(chunk.start + tok.idx):
                    continue
                candidate = _candidate(tok, sent, chunk, analysis)
                if candidate is not None:
                    found.append(candidate)
    return found


def _candidate(tok: Token, sent: SpacySpan, chunk: Chunk, analysis: Analysis) -> Candidate | None:
    """The candidate cue ``tok`` (outside quoted text) heads, if any."""
    if tok.lower_ == "according":
        hit = _according_to(tok, chunk.start, analysis.text, sent)
        if hit is None:
            return None
        hit.speaker = _speaker_outside(tok, hit.speaker, chunk.start, analysis.quoted)
        return hit, None
    make = _CANDIDATES.get(tok.pos_)
    if make is None or _inside_question(tok):
        return None
    return make(tok, chunk, analysis)


def find_cue_hits(analysis: Analysis, repair: Repair | None = None) -> list[CueHit]:
    """Every cue outside quoted text that the cue model accepts, in text order."""
    hits: list[CueHit] = []
    for hit, features in cue_candidates(analysis, repair):
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


_CANDIDATES: dict[str, Callable[[Token, Chunk, Analysis], tuple[CueHit, list[str]] | None]] = {
    "VERB": _verb_candidate,
    "NOUN": _nominal_candidate,
    "ADJ": _nominal_candidate,
}
