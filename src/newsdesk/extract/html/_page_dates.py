"""Publication and modification dates, from the most trusted source that has one.

Order of trust for ``published``: JSON-LD ``datePublished`` of the article, known meta names
(``article:published_time``, ``parsely-pub-date``, ``dc.date.issued``, ...), ``itemprop``
microdata, ``<time>`` elements, a day in the URL path, other meta names that say "publish"
or "date", ``"publishedAt"``-style keys in inline page-state scripts; then visible text: the
text right after the headline and the small block around it (an "originally published on"
note anywhere on the page first), the byline, a "Published/Posted on" label anywhere, short
elements whose class or id says date/time; last, a day in the lead image's URL.
``modified`` reads the modification names, then an "Updated ..." date in the visible text.
A value labelled as a modification ("Updated", "Last updated", "aktualisiert", ...) is
never taken as published: a page that only shows when it was updated gets ``published``
None.

Checks on a machine date: a day shown by the headline that is more than a day earlier wins
(a republished or re-saved page keeps its first day on screen; a URL day settles it
instead), and so does one more than a day later that is still before the modified day (a
page re-released under a new date over an old CMS record); when the machine published date
equals the modified one to the minute (re-stamped on every save), any earlier visible date
wins. A publication time the article's header displays (a short dateline right after the
heading that holds the title, not a lede nor a photo caption, else a byline outside lists
of other stories; never an "Updated" one) wins when it is an earlier moment, to the minute,
at most ``REPOST_DAYS`` before the machine one: a syndication hub's copy (Yahoo, MSN, AOL)
carries its repost time in the metadata and the original on screen ("March 11, 3:46 PM",
its year read from the machine date; a naive shown time takes the offset its own ``<time
datetime>`` implies). A shown day alone that may be the machine time's local day keeps the
machine time. A UTC time whose local day (UTC-12 to
UTC+14) is the day in the URL gives that day. A naive machine time takes the offset another
of the page's values gives the same minute, else the outlet's zone (``DateRules.tz``).
Days are the page's own: a time keeps its offset, and its day is read in that offset (the
WCXB ground truth follows the page's local day, not the UTC one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import tee
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract._dates import parse_date, search_date, search_recent
from newsdesk.extract.html._jsonld import JsonLd, text_of
from newsdesk.extract.html._labels import labelled_dates
from newsdesk.extract.html._nearby import headings, next_outside, text_after, texts_near
from newsdesk.extract.html._scan import PageNodes, byline_nodes
from newsdesk.extract.html._titles import fold
from newsdesk.extract.html._urls import url_date

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "published_time", "article.published", "datepublished",
    "date_published", "publish-date", "publish_date", "publishdate", "published-date",
    "pubdate", "pub_date", "publication_date", "publication-date", "sailthru.date",
    "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date",
    "citation_date", "originalpublicationdate", "cxenseparse:recs:publishtime",
    "article_date_original", "og:pubdate", "rnews:datepublished", "datecreated",
    "date", "release_date", "displaydate", "creation_date", "created",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time",
    "article:modified", "modified_time", "article.updated", "datemodified", "date_modified",
    "last-modified", "lastmod", "dc.date.modified", "dcterms.modified", "parsely-updated",
    "revised", "updated_time", "updated",
)  # fmt: skip
_UPDATED_LABEL = re.compile(
    r"\b(?:updated?|modified|edited|last|aktualisiert|geändert|mis à jour|actualizado|"
    r"aggiornato|ažurirano|azurirano|ažurirano|përditësuar|обновлено|ажурирано)\b",
    re.I,
)
_VISIBLE = (
    '[class*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], '
    '[class*="byline" i], [class*="meta" i], [id*="date" i], [class*="datum" i]'
)
_GENERIC_META = re.compile(r"publish|pubdate|\bdate\b|[-_:.]date$|^date[-_:.]")
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|revis|valid|birth|event|start|end|format")
_SCRIPT_KEYS = (
    '"datePublished"', '"publishedAt"', '"published_at"', '"publishDate"', '"publishedDate"',
    '"publish_date"', '"first_publication_date"', '"date_published"', '"pubDate"',
    '"publicationDate"', '"date_posted"', '"published_date"', '\\"datePublished\\"',
    "datePublished:", "publishedDate:", "publishedAt:", "publishDate:",
)  # fmt: skip
_SCRIPT_VALUE = re.compile(r"""\\?["']?\s*:\s*\\?["']([^"'\\]{6,40})""")
_MAX_SCRIPTS = 60
_MAX_SCRIPT_CHARS = 400_000
_MAX_VISIBLE = 120
_MAX_VISIBLE_CHARS = 200
_MAX_CONTAINER_CHARS = 600
_MAX_BYLINES = 10
_BYLINE_AFTER_CHARS = 120
_ZONE_SLACK_DAYS = 1  # a shown day one off the machine time may be the same moment
_LABEL_CHARS = 30  # how far before a date an "Updated" label may sit
# A date shown in the article's header within this many days before the machine published
# date is the original publication, the machine one a repost's or a re-save's (syndication
# hubs stamp their own time, hours to a day or two after the source's): wire reposts are
# seen up to two days late; three keeps a week-old story's "last week" dates out.
REPOST_DAYS = 3
_HEADER_CHARS = 400  # text read after the headline for its dateline
_DATELINE_CHARS = 160  # a block longer than this is prose (a lede), not a dateline
_INLINE_TAGS = frozenset(
    {"span", "a", "time", "b", "strong", "em", "i", "small", "abbr", "font", "u", "sup", "sub"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
# Containers of other stories (related, recommended, teasers): their bylines and dates are
# other articles'. Not asides or sidebars as such: many themes put the byline there.
OTHER_STORIES = re.compile(
    r"related|recommend|more-?(?:stories|news|from)|teaser|trending|popular|most-?read"
    r"|outbrain|taboola",
    re.I,
)
_MAX_CONTAINER_LEVELS = 10
_CAPTION = re.compile(r"caption|credit|photo|image|gallery|media", re.I)
_CAPTION_LEVELS = 4
_MIN_TITLE_CHARS = 15  # a shorter heading inside the title is no evidence it is the headline
_ZONE_STEP_MINUTES = 15  # every UTC offset in use is a multiple of a quarter hour
_MAX_OFFSET_HOURS = 14


@dataclass(frozen=True, slots=True)
class PageFacts:
    url: str | None = None  # the article's URL (a day in its path is a date source)
    title: str | None = None  # the chosen headline (dates sit near it)
    image: str | None = None  # the lead image URL (its path often holds the upload day)
    nodes: PageNodes | None = None  # the page's metadata elements, when already scanned


@dataclass(frozen=True, slots=True)
class DateRules:
    dayfirst: bool | None = None  # numeric date order for this page
    tz: str | None = None  # the outlet's IANA zone, only when the outlet is known


def find_dates(
    tree: LexborHTMLParser,
    meta: Mapping[str, str],
    jsonld: JsonLd,
    page: PageFacts,
    rules: DateRules,
) -> tuple[str | None, str | None]:
    """(published, modified) as ISO 8601 strings, each None when the page does not say."""
    title, url = page.title, page.url
    nodes = page.nodes
    published = _first(_published_values(tree, meta, jsonld, page), rules)
    modified = _first(_modified_values(tree, meta, jsonld, nodes), rules)
    url_day = url_date(url)
    if published is not None and published[:10] != url_day:  # a URL day settles it
        restamped = modified is not None and _same_minute(published, modified)
        published = _shown_instead(
            tree, title, (published, modified), rules, nodes, restamped=restamped
        )
    if published is not None and (url_day is None or published[:10] == url_day):
        published = _displayed_original(tree, title, (published, modified), rules, nodes, url_day)
    if published is None:
        published, updated = _shown_dates(tree, title, rules, nodes)
        modified = modified or updated
    if published is None:
        published = url_date(page.image)
    return _local_day(published, url_day), modified


def _shown_dates(
    tree: LexborHTMLParser, title: str | None, rules: DateRules, nodes: PageNodes | None
) -> tuple[str | None, str | None]:
    """(published, updated) as the page shows them, for a page with no machine published
    date: a date labelled as the original one, by the headline, by the byline, labelled as
    posted, then any visible date element; ``updated`` is the headline's update date."""
    h1s = nodes.h1s if nodes is not None else None
    labelled = labelled_dates(tree, dayfirst=rules.dayfirst, tz=rules.tz)
    published, updated = _near_title(tree, title, rules, h1s, anywhere=True)
    published = labelled.original or published or _near_byline(tree, rules, nodes)
    published = published or labelled.posted or _visible_date(tree, rules)
    if published is not None and updated is not None and published == updated[:10]:
        published = None  # the update day shown by the headline, repeated unlabelled
    return published, updated


