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
wins. A UTC time whose local day (UTC-12 to UTC+14) is the day in the URL gives that day.
Days are the page's own: a time keeps its offset, and its day is read in that offset (the
WCXB ground truth follows the page's local day, not the UTC one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract._dates import parse_date, search_date
from newsdesk.extract.html._jsonld import JsonLd, text_of
from newsdesk.extract.html._labels import labelled_dates
from newsdesk.extract.html._nearby import headings, text_after, texts_near
from newsdesk.extract.html._scan import PageNodes, byline_nodes
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
    for value in values:
        if not value:
            continue
        parsed = parse_date(value, dayfirst=rules.dayfirst, tz=rules.tz)
        if parsed is None:
            continue
        if rules.dayfirst is None:
            return _corroborated(value, parsed, values, rules)
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
