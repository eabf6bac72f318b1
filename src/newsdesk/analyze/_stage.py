"""The analyze stage: ``Article`` -> the same article with quotes, speakers and entities.

requires: ``Article.blocks`` (the text); assigns: ``quotes``, ``speakers``, ``entities``.
Quotes are speech, writing and organisations' statements; ``Settings.all_attributions``
keeps beliefs, intentions, perceptions and actions too (each quote's ``cue_type`` says).
One spaCy parse (chunked for long texts) held in an ``Analysis`` with the paragraphs and
the named entities, then plain rules over it, by role: direct quote spans (``_spans``),
cue hits (``_cues``), quotes assembled from both (``_spans._assembly``), and speakers
resolved in text order (``_speakers``).
"""

from __future__ import annotations

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._fragment import fragment_hit
from newsdesk.analyze._cues._marks import as_hits, byline_hits, colon_hits, late_cue_hits
from newsdesk.analyze._cues._repair import speaker_repair
from newsdesk.analyze._cues._reported import find_cue_hits
from newsdesk.analyze._entities import (
    cluster_mentions,
    collect_mentions,
    complete_names,
    guess_genders,
    to_entities,
)
from newsdesk.analyze._languages import load_language_pipeline, parse_text
from newsdesk.analyze._nlp import load_pipeline, parse
from newsdesk.analyze._paragraphs import Paragraphs, paragraphs
from newsdesk.analyze._spans._assembly import assemble
from newsdesk.analyze._spans._direct import DirectQuote
from newsdesk.analyze._spans._transcripts import direct_quotes
from newsdesk.analyze._speakers._book import SpeakerBook
from newsdesk.analyze._speakers._resolve import resolve_speakers
from newsdesk.analyze._syntax import CueHit, QuoteIndex
from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.languages import analysis_language
from newsdesk.record import Article, Entity, Quote, Speaker
from newsdesk.settings import Settings


def analyze(article: Article, settings: Settings) -> Article:
    """Add quotes, speakers and entities to ``article`` (which is returned)."""
    try:
        quotes, speakers, entities = analyze_text(article.text, settings, article.language)
    except NewsdeskError:
        raise
    except Exception as exc:
        raise ExtractionError(article.source, "analyze", f"{type(exc).__name__}: {exc}") from exc
    article.quotes, article.speakers, article.entities = quotes, speakers, entities
    return article


def analyze_text(
    text: str, settings: Settings, language: str | None = None
) -> tuple[list[Quote], list[Speaker], list[Entity]]:
    """Quotes, speakers and entities of ``text`` (offsets into it), read as ``language``
    (English when None; a ValueError for a language with no pipeline in ``LANGUAGES``)."""
    if not text.strip():
        return [], [], []
    lang = analysis_language(language)
    if lang.code != "en":
        from newsdesk.analyze._french import analyze_french

        chunks = parse_text(text, load_language_pipeline(lang))
        return analyze_french(text, chunks, settings.all_attributions)
    chunks = parse(text, load_pipeline(settings.spacy_model))
    clusters = complete_names(chunks, cluster_mentions(collect_mentions(chunks)))
    analysis = Analysis(text, chunks, Paragraphs(paragraphs(text)), clusters)
    guess_genders(analysis)
    direct, turn_hits = direct_quotes(analysis)
    analysis.quoted = QuoteIndex([p for q in direct for p in q.parts])
    hits = _cue_hits(analysis, direct, turn_hits)
    drafts = assemble(analysis, direct, hits, lambda parts: fragment_hit(analysis, parts))
    book = SpeakerBook(text, clusters)
    quotes = resolve_speakers(analysis, drafts, book, settings.all_attributions)
    used = {q.speaker.id for q in quotes if q.speaker and q.speaker.id}
    speakers = book.speakers({key for key in book.entries if book.speaker_id(key) in used})
    return quotes, speakers, to_entities(clusters)


def _cue_hits(
    analysis: Analysis, direct: list[DirectQuote], turn_hits: list[CueHit]
) -> list[CueHit]:
    """Every cue hit in text order: the parse's (cue model gated, speakers repaired), the
    transcript turns', dash bylines, then the rules for quotes no cue reaches yet (a verb
    after the closing mark, a colon before the opening one, an "as" clause)."""
    bylines = byline_hits(analysis, direct)
    found = find_cue_hits(analysis, speaker_repair(analysis))
    known = found + turn_hits + bylines
    known += late_cue_hits(analysis, direct, known)
    known += colon_hits(analysis, direct, known)
    known += as_hits(analysis, direct, known)
    return sorted(known, key=lambda h: h.cue)
