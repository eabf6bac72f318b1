"""The API's response shapes (pydantic), read from the store's records by attribute, so
``/openapi.json`` describes exactly what the endpoints send."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.store import ArticleRecord

Span = tuple[int, int]


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class ArticleHitOut(Out):
    id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    language: str | None
    copies: int | None = Field(description="size of its syndication cluster, if any")
    snippet: str | None = Field(description="searches only: the best passage, «marked»")
    score: float | None = Field(description="searches only: BM25, lower is better")


class BucketOut(Out):
    key: str
    count: int


class FacetsOut(Out):
    outlets: list[BucketOut]
    days: list[BucketOut]
    complete: bool = Field(description="false: counted over the newest 5,000 matches only")


class ArticleListOut(Out):
    items: list[ArticleHitOut]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")
    facets: FacetsOut | None = None


class QuoteOut(Out):
    id: int
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    organisation: str | None
    confidence: float | None
    char_start: int
    char_end: int
    article_id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    speaker_id: int | None
    titles: list[str]
    parts: list[Span]


class QuoteListOut(Out):
    items: list[QuoteOut]
    next_cursor: str | None


class SpeakerOut(Out):
    id: int
    name: str
    organisation: str | None
    organisations: list[str]
    kind: str
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None


class SpeakerListOut(Out):
    items: list[SpeakerOut]


class EntityOut(Out):
    id: int
    name: str
    label: str
    articles: int
    mentions: int


class EntityListOut(Out):
    items: list[EntityOut]


class NamedCountOut(Out):
    id: int
    name: str
    label: str | None
    count: int


class SpeakerProfileOut(Out):
    id: int
    name: str
    names: list[str]
    kind: str
    titles: list[str]
    organisations: list[str]
    quote_count: int
    article_count: int
    first_seen: str | None
    last_seen: str | None
    per_day: list[BucketOut]
    per_week: list[BucketOut]
    quotes: list[QuoteOut]
    entities: list[NamedCountOut]


class EntityProfileOut(Out):
    id: int
    name: str
    names: list[str]  # every spelling stored for it ("U.S.", "United States")
    label: str
    article_count: int
    mention_count: int
    per_day: list[BucketOut]
    per_week: list[BucketOut]
    speakers: list[NamedCountOut]
    quotes: list[QuoteOut]
    articles: list[ArticleHitOut]


class ClusterMemberOut(Out):
    id: int
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    canonical: bool


class ClusterOut(Out):
    id: int
    canonical_id: int
    size: int
    created: str
    members: list[ClusterMemberOut]


class BlockOut(Out):
    kind: str
    text: str


class ArticleQuoteOut(Out):
    id: int | None
    text: str
    kind: str
    parts: list[Span]
    cue: str | None
    cue_span: Span | None
    speaker: str | None
    speaker_id: int | None
    mention: Span | None
    confidence: float | None
    titles: list[str]
    organisations: list[str]


class ArticleSpeakerOut(Out):
    id: int | None
    name: str | None
    kind: str
    titles: list[str]
    organisations: list[str]
    mentions: list[Span]


class ArticleEntityOut(Out):
    id: int | None
    name: str
    label: str
    mentions: list[Span]


class ArticleOut(Out):
    """One stored article: every extracted field, the store's, and the analysis with ids
    for links. Spans are ``[start, end)`` character offsets into ``text``."""

    id: int
    key: str
    version: int
    superseded_by: int | None
    cluster_id: int | None
    canonical: bool
    copies: int | None
    stored: str
    source: str
    content_hash: str
    url: str | None
    canonical_url: str | None
    site: str | None
    slug: str | None
    section: str | None
    title: str | None
    authors: list[str]
    published: str | None
    modified: str | None
    language: str | None
    description: str | None
    tags: list[str]
    image: str | None
    text: str
    blocks: list[BlockOut]
    quotes: list[ArticleQuoteOut]
    speakers: list[ArticleSpeakerOut]
    entities: list[ArticleEntityOut]

    @classmethod
    def of(cls, record: ArticleRecord) -> ArticleOut:
        a = record.article
        return cls(
            id=record.id, key=record.key, version=record.version,
            superseded_by=record.superseded_by, cluster_id=record.cluster_id,
            canonical=record.canonical, copies=record.copies, stored=record.stored,
            source=a.source, content_hash=a.content_hash, url=a.url,
            canonical_url=a.canonical_url, site=a.site, slug=a.slug, section=a.section,
            title=a.title, authors=list(a.authors), published=a.published, modified=a.modified,
            language=a.language, description=a.description, tags=list(a.tags), image=a.image,
            text=a.text, blocks=[BlockOut(kind=b.kind, text=b.text) for b in a.blocks],
            quotes=[ArticleQuoteOut.model_validate(q) for q in record.quotes],
            speakers=[ArticleSpeakerOut.model_validate(s) for s in record.speakers],
            entities=[ArticleEntityOut.model_validate(e) for e in record.entities],
        )  # fmt: skip


class StoredPageOut(Out):
    """What became of an uploaded or fetched page."""

    source: str
    outcome: Literal["new", "updated", "duplicate"]
    article_id: int | None = Field(description="the article holding the page, when known")
    cluster_id: int | None


class ErrorDetail(Out):
    location: list[str | int]
    message: str


class ErrorBody(Out):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Out):
    """Every error, whatever the endpoint: ``{"error": {"status", "code", "message"}}``."""

    error: ErrorBody
