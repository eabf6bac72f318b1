"""Numeric features of candidate text blocks, shared by inference and training.

Each candidate gets a row: its own text statistics, its tag, class/id hints of its element
and ancestors (grouped by meaning, not by site), statistics of the enclosing elements,
whether it sits in the page's densest paragraph container, its position, and a few
features of its neighbours. ``FEATURE_NAMES`` lists the columns in order.

Speed: the work is done once per page in numpy wherever it can be. Character classes are
counted over all candidate texts at once (one code point array, cumulative sums); element
facts (hints, ancestor tags, nearest hinted ancestor, text statistics) are computed once
per distinct element and gathered into the rows by index; facts about the path above an
element come from one pointer-doubling pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsdesk.extract.html._attr_hints import GROUP_NAMES, hint_bits_many
from newsdesk.extract.html._hints import normalise
from newsdesk.extract.html._segment import HEADINGS, Candidate, Element

TAG_GROUPS = ("p", "h", "li", "blockquote", "div", "td", "pre", "dd", "span", "figcaption")
ANCESTOR_TAGS = (
    "article", "main", "nav", "footer", "header", "aside", "form", "li", "figure", "table",
    "blockquote", "section", "ul",
)  # fmt: skip
# Boilerplate words, looked for (lower-cased) in blocks under 300 characters.
_BOILER_WORDS = (
    "©", "copyright", "all rights reserved", "cookie", "subscribe", "sign up", "newsletter",
    "advertis", "read more", "share", "follow us", "click here", "login", "log in",
    "terms of", "privacy",
)  # fmt: skip
_FORMAT_TAGS = frozenset({"strong", "b", "em", "i", "a"})

_TEXT_FEATURES = (
    "log_len", "log_words", "link_density", "punct_density", "ends_sentence", "starts_upper",
    "digit_ratio", "upper_ratio", "commas", "boiler_words", "all_link", "title_like",
    "has_inline_format",
)  # fmt: skip
_ELEMENT_FEATURES = ("log_text", "link_density", "p_share", "log_blocks", "text_per_block")
_NEIGHBOUR_FEATURES = ("log_len", "link_density", "is_p", "ends_sentence")


def _names() -> tuple[str, ...]:
    names = [f"text.{n}" for n in _TEXT_FEATURES]
    names += [f"tag.{t}" for t in TAG_GROUPS]
    names += [f"anc.{t}" for t in ANCESTOR_TAGS]
    for where in ("self", "parent", "near"):
        names += [f"hint.{where}.{g}" for g in GROUP_NAMES]
    for where in ("elem", "parent", "grand"):
        names += [f"{where}.{n}" for n in _ELEMENT_FEATURES]
    names += ["page.in_best", "page.best_link_density", "page.best_share", "page.depth_rel"]
    names += ["page.position", "page.chars_before", "page.log_blocks", "page.in_quote"]
    names += ["declared.present", "declared.contains", "declared.share"]
    for where in ("prev", "next"):
        names += [f"{where}.{n}" for n in _NEIGHBOUR_FEATURES]
    return tuple(names)


FEATURE_NAMES = _names()
_COLUMN = {name: k for k, name in enumerate(FEATURE_NAMES)}
_GROUPS = len(GROUP_NAMES)
_GROUP_BITS = np.arange(_GROUPS, dtype=np.int64)
_ANCESTOR_BITS = np.arange(len(ANCESTOR_TAGS), dtype=np.int64)
_TAG_BIT = {tag: 1 << k for k, tag in enumerate(ANCESTOR_TAGS)}
_QUOTE_BIT = _TAG_BIT["blockquote"]
_FAR = 1e9  # levels to a hinted ancestor when there is none


def _tag_group(tag: str) -> str:
    if tag in HEADINGS:
        return "h"
    if tag in ("td", "th"):
        return "td"
    if tag in ("dd", "dt"):
        return "dd"
    return tag


# --- character classes, counted for all candidates of a page at once -------------------

_PUNCT, _DIGIT, _UPPER, _COMMA, _SPACE, _END = (1 << k for k in range(6))
_PUNCT_CHARS = ".,;:!?。、，！？»«“”\"'()"
_END_CHARS = '.!?。！？:"”’)»'
_COMMA_CHARS = ",，、"
_BMP = 0x10000
# The decimal digits (category Nd) below U+10000: runs of ten from each first code point (a
# constant, so building the table costs no scan of 65,536 characters at start-up; a test
# checks it against ``unicodedata``).
DIGIT_RUNS = (
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50,
    0xABF0, 0xFF10,
)  # fmt: skip


def _char_classes() -> np.ndarray:
    """Class bits of every code point below U+10000 (a read-only lookup table)."""
    table = np.zeros(_BMP + 1, dtype=np.uint8)  # the last entry: anything above the BMP
    for chars, bit in ((_PUNCT_CHARS, _PUNCT), (_END_CHARS, _END), (_COMMA_CHARS, _COMMA)):
        for char in chars:
            table[ord(char)] |= bit
    table[ord(" ")] |= _SPACE
    table[ord("A") : ord("Z") + 1] |= _UPPER
    table[0xC0:0xDF] |= _UPPER  # À-Þ
    for first in DIGIT_RUNS:
        table[first : first + 10] |= _DIGIT
    table.setflags(write=False)
    return table


_CLASSES = _char_classes()


def _class_counts(texts: list[str], sizes: np.ndarray) -> dict[int, np.ndarray]:
    """Per text, how many of its characters have each class bit; ``_END``: its last one."""
    joined = "\n".join(texts) + "\n"  # "\n" has no class bit
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _CLASSES[np.minimum(codes, _BMP)]
    ends = np.cumsum(sizes + 1) - 1  # position of the "\n" after each text
    starts = ends - sizes
    counts: dict[int, np.ndarray] = {}
    for bit in (_PUNCT, _DIGIT, _UPPER, _COMMA, _SPACE):
        # One sum over each text and the "\n" after it (so no segment is empty).
        has = (classes & bit) != 0
        counts[bit] = np.add.reduceat(has, starts, dtype=np.int64).astype(np.float64)
    counts[_END] = ((classes[ends - 1] & _END) != 0).astype(np.float64)
    return counts


def _has_boiler_words(texts: list[str]) -> np.ndarray:
    """1 for the short texts (under 300 characters) that hold a boilerplate word."""
    found = np.zeros(len(texts), dtype=np.float64)
    short = [i for i, text in enumerate(texts) if len(text) < 300]
    if not short:
        return found
    lowered = [texts[i].lower() for i in short]
    joined = "\n".join(lowered)
    positions: list[int] = []
    for word in _BOILER_WORDS:
        pos = joined.find(word)
        while pos >= 0:
            positions.append(pos)
            pos = joined.find(word, pos + 1)
    if positions:
        starts = np.cumsum([0] + [len(text) + 1 for text in lowered[:-1]])
        owner = np.searchsorted(starts, positions, side="right") - 1
        found[np.asarray(short)[owner]] = 1.0
    return found


def _text_columns(x: np.ndarray, candidates: list[Candidate], title: str) -> None:
    texts = [c.text for c in candidates]
    n = len(texts)
    size = np.fromiter(map(len, texts), dtype=np.float64, count=n)
    links = np.fromiter((c.link_chars for c in candidates), dtype=np.float64, count=n)
    counts = _class_counts(texts, size.astype(np.int64))
    col = _COLUMN["text.log_len"]
    x[:, col] = np.log1p(size)
    x[:, col + 1] = np.log1p(counts[_SPACE] + 1)
    x[:, col + 2] = links / size
    x[:, col + 3] = counts[_PUNCT] / size
    x[:, col + 4] = counts[_END]
    x[:, col + 5] = [t[:1].isupper() for t in texts]
    x[:, col + 6] = counts[_DIGIT] / size
    x[:, col + 7] = counts[_UPPER] / size
    x[:, col + 8] = np.log1p(counts[_COMMA])
    x[:, col + 9] = _has_boiler_words(texts)
    x[:, col + 10] = links >= size * 0.95
    if title:
        # ``casefold`` never shortens a text: a longer one cannot equal the title.
        x[:, col + 11] = [len(t) <= len(title) and t.casefold() == title for t in texts]
    x[:, col + 12] = [not c.inline_tags.isdisjoint(_FORMAT_TAGS) for c in candidates]


# --- element facts, once per distinct element -----------------------------------------


class _Elements:
    """The elements above the candidates, numbered parents first, with their facts.

    Row ``-1`` of every array is a blank element (no hints, no text, its own parent), which
    stands for the missing parent of the root, so that gathering needs no special case.
    """

    def __init__(self, candidates: list[Candidate]) -> None:
        self.row: dict[int, int] = {}
        parents: list[int] = []
        self.elements: list[Element] = []
        self.of_candidate: list[int] = []
        last: Element | None = None  # the previous candidate's element and its row
        row = -1
        for cand in candidates:
            element = cand.element
            if element is last:  # consecutive blocks of one element: no lookup
                self.of_candidate.append(row)
                continue
            last = element
            row = self.row.get(id(element), -1)
            if row < 0:
                chain: list[Element] = []
                node: Element | None = element
                while node is not None and id(node) not in self.row:
                    chain.append(node)
                    node = node.parent
                row = -1 if node is None else self.row[id(node)]
                for item in reversed(chain):
                    parents.append(row)
                    row = self.row[id(item)] = len(self.elements)
                    self.elements.append(item)
            self.of_candidate.append(row)
        self.parent = np.array([*parents, -1], dtype=np.int64)
        self.depth = np.array([e.depth for e in self.elements] + [0], dtype=np.float64)

    def hint_bits(self) -> np.ndarray:
        distinct: dict[str, int] = {}
        index = [distinct.setdefault(e.hints, len(distinct)) for e in self.elements]
        bits = hint_bits_many(list(distinct))
        return np.append(bits[index], 0)

    def up_the_tree(self, bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per element: the ANCESTOR_TAGS on its path (itself included), as bits; and per
        hint group, the depth of the nearest element at or above it with that hint (-1
        when there is none): the deepest one, so a maximum over the path.

        Both by one pointer doubling (about log2(depth) rounds): after each round a row
        holds the OR / maximum over its next 2**k ancestors; the blank last row has mask
        0, no hint and parent -1, itself."""
        masks = np.array([_TAG_BIT.get(e.tag, 0) for e in self.elements] + [0], dtype=np.int64)
        has = ((bits[:, None] >> _GROUP_BITS[None, :]) & 1).astype(bool)  # (elements + 1, groups)
        near = np.where(has, self.depth[:, None], -1.0)
        up = self.parent
        while (up >= 0).any():
            masks = masks | masks[up]
            near = np.maximum(near, near[up])
            up = up[up]
        return masks, near

    def stats(self) -> np.ndarray:
        stats = [(e.text_chars, e.link_chars, e.chars_in_p, e.blocks) for e in self.elements]
        return np.array([*stats, (0, 0, 0, 0)], dtype=np.float64)