def _shown_instead(
    tree: LexborHTMLParser,
    title: str | None,
    machine: tuple[str, str | None],
    rules: DateRules,
    nodes: PageNodes | None,
    *,
    restamped: bool,
) -> str:
    """The date shown by the headline when it is more than a day away from the machine
    published date: an earlier one (a republished or re-saved page keeps its first day on
    screen), or a later one before the modification day (a page re-released under a new
    date over an old CMS record: published < shown < modified); when the machine date
    equals the modification date (a CMS that re-stamps both on every save), an earlier date
    by the byline or in any visible date element counts as shown too.
    ``machine``: (published, modified)."""
    published, modified = machine
    h1s = nodes.h1s if nodes is not None else None
    shown, _updated = _near_title(tree, title, rules, h1s)
    if shown is not None and shown[:10] > published[:10]:
        if modified is None or shown[:10] >= modified[:10]:
            return published  # never the modification day, nor a day after the last save
        return shown if _far_apart(shown, published) else published
    if shown is None and restamped:
        shown = _near_byline(tree, rules, nodes) or _visible_date(tree, rules)
    if shown is None or shown[:10] >= published[:10]:
        return published
    return shown if restamped or _far_apart(shown, published) else published


def _far_apart(shown: str, published: str) -> bool:
    """More than the zone slack apart, and not the same day read day/month the other way."""
    return _days_apart(shown, published) > _ZONE_SLACK_DAYS and not _swapped(shown, published)


