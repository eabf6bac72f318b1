"""The pieces every page's view shares, built from the store's typed records by pure
functions: dates, links, search hits, quotes, counts, charts.

Templates see only view records (these, ``_article_view``'s and ``_profile_views``'): every
link is built in these modules (scraped URLs through ``safe_url``), every date formatted,
and the only ``Markup`` (snippets, the article body, popovers) is assembled from escaped
pieces here or in ``_highlight``. Nothing here reads the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from newsdesk.store._records import (
    ArticleHit,
    Bucket,
    NamedCount,
    QuoteRow,
)
from newsdesk.web import _charts
from newsdesk.web._links import outlet_path, query, safe_url

SNIPPET_MARKS = ("\ue000", "\ue001")  # private-use characters: never markup, never typed
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
class ArticleLink:
    href: str
    title: str
    outlet: str | None
    published: Moment | None


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


def host_of(url: str | None) -> str | None:
    safe = safe_url(url)
    return urlsplit(safe).hostname if safe else None


def search_href(**params: object) -> str:
    return "/" + query(params)


def seen_between(first: str | None, last: str | None) -> str:
    """ "20 May 2026 to 3 Jun 2026", one date when both are the same day, or "unknown"."""
    a, b = moment((first or "")[:10] or None), moment((last or "")[:10] or None)
    if a is None or b is None:
        known = a or b
        return known.text if known else "unknown"
    return a.text if a.text == b.text else f"{a.text} to {b.text}"


def article_link(h: ArticleHit) -> ArticleLink:
    return ArticleLink(article_href(h.id), title_of(h.title), h.site, moment(h.published))
