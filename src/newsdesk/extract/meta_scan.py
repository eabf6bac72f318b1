"""One pass over the tree for the elements every metadata rule reads.

Each ``tree.css`` call walks the whole document, so the metadata rules share one walk with
a merged selector: meta tags, JSON-LD scripts, the canonical link, ``<h1>``, ``<time>`` and
date microdata; byline elements, which only some pages need, are found on first use and
kept for the other rules. The lists keep document order. JSON-LD also comes in a meta
tag's content (``<meta name="script:ld+json" content="{...}">``). Read-only on the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.meta_nearby import BYLINE_SELECTOR, is_byline

JSONLD_TYPES = frozenset({"application/ld+json", "application/json+ld"})
_SELECTOR = (
    'meta[content], script[type="application/ld+json"], script[type="application/json+ld"], '
    'link[rel="canonical" i][href], h1, time, [itemprop*="publish" i], [itemprop*="modified" i]'
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
        if tag == "meta" and "content" in attrs:
            nodes.metas.append(attrs)
            if (attrs.get("name") or attrs.get("property") or "").lower().endswith("ld+json"):
                nodes.jsonld.append(attrs.get("content") or "")
        elif tag == "script":
            if (attrs.get("type") or "").strip().lower() in JSONLD_TYPES:
                nodes.jsonld.append(node.text(deep=True) or "")
            continue
        elif tag == "link":
            if nodes.canonical is None and (attrs.get("rel") or "").lower() == "canonical":
                nodes.canonical = node
            continue
        elif tag == "h1":
            nodes.h1s.append(node)
        elif tag == "time":
            nodes.times.append(node)
        prop = (attrs.get("itemprop") or "").lower()
        if "publish" in prop:
            nodes.published_props.append(node)
        if "modified" in prop:
            nodes.modified_props.append(node)
    return nodes


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
