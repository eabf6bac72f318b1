"""The analyze stage: ``Article`` -> the same article with quotes, speakers and entities.

requires: ``Article.blocks`` (the text); assigns: ``quotes``, ``speakers``, ``entities``.
One spaCy parse (chunked for long texts), then plain rules over it:

    quotes_direct    quote marks -> direct quote spans (any mark style, multi-paragraph)
    quotes_reported  parse -> cue verbs, their subjects and content clauses
    speakers_cues    dash bylines and speech verbs right after a closing mark
    speakers_repair  a second look for cues whose parse gave no speaker
    attribution      marks + cues -> direct / indirect / mixed quotes
    entities         NER (+ acronyms) -> clusters of mentions, genders from the article
    speakers         subjects -> named, unnamed or pronoun-resolved speakers
    speakers_polls   "62 percent said ... in a poll": the poll holds the attribution
    speakers_raising "X seemed to be ...": a judgement without a holder
"""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze.attribution import Draft, Paragraphs, assemble
from newsdesk.analyze.entities import (
    Cluster,
    cluster_mentions,
    collect_mentions,
    guess_genders,
    to_entities,
)
from newsdesk.analyze.nlp import Chunk, load_pipeline, parse
from newsdesk.analyze.quotes_direct import DirectQuote, find_direct_quotes, paragraphs
from newsdesk.analyze.quotes_reported import CueHit, QuoteIndex, find_cue_hits, fragment_hit
from newsdesk.analyze.quotes_syntax import cue_span
from newsdesk.analyze.speakers import (
    SpeakerBook,
    SpeakerRef,
    clause_subject,
    object_controller,
)
from newsdesk.analyze.speakers_cues import (
    as_hits,
    byline_hits,
    colon_hits,
    is_byline,
    late_cue_hits,
)
from newsdesk.analyze.speakers_polls import poll_holder
from newsdesk.analyze.speakers_raising import RAISING_MIN_WEIGHT, raising_without_holder
from newsdesk.analyze.speakers_repair import speaker_repair
from newsdesk.analyze.transcripts import transcript_turns
from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.record import Article, Cue, Entity, Quote, QuoteSpeaker, Span, Speaker
from newsdesk.settings import Settings

__all__ = ["analyze", "analyze_text"]

_CARRY_CONFIDENCE = 0.6  # a quote paragraph that continues the previous speaker's quote


def analyze(article: Article, settings: Settings) -> Article:
    """Add quotes, speakers and entities to ``article`` (which is returned)."""
    try:
        quotes, speakers, entities = analyze_text(article.text, settings)
    except NewsdeskError:
        raise
    except Exception as exc:
        raise ExtractionError(article.source, "analyze", f"{type(exc).__name__}: {exc}") from exc
    article.quotes, article.speakers, article.entities = quotes, speakers, entities
    return article


def analyze_text(text: str, settings: Settings) -> tuple[list[Quote], list[Speaker], list[Entity]]:
    """Quotes, speakers and entities of ``text`` (offsets into it)."""
    if not text.strip():
        return [], [], []
    nlp = load_pipeline(settings.spacy_model)
    chunks = parse(text, nlp)
    paras = Paragraphs(paragraphs(text))
    clusters = cluster_mentions(collect_mentions(chunks))
    guess_genders(text, chunks, clusters)
    direct, turn_hits = _direct_quotes(text, paras, chunks, clusters)
    quoted = QuoteIndex([p for q in direct for p in q.parts])
    bylines = byline_hits(text, direct, paras, chunks)
    found = find_cue_hits(chunks, text, quoted, speaker_repair(chunks, quoted))
    known = found + turn_hits + bylines
    known += late_cue_hits(text, direct, known, chunks)
    known += colon_hits(text, direct, known, chunks)
    known += as_hits(text, direct, known, chunks)
    hits = sorted(known, key=lambda h: h.cue)
    drafts = assemble(text, direct, hits, paras, lambda parts: fragment_hit(chunks, text, parts))
    book = SpeakerBook(text, clusters)
    quotes = _attribute(drafts, book, paras, text)
    used = {q.speaker.id for q in quotes if q.speaker and q.speaker.id}
    speakers = book.speakers({key for key in book.entries if book.speaker_id(key) in used})
    return quotes, speakers, to_entities(clusters)


def _direct_quotes(
    text: str, paras: Paragraphs, chunks: list[Chunk], clusters: list[Cluster]
) -> tuple[list[DirectQuote], list[CueHit]]:
    """Quote-mark quotes plus transcript turns ("WALLACE: ..."), without overlaps: a quote
    mark run over several turns ('"WALLACE: ... ¶ "PENCE: ...') keeps only its paragraphs
    that are no turn."""
    marked = find_direct_quotes(text)
    turns = transcript_turns(text, paras.spans, chunks, clusters)
    taken = [q for q, _hit in turns]
    turn_paras = {paras.index(q.start) for q in taken}
    kept: list[DirectQuote] = []
    for quote in marked:
        if not turn_paras:
            kept.append(quote)
            continue
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
    direct = sorted(kept + taken, key=lambda q: q.start)
    return direct, [hit for _q, hit in turns]


def _attribute(drafts: list[Draft], book: SpeakerBook, paras: Paragraphs, text: str) -> list[Quote]:
    """Resolve speakers in text order, so pronouns and continuations see the quote before.
    Reported speech whose holder cannot be found is dropped: only quoted words stand without
    a speaker."""
    quotes: list[Quote] = []
    previous: tuple[SpeakerRef | None, int] | None = None  # last speaker, its quote's paragraph
    for draft in drafts:
        hit = draft.hit
        ref = _speaker_ref(draft, book, paras, previous)
        if ref is None and draft.kind != "direct":
            continue  # reported speech needs a holder; only quoted words stand on their own
        speaker = None
        if ref is not None:
            book.remember(ref, draft.start)
            speaker = QuoteSpeaker(
                book.name_of(ref.key), ref.mention, book.speaker_id(ref.key), ref.confidence
            )
        cue = Cue(text[hit.cue[0] : hit.cue[1]], hit.cue) if hit is not None else None
        quotes.append(Quote(parts=draft.parts, kind=draft.kind, cue=cue, speaker=speaker))
        previous = (ref, paras.index(draft.parts[-1][0]))
    return quotes


def _speaker_ref(
    draft: Draft,
    book: SpeakerBook,
    paras: Paragraphs,
    previous: tuple[SpeakerRef | None, int] | None,
) -> SpeakerRef | None:
    """The cue's speaker; a byline's name; or, for a quote paragraph without a cue, the
    speaker of the quote just before (same or previous paragraph)."""
    hit = draft.hit
    if hit is not None and is_byline(hit):
        return book.byline(hit.sentence)
    if hit is not None and hit.speaker is not None:
        cue = _cue_token(hit)
        if raising_without_holder(cue) and hit.weight < RAISING_MIN_WEIGHT:
            return None
        speaker = clause_subject(object_controller(hit.speaker, cue), cue)
        speaker = poll_holder(speaker, cue)
        return book.resolve(speaker, hit.offset, paras.at(hit.cue[0]))
    if hit is not None:
        return None
    if previous is None or previous[0] is None:
        return None
    if paras.index(draft.start) - previous[1] not in (0, 1):
        return None
    return SpeakerRef(previous[0].key, previous[0].mention, _CARRY_CONFIDENCE)


def _cue_token(hit: CueHit) -> Token:
    """The token of a hit's cue in its speaker's parse (the speaker itself if none)."""
    span = cue_span(hit, hit.speaker.doc)
    return span.root if span is not None else hit.speaker
