"""One pass over the tree for the elements every metadata rule reads.

Each ``tree.css`` call walks the whole document, so the metadata rules share one walk with
a merged selector: meta tags, JSON-LD scripts, the canonical link, ``<h1>``, ``<time>`` and
date microdata; byline elements, which only some pages need, are found on first use and
kept for the other rules. The lists keep document order. JSON-LD also comes in a meta
tag's content (``<meta name="script:ld+json" content="{...}">``). Read-only on the tree.

The same walk serves the body: the hidden elements that ``_segment`` leaves out, the
``script[type="application/ld+json"]`` texts of ``_hints.declared_body``, and whether
any breadcrumb container exists. Elements that only those extra selectors match play no
metadata role (a script needs a JSON-LD type, a canonical link its ``href``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# A superset of the hidden elements, found by lexbor's selector engine (``is_hidden`` decides).
MAYBE_HIDDEN = '[hidden],[aria-hidden],[style*="none" i]'


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """The element is hidden by its attributes; only elements that ``MAYBE_HIDDEN`` matches
    are (the style test also asks for "none" as the selector does, in any ASCII case)."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = (attrs.get("style") or "").lower()
    return "none" in style and "display:none" in style.replace(" ", "")


def hidden_elements(root: LexborNode) -> set[int]:
    """``mem_id`` of every element below ``root`` that is hidden by its attributes."""
    return {node.mem_id for node in root.css(MAYBE_HIDDEN) if is_hidden(node.attributes)}


# Elements that hold a byline: the author's name, and often the date beside it. Links to
# "/author/..." or "/authors/..." (one selector, cheaper than two; ``is_byline`` drops the
# "/authority" ones).
BYLINE_SELECTOR = (
    '[rel="author"], [itemprop="author"], a[href*="/author"], [class*="byline" i], '
    '[class*="author" i]'
)


def is_byline(node: LexborNode) -> bool:
    """False for a link that ``BYLINE_SELECTOR`` matched only by an "/author..." href that
    is not an author page ("/authority", "/authorize")."""
    if node.tag != "a":
        return True
    attrs = node.attributes
    href = attrs.get("href") or ""
    if "/author/" in href or "/authors/" in href:
        return True
    label = (attrs.get("class") or "").lower()
    if "author" in label or "byline" in label:
        return True
    return attrs.get("rel") == "author" or attrs.get("itemprop") == "author"


JSONLD_TYPES = frozenset({"application/ld+json", "application/json+ld"})
# Breadcrumb containers (``_metadata._section`` reads their links when it needs them).
BREADCRUMBS = 'nav[aria-label*="breadcrumb" i], [class*="breadcrumb" i]'
_SELECTOR = (
    'meta[content], script[type="application/ld+json"], script[type="application/json+ld"], '
    'link[rel="canonical" i][href], h1, time, [itemprop*="publish" i], [itemprop*="modified" i], '
    f"{MAYBE_HIDDEN}, {BREADCRUMBS}"
)
MAX_BYLINES = 30


@dataclass(slots=True)
class PageNodes:
    """The page's metadata elements, each list in document order."""

    metas: list[dict[str, str | None]] = field(default_factory=list)  # <meta content>'s attributes
    jsonld: list[str] = field(default_factory=list)  # JSON-LD blocks' text
    canonical: LexborNode | None = None  # the first <link rel="canonical" href>
    h1s: list[LexborNode] = field(default_factory=list)
    times: list[LexborNode] = field(default_factory=list)
    published_props: list[LexborNode] = field(default_factory=list)  # itemprop*="publish"
    modified_props: list[LexborNode] = field(default_factory=list)  # itemprop*="modified"
    bylines: list[LexborNode] | None = None  # BYLINE_SELECTOR's first 30, once asked for
    hidden: set[int] = field(default_factory=set)  # mem_id of elements hidden by attributes
    declared: list[str] = field(default_factory=list)  # script[type="application/ld+json"] texts
    breadcrumbs: bool = False  # some element may match BREADCRUMBS (never a false "no")


