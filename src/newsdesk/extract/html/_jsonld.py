"""JSON-LD: read every ``application/ld+json`` block, however broken, into plain dicts.

Pages ship JSON-LD with HTML comments, CDATA wrappers, trailing commas, raw newlines in
strings, several objects glued together, ``@graph`` lists and articles nested under
``mainEntity``. ``jsonld_of`` repairs what it can, flattens everything into a list of
objects, and ``JsonLd`` picks the article (NewsArticle, Article, BlogPosting, ...) and the
page-level objects the metadata rules read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
        "techarticle", "scholarlyarticle", "report", "liveblogposting", "socialmediaposting",
        "posting", "satiricalarticle", "medicalscholarlyarticle", "advertisercontentarticle",
        "review", "recipe", "howto", "discussionforumposting", "qapage", "videoobject",
    }
)  # fmt: skip
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage"})
_MAX_DEPTH = 6
_MAX_OBJECTS = 400
_MAX_ITEMS = 50
_MAX_BLOCK_CHARS = 2_000_000
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?://\s*\]\]>|\]\]>|-->)\s*$")


@dataclass(slots=True)
class JsonLd:
    """The JSON-LD objects of a page, with the ones the metadata rules read picked out."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    article: dict[str, Any] | None = None  # the main article-like object
    page: dict[str, Any] | None = None  # WebPage and kin
    breadcrumbs: list[str] = field(default_factory=list)
    website_name: str | None = None


def jsonld_of(blocks: Iterable[str]) -> JsonLd:
    """The JSON-LD objects of these blocks (a ``<script>``'s text, a meta tag's content),
    repaired and flattened."""
    result = JsonLd()
    for raw in blocks:
        for value in _decode(raw):
            for obj in _flatten(value, 0):
                if len(result.objects) >= _MAX_OBJECTS:
                    break
                result.objects.append(obj)
    _pick(result)
    return result


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def text_of(value: Any, depth: int = 0) -> str | None:
    """A plain string from a JSON-LD value (string, {"@value"}, {"name"}, first of a list)."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, list):
        for item in value[:_MAX_ITEMS]:
            text = text_of(item, depth + 1)
            if text:
                return text
        return None
    if isinstance(value, dict):
        inner = value.get("@value") or value.get("name") or value.get("url")
        return text_of(inner, depth + 1)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _decode(raw: str) -> Iterator[Any]:
    text = raw.strip()
    # A wrapper opens with "<" or "/" or closes with ">": only then is the (slow) regex run.
    if text[:1] in ("<", "/") or text[-1:] == ">":
        text = _WRAPPERS.sub("", text).strip()
    if not text:
        return
    if len(text) > _MAX_BLOCK_CHARS:
        return
    try:
        yield json.loads(text, strict=False)
        return
    except RecursionError:
        return  # nested beyond reason: not metadata anyone wrote by hand
    except ValueError:
        pass
    text = _TRAILING_COMMA.sub(r"\1", text)
    decoder = json.JSONDecoder(strict=False)
    position = 0
    while position < len(text):
        start = _next_start(text, position)
        if start < 0:
            return
        try:
            value, position = decoder.raw_decode(text, start)
        except RecursionError:
            return
        except ValueError:
            position = start + 1
            continue
        yield value


def _next_start(text: str, position: int) -> int:
    starts = [i for i in (text.find("{", position), text.find("[", position)) if i >= 0]
    return min(starts) if starts else -1


def _flatten(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if "@type" in value:
        yield value
    for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
        inner = value.get(key)
        if isinstance(inner, dict | list):
            yield from _flatten(inner, depth + 1)


def _pick(result: JsonLd) -> None:
    best_rank = 99
    for obj in result.objects:
        kinds = types_of(obj)
        if kinds & ARTICLE_TYPES:
            rank = _article_rank(obj, kinds)
            if rank < best_rank:
                result.article, best_rank = obj, rank
        elif kinds & PAGE_TYPES and result.page is None:
            result.page = obj
        elif "breadcrumblist" in kinds and not result.breadcrumbs:
            result.breadcrumbs = _crumbs(obj)
        elif "website" in kinds and result.website_name is None:
            result.website_name = text_of(obj.get("name"))


def _article_rank(obj: dict[str, Any], kinds: set[str]) -> int:
    """Lower is better: a news article with a headline beats a bare Review or VideoObject."""
    rank = 0 if kinds & {"newsarticle", "reportagenewsarticle", "article", "blogposting"} else 2
    if not (obj.get("headline") or obj.get("name")):
        rank += 1
    if not obj.get("datePublished"):
        rank += 1
    return rank


def _crumbs(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    named: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        name = text_of(item.get("name")) or text_of(item.get("item"))
        position = item.get("position")
        order = position if isinstance(position, int) else index
        if name and not name.startswith("http"):
            named.append((order, name))
    return [name for _order, name in sorted(named)]
