"""HTML metadata: title, site, URLs, slug, section, authors, dates, language, tags, image.

Order of trust for every field: JSON-LD first, then OpenGraph and other meta tags, then
``<time>`` elements and bylines, URL patterns, and visible text last. The outlet registry
(``_outlets.py``) supplies the outlet's name, time zone and date order when the outlet is
known; an unknown outlet's naive times stay naive. ``read_metadata`` only reads the tree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract._outlets import Outlet, registry
from newsdesk.extract.html._authors import byline_element_names, byline_in_text, clean_authors
from newsdesk.extract.html._jsonld import JsonLd, jsonld_of, text_of, types_of
from newsdesk.extract.html._language import Locale, declared_locale, detect_language
from newsdesk.extract.html._nearby import (
    AFTER_CHARS,
    headings,
    inline_text,
    text_after,
)
from newsdesk.extract.html._page_dates import DateRules, PageFacts, find_dates, in_other_stories
from newsdesk.extract.html._scan import PageNodes, byline_nodes, scan_page
from newsdesk.extract.html._titles import choose_title, fold, site_from_title
from newsdesk.extract.html._urls import absolute, host_of, slug_of
from newsdesk.record import Article, Page
from newsdesk.settings import Settings

_AUTHOR_META = (
    "author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
    "byl",  # The New York Times: "By Nelson D. Schwartz"
)  # fmt: skip
_MAX_LIST = 30
_LIST_META = frozenset({"article:tag", "og:article:tag", "book:tag", "video:tag"})
_MAX_SITE_CHARS = 80
_MAX_BYLINE_CHARS = 200
_MAX_BYLINE_NAMES = 5
_BREADCRUMB_LINKS = 'nav[aria-label*="breadcrumb" i] a, [class*="breadcrumb" i] a'
# Author-ish elements that are not the article's byline: commenters, menus ("authorities").
_NOT_BYLINE = re.compile(r"comment|menu|\bnav|authorit|related|share", re.I)
_AUTHOR_BIO = re.compile(r"bio|descr|about|summary|excerpt", re.I)
_HOME_CRUMBS = frozenset({"home", "homepage", "start", "startseite", "accueil", "inicio"})
_MAX_CRUMBS = 8
_MAX_CRUMB_CHARS = 60


def read_metadata(
    tree: LexborHTMLParser,
    article: Article,
    page: Page,
    settings: Settings,
    nodes: PageNodes | None = None,
) -> None:
    """Fill ``article``'s metadata fields from the page. Never touches ``blocks`` or the tree.

    ``nodes``: the tree's ``scan_page``, when the caller has it."""
    nodes = scan_page(tree) if nodes is None else nodes
    meta = meta_tags_of(nodes.metas)
    jsonld = jsonld_of(nodes.jsonld)
    _read_urls(nodes.canonical, article, page, meta)
    outlet = _outlet(article, meta, jsonld, settings)
    page_title = _page_title(tree)
    article.site = _site(meta, jsonld, outlet) or site_from_title(
        page_title, host_of(article.canonical_url or article.url)
    )
    site_names = _site_names(article.site, meta, jsonld, outlet)
    article.title = _title(nodes.h1s, meta, jsonld, page_title, site_names)
    article.section = _section(tree, meta, jsonld, article.title, nodes.breadcrumbs)
    host = host_of(article.url or article.canonical_url)
    article.authors = _authors(tree, meta, jsonld, (article.site, host), nodes)
    locale = declared_locale(tree, meta, page.headers)
    article.language = _language(tree, locale, outlet)
    rules = DateRules(dayfirst=_dayfirst(outlet, locale, article.language), tz=_zone(outlet))
    base = article.url or article.canonical_url
    article.image = _image(meta, jsonld, base)
    facts = PageFacts(url=base, title=article.title, image=article.image, nodes=nodes)
    article.published, article.modified = find_dates(tree, meta, jsonld, facts, rules)
    article.description = _description(meta, jsonld)
    article.tags = _tags(meta, jsonld)


def _page_title(tree: LexborHTMLParser) -> str | None:
    """The ``<title>``'s text (the one in ``<head>`` first)."""
    head = tree.head
    title_node = (head.css_first("title") if head is not None else None) or tree.css_first("title")
    return title_node.text(strip=True) if title_node is not None else None


def _site_names(
    site: str | None, meta: dict[str, str], jsonld: JsonLd, outlet: Outlet | None
) -> list[str]:
    """Every name the site goes by, to strip from titles: the site found, og:site_name,
    the JSON-LD WebSite's name, and the outlet's name and aliases."""
    site_names = [n for n in (site, meta.get("og:site_name"), jsonld.website_name) if n]
    if outlet:
        site_names += [outlet.name, *outlet.aliases]
    return site_names


def _description(meta: dict[str, str], jsonld: JsonLd) -> str | None:
    description = _first_text(meta, "description", "og:description", "twitter:description")
    if description is None and jsonld.article:
        description = text_of(jsonld.article.get("description"))
    return description