def scan_page(tree: LexborHTMLParser) -> PageNodes:
    """The metadata elements of ``tree``, from one walk of the document."""
    nodes = PageNodes()
    seen: set[int] = set()  # an element matching two selectors comes back twice
    for node in tree.css(_SELECTOR):
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        tag = node.tag
        attrs = node.attributes
        _body_roles(nodes, node.mem_id, tag, attrs)
        note = _BY_TAG.get(tag or "")
        if note is None or note(nodes, node, attrs):
            _note_props(nodes, node, attrs)
    return nodes


# What ``scan_page`` keeps of each element, by tag. A note returns whether the element's
# date microdata (``itemprop``) still counts: not for scripts and links.
_Note = Callable[[PageNodes, LexborNode, dict[str, str | None]], bool]


def _note_meta(nodes: PageNodes, _node: LexborNode, attrs: dict[str, str | None]) -> bool:
    if "content" in attrs:
        nodes.metas.append(attrs)
        if (attrs.get("name") or attrs.get("property") or "").lower().endswith("ld+json"):
            nodes.jsonld.append(attrs.get("content") or "")
    return True


def _note_script(nodes: PageNodes, node: LexborNode, attrs: dict[str, str | None]) -> bool:
    kind = (attrs.get("type") or "").lower()  # the selector's match: ASCII case only
    if kind in JSONLD_TYPES:
        text = node.text(deep=True) or ""
        nodes.jsonld.append(text)
        if kind == "application/ld+json":
            nodes.declared.append(text)
    return False


def _note_link(nodes: PageNodes, node: LexborNode, attrs: dict[str, str | None]) -> bool:
    if nodes.canonical is None and _is_canonical(attrs):
        nodes.canonical = node
    return False


def _note_h1(nodes: PageNodes, node: LexborNode, _attrs: dict[str, str | None]) -> bool:
    nodes.h1s.append(node)
    return True


def _note_time(nodes: PageNodes, node: LexborNode, _attrs: dict[str, str | None]) -> bool:
    nodes.times.append(node)
    return True


_BY_TAG: dict[str, _Note] = {
    "meta": _note_meta, "script": _note_script, "link": _note_link, "h1": _note_h1,
    "time": _note_time,
}  # fmt: skip


def _note_props(nodes: PageNodes, node: LexborNode, attrs: dict[str, str | None]) -> None:
    prop = (attrs.get("itemprop") or "").lower()
    if "publish" in prop:
        nodes.published_props.append(node)
    if "modified" in prop:
        nodes.modified_props.append(node)


def _is_canonical(attrs: dict[str, str | None]) -> bool:
    return "href" in attrs and (attrs.get("rel") or "").lower() == "canonical"


def _body_roles(
    nodes: PageNodes, mem_id: int, tag: str | None, attrs: dict[str, str | None]
) -> None:
    """Note the element when it is hidden or may be a breadcrumb container."""
    if is_hidden(attrs):
        nodes.hidden.add(mem_id)
    if not nodes.breadcrumbs:
        nodes.breadcrumbs = _may_be_breadcrumbs(tag, attrs)


def _may_be_breadcrumbs(tag: str | None, attrs: dict[str, str | None]) -> bool:
    """True whenever the element matches ``BREADCRUMBS`` (``lower`` folds at least the ASCII
    letters that the selector's ``i`` folds)."""
    if "breadcrumb" in (attrs.get("class") or "").lower():
        return True
    return tag == "nav" and "breadcrumb" in (attrs.get("aria-label") or "").lower()


def byline_nodes(tree: LexborHTMLParser, nodes: PageNodes | None) -> list[LexborNode]:
    """The page's first byline elements (``BYLINE_SELECTOR``), found once per page."""
    if nodes is not None and nodes.bylines is not None:
        return nodes.bylines
    found: list[LexborNode] = []
    for node in tree.css(BYLINE_SELECTOR):
        if is_byline(node):
            found.append(node)
            if len(found) >= MAX_BYLINES:
                break
    if nodes is not None:
        nodes.bylines = found
    return found
