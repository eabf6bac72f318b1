"""The typed records that store queries return (frozen dataclasses, never dicts).

::

    ArticleHit       one article in a search or a listing (snippet and score when searched)
    Paged[T]         one page of a listing: its items and the cursor of the next page
    QuoteRow         one quote with its speaker and its article
    SpeakerRow       one speaker with quote and article counts
    EntityRow        one entity with article and mention counts
    ArticleRecord    one stored article, whole: every ``Article`` field, store fields,
                     and its quotes, speakers and entities with their store ids
    SpeakerProfile   a speaker's page: names seen, titles, organisations, counts per day
                     and week, latest quotes, the entities they talk about most
    EntityProfile    an entity's page; ``OutletProfile`` an outlet's; ``ClusterRecord``
                     the syndicated copies of one story
    Facets           counts per outlet and per day for a filter
    StoredArticle    an article as exported (``Article`` plus store fields)

A **speaker id** is the id of a speaker identity: one person across articles, by the rule
of ``newsdesk.store._identity`` (the same normalised full name with compatible
organisations; two John Smiths of different organisations stay two). It is the id of the
identity's first ``speakers`` row and never changes; the id of any of its rows leads to
it. An **entity id** is likewise an entity identity's ("U.S." and "United States" are one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from newsdesk.record import Article

Span = tuple[int, int]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Bucket:
    """A count under a key: a day (``2024-05-20``), an ISO week (``2024-W21``), an outlet."""

    key: str
    count: int


@dataclass(frozen=True, slots=True)
class Paged(Generic[T]):
    """One page of a listing. ``next_cursor`` fetches the page after it (None: the last)."""

    items: tuple[T, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    language: str | None
    copies: int | None  # the size of its syndication cluster, None when it has no copies
    snippet: str | None = None  # searches only: the best-matching passage, marked
    score: float | None = None  # searches only: BM25 (lower is better; 0.0 when unranked)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    id: int
    text: str  # the quote's parts joined by " … "
    kind: str  # direct, indirect or mixed
    cue: str | None
    speaker: str | None  # the speaker's name (as resolved, else as written)
    organisation: str | None
    confidence: float | None
    char_start: int
    char_end: int
    article_id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    speaker_id: int | None = None  # see the module's note on speaker ids
    titles: tuple[str, ...] = ()
    parts: tuple[Span, ...] = ()  # spans into the article's body text


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    name: str
    organisation: str | None  # the first of ``organisations``
    kind: str
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    name: str
    label: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class ArticleQuote:
    """A quote inside ``ArticleRecord``, with spans into the article's text."""

    id: int | None
    text: str
    kind: str
    parts: tuple[Span, ...]
    cue: str | None
    cue_span: Span | None
    speaker: str | None
    speaker_id: int | None
    mention: Span | None  # where the cue's speaker is mentioned ("he")
    confidence: float | None
    titles: tuple[str, ...]
    organisations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSpeaker:
    id: int | None  # None for a speaker the store keeps no row for (no name)
    name: str | None
    kind: str
    titles: tuple[str, ...]
    organisations: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ArticleEntity:
    id: int | None
    name: str
    label: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One stored article: ``article`` holds every extracted field (``text`` included);
    ``quotes``, ``speakers`` and ``entities`` carry the store's ids for links."""

    id: int
    key: str
    version: int
    superseded_by: int | None
    cluster_id: int | None
    canonical: bool
    copies: int | None
    stored: str
    article: Article
    quotes: tuple[ArticleQuote, ...]
    speakers: tuple[ArticleSpeaker, ...]
    entities: tuple[ArticleEntity, ...]


@dataclass(frozen=True, slots=True)
class NamedCount:
    """A speaker or entity and how often it appears in some context."""

    id: int
    name: str
    label: str | None
    count: int


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    id: int
    name: str
    names: tuple[str, ...]  # every name it was given ("Barack Obama", "Obama")
    kind: str
    titles: tuple[str, ...]
    organisations: tuple[str, ...]
    quote_count: int
    article_count: int
    first_seen: str | None  # the first and last publication dates of their quotes
    last_seen: str | None
    per_day: tuple[Bucket, ...]
    per_week: tuple[Bucket, ...]
    quotes: tuple[QuoteRow, ...]  # the newest
    entities: tuple[NamedCount, ...]  # named inside their newest 500 quotes, most first


@dataclass(frozen=True, slots=True)
class EntityProfile:
    id: int
    name: str
    label: str
    article_count: int
    mention_count: int
    per_day: tuple[Bucket, ...]
    per_week: tuple[Bucket, ...]
    speakers: tuple[NamedCount, ...]  # who names it in their quotes, most often first
    quotes: tuple[QuoteRow, ...]  # the newest quotes that name it
    articles: tuple[ArticleHit, ...]  # the newest articles that mention it
    names: tuple[str, ...] = ()  # every spelling stored for it ("U.S.", "United States")


@dataclass(frozen=True, slots=True)
class OutletProfile:
    name: str
    article_count: int
    first_published: str | None
    last_published: str | None
    per_day: tuple[Bucket, ...]
    per_week: tuple[Bucket, ...]
    speakers: tuple[NamedCount, ...]
    entities: tuple[NamedCount, ...]
    articles: tuple[ArticleHit, ...]


@dataclass(frozen=True, slots=True)
class ClusterMember:
    id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    canonical: bool


@dataclass(frozen=True, slots=True)
class ClusterRecord:
    id: int
    canonical_id: int
    size: int
    created: str
    members: tuple[ClusterMember, ...]  # current versions, canonical first


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts over the newest 5,000 matching articles (``complete``: every match)."""

    outlets: tuple[Bucket, ...]  # most articles first
    days: tuple[Bucket, ...]  # by day, oldest first
    complete: bool = True


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as exported: every ``Article`` field plus the store's."""

    id: int
    key: str
    version: int
    cluster_id: int | None
    canonical: bool
    stored: str
    article: Article

    def to_dict(self) -> dict[str, Any]:
        """``Article.to_dict()`` with ``id`` first and the store fields after it."""
        out: dict[str, Any] = {"id": self.id, **self.article.to_dict()}
        out.update(
            key=self.key,
            version=self.version,
            cluster_id=self.cluster_id,
            canonical=self.canonical,
            stored=self.stored,
        )
        return out
