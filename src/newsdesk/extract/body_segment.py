"""Cut an HTML tree into candidate text blocks, in document order, without recursion.

One iterative walk over the lexbor tree: block-level elements (``p``, ``div``, ``li``,
``h2``, ...) open an ``Element``; text between block boundaries becomes a ``Candidate``
that remembers its innermost block element, how much of it sits inside links, and the
chain of enclosing elements (for class/id hints and container statistics).

Speed: hidden elements are found up front by lexbor's selector engine (one C pass, or the
metadata scan's, ``meta_scan.PageNodes.hidden``) instead of reading every element's
attributes; the walk is one loop with its state in local variables, every node read with
one ``tag`` call; white-space-only text costs no string work; an element's text statistics
are added to its parent's once, when it closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Never text of the page: dropped with everything inside.
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "svg", "math", "iframe", "template", "head",
        "button", "select", "option", "input", "textarea", "canvas", "video", "audio",
        "object", "embed", "picture", "img", "map", "dialog", "title", "meta", "link",
    }
)  # fmt: skip
# Elements that start a new text block.
BLOCK_TAGS = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "main", "aside", "header",
        "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
        "figure", "figcaption", "hr", "address", "center", "form", "fieldset", "details",
        "summary", "caption", "menu", "legend",
    }
)  # fmt: skip
# Second chance for pages whose text is all hidden or in <noscript> (client-side rendering).
LENIENT_SKIP_TAGS = SKIP_TAGS - {"noscript"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True, eq=False)
class Element:
    """An open block-level element on the path from <body> to a candidate."""

    tag: str
    hints: str  # lower-cased class, id, role and itemprop values, space separated
    depth: int
    parent: Element | None
    text_chars: int = 0  # text in all candidates below, links included
    link_chars: int = 0
    blocks: int = 0
    paragraphs: int = 0  # candidates below whose own tag is <p>
    chars_in_p: int = 0  # text in those paragraphs


@dataclass(slots=True, eq=False)
class Candidate:
    text: str
    tag: str  # tag of the innermost block element
    element: Element
    link_chars: int
    index: int = 0
    inline_tags: set[str] = field(default_factory=set)  # inline tags inside (a, strong, ...)


# A superset of the hidden elements, found by lexbor's selector engine (``is_hidden`` decides).
MAYBE_HIDDEN = '[hidden],[aria-hidden],[style*="none" i]'


def _hints(node: LexborNode) -> str:
    attrs = node.attributes
    if not attrs:
        return ""
    get = attrs.get
    parts = [value for value in (get("class"), get("id"), get("role"), get("itemprop")) if value]
    return " ".join(parts).lower() if parts else ""


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


# Stack marker: leave a link (a block element is left at its own ``Element`` on the stack).
_LEAVE_LINK = 0


def _walk(root: LexborNode, skip: frozenset[str], hidden: set[int]) -> list[Candidate]:
    """The candidates below ``root``: one loop over an explicit stack, state in locals.

    ``parts`` holds the text of the open block (" " for white space and a ``<br>``); a
    second ``<br>`` with only white space since the first (at ``br_at`` in ``parts``) ends
    the block. A block that ends with no part leaves its inline tags and link text to the
    next one, as nothing was read.
    """
    out: list[Candidate] = []
    parts: list[str] = []
    add = parts.append
    link_chars = link_depth = 0
    br_at = -1
    inline: set[str] = set()
    current = Element(root.tag or "body", _hints(root), 0, None)
    stack: list[LexborNode | Element | int] = [current]  # leaving the root ends the last block
    push, pop = stack.append, stack.pop
    _push_children(root, stack)
    while stack:
        item = pop()
        if type(item) is LexborNode:
            tag = item.tag
            if tag == "-text":
                value = item.text_content
                if value:
                    add(" " if value.isspace() else value)
                    if link_depth:
                        link_chars += len(value.strip())
                continue
            if tag is None or tag[:1] == "-" or tag in skip or (hidden and item.mem_id in hidden):
                continue
            if tag in BLOCK_TAGS or tag == "br":
                if parts and (
                    tag != "br" or (br_at >= 0 and parts[br_at:].count(" ") == len(parts) - br_at)
                ):
                    _flush(parts, current, link_chars, inline, out)
                    parts.clear()
                    link_chars, br_at, inline = 0, -1, set()
                if tag == "br":
                    br_at = len(parts)
                    add(" ")
                    continue
                current = Element(tag, _hints(item), current.depth + 1, current)
                push(current)
            else:
                inline.add(tag)
                if tag == "a":
                    link_depth += 1
                    push(_LEAVE_LINK)
            child = item.last_child
            while child is not None:
                push(child)
                child = child.prev
        elif type(item) is Element:
            if parts:
                _flush(parts, current, link_chars, inline, out)
                parts.clear()
                link_chars, br_at, inline = 0, -1, set()
            current = item.parent or current
            _add_up(item)
        else:
            link_depth -= 1
    return out


def _flush(
    parts: list[str], element: Element, link_chars: int, inline: set[str], out: list[Candidate]
) -> None:
    """End the open block: its text (when there is any) becomes a candidate."""
    if parts.count(" ") == len(parts):  # white space only (never a part of text)
        return
    text = " ".join("".join(parts).split())
    if text:
        cand = Candidate(text, element.tag, element, min(link_chars, len(text)), len(out), inline)
        out.append(cand)
        _count(element, cand)


def _count(element: Element, cand: Candidate) -> None:
    """Add a candidate's text to its own element's statistics."""
    size = len(cand.text)
    element.text_chars += size
    element.link_chars += cand.link_chars
    element.blocks += 1
    if cand.tag == "p":
        element.paragraphs += 1
        element.chars_in_p += size


def _add_up(element: Element) -> None:
    """A closed element's statistics (its text and all below) go to its parent's."""
    parent = element.parent
    if parent is not None and element.blocks:
        parent.text_chars += element.text_chars
        parent.link_chars += element.link_chars
        parent.blocks += element.blocks
        parent.paragraphs += element.paragraphs
        parent.chars_in_p += element.chars_in_p


def _push_children(node: LexborNode, stack: list) -> None:
    child = node.last_child
    while child is not None:
        stack.append(child)
        child = child.prev


def segment(
    tree: LexborHTMLParser, lenient: bool = False, hidden: set[int] | None = None
) -> list[Candidate]:
    """All text candidates of the page body, in document order.

    ``lenient`` also reads hidden elements and <noscript>: the second chance for pages
    that hide their server-rendered text until a script shows it. ``hidden``: the hidden
    elements (``hidden_elements``, or a superset of it outside the body) when known.
    """
    root = tree.body or tree.root
    if root is None:
        return []
    if lenient:
        return _walk(root, LENIENT_SKIP_TAGS, set())
    return _walk(root, SKIP_TAGS, hidden_elements(root) if hidden is None else hidden)
