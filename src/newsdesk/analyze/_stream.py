"""The analysis of a long text as a stream of windows of two chunks, and the merging of
their results, so memory does not grow with the text.

A text of one or two chunks (``_nlp.CHUNK_CHARS`` each, 20,000 characters) is one window:
its analysis is the whole text's, as it always was. A longer text is read as windows of
two consecutive chunks: the first window holds chunks 0 and 1 and owns their results;
each next one holds the chunk before (read again for context: the speaker of a quote
paragraph without a cue, the person a pronoun or "the governor" points back to, an
antecedent up to ``_book``'s 2,500 characters back) and the next chunk, and owns the
results that start in it. Once a window is analysed only plain records are kept (quotes,
speakers, entities, offsets into the whole text) and its parses are dropped.

What later windows need from earlier ones is carried as plain data, merged at the end:

* a person speaker is named by the fullest name the text gives under the same surname key
  (the analysis' own rule for people: ``_entities._key``), so "Hamilton said" in a late
  window is "Kevin Hamilton" when an earlier one names him in full; its id follows;
* speakers with the same id are one speaker (mentions, titles and organisations joined);
  unnamed speakers ("a senior official") are numbered across the whole text;
* entities with the same cluster key are one entity (mentions joined; the fullest name,
  the most common label).

What a window cannot see: a quote whose opening mark is in one chunk and its closing mark
two chunks later, an acronym whose long name was spelled out two chunks earlier ("UN" and
"United Nations" then stay two entities), and the gender of a person learnt only from
pronouns two chunks away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from newsdesk.analyze._entities import Cluster, clean_name
from newsdesk.analyze._nlp import Chunk
from newsdesk.analyze._speakers._book import _slug
from newsdesk.record import Cue, Entity, Quote, QuoteSpeaker, Span, Speaker

_UNNAMED = re.compile(r"unnamed-\d+")


@dataclass(slots=True)
class Window:
    """Consecutive chunks analysed together: ``text[base:end]`` of the article, its chunks'
    starts relative to ``base``; its results starting at or after ``owned`` are its own."""

    base: int
    end: int
    owned: int
    chunks: list[Chunk]


def windows(text: str, plan: list[tuple[int, int]], chunks: Iterator[Chunk]) -> Iterator[Window]:
    """The windows over the parsed ``chunks`` of ``plan`` (``_nlp.chunk_plan``): one for a
    text of one or two chunks, else one per chunk after the first. Two chunks are held at
    a time; the caller drops a window before asking for the next."""
    last = len(plan) - 1
    held: list[Chunk] = []
    for k, chunk in enumerate(chunks):
        held = [*held[-1:], chunk]
        if k == 0 and last > 0:
            continue  # the first window holds the first two chunks
        base = 0 if k <= 1 else held[0].start
        end = len(text) if k == last else plan[k][1]
        owned = 0 if k <= 1 else chunk.start
        yield Window(base, end, owned, [Chunk(c.start - base, c.doc) for c in held])


@dataclass(slots=True)
class WindowResult:
    """What one window found, offsets into its own text: the analysis' quotes, speakers,
    and its entity clusters (as (key, entity) pairs)."""

    quotes: list[Quote]
    speakers: list[Speaker]
    entities: list[tuple[str, Entity]]


def plain_entities(clusters: list[Cluster]) -> list[tuple[str, Entity]]:
    """Each cluster's key and entity record (no parse left in them)."""
    return [(c.key, Entity(c.name, c.label, [m.span for m in c.mentions])) for c in clusters]


@dataclass(slots=True)
class _Mentions:
    names: list[str] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    spans: set[Span] = field(default_factory=set)


