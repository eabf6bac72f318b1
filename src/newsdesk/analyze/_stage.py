"""The analyze stage: ``Article`` -> the same article with quotes, speakers and entities.

requires: ``Article.blocks`` (the text); assigns: ``quotes``, ``speakers``, ``entities``.
Quotes are speech, writing and organisations' statements; ``Settings.all_attributions``
keeps beliefs, intentions, perceptions and actions too (each quote's ``cue_type`` says).
The spaCy parse of a window of the text (the whole of an ordinary article; two chunks of
20,000 characters of a longer one, see ``_stream``) is held in an ``Analysis`` with the
paragraphs and the named entities, then plain rules run over it, by role: direct quote
spans (``_spans``), cue hits (``_cues``), quotes assembled from both
(``_spans._assembly``), and speakers resolved in text order (``_speakers``). ``analyze``
reads at most the analysis budget of an article (``pipeline._budget``), and says so when
it cuts; ``analyze_text`` reads all it is given.
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
)
from newsdesk.analyze._languages import load_language_pipeline, parse_text
from newsdesk.analyze._nlp import chunk_plan, load_pipeline, parse_stream
from newsdesk.analyze._paragraphs import Paragraphs, paragraphs
from newsdesk.analyze._spans._assembly import assemble
from newsdesk.analyze._spans._direct import DirectQuote
from newsdesk.analyze._spans._transcripts import direct_quotes
from newsdesk.analyze._speakers._book import SpeakerBook
from newsdesk.analyze._speakers._resolve import resolve_speakers
from newsdesk.analyze._stream import Findings, Window, WindowResult, plain_entities, windows
from newsdesk.analyze._syntax import CueHit, QuoteIndex
from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.languages import analysis_language
from newsdesk.pipeline._budget import analysis_cut, truncation_reason
from newsdesk.record import Article, Entity, Quote, Skipped, Speaker
from newsdesk.settings import Settings

STAGE = "analyze"  # the name ``Article.skipped`` gives a truncation


def analyze(article: Article, settings: Settings) -> Article:
    """Add quotes, speakers and entities to ``article`` (which is returned). Of a text over
    the analysis budget (``Settings.max_analyze_chars``, see ``pipeline._budget``) only the
    start is analysed, and ``article.skipped`` says so; offsets stay offsets into the whole
    text."""
    text = article.text
    cut = analysis_cut(text, settings.max_analyze_chars)
    try:
        analysed = text[:cut] if cut < len(text) else text
        quotes, speakers, entities = analyze_text(analysed, settings, article.language)
    except NewsdeskError:
        raise
    except Exception as exc:
        raise ExtractionError(article.source, "analyze", f"{type(exc).__name__}: {exc}") from exc
    article.quotes, article.speakers, article.entities = quotes, speakers, entities
    if cut < len(text):
        article.skipped.append(Skipped(STAGE, truncation_reason(settings.max_analyze_chars)))
    return article


def analyze_text(
    text: str, settings: Settings, language: str | None = None
) -> tuple[list[Quote], list[Speaker], list[Entity]]:
    """Quotes, speakers and entities of the whole of ``text`` (offsets into it), read as
    ``language`` (English when None; a ValueError for a language with no pipeline in
    ``LANGUAGES``), however long: no budget here (``analyze`` applies it). An English parse
    is read as a stream of windows of two chunks (``_stream``), so memory stays flat as the
    text grows; French is parsed whole, within the budget."""
    if not text.strip():
        return [], [], []
    lang = analysis_language(language)
    if lang.code != "en":
        from newsdesk.analyze._french import analyze_french

        parsed = parse_text(text, load_language_pipeline(lang))
        return analyze_french(text, parsed, settings.all_attributions)
    nlp = load_pipeline(settings.spacy_model)
    plan = chunk_plan(text)
    findings = Findings()
    for window in windows(text, plan, parse_stream(text, nlp, plan)):
        findings.add(window, _analyze_window(text[window.base : window.end], window, settings))
    return findings.results()


def _analyze_window(text: str, window: Window, settings: Settings) -> WindowResult:
    """Quotes, speakers and entities of ``text``, parsed as ``window.chunks``."""
    chunks = window.chunks
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
    return WindowResult(quotes, speakers, plain_entities(clusters))


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