def _same_minute(first: str, second: str) -> bool:
    """The same moment to the minute (to the day when either has no time): a CMS that
    re-stamps the publication date on every save writes both values at once."""
    size = 10 if len(first) <= 10 or len(second) <= 10 else 16
    return first[:size] == second[:size]


def _days_apart(first: str, second: str) -> int:
    try:
        return abs((date.fromisoformat(second[:10]) - date.fromisoformat(first[:10])).days)
    except ValueError:
        return 0


def _swapped(first: str, second: str) -> bool:
    """True when the two days differ only by reading day and month the other way round."""
    return first[:4] == second[:4] and first[5:7] == second[8:10] and first[8:10] == second[5:7]


def _local_day(published: str | None, url_day: str | None) -> str | None:
    """The URL's day when ``published`` is a UTC time whose local day (in some zone between
    UTC-12 and UTC+14) is the day in the URL: the outlet filed it under its own day."""
    if published is None or url_day is None or published[:10] == url_day[:10]:
        return published
    if not published.endswith(("+00:00", "Z")) or len(published) < 16:
        return published
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
        day = date.fromisoformat(url_day[:10])
    except ValueError:
        return published
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    hours = (moment - start).total_seconds() / 3600
    return url_day[:10] if -14 <= hours < 36 else published


def _first(values: Iterator[str | None], rules: DateRules) -> str | None:
    """The first value that reads as a date. A naive time takes the offset another value of
    the page gives the same time to the minute, else the outlet's zone (``rules.tz``)."""
    for value in values:
        if not value:
            continue
        parsed = parse_date(value, dayfirst=rules.dayfirst, tz=rules.tz)
        if parsed is None:
            continue
        own = parse_date(value, dayfirst=rules.dayfirst) if rules.tz else parsed
        naive = own is not None and len(own) > 10 and not _OFFSET.search(own[10:])
        if rules.dayfirst is None or naive:
            # The page's other values, read only as far as needed (the last ones scan
            # inline scripts); ``tee`` lets both readers start from the first.
            to_corroborate, to_offset = tee(v for v in values if v)
            if rules.dayfirst is None:
                parsed = _corroborated(value, parsed, to_corroborate, rules)
            if naive:
                return _page_offset(parsed, to_offset, rules) or parsed
        return parsed
    return None


