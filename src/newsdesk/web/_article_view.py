"""The article page's view: the body with every quote marked in its speaker's colour
and entity mentions linked, the legend of speakers, the other copies of the story."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from newsdesk.store._records import (
    ArticleEntity,
    ArticleQuote,
    ArticleRecord,
    ClusterRecord,
)
from newsdesk.web._highlight import Mark, Paragraph, paragraphs
from newsdesk.web._links import outlet_path, safe_url
from newsdesk.web._views import (
    Moment,
    article_href,
    entity_href,
    host_of,
    language,
    moment,
    speaker_href,
    title_of,
)

COLOURS = 10  # speaker colour classes q0..q9 in the stylesheet; qx: unattributed


@dataclass(frozen=True, slots=True)
class LegendEntry:
    name: str
    href: str | None
    about: str | None  # titles and organisation, as one line
    css: str
    count: int


@dataclass(frozen=True, slots=True)
class EntityLink:
    name: str
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class CopyLink:
    href: str
    title: str
    outlet: str | None
    host: str | None  # the web host of the copy's URL (http or https only)
    published: Moment | None
    canonical: bool


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    title: str
    outlet: str | None
    outlet_href: str | None
    published: Moment | None
    modified: Moment | None
    authors: list[str]
    section: str | None
    language: str | None
    canonical_href: str | None
    canonical_text: str | None  # a canonical URL that is no safe link, shown as text
    original_href: str | None
    original_host: str | None
    original_text: str | None
    source: str
    legend: list[LegendEntry]
    paragraphs: list[Paragraph]
    entities: list[EntityLink]
    copies: list[CopyLink]
    newer_href: str | None  # the current version, when this one was replaced


# -- the article page --------------------------------------------------------------------


def _speaker_key(q: ArticleQuote) -> str:
    if q.speaker_id is not None:
        return f"id:{q.speaker_id}"
    return f"name:{q.speaker}" if q.speaker else ""


def _about(titles: Sequence[str], organisations: Sequence[str]) -> str | None:
    about = "; ".join([*titles, *organisations])
    return about or None


def legend(quotes: Sequence[ArticleQuote]) -> tuple[list[LegendEntry], dict[str, str]]:
    """One entry per speaker, most quotes first, with its colour class; and the class
    of each speaker key (unattributed quotes: ``qx``)."""
    counts: dict[str, int] = {}
    first: dict[str, ArticleQuote] = {}
    for q in quotes:
        key = _speaker_key(q)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, q)
    order = sorted((k for k in counts if k), key=lambda k: (-counts[k], first[k].speaker or ""))
    classes = {key: f"q{i % COLOURS}" for i, key in enumerate(order)}
    entries = [
        LegendEntry(
            name=first[key].speaker or "",
            href=speaker_href(first[key].speaker_id),
            about=_about(first[key].titles, first[key].organisations),
            css=classes[key],
            count=counts[key],
        )
        for key in order
    ]
    if "" in counts:
        classes[""] = "qx"
        entries.append(LegendEntry("Speaker unknown", None, None, "qx", counts[""]))
    return entries, classes


def popover(q: ArticleQuote) -> Markup:
    """What a quote shows when hovered or focused: speaker, titles, organisations, cue."""
    lines = [Markup("<b>{}</b>").format(q.speaker or "Speaker unknown")]
    if q.titles:
        lines.append(Markup("<span>{}</span>").format("; ".join(q.titles)))
    if q.organisations:
        lines.append(Markup("<span>{}</span>").format("; ".join(q.organisations)))
    cue = f"cue: “{q.cue}”, " if q.cue else ""
    lines.append(Markup("<span>{}{} quote</span>").format(cue, q.kind))
    return Markup("").join(lines)


def article_view(record: ArticleRecord, cluster: ClusterRecord | None) -> ArticleView:
    a = record.article
    entries, classes = legend(record.quotes)
    marks = [
        Mark(start, end, "quote", "q " + classes[_speaker_key(q)], popover(q))
        for q in record.quotes
        for start, end in q.parts
    ]
    entities = [e for e in record.entities if e.id is not None]
    marks += [
        Mark(start, end, "entity", href=entity_href(e.id))
        for e in entities
        if e.id is not None
        for start, end in e.mentions
    ]
    original = safe_url(a.url)
    canonical = safe_url(a.canonical_url)
    return ArticleView(
        id=record.id,
        title=title_of(a.title),
        outlet=a.site,
        outlet_href=outlet_path(a.site) if a.site else None,
        published=moment(a.published),
        modified=moment(a.modified) if a.modified != a.published else None,
        authors=list(a.authors),
        section=a.section,
        language=language(a.language),
        canonical_href=canonical,
        canonical_text=a.canonical_url if a.canonical_url and not canonical else None,
        original_href=original,
        original_host=host_of(original),
        original_text=a.url if a.url and not original else None,
        source=a.source,
        legend=entries,
        paragraphs=paragraphs([(b.kind, b.text) for b in a.blocks], marks),
        entities=_entity_links(entities),
        copies=_copies(record.id, cluster),
        newer_href=article_href(record.superseded_by) if record.superseded_by else None,
    )


def _entity_links(entities: Iterable[ArticleEntity]) -> list[EntityLink]:
    """One link per stored entity, by label then name."""
    seen: dict[int, EntityLink] = {}
    for e in entities:
        if e.id is not None and e.id not in seen:
            seen[e.id] = EntityLink(e.name, e.label, entity_href(e.id))
    return sorted(seen.values(), key=lambda link: (link.label, link.name.casefold()))


def _copies(article_id: int, cluster: ClusterRecord | None) -> list[CopyLink]:
    if cluster is None:
        return []
    return [
        CopyLink(
            article_href(m.id),
            title_of(m.title),
            m.site,
            host_of(m.url),
            moment(m.published),
            m.canonical,
        )
        for m in cluster.members
        if m.id != article_id
    ]
