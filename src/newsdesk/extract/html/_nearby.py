"""Where the byline and the date sit: the headline elements and the text around them.

``headings`` finds the page's headline elements; ``text_after`` reads the visible text that
follows one in document order (the byline line, the dateline); ``texts_near`` adds the text
of the small blocks that enclose it. (The byline elements, beside which dates often sit, are
found by ``_scan.byline_nodes``.) Read-only on the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.html._titles import fold

AFTER_CHARS = 300
_AFTER_STEPS = 400
_NEAR_LEVELS = 4
_NEAR_MAX_CHARS = 1500
_MAX_HEADINGS = 3
_MAX_TITLE_NODES = 40
_BREAKING_TAGS = frozenset(
    {"br", "div", "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header",
     "figure", "figcaption", "table", "tr", "td", "th", "hr", "img", "svg", "picture"}
)  # fmt: skip
_SPACE = re.compile(r"\s")
_WORD_SLACK = 40  # characters past the limit searched for the end of the word it cuts
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "button"})


def texts_near(heading: LexborNode) -> Iterator[str]:
    """The text after ``heading``, then the text of its small enclosing blocks."""
    yield text_after(heading, AFTER_CHARS)
    node = heading.parent
    for _ in range(_NEAR_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return
        text = node.text(deep=True, separator=" ", strip=True)
        if len(text) > _NEAR_MAX_CHARS:
            return
        yield text
        node = node.parent


def text_after(start: LexborNode, limit: int, separator: str = " ") -> str:
    """About ``limit`` characters of visible text following ``start`` in document order (the
    word the limit falls in finished), the text of each node apart by ``separator`` ("\n"
    keeps a name from running into the role or date in the next element)."""
    parts: list[str] = []
    size = 0
    current = next_outside(start)
    for _ in range(_AFTER_STEPS):
        if current is None or size >= limit:
            break
        tag = current.tag
        if tag == "-text":
            text = (current.text_content or "").strip()
            if text:
                parts.append(text)
                size += len(text) + 1
        elif tag not in _SKIP_TAGS:
            child = current.first_child
            if child is not None:
                current = child
                continue
        current = next_outside(current)
    text = separator.join(parts)
    if len(text) <= limit:
        return text
    # Finish the word the limit falls in: a byline cut there named "Nelson D. Schw".
    space = _SPACE.search(text, limit, limit + _WORD_SLACK)
    if space is not None:
        return text[: space.start()]
    return text if len(text) <= limit + _WORD_SLACK else text[:limit]


def next_outside(node: LexborNode) -> LexborNode | None:
    """The next node in document order that is not inside ``node``."""
    current: LexborNode | None = node
    while current is not None:
        following = current.next
        if following is not None:
            return following
        current = current.parent
    return None


def headings(
    tree: LexborHTMLParser,
    title: str | None,
    h1s: list[LexborNode] | None = None,
    *,
    anywhere: bool = False,
) -> list[LexborNode]:
    """The first ``<h1>`` elements, then another heading whose text is the title when no
    ``<h1>`` holds it.

    ``h1s``: the page's ``<h1>`` elements when the caller has them (saves a walk).
    ``anywhere``: when no heading element holds the title either, the first element of any
    kind whose own text is the title (site builders set headlines in a styled ``<p>``); it
    costs a walk of the body, so only callers with nothing else to go on ask for it."""
    found = list((tree.css("h1") if h1s is None else h1s)[:_MAX_HEADINGS])
    folded = fold(title) if title else ""
    if folded and not any(fold(node.text(deep=True, separator=" ")) == folded for node in found):
        for node in tree.css("h2, h3, legend, [class*='title' i]")[:_MAX_TITLE_NODES]:
            if node not in found and fold(node.text(deep=True, separator=" ")) == folded:
                found.append(node)
                return found
        if anywhere:
            holder = _title_holder(tree, folded)
            if holder is not None and holder not in found:
                found.append(holder)
    return found


def _title_holder(tree: LexborHTMLParser, folded: str) -> LexborNode | None:
    """The parent of the first visible text node in the body whose text is the title."""
    body = tree.body
    if body is None:
        return None
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        parent = node.parent
        if parent is None or parent.tag in _SKIP_TAGS:
            continue
        text = node.text_content or ""
        if len(folded) <= len(text) <= 2 * len(folded) + 20 and fold(text) == folded:
            return parent
    return None


def inline_text(node: LexborNode) -> str:
    """The node's text as rendered: inline children joined as they are, blocks and ``<br>``
    apart ("Planning C<span>ycle</span>" stays one word, "Title<br>Subtitle" two)."""
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parent = child.parent
            if parent is None or parent.tag not in _SKIP_TAGS:
                parts.append(child.text_content or "")
        elif child.tag in _BREAKING_TAGS:
            parts.append(" ")
    return " ".join("".join(parts).split())