_OFFSET = re.compile(r"[+-]\d{2}:\d{2}$|Z$")


def _page_offset(value: str, others: Iterable[str], rules: DateRules) -> str | None:
    """The page's own reading of ``value`` (a naive time, ``rules.tz`` perhaps applied): a
    value of the page for the same time to the minute that carries its own offset."""
    for other in others:
        parsed = parse_date(other, dayfirst=rules.dayfirst)
        if parsed and parsed[:16] == value[:16] and _OFFSET.search(parsed[16:]):
            return parsed
    return None


def _corroborated(value: str, parsed: str, others: Iterator[str | None], rules: DateRules) -> str:
    """An ambiguous 02/12/2025 read day-first when another source on the page says so."""
    swapped = parse_date(value, dayfirst=True, tz=rules.tz)
    if swapped is None or swapped[:10] == parsed[:10]:
        return parsed
    for other in others:
        if other and (parse_date(other, tz=rules.tz) or "")[:10] == swapped[:10]:
            return swapped
    return parsed


def _published_values(
    tree: LexborHTMLParser, meta: Mapping[str, str], jsonld: JsonLd, page: PageFacts
) -> Iterator[str | None]:
    nodes = page.nodes
    for obj in (jsonld.article, jsonld.page):
        if obj:
            yield _jsonld_date(obj, "datePublished")
    for name in PUBLISHED_META:
        yield meta.get(name)
    if jsonld.article:
        yield _jsonld_date(jsonld.article, "dateCreated")
    yield from _itemprop(
        tree.css('[itemprop*="publish" i]') if nodes is None else nodes.published_props
    )
    yield from _time_elements(tree.css("time") if nodes is None else nodes.times)
    yield url_date(page.url)
    yield from _generic_meta(meta)
    yield from _script_values(tree)


def _modified_values(
    tree: LexborHTMLParser, meta: Mapping[str, str], jsonld: JsonLd, nodes: PageNodes | None
) -> Iterator[str | None]:
    for obj in (jsonld.article, jsonld.page):
        if obj:
            yield _jsonld_date(obj, "dateModified")
    for name in MODIFIED_META:
        yield meta.get(name)
    yield from _itemprop(
        tree.css('[itemprop*="modified" i]') if nodes is None else nodes.modified_props
    )


def _jsonld_date(obj: dict[str, Any], key: str) -> str | None:
    return text_of(obj.get(key))


def _generic_meta(meta: Mapping[str, str]) -> Iterator[str | None]:
    """Meta names not in the lists that still say "publish" or "date" (not updates)."""
    for name, value in meta.items():
        if _GENERIC_META.search(name) and not _NOT_PUBLISHED.search(name):
            yield value


def _script_values(tree: LexborHTMLParser) -> Iterator[str | None]:
    """``"publishedAt": "..."``-style keys in inline scripts (framework page state)."""
    for index, node in enumerate(tree.css("script:not([src])")):
        if index >= _MAX_SCRIPTS:
            break
        text = node.text(deep=True)
        if len(text) > _MAX_SCRIPT_CHARS:
            text = text[:_MAX_SCRIPT_CHARS]
        for key in _SCRIPT_KEYS:
            position = text.find(key)
            if position >= 0:
                match = _SCRIPT_VALUE.match(text, position + len(key))
                if match:
                    yield match.group(1)


def _itemprop(nodes: Iterable[LexborNode]) -> Iterator[str | None]:
    for node in nodes:
        attrs = node.attributes
        yield attrs.get("content") or attrs.get("datetime") or node.text(deep=True, strip=True)


def _time_elements(times: Iterable[LexborNode]) -> Iterator[str | None]:
    """``<time>`` values not labelled as updates, ``pubdate``/published ones first."""
    plain: list[str] = []
    for index, node in enumerate(times):
        if index >= 20:
            break
        value = node.attributes.get("datetime") or node.text(deep=True, strip=True)
        if not value or _is_update(node):
            continue
        label = " ".join(
            filter(None, (node.attributes.get("class"), node.attributes.get("itemprop")))
        )
        if "pubdate" in node.attributes or "publish" in label.lower():
            yield value
        else:
            plain.append(value)
    yield from plain


