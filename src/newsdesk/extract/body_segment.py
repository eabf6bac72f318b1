"""Cut an HTML tree into candidate text blocks, in document order, without recursion.

One iterative walk over the lexbor tree: block-level elements (``p``, ``div``, ``li``,
``h2``, ...) open an ``Element``; text between block boundaries becomes a ``Candidate``
that remembers its innermost block element, how much of it sits inside links, and the
chain of enclosing elements (for class/id hints and container statistics).

Speed: hidden elements are found up front by lexbor's selector engine (one C pass) instead
of reading every element's attributes; white-space-only text costs no string work; an
element's text statistics are added to its parent's once, when it closes.
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


# A superset of the hidden elements, found by lexbor's selector engine (``_hidden`` decides).
_MAYBE_HIDDEN = '[hidden],[aria-hidden],[style*="none" i]'


def _hints(node: LexborNode) -> str:
    attrs = node.attributes
    if not attrs:
        return ""
    get = attrs.get
    parts = [value for value in (get("class"), get("id"), get("role"), get("itemprop")) if value]
    return " ".join(parts).lower() if parts else ""


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()


def hidden_elements(root: LexborNode) -> set[int]:
    """``mem_id`` of every element below ``root`` that is hidden by its attributes."""
    return {node.mem_id for node in root.css(_MAYBE_HIDDEN) if _hidden(node)}


# Stack markers: leave a link; leave a block element (the Element itself is pushed).
_LEAVE_LINK = 0


class _Walker:
    """State of one walk; ``run`` returns the candidates."""

    def __init__(self, lenient: bool = False) -> None:
        self.lenient = lenient
        self.skip = LENIENT_SKIP_TAGS if lenient else SKIP_TAGS
        self.parts: list[str] = []
        self.has_text = False  # some part is not white space
        self.link_chars = 0
        self.link_depth = 0
        self.inline: set[str] = set()
        self.after_br = False  # a <br> with no text since: a second one ends the block
        self.out: list[Candidate] = []
        self.hidden: set[int] = set()

    def flush(self, element: Element) -> None:
        if not self.parts:
            return
        if self.has_text:
            text = " ".join("".join(self.parts).split())
            cand = Candidate(text, element.tag, element, min(self.link_chars, len(text)))
            cand.inline_tags = self.inline
            cand.index = len(self.out)
            self.out.append(cand)
            _count(element, cand)
        self.parts = []
        self.has_text = False
        self.after_br = False
        self.link_chars = 0
        self.inline = set()

    def text(self, value: str) -> None:
        if value.isspace():
            self.parts.append(" ")
            return
        self.parts.append(value)
        self.has_text = True
        self.after_br = False
        if self.link_depth:
            self.link_chars += len(value.strip())

    def run(self, root: LexborNode) -> list[Candidate]:
        if not self.lenient:
            self.hidden = hidden_elements(root)
        current = Element(root.tag or "body", _hints(root), 0, None)
        # Stack entries: a node to enter, or an Element / _LEAVE_LINK marker to leave.
        stack: list[LexborNode | Element | int] = []
        _push_children(root, stack)
        pop = stack.pop
        while stack:
            item = pop()
            if type(item) is Element:
                if self.parts:
                    self.flush(current)
                current = item.parent or current
                _add_up(item)
            elif type(item) is int:
                self.link_depth -= 1
            elif item.is_text_node:  # type: ignore[union-attr]
                value = item.text_content  # type: ignore[union-attr]
                if value:
                    self.text(value)
            else:
                current = self._enter(item, current, stack)  # type: ignore[arg-type]
        self.flush(current)
        return self.out

    def _enter(self, node: LexborNode, current: Element, stack: list) -> Element:
        tag = node.tag
        if tag is None or tag[:1] == "-" or tag in self.skip:
            return current
        if self.hidden and node.mem_id in self.hidden:
            return current
        if tag == "br":
            if self.after_br:
                self.flush(current)
            self.after_br = True
            self.parts.append(" ")
            return current
        if tag in BLOCK_TAGS:
            if self.parts:
                self.flush(current)
            element = Element(tag, _hints(node), current.depth + 1, current)
            stack.append(element)
            _push_children(node, stack)
            return element
        self.inline.add(tag)
        if tag == "a":
            self.link_depth += 1
            stack.append(_LEAVE_LINK)
        _push_children(node, stack)
        return current


def _push_children(node: LexborNode, stack: list) -> None:
    child = node.last_child
    while child is not None:
        stack.append(child)
        child = child.prev


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


def segment(tree: LexborHTMLParser, lenient: bool = False) -> list[Candidate]:
    """All text candidates of the page body, in document order.

    ``lenient`` also reads hidden elements and <noscript>: the second chance for pages
    that hide their server-rendered text until a script shows it.
    """
    root = tree.body or tree.root
    if root is None:
        return []
    return _Walker(lenient).run(root)