@dataclass(slots=True)
class Findings:
    """The merged results of every window so far (plain records, offsets into the text)."""

    windows: int = 0
    first: WindowResult | None = None
    quotes: list[Quote] = field(default_factory=list)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    entities: dict[str, _Mentions] = field(default_factory=dict)
    unnamed: int = 0

    def add(self, window: Window, found: WindowResult) -> None:
        """Keep what ``window`` owns of ``found``."""
        self.windows += 1
        if self.windows == 1:
            self.first = found
        ids: dict[str, str] = {}
        owned = [q for q in found.quotes if q.parts and q.parts[0][0] + window.base >= window.owned]
        for quote in owned:
            self.quotes.append(_shifted_quote(quote, window.base, self._renumber(quote, ids)))
        used = set(ids)
        for speaker in found.speakers:
            if speaker.id in used:
                self._add_speaker(_shifted_speaker(speaker, window.base, ids[speaker.id]))
        for key, entity in found.entities:
            self._add_entity(key, entity, window)

    def _renumber(self, quote: Quote, ids: dict[str, str]) -> str | None:
        """The id of ``quote``'s speaker across the text (unnamed ones numbered anew)."""
        speaker = quote.speaker
        if speaker is None or speaker.id is None:
            return None
        if speaker.id not in ids:
            if _UNNAMED.fullmatch(speaker.id):
                self.unnamed += 1
                ids[speaker.id] = f"unnamed-{self.unnamed}"
            else:
                ids[speaker.id] = speaker.id
        return ids[speaker.id]

    def _add_speaker(self, speaker: Speaker) -> None:
        _join(self.speakers, speaker)

    def _add_entity(self, key: str, entity: Entity, window: Window) -> None:
        spans = {(s + window.base, e + window.base) for s, e in entity.mentions}
        spans = {span for span in spans if span[0] >= window.owned}
        if not spans:
            return
        found = self.entities.setdefault(key, _Mentions())
        found.names.append(entity.name)
        found.labels[entity.label] += len(spans)
        found.spans |= spans

    def results(self) -> tuple[list[Quote], list[Speaker], list[Entity]]:
        """Quotes, speakers and entities of the whole text; one window's as they are."""
        if self.windows == 1 and self.first is not None:
            return self.first.quotes, self.first.speakers, [e for _k, e in self.first.entities]
        names = _full_names(self.speakers.values())
        speakers: dict[str, Speaker] = {}
        for speaker in self.speakers.values():
            _join(speakers, _renamed(speaker, names))
        renamed = {old.id: speakers[_renamed(old, names).id] for old in self.speakers.values()}
        for quote in self.quotes:
            if quote.speaker is not None and quote.speaker.id in renamed:
                merged = renamed[quote.speaker.id]
                quote.speaker.id, quote.speaker.name = merged.id, merged.name
                quote.speaker.titles = list(merged.titles)
                quote.speaker.organisations = list(merged.organisations)
        ordered = sorted(speakers.values(), key=lambda s: min(s.mentions, default=(0, 0)))
        return self.quotes, ordered, self._entities()

    def _entities(self) -> list[Entity]:
        found = [
            Entity(
                max(m.names, key=_fullness),
                m.labels.most_common(1)[0][0],
                sorted(m.spans),
            )
            for m in self.entities.values()
        ]
        return sorted(found, key=lambda e: e.mentions[0])


def _join(speakers: dict[str, Speaker], speaker: Speaker) -> None:
    """Add ``speaker`` to ``speakers`` by id: a speaker already there gains its mentions,
    titles and organisations."""
    known = speakers.get(speaker.id)
    if known is None:
        speakers[speaker.id] = speaker
        return
    known.mentions = sorted({*known.mentions, *speaker.mentions})
    known.titles += [t for t in speaker.titles if t not in known.titles]
    known.organisations += [o for o in speaker.organisations if o not in known.organisations]


def _fullness(name: str) -> tuple[int, int, str]:
    """How full a name is: words, then characters (the analysis' own order of names)."""
    return (len(name.split()), len(name), name)


def _person_key(name: str) -> str:
    """The surname key of a person's name (as ``_entities._key`` makes it)."""
    words = [w for w in clean_name(name).replace("-", " ").split() if w[:1].isupper()]
    return words[-1].lower() if words else name.lower()


def _full_names(speakers: Iterable[Speaker]) -> dict[str, str]:
    """For each surname key, the fullest name a person speaker has anywhere in the text."""
    best: dict[str, str] = {}
    for speaker in speakers:
        if speaker.kind == "person" and speaker.name:
            key = _person_key(speaker.name)
            if key not in best or _fullness(speaker.name) > _fullness(best[key]):
                best[key] = speaker.name
    return best


def _renamed(speaker: Speaker, names: dict[str, str]) -> Speaker:
    """``speaker`` under the fullest name of its surname key (its id follows its name)."""
    if speaker.kind != "person" or not speaker.name:
        return speaker
    name = names.get(_person_key(speaker.name), speaker.name)
    if name == speaker.name:
        return speaker
    return replace(speaker, id=_slug(name), name=name)


def _shift(span: Span, base: int) -> Span:
    return (span[0] + base, span[1] + base)


def _shifted_quote(quote: Quote, base: int, speaker_id: str | None) -> Quote:
    cue = Cue(quote.cue.text, _shift(quote.cue.span, base)) if quote.cue else None
    speaker: QuoteSpeaker | None = None
    if quote.speaker is not None:
        mention = quote.speaker.mention
        speaker = replace(
            quote.speaker,
            mention=_shift(mention, base) if mention else None,
            id=speaker_id,
            titles=list(quote.speaker.titles),
            organisations=list(quote.speaker.organisations),
        )
    parts = [_shift(p, base) for p in quote.parts]
    return replace(quote, parts=parts, cue=cue, speaker=speaker)


def _shifted_speaker(speaker: Speaker, base: int, speaker_id: str) -> Speaker:
    return replace(
        speaker,
        id=speaker_id,
        mentions=[_shift(m, base) for m in speaker.mentions],
        titles=list(speaker.titles),
        organisations=list(speaker.organisations),
    )
