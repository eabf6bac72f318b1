"""Cut an HTML tree into candidate text blocks, in document order, without recursion.

One iterative walk over the lexbor tree: block-level elements (``p``, ``div``, ``li``,
``h2``, ...) open an ``Element``; text between block boundaries becomes a ``Candidate``
that remembers its innermost block element, how much of it sits inside links, and the
chain of enclosing elements (for class/id hints and container statistics).

Speed: hidden elements are found up front by lexbor's selector engine (one C pass, or the
metadata scan's, ``_scan.PageNodes.hidden``) instead of reading every element's
attributes; the walk is one loop with its state in local variables, every node read with
one ``tag_id`` call (an int: no tag name made into a string for lexbor's own tags);
white-space-only text costs no string work; an element's text statistics are added to its
parent's once, when it closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode, create_tag

from newsdesk.extract.html._scan import hidden_elements

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
# Characters that are no text: soft hyphens ("Netan\u00adyahu"), zero-width spaces, word
# joiners and stray byte-order marks. Zero-width (non-)joiners stay: Persian, Indic scripts
# and emoji sequences need them. White space (non-breaking spaces included) is folded to one
# space by ``str.split``.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
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
    linked_ends: tuple[bool, bool] = (False, False)  # its first and last words in a link


def clean_text(text: str) -> str:
    """A block's (or a title's) text: invisible characters removed, white space folded."""
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def _hints(node: LexborNode) -> str:
    attrs = node.attributes
    if not attrs:
        return ""
    get = attrs.get
    kind, name, role, prop = get("class"), get("id"), get("role"), get("itemprop")
    if not (name or role or prop):
        return kind.lower() if kind else ""
    return " ".join([value for value in (kind, name, role, prop) if value]).lower()


# What the walk does with an element, by lexbor tag id (a plain int, read without making
# the tag's name a string); tags missing here (custom elements) go by ``_kind_of`` instead.
_INLINE, _LINK, _BLOCK, _BR, _SKIP = range(5)
_TEXT_ID = 2  # lexbor's LXB_TAG__TEXT
_COMMENT_ID = 4  # LXB_TAG__EM_COMMENT


def _kind_of(tag: str | None, skip: frozenset[str]) -> tuple[int, str]:
    if tag is None or tag[:1] == "-" or tag in skip:
        return _SKIP, ""
    if tag == "br":
        return _BR, tag
    if tag in BLOCK_TAGS:
        return _BLOCK, tag
    return (_LINK if tag == "a" else _INLINE), tag


def _kinds(skip: frozenset[str]) -> dict[int, tuple[int, str]]:
    """``(kind, tag)`` by tag id for every tag the walk knows by name (lexbor's own
    tags have fixed small ids; a custom element's id is made per document)."""
    kinds = {_COMMENT_ID: (_SKIP, "-comment")}
    common_inline = {"span", "strong", "em", "b", "i", "a", "br", "noscript"}  # saves a ``tag``
    for tag in SKIP_TAGS | BLOCK_TAGS | common_inline:
        tag_id = create_tag(tag).tag_id
        if tag_id < 1 << 16:  # a tag lexbor knows: the same id in every document
            kinds[tag_id] = _kind_of(tag, skip)
    return kinds


_STRICT_KINDS = _kinds(SKIP_TAGS)
_LENIENT_KINDS = _kinds(LENIENT_SKIP_TAGS)


class _OpenBlock:
    """The walk's state: the block being read and the candidates made so far.

    ``parts`` holds the text of the open block (" " for white space and a ``<br>``);
    ``text_end`` is 1 + the index of its last part of text (0: white space only). A second
    ``<br>`` with only white space since the first (at ``br_at`` in ``parts``) ends the
    block. A block that ends with no part leaves its inline tags and link text to the next
    one, as nothing was read. ``element`` is the innermost open block element.
    """

    __slots__ = (
        "br_at", "element", "first_linked", "inline", "last_linked", "link_chars", "link_depth",
        "out", "parts", "text_end",
    )  # fmt: skip

    def __init__(self, element: Element) -> None:
        self.parts: list[str] = []
        self.text_end = 0
        self.link_chars = 0  # text inside links in the open block
        self.link_depth = 0  # links open at this point of the walk
        self.first_linked = self.last_linked = False  # the block's first, last text in a link
        self.br_at = -1
        self.inline: set[str] = set()
        self.element = element
        self.out: list[Candidate] = []

    def end(self) -> None:
        """End the open block (emptying ``parts``): when it has text, it becomes a candidate."""
        if not self.parts:
            return
        text = clean_text("".join(self.parts)) if self.text_end else ""
        if text:
            element = self.element
            cand = Candidate(
                text, element.tag, element, min(self.link_chars, len(text)), len(self.out),
                self.inline, (self.first_linked, self.last_linked),
            )  # fmt: skip
            self.out.append(cand)
            _count(element, cand)
            self.inline = set()
        else:
            self.inline.clear()
        self.parts.clear()
        self.link_chars, self.br_at, self.text_end = 0, -1, 0

    def line_break(self) -> None:
        """A ``<br>``: the second one with only white space since the first ends the block."""
        if self.br_at >= 0 and self.text_end <= self.br_at:
            self.end()
        self.br_at = len(self.parts)
        self.parts.append(" ")

    def open(self, node: LexborNode, tag: str, stack: _Stack) -> None:
        """Enter block element ``node``: it ends the open block and holds the next ones."""
        self.end()
        self.element = Element(tag, _hints(node), self.element.depth + 1, self.element)
        stack.append(self.element)
        _push_children(node, stack)

    def leave(self, item: Element | None) -> None:
        """Leave a link (``None`` on the stack) or a block element (its ``Element``)."""
        if item is None:
            self.link_depth -= 1
            return
        self.end()
        self.element = item.parent or self.element
        _add_up(item)


# The walk's stack: nodes still to read, and markers to leave a block element (its
# ``Element``) or a link (``None``).
_Stack = list[LexborNode | Element | None]


def _walk(
    root: LexborNode, skip: frozenset[str], kinds: dict[int, tuple[int, str]], hidden: set[int]
) -> list[Candidate]:
    """The candidates below ``root``: one loop over an explicit stack. Text nodes, the
    commonest, are read in the loop itself; block boundaries go to ``_OpenBlock``."""
    block = _OpenBlock(Element(root.tag or "body", _hints(root), 0, None))
    parts = block.parts  # the same list for the whole walk (``end`` empties it)
    add = parts.append
    stack: _Stack = [block.element]  # leaving the root ends the last block
    push, pop = stack.append, stack.pop
    _push_children(root, stack)
    while stack:
        item = pop()
        if not isinstance(item, LexborNode):
            block.leave(item)
            continue
        tag_id = item.tag_id
        if tag_id == _TEXT_ID:
            value = item.text_content
            if value and not value.isspace():
                linked = block.link_depth > 0
                if not block.text_end:
                    block.first_linked = linked
                block.last_linked = linked
                add(value)
                block.text_end = len(parts)
                if linked:
                    block.link_chars += len(value.strip())
            elif value:
                add(" ")
            continue
        kind, tag = kinds.get(tag_id) or _kind_of(item.tag, skip)
        if kind == _SKIP or (hidden and item.mem_id in hidden):
            continue
        if kind <= _LINK:
            block.inline.add(tag)
            if kind == _LINK:
                block.link_depth += 1
                push(None)
            _push_children(item, stack)
        elif kind == _BR:
            block.line_break()
        else:
            block.open(item, tag, stack)
    return block.out


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


def _push_children(node: LexborNode, stack: _Stack) -> None:
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
        return _walk(root, LENIENT_SKIP_TAGS, _LENIENT_KINDS, set())
    hidden = hidden_elements(root) if hidden is None else hidden
    return _walk(root, SKIP_TAGS, _STRICT_KINDS, hidden)