def _is_update(node: LexborNode) -> bool:
    """True when the node, its own text ("Updated April 10, 2025") or its close context
    labels the date as an update."""
    if _UPDATED_LABEL.match(node.text(deep=True, strip=True)[:_LABEL_CHARS]):
        return True
    current: LexborNode | None = node
    for _ in range(2):
        if current is None:
            return False
        attrs = current.attributes
        label = " ".join(filter(None, (attrs.get("class"), attrs.get("id"), attrs.get("itemprop"))))
        if re.search(r"updat|modif", label, re.I):
            return True
        current = current.parent
    context = ""
    previous = node.prev
    for _ in range(3):  # skip the whitespace between the label and the date
        if previous is None:
            break
        context = previous.text(deep=True, strip=True)
        if context:
            break
        previous = previous.prev
    return bool(_UPDATED_LABEL.search(context[-_LABEL_CHARS:]))


def _near_title(
    tree: LexborHTMLParser,
    title: str | None,
    rules: DateRules,
    h1s: list[LexborNode] | None,
    *,
    anywhere: bool = False,
) -> tuple[str | None, str | None]:
    """(published, updated) just after the headline or in the small block around it
    (``anywhere``: the headline may be an element of any kind, see ``headings``)."""
    updated: str | None = None
    for heading in headings(tree, title, h1s, anywhere=anywhere):
        for text in texts_near(heading):
            published, update = _labelled_dates(text, rules)
            updated = updated or update
            if published is not None:
                return published, updated
    return None, updated


def _near_byline(tree: LexborHTMLParser, rules: DateRules, nodes: PageNodes | None) -> str | None:
    """A date right after an author element, or in the small block holding it."""
    for node in byline_nodes(tree, nodes)[:_MAX_BYLINES]:
        texts = [text_after(node, _BYLINE_AFTER_CHARS)]
        parent = node.parent
        if parent is not None and parent.tag not in ("body", "html"):
            texts.append(parent.text(deep=True, separator=" ", strip=True)[:_MAX_VISIBLE_CHARS])
        for text in texts:
            published, _updated = _labelled_dates(text, rules)
            if published is not None:
                return published
    return None


def _labelled_dates(text: str, rules: DateRules) -> tuple[str | None, str | None]:
    """(first date not labelled as an update, first date labelled as one) in ``text``."""
    updated: str | None = None
    position = 0
    while position < len(text):
        found = search_date(text[position:], dayfirst=rules.dayfirst, tz=rules.tz)
        if found is None:
            break
        start = position + found.start
        if not _UPDATED_LABEL.search(text[max(position, start - _LABEL_CHARS) : start]):
            return found.iso, updated
        updated = updated or found.iso
        position += found.end
    return None, updated


def _visible_date(tree: LexborHTMLParser, rules: DateRules) -> str | None:
    """A date in a short element whose class or id says it holds one (not an update)."""
    for index, node in enumerate(tree.css(_VISIBLE)):
        if index >= _MAX_VISIBLE:
            break
        if node.tag in ("html", "body", "script", "style", "head", "meta", "link"):
            continue
        text = node.text(deep=True, separator=" ", strip=True)
        if not text or len(text) > _MAX_CONTAINER_CHARS:
            continue
        found, _updated = _labelled_dates(text[:_MAX_VISIBLE_CHARS], rules)
        if found is None or _is_update(node):
            continue
        return found
    return None


def _displayed_original(
    tree: LexborHTMLParser,
    title: str | None,
    machine: tuple[str, str | None],
    rules: DateRules,
    nodes: PageNodes | None,
    url_day: str | None,
) -> str:
    """The publication time the article's header displays instead of the machine published
    one when it is earlier by at most ``REPOST_DAYS`` (a syndicated copy's or re-saved
    page's time in the metadata, the original on screen; see ``prefer_displayed``).
    ``machine``: (published, modified)."""
    published, modified = machine
    near = _day_of(published)
    if near is None:
        return published
    shown = _header_date(tree, title, rules, nodes, near)
    if shown is None or (url_day is not None and shown[:10] != url_day):
        return published
    if modified is not None and _same_minute(shown, modified):
        return published  # the update time shown unlabelled
    return prefer_displayed(published, shown)


