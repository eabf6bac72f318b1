"""Numeric features of candidate text blocks, shared by inference and training.

Each candidate gets a row: its own text statistics, its tag, class/id hints of its element
and ancestors (grouped by meaning, not by site), statistics of the enclosing elements,
whether it sits in the page's densest paragraph container, its position, and a few
features of its neighbours. ``FEATURE_NAMES`` lists the columns in order.
"""

from __future__ import annotations

import math
import re

import numpy as np

from newsdesk.extract.body_hints import normalise
from newsdesk.extract.body_segment import HEADINGS, Candidate, Element

# Class/id/role/itemprop hint groups; each is matched on the element, its parent, and any
# ancestor. Words are matched as substrings of the hint string.
HINT_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("nav", r"nav|menu|breadcrumb|masthead|topbar|header|footer|skip|pagination|pager"),
        ("share", r"share|sharing|social|facebook|twitter|whatsapp|linkedin|print|email"),
        (
            "related",
            r"related|recommend|read-?more|readmore|also|trending|popular|most|outbrain"
            r"|taboola|teaser|promo|more-|more_|next|prev|suggest|latest|feed|list",
        ),
        ("comment", r"comment|disqus|respon|reply|discussion|forum"),
        ("ad", r"(^|[\s_-])ads?([\s_-]|$)|advert|sponsor|dfp|banner|commercial|gpt|doubleclick"),
        (
            "modal",
            r"newsletter|subscri|signup|sign-up|paywall|regist|login|cookie|consent"
            r"|gdpr|modal|popup|overlay|alert|notice",
        ),
        ("media", r"caption|credit|figure|image|photo|media|gallery|video|img|thumb|slide"),
        (
            "meta",
            r"byline|author|date|time|meta|dateline|tags?([\s_-]|$)|categor|label|info"
            r"|source|bio",
        ),
        ("side", r"sidebar|aside|widget|rail|secondary|column|aux"),
        ("content", r"article|content|body|story|post|entry|text|main|prose|rich|detail"),
        (
            "articlebody",
            r"articlebody|article-body|article__body|story-body|post-body"
            r"|entry-content|post-content|article-content|story-content|articletext",
        ),
        ("hidden", r"hidden|invisible|sr-only|visually-hidden|screen-reader"),
    )
)
GROUP_NAMES = tuple(name for name, _ in HINT_GROUPS)
# Matches where any group does: most class strings ("row", "col-md-9") match none.
_ANY_HINT = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in HINT_GROUPS))
TAG_GROUPS = ("p", "h", "li", "blockquote", "div", "td", "pre", "dd", "span", "figcaption")
ANCESTOR_TAGS = (
    "article", "main", "nav", "footer", "header", "aside", "form", "li", "figure", "table",
    "blockquote", "section", "ul",
)  # fmt: skip
_PUNCT = re.compile(r"[.,;:!?。、，！？»«“”\"'()]")
_END = re.compile(r"[.!?。！？:\"”’)»]$")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÀ-Þ]")
_BOILER = re.compile(
    r"©|copyright|all rights reserved|cookie|subscribe|sign up|newsletter|advertis"
    r"|read more|share|follow us|click here|log ?in|terms of|privacy",
    re.IGNORECASE,
)

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


def _tag_group(tag: str) -> str:
    if tag in HEADINGS:
        return "h"
    if tag in ("td", "th"):
        return "td"
    if tag in ("dd", "dt"):
        return "dd"
    return tag


def _hint_bits(hints: str) -> list[float]:
    if not hints or not _ANY_HINT.search(hints):
        return [0.0] * len(HINT_GROUPS)
    return [1.0 if pattern.search(hints) else 0.0 for _, pattern in HINT_GROUPS]


class _PathInfo:
    """Per-element facts computed once and shared by all candidates below it."""

    def __init__(self) -> None:
        self.own: dict[int, list[float]] = {}
        self.by_hints: dict[str, list[float]] = {}  # many elements share their classes
        self.near: dict[int, list[float]] = {}  # levels up to the nearest hinted element
        self.nearness_of: dict[int, list[float]] = {}
        self.tags: dict[int, frozenset[str]] = {}

    def own_bits(self, element: Element | None) -> list[float]:
        if element is None:
            return [0.0] * len(HINT_GROUPS)
        key = id(element)
        bits = self.own.get(key)
        if bits is None:
            bits = self.by_hints.get(element.hints)
            if bits is None:
                bits = self.by_hints[element.hints] = _hint_bits(element.hints)
            self.own[key] = bits
        return bits

    def nearness(self, element: Element) -> list[float]:
        """Per hint group, 1 / (1 + levels up to the nearest element with that hint)."""
        done = self.nearness_of.get(id(element))
        if done is not None:
            return done
        chain: list[Element] = []
        node: Element | None = element
        while node is not None and id(node) not in self.near:
            chain.append(node)
            node = node.parent
        for item in reversed(chain):
            above = self.near.get(id(item.parent)) if item.parent is not None else None
            own = self.own_bits(item)
            if above is None:
                self.near[id(item)] = [_FAR if not bit else 0.0 for bit in own]
            else:
                self.near[id(item)] = [
                    0.0 if bit else d + 1 for bit, d in zip(own, above, strict=True)
                ]
            tags_above = self.tags[id(item.parent)] if item.parent is not None else frozenset()
            self.tags[id(item)] = tags_above | {item.tag}
        done = self.nearness_of[id(element)] = [1.0 / (1.0 + d) for d in self.near[id(element)]]
        return done


