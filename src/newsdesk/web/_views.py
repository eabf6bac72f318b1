"""What the templates show, built from the store's typed records by pure functions.

Templates see only these view records: every link is built here (scraped URLs through
``safe_url``), every date is formatted here, and the only ``Markup`` (snippets, the
article body, popovers) is assembled from escaped pieces in this module or
``_highlight``. Nothing here reads the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from newsdesk.store._records import (
    ArticleEntity,
    ArticleHit,
    ArticleQuote,
    ArticleRecord,
    Bucket,
    ClusterRecord,
    EntityProfile,
    NamedCount,
    OutletProfile,
    QuoteRow,
    SpeakerProfile,
)
from newsdesk.web import _charts
from newsdesk.web._highlight import Mark, Paragraph, paragraphs
from newsdesk.web._links import outlet_path, query, safe_url

SNIPPET_MARKS = ("\ue000", "\ue001")  # private-use characters: never markup, never typed
COLOURS = 10  # speaker colour classes q0..q9 in the stylesheet; qx: unattributed
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True, slots=True)
class Moment:
    iso: str
    text: str


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    count: int
    href: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Pager:
    label: str
    first: str | None = None  # the first page (keyset pages only go forward)
    next: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    href: str
    title: str
    outlet: str | None
    outlet_href: str | None
    published: Moment | None
    language: str | None
    copies: int | None
    snippet: Markup | None


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    speaker: str | None
    speaker_href: str | None
    cue: str | None
    article_href: str
    article_title: str
    outlet: str | None
    published: Moment | None


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


# -- small pieces ------------------------------------------------------------------------


def moment(iso: str | None) -> Moment | None:
    """An ISO date or date-time as people read it, with its zone ("20 May 2026, 15:49
    UTC+02:00"); a date-time without an offset says its zone is unknown."""
    if not iso:
        return None
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return Moment(iso, iso)
    day = f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    if len(iso) <= 10:
        return Moment(iso, day)
    clock = when.strftime("%H:%M")
    offset = when.utcoffset()
    if offset is None:
        return Moment(iso, f"{day}, {clock} (zone unknown)")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    zone = "UTC" if minutes == 0 else f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return Moment(iso, f"{day}, {clock} {zone}")


def language(code: str | None) -> str | None:
    """A language code fit for a ``lang`` attribute, else ``None``."""
    return code if code and _LANGUAGE.match(code) else None


def article_href(article_id: int) -> str:
    return f"/articles/{article_id}"


def speaker_href(speaker_id: int | None) -> str | None:
    return None if speaker_id is None else f"/speakers/{speaker_id}"


def entity_href(entity_id: int) -> str:
    return f"/entities/{entity_id}"


def title_of(title: str | None) -> str:
    return title.strip() if title and title.strip() else "(untitled)"


def snippet(text: str | None) -> Markup | None:
    """A search snippet (matches between ``SNIPPET_MARKS``) as escaped HTML with
    ``<mark>`` around the matches."""
    if not text:
        return None
    open_, close = SNIPPET_MARKS
    out = []
    for i, piece in enumerate(text.split(open_)):
        if i == 0:
            out.append(escape(piece.replace(close, "")))
            continue
        matched, _, rest = piece.partition(close)
        out.append(Markup("<mark>{}</mark>{}").format(matched, rest.replace(close, "")))
    return Markup("").join(out)


def hit(h: ArticleHit) -> Hit:
    return Hit(
        href=article_href(h.id),
        title=title_of(h.title),
        outlet=h.site,
        outlet_href=outlet_path(h.site) if h.site else None,
        published=moment(h.published),
        language=h.language,
        copies=h.copies,
        snippet=snippet(h.snippet),
    )


def quote_view(q: QuoteRow) -> QuoteView:
    return QuoteView(
        text=q.text,
        speaker=q.speaker,
        speaker_href=speaker_href(q.speaker_id),
        cue=q.cue,
        article_href=article_href(q.article_id),
        article_title=title_of(q.title),
        outlet=q.site,
        published=moment(q.published),
    )


def named_counts(items: Iterable[NamedCount], kind: str) -> list[Count]:
    """Speakers (``kind`` "speakers") or entities as linked counts."""
    out = []
    for item in items:
        href = speaker_href(item.id) if kind == "speakers" else entity_href(item.id)
        out.append(Count(item.name, item.count, href, item.label if kind != "speakers" else None))
    return out


def weeks_chart(per_week: Sequence[Bucket]) -> _charts.Chart:
    """The chart of ISO-week buckets (``2024-W21``), empty weeks between them filled."""
    weeks: list[tuple[date, int]] = []
    for bucket in per_week:
        try:
            year, week = bucket.key.split("-W")
            weeks.append((date.fromisocalendar(int(year), int(week), 1), bucket.count))
        except ValueError:
            continue
    days = [w.isoformat() for w, n in weeks for _ in range(min(n, 1))]
    filled = dict(_charts.weekly(days))
    filled.update(dict(weeks))
    return _charts.chart(sorted(filled.items()))


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
        original_host=_host(original),
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
            _host(m.url),
            moment(m.published),
            m.canonical,
        )
        for m in cluster.members
        if m.id != article_id
    ]


def _host(url: str | None) -> str | None:
    safe = safe_url(url)
    return urlsplit(safe).hostname if safe else None


def search_href(**params: object) -> str:
    return "/" + query(params)


# -- speaker, entity and outlet pages ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleLink:
    href: str
    title: str
    outlet: str | None
    published: Moment | None


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


def seen_between(first: str | None, last: str | None) -> str:
    """ "20 May 2026 to 3 Jun 2026", one date when both are the same day, or "unknown"."""
    a, b = moment((first or "")[:10] or None), moment((last or "")[:10] or None)
    if a is None or b is None:
        known = a or b
        return known.text if known else "unknown"
    return a.text if a.text == b.text else f"{a.text} to {b.text}"


def article_link(h: ArticleHit) -> ArticleLink:
    return ArticleLink(article_href(h.id), title_of(h.title), h.site, moment(h.published))


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