def _or_up(masks: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """OR of each element's mask with all its ancestors' (pointer doubling; the blank last
    row has mask 0 and parent -1, itself)."""
    up = parent
    while (up >= 0).any():
        masks = masks | masks[up]
        up = up[up]
    return masks


def _element_features(stats: np.ndarray) -> np.ndarray:
    """``_ELEMENT_FEATURES`` of every element (all zero for an element without text)."""
    text, links, in_p, blocks = stats.T
    chars = np.maximum(text, 1)
    has = blocks > 0
    per_block = np.divide(text, blocks, out=np.zeros_like(text), where=has)
    out = np.stack(
        [np.log1p(text), links / chars, in_p / chars, np.log1p(blocks), np.log1p(per_block)],
        axis=1,
    )
    out[~has] = 0.0
    return out


def _unpack(bits: np.ndarray, positions: np.ndarray) -> np.ndarray:
    unpacked: np.ndarray = ((bits[:, None] >> positions[None, :]) & 1).astype(np.float64)
    return unpacked


def _element_columns(x: np.ndarray, elements: _Elements) -> np.ndarray:
    """Fill the tag, ancestor, hint and element columns; return each row's element row."""
    parent, depth = elements.parent, elements.depth
    bits = elements.hint_bits()
    tags, near = elements.up_the_tree(bits)
    stats = _element_features(elements.stats())
    own = np.asarray(elements.of_candidate, dtype=np.int64)
    up = parent[own]
    up2 = parent[up]
    col = _COLUMN["anc.article"]
    x[:, col : col + len(ANCESTOR_TAGS)] = _unpack(tags[own], _ANCESTOR_BITS)
    col = _COLUMN["hint.self.nav"]
    x[:, col : col + _GROUPS] = _unpack(bits[own], _GROUP_BITS)
    x[:, col + _GROUPS : col + 2 * _GROUPS] = _unpack(bits[up], _GROUP_BITS)
    hinted = near[own]
    levels = np.where(hinted >= 0, depth[own][:, None] - hinted, _FAR)
    x[:, col + 2 * _GROUPS : col + 3 * _GROUPS] = 1.0 / (1.0 + levels)
    width = len(_ELEMENT_FEATURES)
    col = _COLUMN["elem.log_text"]
    for k, rows in enumerate((own, up, up2)):
        x[:, col + k * width : col + (k + 1) * width] = stats[rows]
    x[:, _COLUMN["page.in_quote"]] = (tags[own] & _QUOTE_BIT) != 0
    return own


# --- page, position, declared body and neighbours ---------------------------------------


def best_container(candidates: list[Candidate]) -> Element | None:
    """The element whose paragraphs score highest (parent full, grandparent half)."""
    scores: dict[int, float] = {}
    elements: dict[int, Element] = {}
    for cand in candidates:
        if cand.tag != "p" or len(cand.text) < 25:
            continue
        size = len(cand.text)
        score = (1 + cand.text.count(",") + min(size / 100, 3)) * (1 - cand.link_chars / size)
        parent = cand.element.parent
        for weight, element in ((1.0, parent), (0.5, parent.parent if parent else None)):
            if element is not None:
                scores[id(element)] = scores.get(id(element), 0.0) + score * weight
                elements[id(element)] = element
    if not scores:
        return None
    return elements[max(scores, key=scores.__getitem__)]


def _page_columns(
    x: np.ndarray, candidates: list[Candidate], elements: _Elements, own: np.ndarray
) -> None:
    n = len(candidates)
    best = best_container(candidates)
    inside = np.zeros(len(elements.parent), dtype=np.int64)
    if best is not None:
        inside[elements.row[id(best)]] = 1
        inside = _or_up(inside, elements.parent)
    sizes = np.fromiter((len(c.text) for c in candidates), dtype=np.float64, count=n)
    total = float(sizes.sum()) or 1.0
    depth = elements.depth[own]
    col = _COLUMN["page.in_best"]
    x[:, col] = inside[own]
    x[:, col + 1] = best.link_chars / max(best.text_chars, 1) if best is not None else 1.0
    x[:, col + 2] = (best.text_chars if best is not None else 0) / total
    x[:, col + 3] = depth / (depth.max() or 1)
    x[:, col + 4] = np.arange(n) / max(n - 1, 1)
    x[:, col + 5] = (np.cumsum(sizes) - sizes) / total
    x[:, col + 6] = np.log1p(n)


def _declared_columns(x: np.ndarray, candidates: list[Candidate], declared: str) -> None:
    col = _COLUMN["declared.present"]
    if declared:
        x[:, col] = 1.0
        keys = [normalise(c.text) for c in candidates]
        x[:, col + 1] = [bool(key) and key in declared for key in keys]
    total = sum(len(c.text) for c in candidates) or 1
    x[:, col + 2] = min(len(declared) / total, 2.0)


def _neighbour_columns(x: np.ndarray, candidates: list[Candidate]) -> None:
    own = x[:, [_COLUMN[f"text.{name}"] for name in ("log_len", "link_density", "ends_sentence")]]
    is_p = np.array([c.tag == "p" for c in candidates], dtype=np.float64)
    mine = np.column_stack([own[:, 0], own[:, 1], is_p, own[:, 2]])
    width = len(_NEIGHBOUR_FEATURES)
    col = _COLUMN["prev.log_len"]
    x[1:, col : col + width] = mine[:-1]
    x[:-1, col + width : col + 2 * width] = mine[1:]


_TAG_GROUP_COLUMN = {group: _COLUMN[f"tag.{group}"] for group in TAG_GROUPS}


def _tag_columns(x: np.ndarray, candidates: list[Candidate]) -> None:
    """One-hot tag group: one fancy-indexed write for all rows."""
    columns = [_TAG_GROUP_COLUMN.get(_tag_group(cand.tag), -1) for cand in candidates]
    rows = [i for i, k in enumerate(columns) if k >= 0]
    x[rows, [columns[i] for i in rows]] = 1.0


@dataclass(frozen=True, slots=True)
class PageFeatures:
    """The feature rows of a page's candidates and the element tree above them."""

    features: np.ndarray  # one row of FEATURE_NAMES per candidate (float32)
    parent: np.ndarray  # per element row (parents first): its parent's row, -1 for the root
    own: np.ndarray  # per candidate: the row of its element


def featurize_page(
    candidates: list[Candidate], title: str | None, declared: str = ""
) -> PageFeatures:
    """Features of the candidates (``declared`` is the JSON-LD body) and their elements."""
    x = np.zeros((len(candidates), len(FEATURE_NAMES)), dtype=np.float64)
    if not candidates:
        empty = np.zeros(0, dtype=np.int64)
        return PageFeatures(x.astype(np.float32), empty, empty)
    title_key = " ".join(title.split()).casefold() if title else ""
    _text_columns(x, candidates, title_key)
    _tag_columns(x, candidates)
    elements = _Elements(candidates)
    own = _element_columns(x, elements)
    _page_columns(x, candidates, elements, own)
    _declared_columns(x, candidates, declared)
    _neighbour_columns(x, candidates)
    return PageFeatures(x.astype(np.float32), elements.parent[:-1], own)


def featurize(candidates: list[Candidate], title: str | None, declared: str = "") -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate; ``declared`` is the JSON-LD body."""
    return featurize_page(candidates, title, declared).features
