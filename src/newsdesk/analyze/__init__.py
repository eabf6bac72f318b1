"""The analyze stage: ``Article`` -> the same article with quotes, speakers and entities.

requires: ``Article.blocks`` (the text); assigns: ``quotes``, ``speakers``, ``entities``.
One spaCy parse (chunked for long texts), then plain rules over it:

    quotes_direct    quote marks -> direct quote spans (any mark style, multi-paragraph)
    quotes_reported  parse -> cue verbs, their subjects and content clauses
    attribution      marks + cues -> direct / indirect / mixed quotes
    entities         NER (+ acronyms) -> clusters of mentions
    speakers         subjects -> named, unnamed or pronoun-resolved speakers
"""

from __future__ import annotations

from newsdesk.analyze.attribution import Draft, Paragraphs, assemble
from newsdesk.analyze.entities import Cluster, cluster_mentions, collect_mentions, to_entities
from newsdesk.analyze.nlp import Chunk, load_pipeline, parse
from newsdesk.analyze.quotes_direct import DirectQuote, find_direct_quotes, paragraphs
from newsdesk.analyze.quotes_reported import CueHit, QuoteIndex, find_cue_hits, fragment_hit
from newsdesk.analyze.speakers import SpeakerBook, SpeakerRef
from newsdesk.analyze.transcripts import transcript_turns
from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.record import Article, Cue, Entity, Quote, QuoteSpeaker, Speaker
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
    direct, turn_hits = _direct_quotes(text, paras, chunks, clusters)
    quoted = QuoteIndex([p for q in direct for p in q.parts])
    hits = sorted(find_cue_hits(chunks, text, quoted) + turn_hits, key=lambda h: h.cue)
    drafts = assemble(text, direct, hits, paras, lambda parts: fragment_hit(chunks, text, parts))
    book = SpeakerBook(text, clusters)
    quotes = _attribute(drafts, book, paras, text)
    used = {q.speaker.id for q in quotes if q.speaker and q.speaker.id}
    speakers = book.speakers({key for key in book.entries if book.speaker_id(key) in used})
    return quotes, speakers, to_entities(clusters)


def _direct_quotes(
    text: str, paras: Paragraphs, chunks: list[Chunk], clusters: list[Cluster]
) -> tuple[list[DirectQuote], list[CueHit]]:
    """Quote-mark quotes plus transcript turns ("WALLACE: ..."), without overlaps."""
    marked = find_direct_quotes(text)
    turns = transcript_turns(text, paras.spans, chunks, clusters)
    taken = [q for q, _hit in turns]
    inside = QuoteIndex([p for q in taken for p in q.parts])
    kept = [q for q in marked if not inside.inside(q.start)]
    direct = sorted(kept + taken, key=lambda q: q.start)
    return direct, [hit for _q, hit in turns]


def _attribute(drafts: list[Draft], book: SpeakerBook, paras: Paragraphs, text: str) -> list[Quote]:
    """Resolve speakers in text order, so pronouns and continuations see the quote before."""
    quotes: list[Quote] = []
    previous: tuple[SpeakerRef | None, int] | None = None  # last speaker, its quote's paragraph
    for draft in drafts:
        hit = draft.hit
        ref: SpeakerRef | None = None
        mention = None
        if hit is not None and hit.speaker is not None:
            ref = book.resolve(hit.speaker, hit.offset, paras.at(hit.cue[0]))
            mention = ref.mention if ref else None
        elif hit is None and previous is not None and previous[0] is not None:
            gap = paras.index(draft.start) - previous[1]
            if gap in (0, 1):
                ref = SpeakerRef(previous[0].key, previous[0].mention, _CARRY_CONFIDENCE)
                mention = ref.mention
        speaker = None
        if ref is not None:
            book.remember(ref, draft.start)
            speaker = QuoteSpeaker(
                book.name_of(ref.key), mention, book.speaker_id(ref.key), ref.confidence
            )
        cue = Cue(text[hit.cue[0] : hit.cue[1]], hit.cue) if hit is not None else None
        quotes.append(Quote(parts=draft.parts, kind=draft.kind, cue=cue, speaker=speaker))
        previous = (ref, paras.index(draft.parts[-1][0]))
    return quotes
