"""Speakers for the assembled quotes, in text order, so pronouns and continuations see the
quote before: a cue's subject corrected for raising verbs, object control, relative
clauses and polls, then resolved by the ``SpeakerBook``; a byline's name; or, for a quote
paragraph without a cue, the speaker of the quote just before."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze import _confidence as confidence
from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cue_types import REPORTED, CueType, hit_type, states_something
from newsdesk.analyze._cues._marks import is_byline
from newsdesk.analyze._paragraphs import Paragraphs
from newsdesk.analyze._spans._assembly import Draft
from newsdesk.analyze._speakers._book import (
    SpeakerBook,
    SpeakerRef,
    clause_subject,
    object_controller,
)
from newsdesk.analyze._speakers._follow import follows_on
from newsdesk.analyze._speakers._polls import poll_holder
from newsdesk.analyze._speakers._raising import raising_without_holder
from newsdesk.analyze._syntax import CueHit, cue_span
from newsdesk.record import Cue, Quote, QuoteSpeaker

Previous = tuple[SpeakerRef | None, int] | None  # last speaker, its quote's last paragraph


def resolve_speakers(
    analysis: Analysis, drafts: list[Draft], book: SpeakerBook, every_type: bool = False
) -> list[Quote]:
    """Resolve speakers in text order. Reported speech whose holder cannot be found is
    dropped: only quoted words stand without a speaker. Each quote's ``cue_type`` is its
    cue's (``_cue_types``); only speech, writing and statements are kept unless
    ``every_type``, and a quote paragraph without a cue continues the last one kept."""
    paras = analysis.paragraphs
    book.quoted = analysis.quoted
    quotes: list[Quote] = []
    previous: Previous = None
    for draft in drafts:
        if quotes and previous is not None and follows_on(analysis, quotes[-1], draft):
            quotes[-1].parts = quotes[-1].parts + draft.parts
            if quotes[-1].kind == "indirect":
                quotes[-1].kind = "mixed"  # reported words, then the quotation they open
            previous = (previous[0], paras.index(draft.parts[-1][0]))
            continue  # the same quotation goes on: one record, one more part
        ref = _speaker_ref(draft, book, paras, previous)
        if ref is None and draft.kind != "direct":
            continue  # reported speech needs a holder; only quoted words stand on their own
        if ref is not None:
            book.remember(ref, draft.start)
        cue_type = _cue_type(analysis, draft, book, ref)
        if not every_type and not _reported(analysis, draft, cue_type):
            continue  # "X ordered a strike": an act, not speech; not the speaker to carry on
        quotes.append(_quote(analysis.text, draft, book, ref, cue_type))
        previous = (ref, paras.index(draft.parts[-1][0]))
    return quotes


def _reported(analysis: Analysis, draft: Draft, cue_type: str) -> bool:
    """Speech or writing that says something: reported content must be a clause (or the
    predicate of "called X Y"), not "testified before the committee"."""
    if cue_type not in REPORTED:
        return False
    return draft.kind != "indirect" or states_something(analysis, draft.hit, draft.parts)


def _quote(
    text: str, draft: Draft, book: SpeakerBook, ref: SpeakerRef | None, cue_type: str
) -> Quote:
    """The quote of ``draft`` spoken by ``ref``, with the speaker's titles and organisations."""
    hit = draft.hit
    speaker = None
    if ref is not None:
        entry = book.entries.get(ref.key)
        speaker = QuoteSpeaker(
            book.name_of(ref.key),
            ref.mention,
            book.speaker_id(ref.key),
            ref.confidence,
            list(entry.titles) if entry else [],
            list(entry.organisations) if entry else [],
        )
    cue = Cue(text[hit.cue[0] : hit.cue[1]], hit.cue) if hit is not None else None
    return Quote(parts=draft.parts, kind=draft.kind, cue=cue, speaker=speaker, cue_type=cue_type)


def _cue_type(
    analysis: Analysis, draft: Draft, book: SpeakerBook, ref: SpeakerRef | None
) -> CueType:
    """Speech of an organisation is its statement; otherwise the type of the cue word."""
    if draft.hit is None:
        return "speech"
    found = hit_type(analysis, draft.hit)
    entry = book.entries.get(ref.key) if ref is not None else None
    if found == "speech" and entry is not None and entry.kind == "organisation":
        return "statement"
    return found


def _speaker_ref(
    draft: Draft, book: SpeakerBook, paras: Paragraphs, previous: Previous
) -> SpeakerRef | None:
    """The cue's speaker; a byline's name; or, for a quote paragraph without a cue, the
    speaker of the quote just before (same or previous paragraph)."""
    hit = draft.hit
    if hit is None:
        return _carried(draft, paras, previous)
    if is_byline(hit):
        return book.byline(hit.sentence)
    if hit.speaker is None:
        return None
    return _cue_speaker(hit, hit.speaker, book, paras)


def _cue_speaker(
    hit: CueHit, speaker: Token, book: SpeakerBook, paras: Paragraphs
) -> SpeakerRef | None:
    """The speaker behind the subject ``speaker`` of ``hit``'s cue; None for a raising cue
    ("X seemed to ...") the cue model is not sure of."""
    cue = _cue_token(hit, speaker)
    if raising_without_holder(cue) and hit.weight < confidence.RAISING_MIN_WEIGHT:
        return None
    holder = poll_holder(clause_subject(object_controller(speaker, cue), cue), cue)
    return book.resolve(holder, hit.offset, paras.at(hit.cue[0]))


def _carried(draft: Draft, paras: Paragraphs, previous: Previous) -> SpeakerRef | None:
    """The previous quote's speaker, for a quote in the same or the next paragraph."""
    if previous is None or previous[0] is None:
        return None
    if paras.index(draft.start) - previous[1] not in (0, 1):
        return None
    return SpeakerRef(previous[0].key, previous[0].mention, confidence.CARRIED)


def _cue_token(hit: CueHit, speaker: Token) -> Token:
    """The token of a hit's cue in its speaker's parse (the speaker itself if none)."""
    span = cue_span(hit, speaker.doc)
    return span.root if span is not None else speaker