_FAR = 1e9


def _element_features(element: Element | None) -> list[float]:
    if element is None or element.blocks == 0:
        return [0.0] * len(_ELEMENT_FEATURES)
    chars = max(element.text_chars, 1)
    return [
        math.log1p(element.text_chars),
        element.link_chars / chars,
        element.chars_in_p / chars,
        math.log1p(element.blocks),
        math.log1p(element.text_chars / element.blocks),
    ]


def _text_features(cand: Candidate, title: str) -> list[float]:
    text = cand.text
    size = len(text)
    words = text.count(" ") + 1
    return [
        math.log1p(size),
        math.log1p(words),
        cand.link_chars / size,
        len(_PUNCT.findall(text)) / size,
        1.0 if _END.search(text) else 0.0,
        1.0 if text[:1].isupper() else 0.0,
        len(_DIGIT.findall(text)) / size,
        len(_UPPER.findall(text)) / size,
        math.log1p(text.count(",") + text.count("，") + text.count("、")),
        1.0 if size < 300 and _BOILER.search(text) else 0.0,
        1.0 if cand.link_chars >= size * 0.95 else 0.0,
        1.0 if title and text.casefold() == title else 0.0,
        1.0 if cand.inline_tags & {"strong", "b", "em", "i", "a"} else 0.0,
    ]


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


def _inside(element: Element, container: Element | None) -> bool:
    node: Element | None = element
    while node is not None:
        if node is container:
            return True
        node = node.parent
    return False


def _declared(cand: Candidate, declared: str) -> list[float]:
    if not declared:
        return [0.0, 0.0]
    key = normalise(cand.text)
    return [1.0, 1.0 if key and key in declared else 0.0]


def featurize(candidates: list[Candidate], title: str | None, declared: str = "") -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate; ``declared`` is the JSON-LD body."""
    if not candidates:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    title_key = " ".join(title.split()).casefold() if title else ""
    info = _PathInfo()
    best = best_container(candidates)
    total_chars = sum(len(c.text) for c in candidates) or 1
    page = [
        best.link_chars / max(best.text_chars, 1) if best is not None else 1.0,
        (best.text_chars if best is not None else 0) / total_chars,
    ]
    max_depth = max(c.element.depth for c in candidates) or 1
    texts = [_text_features(c, title_key) for c in candidates]
    # Neighbour features are a subset of the text features: log_len, link_density, is_p, ends.
    neighbours = [
        [t[0], t[2], 1.0 if c.tag == "p" else 0.0, t[4]]
        for t, c in zip(texts, candidates, strict=True)
    ]
    nothing = [0.0] * len(_NEIGHBOUR_FEATURES)
    stats: dict[int, list[float]] = {}
    inside: dict[int, bool] = {}
    rows: list[list[float]] = []
    chars_before = 0
    last = len(candidates) - 1
    for i, cand in enumerate(candidates):
        element = cand.element
        parent = element.parent
        near = info.nearness(element)
        tags = info.tags[id(element)]
        row = texts[i]
        group = _tag_group(cand.tag)
        row += [1.0 if group == t else 0.0 for t in TAG_GROUPS]
        row += [1.0 if t in tags else 0.0 for t in ANCESTOR_TAGS]
        row += info.own_bits(element) + info.own_bits(parent) + near
        for item in (element, parent, parent.parent if parent is not None else None):
            key = id(item)
            if key not in stats:
                stats[key] = _element_features(item)
            row += stats[key]
        if id(element) not in inside:
            inside[id(element)] = best is not None and _inside(element, best)
        row.append(1.0 if inside[id(element)] else 0.0)
        row += page
        row += [
            element.depth / max_depth,
            i / max(last, 1),
            chars_before / total_chars,
            math.log1p(len(candidates)),
            1.0 if "blockquote" in tags else 0.0,
        ]
        row += _declared(cand, declared)
        row.append(min(len(declared) / total_chars, 2.0))
        row += neighbours[i - 1] if i > 0 else nothing
        row += neighbours[i + 1] if i < last else nothing
        rows.append(row)
        chars_before += len(cand.text)
    return np.asarray(rows, dtype=np.float32)