def meta_tags_of(metas: Iterable[Mapping[str, str | None]]) -> dict[str, str]:
    """These ``<meta content>`` elements' attributes (in document order) keyed by lower-case
    property/name/itemprop.

    The first value wins, except for list-valued names (``article:tag``), joined by commas.
    """
    tags: dict[str, str] = {}
    for attrs in metas:
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        key = key or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            key = key.strip().lower()
            if key in _LIST_META and key in tags:
                tags[key] += "," + content.strip()  # one tag per element: keep them all
            else:
                tags.setdefault(key, content.strip())
    return tags


def _first_text(meta: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = meta.get(name)
        if value:
            if "&" in value and ";" in value:
                value = html.unescape(value)  # double-escaped by the CMS: "&amp;#8217;"
            return " ".join(value.split())
    return None


def _read_urls(link: LexborNode | None, article: Article, page: Page, meta: dict[str, str]) -> None:
    href = link.attributes.get("href") if link is not None else None
    base = page.url or meta.get("og:url")
    canonical = absolute(href, base) or absolute(meta.get("og:url"), base)
    article.canonical_url = canonical
    article.url = page.url or canonical
    article.slug = slug_of(article.canonical_url or article.url)


def _outlet(
    article: Article, meta: dict[str, str], jsonld: JsonLd, settings: Settings
) -> Outlet | None:
    """The registry's outlet, by the page's host; by its site name only when no URL is known
    (a host the registry does not list is another site, whatever name it gives itself)."""
    outlets = registry(settings)
    urls = [u for u in (article.url, article.canonical_url) if u]
    for url in urls:
        found = outlets.find(url=url)
        if found:
            return found
    if urls:
        return None
    for name in (meta.get("og:site_name"), _publisher(jsonld)):
        if name:
            found = outlets.find(name=name)
            if found:
                return found
    return None


def _publisher(jsonld: JsonLd) -> str | None:
    if jsonld.article:
        return text_of(jsonld.article.get("publisher"))
    return None


def _site(meta: dict[str, str], jsonld: JsonLd, outlet: Outlet | None) -> str | None:
    """The outlet's name: the registry's (curated) when the outlet is known, else the page's."""
    if outlet:
        return outlet.name
    for name in (
        meta.get("og:site_name"),
        _publisher(jsonld),
        jsonld.website_name,
        meta.get("application-name"),
        meta.get("apple-mobile-web-app-title"),
    ):
        name = " ".join((name or "").split())
        if name and not name.startswith("http") and len(name) <= _MAX_SITE_CHARS:
            return name
    return None


def _title(
    h1_nodes: list[LexborNode],
    meta: dict[str, str],
    jsonld: JsonLd,
    page_title: str | None,
    site_names: list[str],
) -> str | None:
    metas = [
        text_of(jsonld.article.get("headline")) if jsonld.article else None,
        meta.get("og:title"),
        meta.get("twitter:title"),
    ]
    h1s = [inline_text(node) for node in h1_nodes[:5]]
    return choose_title(
        page_title=page_title,
        meta_titles=[m for m in metas if m],
        h1s=h1s,
        site_names=site_names,
    )


def _section(
    tree: LexborHTMLParser,
    meta: dict[str, str],
    jsonld: JsonLd,
    title: str | None,
    breadcrumbs: bool,
) -> str | None:
    """articleSection, then section meta tags, then the breadcrumb above the article
    (``breadcrumbs``: the page may have a breadcrumb container; most pages have none)."""
    if jsonld.article:
        section = text_of(jsonld.article.get("articleSection"))
        if section:
            return section
    section = meta.get("article:section") or meta.get("section") or meta.get("parsely-section")
    if section:
        return " ".join(section.split())
    return _breadcrumb_section(tree, jsonld, title, breadcrumbs)


def _breadcrumb_section(
    tree: LexborHTMLParser, jsonld: JsonLd, title: str | None, breadcrumbs: bool
) -> str | None:
    """The last breadcrumb that is not "Home" nor the title: JSON-LD's BreadcrumbList,
    else the links of the page's breadcrumb container."""
    crumbs = jsonld.breadcrumbs
    if not crumbs and breadcrumbs:
        crumbs = [
            node.text(deep=True, separator=" ", strip=True)
            for node in tree.css(_BREADCRUMB_LINKS)[:_MAX_CRUMBS]
        ]
    skip = {*_HOME_CRUMBS, fold(title or "")}
    crumbs = [c for c in crumbs if c and fold(c) not in skip and len(c) <= _MAX_CRUMB_CHARS]
    return " ".join(crumbs[-1].split()) if crumbs else None


def _authors(
    tree: LexborHTMLParser,
    meta: dict[str, str],
    jsonld: JsonLd,
    owner: tuple[str | None, str | None],
    nodes: PageNodes,
) -> list[str]:
    """People from JSON-LD, else author meta tags, else the first byline naming someone,
    else a byline opening the description; last, a JSON-LD Person with a full name that is
    the site's name (a personal blog).
    ``owner``: the site's name and the page's host, never taken for an author."""
    site, host = owner
    people, others = (
        _jsonld_people(jsonld.article.get("author"), jsonld) if jsonld.article else ([], [])
    )
    names = clean_authors([*people, *others], site=site, host=host)
    if names:
        return names[:_MAX_LIST]
    values = [meta.get(name) for name in _AUTHOR_META]
    named = [v for v in values if v and not v.startswith("http")]
    names = clean_authors(named, site=site, host=host)
    if names:
        return names[:_MAX_LIST]
    names = _byline_authors(tree, owner, nodes) or _description_byline(meta, owner)
    return names or clean_authors(people, strict=True)[:_MAX_LIST]


def _description_byline(meta: dict[str, str], owner: tuple[str | None, str | None]) -> list[str]:
    """The names of a description that opens with the byline ("By Md Aynal Haque\n\n
    RAJSHAHI, Dec 20 (BSS) - ..."), as wire stories copy their first lines into it."""
    for name in ("description", "og:description", "twitter:description"):
        text = meta.get(name) or ""
        if text[:3].casefold() == "by ":
            site, host = owner
            return byline_in_text(text.split("\n", 1)[0][:_MAX_BYLINE_CHARS], site=site, host=host)
    return []


def _byline_authors(
    tree: LexborHTMLParser, owner: tuple[str | None, str | None], nodes: PageNodes
) -> list[str]:
    """The first byline element that names someone (containers come first), else a "By"
    line right after the headline."""
    site, host = owner
    for node in byline_nodes(tree, nodes):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _NOT_BYLINE.search(label) or in_other_stories(node):
            continue
        text = node.text(deep=True, separator="\n", strip=True)  # element by element
        if not text or len(text) >= _MAX_BYLINE_CHARS:
            continue
        if _AUTHOR_BIO.search(label):  # prose about the author: a name only after "by"
            names = byline_in_text(" ".join(text.split()), site=site, host=host)
        else:
            names = byline_element_names(text, site=site, host=host)
        if names:
            return names[:_MAX_BYLINE_NAMES]
    for heading in headings(tree, None, nodes.h1s):
        names = byline_in_text(text_after(heading, AFTER_CHARS, "\n"), site=site, host=host)
        if names:
            return names[:_MAX_BYLINE_NAMES]
    return []


def _jsonld_people(value: Any, jsonld: JsonLd) -> tuple[list[str], list[str]]:
    """(names typed as Person, other names) of a JSON-LD author value; organisations are
    dropped and ``{"@id": ...}`` references are looked up among the page's objects."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    others: list[str] = []
    for item in items[:_MAX_LIST]:
        if isinstance(item, dict) and set(item) == {"@id"}:
            item = _by_id(jsonld, item["@id"]) or item
        if isinstance(item, dict):
            kinds = types_of(item)
            if kinds & {"organization", "newsmediaorganization", "corporation"}:
                continue
            name = text_of(item.get("name"))
            bucket = people if "person" in kinds else others
        else:
            name, bucket = text_of(item), others
        if name and not name.startswith("http"):
            bucket.append(name)
    return people, others


def _by_id(jsonld: JsonLd, ref: Any) -> dict[str, Any] | None:
    for obj in jsonld.objects:
        if ref and obj.get("@id") == ref and len(obj) > 1:
            return obj
    return None


def _language(tree: LexborHTMLParser, locale: Locale | None, outlet: Outlet | None) -> str | None:
    """The declared language; detected from the text when nothing is declared, or when a
    known outlet's page declares another language than the outlet's (a template's default
    lang="en" on an Albanian site) and the text agrees with the outlet."""
    if locale is None:
        return detect_language(tree)
    if outlet and outlet.language and outlet.language != locale.language:
        if detect_language(tree) == outlet.language:
            return outlet.language
    return locale.language


def _dayfirst(outlet: Outlet | None, locale: Locale | None, language: str | None) -> bool | None:
    if outlet and outlet.dayfirst is not None:
        return outlet.dayfirst
    if locale:
        return locale.dayfirst
    if language and language != "en":
        return True
    return None


def _zone(outlet: Outlet | None) -> str | None:
    return outlet.timezone if outlet else None


def _tags(meta: dict[str, str], jsonld: JsonLd) -> list[str]:
    """The article's keywords (JSON-LD, else tag and keyword meta tags), once each."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in _tag_values(meta, jsonld):
        tag = " ".join(value.split())
        if tag and len(tag) <= 80 and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags[:_MAX_LIST]


def _tag_values(meta: dict[str, str], jsonld: JsonLd) -> list[str]:
    values: list[str] = []
    if jsonld.article:
        keywords = jsonld.article.get("keywords")
        if isinstance(keywords, list):
            values += [k for k in (text_of(k) for k in keywords) if k]
        elif isinstance(keywords, str):
            values += keywords.split(",")
    if not values:
        values += (meta.get("article:tag") or "").split(",")
        values += (meta.get("keywords") or meta.get("news_keywords") or "").split(",")
    return values


def _image(meta: dict[str, str], jsonld: JsonLd, base: str | None) -> str | None:
    candidates = [meta.get("og:image"), meta.get("og:image:url"), meta.get("twitter:image")]
    if jsonld.article:
        candidates.append(text_of(jsonld.article.get("image")))
    for value in candidates:
        url = absolute(value, base)
        if url:
            return url
    return None