def prefer_displayed(machine: str, shown: str) -> str:
    """``shown`` (the header's date) over ``machine`` (the machine published date) when it
    is an earlier moment at most ``REPOST_DAYS`` before it; else ``machine``.

    Times are compared to the minute (a shown "3:46 PM" is the machine "15:46:27"). A shown
    day alone keeps a machine time it may be the local day of (no precision lost), and a
    machine day alone stays (one day off may be a zone apart; further, ``_shown_instead``
    decides). A shown time and a machine time with no common zone (one of them naive) are
    compared as wall clocks; when they differ by whole quarter hours within 14 hours they
    may be the same moment in two zones, and the machine value (which says which) stays."""
    machine_time, shown_time = _moment(machine), _moment(shown)
    if machine_time is None:
        return machine
    if shown_time is None:  # a shown day: compare days
        return shown if _earlier_day(shown, machine_time) else machine
    machine_time = machine_time.replace(second=0, microsecond=0)
    shown_time = shown_time.replace(second=0, microsecond=0)
    if shown_time.tzinfo is None or machine_time.tzinfo is None:
        shown_time, machine_time = (
            shown_time.replace(tzinfo=None),
            machine_time.replace(tzinfo=None),
        )
        ahead = machine_time - shown_time
        minutes = ahead.total_seconds() / 60
        if minutes % _ZONE_STEP_MINUTES == 0 and abs(minutes) <= _MAX_OFFSET_HOURS * 60:
            return machine
    ahead = machine_time - shown_time
    if timedelta(0) < ahead <= timedelta(days=REPOST_DAYS):
        return shown
    return machine


def _earlier_day(shown: str, machine_time: datetime) -> bool:
    """A shown day at most ``REPOST_DAYS`` before the machine time's day, and not its local
    day in any zone."""
    shown_day = _day_of(shown)
    if shown_day is None or shown_day >= machine_time.date():
        return False
    if _may_fall_on(machine_time, shown_day):
        return False
    return (machine_time.date() - shown_day).days <= REPOST_DAYS


def _may_fall_on(moment: datetime, day: date) -> bool:
    """The moment is on ``day`` in some zone between UTC-12 and UTC+14 (any zone when the
    moment is naive): a day shown in the reader's zone may be the machine time's."""
    start = datetime(day.year, day.month, day.day)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
        low, high = start - timedelta(hours=14), start + timedelta(hours=36)
    else:
        low, high = start - timedelta(hours=14), start + timedelta(hours=38)
    return low <= moment < high


def _moment(value: str) -> datetime | None:
    """The date-time of an ISO value; None for a day alone or an unreadable value."""
    if len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _day_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _header_date(
    tree: LexborHTMLParser,
    title: str | None,
    rules: DateRules,
    nodes: PageNodes | None,
    near: date,
) -> str | None:
    """The publication date the article's header shows: the first date (not labelled as an
    update) in a short block right after the headline (a dateline, not a lede that mentions
    a day), else by the first bylines outside lists of other stories. A month, day and time
    without a year ("March 11, 3:46 PM") is read in the year nearest ``near``."""
    h1s = nodes.h1s if nodes is not None else None
    for heading in _title_headings(tree, title, h1s):
        for block, text in _blocks_after(heading):
            found = _dateline(text, rules, near)
            if found is not None:
                return _with_element_offset(found, block)
    for node in byline_nodes(tree, nodes)[:_MAX_BYLINES]:
        if in_other_stories(node) or _caption(node):
            continue
        text = node.text(deep=True, separator=" ", strip=True)
        if len(text) <= _DATELINE_CHARS:
            found = _dateline(text, rules, near)
            if found is not None:
                return _with_element_offset(found, node)
    return None


