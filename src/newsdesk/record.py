"""The typed records that flow through the pipeline.

``Page`` (raw bytes and where they came from) -> ``extract`` -> ``Article`` -> ``analyze``
adds ``quotes``, ``speakers`` and ``entities``; a stage that could not run on the article
says so in ``Article.skipped``. Every span is ``(start, end)``, a half-open
character range into ``Article.text``. ``Article.to_dict()`` is the stable JSON shape that
the CLI, the store and the API emit; keep its field names stable, other tools read them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

BlockKind = Literal["paragraph", "heading", "list_item", "quote"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Span = tuple[int, int]

BLOCK_SEPARATOR = "\n\n"


@dataclass(slots=True)
class Page:
    """One input document before extraction: bytes plus provenance."""

    source: str  # the input as the user gave it: a path, URL, "-" or "file.warc.gz#offset"
    content: bytes
    url: str | None = None  # the page's own URL, when known (HTTP fetch, WARC target URI, JSONL)
    headers: dict[str, str] = field(default_factory=dict)  # HTTP headers, lower-case names
    fetched: datetime | None = None
    kind: Literal["auto", "html", "text"] = "auto"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(slots=True)
class Cue:
    text: str
    span: Span


@dataclass(slots=True)
class QuoteSpeaker:
    name: str | None  # resolved full name ("Kevin Hamilton"), None when the article never names one
    mention: Span | None  # the mention the cue attaches to in that sentence ("he")
    id: str | None  # Speaker.id
    confidence: float
    titles: list[str] = field(default_factory=list)  # of the speaker, from the whole article
    organisations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    parts: list[Span]
    kind: QuoteKind
    cue: Cue | None
    speaker: QuoteSpeaker | None
    # what the cue reports: speech, writing or statement (an organisation's); belief,
    # intention, perception or action only when analyze keeps every attribution
    cue_type: str = "speech"


@dataclass(slots=True)
class Speaker:
    id: str
    name: str | None
    titles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    kind: Literal["person", "organisation", "unknown"] = "person"


@dataclass(slots=True)
class Entity:
    name: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, ...
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Skipped:
    """A stage that did not run on this article, and why (its dependency is missing, the
    article's language is not one it supports)."""

    stage: str
    reason: str


@dataclass(slots=True)
class Article:
    """A clean news article. ``text`` is always the blocks joined by blank lines."""

    source: str
    content_hash: str  # sha256 of the raw input bytes
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None  # the outlet's name, e.g. "Gazeta Express"
    slug: str | None = None
    section: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601: date, or date-time with offset when known
    modified: str | None = None
    language: str | None = None  # ISO 639-1
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    blocks: list[Block] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # stages that could not run

    @property
    def text(self) -> str:
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: every field, ``text`` included, spans as lists."""
        text = self.text
        return {
            "source": self.source,
            "content_hash": self.content_hash,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "slug": self.slug,
            "section": self.section,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "language": self.language,
            "description": self.description,
            "tags": list(self.tags),
            "image": self.image,
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "text": text,
            "quotes": [_quote_dict(q, text) for q in self.quotes],
            "speakers": [_speaker_dict(s) for s in self.speakers],
            "entities": [
                {"name": e.name, "label": e.label, "mentions": [list(m) for m in e.mentions]}
                for e in self.entities
            ],
            "skipped": [{"stage": s.stage, "reason": s.reason} for s in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of ``to_dict`` (``text`` is derived, so it is ignored)."""
        return cls(
            source=data["source"],
            content_hash=data["content_hash"],
            url=data.get("url"),
            canonical_url=data.get("canonical_url"),
            site=data.get("site"),
            slug=data.get("slug"),
            section=data.get("section"),
            title=data.get("title"),
            authors=list(data.get("authors") or []),
            published=data.get("published"),
            modified=data.get("modified"),
            language=data.get("language"),
            description=data.get("description"),
            tags=list(data.get("tags") or []),
            image=data.get("image"),
            blocks=[Block(b["kind"], b["text"]) for b in data.get("blocks") or []],
            quotes=[_quote_from(q) for q in data.get("quotes") or []],
            speakers=[_speaker_from(s) for s in data.get("speakers") or []],
            entities=[
                Entity(e["name"], e["label"], [_span(m) for m in e["mentions"]])
                for e in data.get("entities") or []
            ],
            skipped=[Skipped(s["stage"], s["reason"]) for s in data.get("skipped") or []],
        )


def _span(value: Any) -> Span:
    return (int(value[0]), int(value[1]))


def _quote_dict(q: Quote, text: str) -> dict[str, Any]:
    """A quote's offsets, with its text (parts joined by " ... ") and its speaker's name,
    titles and organisations next to them, so a reader needs no cutting."""
    return {
        "text": " ... ".join(text[s:e] for s, e in q.parts),
        "cue_type": q.cue_type,
        "parts": [list(p) for p in q.parts],
        "kind": q.kind,
        "cue": {"text": q.cue.text, "span": list(q.cue.span)} if q.cue else None,
        "speaker": (
            {
                "name": q.speaker.name,
                "mention": list(q.speaker.mention) if q.speaker.mention else None,
                "id": q.speaker.id,
                "confidence": round(q.speaker.confidence, 3),
                "titles": list(q.speaker.titles),
                "organisations": list(q.speaker.organisations),
            }
            if q.speaker
            else None
        ),
    }


def _quote_from(d: dict[str, Any]) -> Quote:
    cue = Cue(d["cue"]["text"], _span(d["cue"]["span"])) if d.get("cue") else None
    sp = d.get("speaker")
    speaker = (
        QuoteSpeaker(
            sp.get("name"),
            _span(sp["mention"]) if sp.get("mention") else None,
            sp.get("id"),
            float(sp.get("confidence", 0.0)),
            list(sp.get("titles") or []),
            list(sp.get("organisations") or []),
        )
        if sp
        else None
    )
    parts = [_span(p) for p in d["parts"]]
    return Quote(parts, d["kind"], cue, speaker, d.get("cue_type", "speech"))


def _speaker_dict(s: Speaker) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "titles": list(s.titles),
        "organisations": list(s.organisations),
        "mentions": [list(m) for m in s.mentions],
    }


def _speaker_from(d: dict[str, Any]) -> Speaker:
    return Speaker(
        id=d["id"],
        name=d.get("name"),
        titles=list(d.get("titles") or []),
        organisations=list(d.get("organisations") or []),
        mentions=[_span(m) for m in d.get("mentions") or []],
        kind=d.get("kind", "person"),
    )
