"""The speaker, entity and outlet pages' views: who they are, a weekly chart, the
newest quotes and articles, what or who they go with most."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store._records import (
    EntityProfile,
    OutletProfile,
    SpeakerProfile,
)
from newsdesk.web import _charts
from newsdesk.web._links import query
from newsdesk.web._views import (
    ArticleLink,
    Count,
    Pager,
    QuoteView,
    article_link,
    named_counts,
    quote_view,
    search_href,
    seen_between,
    weeks_chart,
)


@dataclass(frozen=True, slots=True)
class SpeakerView:
    json_href: str
    name: str
    other_names: list[str]
    titles: list[str]
    organisations: list[str]
    quote_count: int
    article_count: int
    span: str
    chart: _charts.Chart
    quotes: list[QuoteView]
    more_href: str
    entities: list[Count]
    pager: Pager


@dataclass(frozen=True, slots=True)
class EntityView:
    json_href: str
    name: str
    other_names: list[str]
    label: str
    article_count: int
    mention_count: int
    chart: _charts.Chart
    quotes: list[QuoteView]
    articles: list[ArticleLink]
    speakers: list[Count]
    search_href: str


@dataclass(frozen=True, slots=True)
class OutletView:
    name: str
    article_count: int
    span: str
    chart: _charts.Chart
    articles: list[ArticleLink]
    speakers: list[Count]
    entities: list[Count]
    search_href: str
    export_href: str


def speaker_view(p: SpeakerProfile) -> SpeakerView:
    more = search_href(speaker=p.name)
    shown = len(p.quotes)
    label = f"The newest {shown} of {p.quote_count} quotes" if p.quote_count > shown else ""
    return SpeakerView(
        json_href=f"/api/speakers/{p.id}",
        name=p.name,
        other_names=[n for n in p.names if n != p.name],
        titles=list(p.titles),
        organisations=list(p.organisations),
        quote_count=p.quote_count,
        article_count=p.article_count,
        span=seen_between(p.first_seen, p.last_seen),
        chart=weeks_chart(p.per_week),
        quotes=[quote_view(q) for q in p.quotes],
        more_href=more,
        entities=named_counts(p.entities, "entities"),
        pager=Pager(label, None, more if label else None),
    )


def entity_view(p: EntityProfile) -> EntityView:
    return EntityView(
        json_href=f"/api/entities/{p.id}",
        name=p.name,
        other_names=[n for n in p.names if n != p.name],
        label=p.label,
        article_count=p.article_count,
        mention_count=p.mention_count,
        chart=weeks_chart(p.per_week),
        quotes=[quote_view(q) for q in p.quotes],
        articles=[article_link(h) for h in p.articles],
        speakers=named_counts(p.speakers, "speakers"),
        search_href=search_href(entity=p.name),
    )


def outlet_view(p: OutletProfile) -> OutletView:
    return OutletView(
        name=p.name,
        article_count=p.article_count,
        span=seen_between(p.first_published, p.last_published),
        chart=weeks_chart(p.per_week),
        articles=[article_link(h) for h in p.articles],
        speakers=named_counts(p.speakers, "speakers"),
        entities=named_counts(p.entities, "entities"),
        search_href=search_href(site=p.name),
        export_href="/api/export" + query({"site": p.name, "format": "jsonl"}),
    )