def _title_headings(
    tree: LexborHTMLParser, title: str | None, h1s: list[LexborNode] | None
) -> list[LexborNode]:
    """The headline elements that hold the article's title (a page's first ``<h1>`` may be
    another story's or the logo)."""
    folded = fold(title or "")
    if not folded:
        return []
    found = []
    for node in headings(tree, title, h1s):
        text = fold(node.text(deep=True, separator=" "))
        if text and (text == folded or (len(text) >= _MIN_TITLE_CHARS and text in folded)):
            found.append(node)
        elif len(folded) >= _MIN_TITLE_CHARS and folded in text:
            found.append(node)
    return found


def _with_element_offset(shown: str, block: LexborNode) -> str:
    """A naive shown time with the offset its ``<time datetime>`` gives: the attribute is
    the same moment in another zone (often UTC), the text the local clock, so their
    difference is the local offset ("3:46 PM" shown, ``2026-03-11T19:46:00Z``: -04:00)."""
    moment = _moment(shown)
    if moment is None or moment.tzinfo is not None:
        return shown
    elements = [block] if block.tag == "time" else block.css("time[datetime]")
    for element in elements[:3]:
        exact = _moment(parse_date(element.attributes.get("datetime") or "") or "")
        if exact is None or exact.tzinfo is None or exact.utcoffset() is None:
            continue
        utc = exact.astimezone(UTC).replace(tzinfo=None)
        minutes = (moment - utc).total_seconds() / 60
        if minutes % _ZONE_STEP_MINUTES == 0 and abs(minutes) <= _MAX_OFFSET_HOURS * 60:
            local = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
            return local.isoformat(timespec="seconds" if local.second else "minutes")
    return shown


def _dateline(text: str, rules: DateRules, near: date) -> str | None:
    text = " ".join(text.split())  # "Nov 18, 2019\n      at\n      9:24 pm ET"
    published, _updated = _labelled_dates(text, rules)
    if published is not None:
        return published
    found = search_recent(text, near, tz=rules.tz, max_days=REPOST_DAYS)
    if found is None or _UPDATED_LABEL.search(
        text[max(0, found.start - _LABEL_CHARS) : found.start]
    ):
        return None
    return found.iso


def _blocks_after(heading: LexborNode) -> Iterator[tuple[LexborNode, str]]:
    """The short blocks (and their texts) that follow ``heading`` in document order, within
    ``_HEADER_CHARS`` of text; long blocks (prose) are passed over."""
    size = 0
    seen: set[int] = set()
    current = next_outside(heading)
    for _ in range(_HEADER_CHARS):
        if current is None or size >= _HEADER_CHARS:
            return
        if current.tag == "-text":
            text = (current.text_content or "").strip()
            if text:
                size += len(text) + 1
                block = _block_of(current)
                if block is not None and block.mem_id not in seen and not _caption(block):
                    seen.add(block.mem_id)
                    block_text = block.text(deep=True, separator=" ", strip=True)
                    if len(block_text) <= _DATELINE_CHARS:
                        yield block, block_text
        elif current.tag not in _SKIP_TAGS and current.first_child is not None:
            current = current.first_child
            continue
        current = next_outside(current)


def _block_of(text_node: LexborNode) -> LexborNode | None:
    """The nearest enclosing element that is not inline (a ``<time>`` inside a ``<p>``: the
    ``<p>``)."""
    node = text_node.parent
    while node is not None and node.tag in _INLINE_TAGS:
        node = node.parent
    if node is None or node.tag in ("body", "html"):
        return None
    return node


def _caption(block: LexborNode) -> bool:
    """The block is (in) a picture's caption or credit: its date is the photo's."""
    node: LexborNode | None = block
    for _ in range(_CAPTION_LEVELS):
        if node is None or node.tag in ("body", "html", "article", "main"):
            return False
        attrs = node.attributes
        label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if node.tag in ("figure", "figcaption", "picture") or _CAPTION.search(label):
            return True
        node = node.parent
    return False


def in_other_stories(node: LexborNode) -> bool:
    """The node sits in a container of other stories (``OTHER_STORIES``)."""
    parent = node.parent
    for _ in range(_MAX_CONTAINER_LEVELS):
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            return False
        attrs = parent.attributes
        if OTHER_STORIES.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        parent = parent.parent
    return False
