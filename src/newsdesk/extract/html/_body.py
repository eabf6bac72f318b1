"""Main-text extraction: candidate blocks, a learned classifier, then a few safe rules.

1. ``_segment.segment`` cuts the tree into candidate blocks (iterative walk).
2. ``_features.featurize_page`` describes each block (and numbers the elements above
   the blocks, parents first); ``_model`` scores all blocks at once.
3. Blocks above the model's threshold are kept, in document order; a heading that repeats
   the article's title is dropped.
   Only blocks inside the main region (the element that best agrees with the scores) count;
   ``select_rows`` finds it with one bottom-up pass over the element rows.
4. Never empty when the page has text: if nothing passes, the best-scored blocks of the
   main region are kept (text repeated on the page left out); a page whose text is all
   hidden or in <noscript> is read again with those included; a page with no text blocks
   at all falls back to its JSON-LD ``articleBody``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._features import featurize_page
from newsdesk.extract.html._furniture import drop_furniture
from newsdesk.extract.html._hints import declared_body, declared_paragraphs, normalise
from newsdesk.extract.html._model import load_model
from newsdesk.extract.html._scan import PageNodes
from newsdesk.extract.html._segment import HEADINGS, Candidate, Element, segment
from newsdesk.extract.html._standfirst import standfirst_rows, title_row
from newsdesk.record import Article, Block, BlockKind
from newsdesk.settings import Settings

_LIST_TAGS = frozenset({"li", "dd", "dt"})
_REPEATS = 3  # a text on the page this often is furniture (menu items, "Read more")
_UNSURE_SHARE = 0.5  # when nothing is likely, a block is judged against half the best score


def block_kind(cand: Candidate) -> BlockKind:
    if cand.tag in HEADINGS:
        return "heading"
    element: Element | None = cand.element
    while element is not None:
        if element.tag == "blockquote":
            return "quote"
        element = element.parent
    if cand.tag in _LIST_TAGS:
        return "list_item"
    return "paragraph"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def is_title(text: str, title: str | None) -> bool:
    """The block repeats the title (exactly, or the title is "<block> - Site name")."""
    return bool(title) and _repeats(_key(text), _key(title or ""))


def _repeats(block: str, title: str) -> bool:
    """``is_title`` on keys (``_key``) of a block and of the title."""
    if block == title:
        return True
    return len(block) >= 20 and title.startswith(block) and len(block) >= 0.5 * len(title)


def ancestry(element: Element) -> list[int]:
    """Identities of the element and all its ancestors, innermost first."""
    chain: list[int] = []
    node: Element | None = element
    while node is not None:
        chain.append(id(node))
        node = node.parent
    return chain


def _tree_of(paths: list[list[int]]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Blocks given as paths (element keys, innermost first) as element rows, parents
    first: ``(parent of each row, row of each block, key of each row)``."""
    rows: dict[int, int] = {}
    parent: list[int] = []
    own: list[int] = []
    for path in paths:
        above = -1
        for key in reversed(path):
            row = rows.get(key)
            if row is None:
                row = rows[key] = len(parent)
                parent.append(above)
            above = row
        own.append(above)
    return np.array(parent, dtype=np.int64), np.array(own, dtype=np.int64), list(rows)


def region_row(
    parent: np.ndarray, own: np.ndarray, sizes: np.ndarray, scores: np.ndarray, threshold: float
) -> int:
    """The element whose blocks best agree with the classifier (max subtree sum).

    Elements are rows numbered parents first (``parent[row]``, -1 for the root); block ``i``
    sits in element ``own[i]``. Each block votes ``size * (score - threshold)`` for every
    enclosing element, so the winner holds as much likely text and as little unlikely text
    as possible. Ties go to the element holding the earliest block, the innermost first.
    """
    count = len(parent)
    totals = np.bincount(own, weights=sizes * (scores - threshold), minlength=count).tolist()
    first = [len(own)] * count
    rows = own.tolist()
    for i in range(len(rows) - 1, -1, -1):  # the earliest block of each row wins
        first[rows[i]] = i
    parents = parent.tolist()
    for row in range(count - 1, 0, -1):  # children come after their parents
        up = parents[row]
        if up >= 0:
            totals[up] += totals[row]
            if first[row] < first[up]:
                first[up] = first[row]
    best = max(totals)
    ties = [row for row, total in enumerate(totals) if total == best]
    if len(ties) == 1:
        return ties[0]
    depth = _depths(parents)
    return min(ties, key=lambda r: (first[r], -depth[r]))


def _depths(parents: list[int]) -> list[int]:
    depth = [0] * len(parents)
    for row, up in enumerate(parents):
        if up >= 0:
            depth[row] = depth[up] + 1
    return depth


def _inside(parent: np.ndarray, own: np.ndarray, region: int) -> np.ndarray:
    """Indices of the blocks at or below element ``region``."""
    parents = parent.tolist()
    within = [False] * len(parents)
    within[region] = True
    for row in range(region + 1, len(parents)):
        up = parents[row]
        if up >= 0 and within[up]:
            within[row] = True
    return np.flatnonzero(np.asarray(within)[own])


def main_region(
    paths: list[list[int]], sizes: list[int], scores: list[float], threshold: float
) -> int:
    """The key of the element whose blocks best agree with the classifier (``region_row``)."""
    parent, own, keys = _tree_of(paths)
    sizes_, scores_ = np.asarray(sizes, dtype=float), np.asarray(scores, dtype=float)
    return keys[region_row(parent, own, sizes_, scores_, threshold)]


def select(
    paths: list[list[int]],
    sizes: list[int],
    scores: list[float],
    threshold: float,
    region_threshold: float,
) -> list[int]:
    """``select_rows`` for blocks given as paths of element keys, innermost first."""
    if not paths:
        return []
    parent, own, _keys = _tree_of(paths)
    sizes_, scores_ = np.asarray(sizes, dtype=float), np.asarray(scores, dtype=float)
    return select_rows(parent, own, sizes_, scores_, (threshold, region_threshold))


def select_rows(
    parent: np.ndarray,
    own: np.ndarray,
    sizes: np.ndarray,
    scores: np.ndarray,
    thresholds: tuple[float, float],
    texts: Sequence[str] | None = None,
) -> list[int]:
    """Indices of the blocks to keep, in document order: likely blocks of the main region.

    ``thresholds`` is ``(keep, region)``. The region is found with the stricter region
    threshold (so that a sidebar of half-likely teasers does not pull it wide open); inside
    it, blocks scoring at least the keep threshold are kept.

    When no block reaches the region threshold, the region is found with half the page's
    best score instead. Never empty when there are blocks: if none in the region passes the
    threshold, its blocks scoring at least half its best score are kept, leaving out (when
    ``texts`` are given and something else remains) text repeated on the page, such as a
    long menu's items, which are never the article when the classifier is unsure of
    everything.
    """
    if not len(own):
        return []
    threshold, region_threshold = thresholds
    best = float(scores.max())
    if best < region_threshold:
        # Nothing clears the region threshold, so every element's sum is negative and the
        # least negative one is the element with the least text (a lone "Tags" label).
        # When the classifier is unsure of everything, judge the page by its own best block.
        region_threshold = best * _UNSURE_SHARE
    region = region_row(parent, own, sizes, scores, region_threshold)
    inside = _inside(parent, own, region)
    if len(inside) == 1 and parent[own[inside[0]]] >= 0:
        # One block alone is no region: widen to its parent, so that paragraphs that are
        # siblings (say, directly under <body>) are kept together.
        inside = _inside(parent, own, int(parent[own[inside[0]]]))
    keep = inside[scores[inside] >= threshold]
    rows: list[int]
    if len(keep):
        rows = keep.tolist()
        return rows
    if texts is not None:
        unique = inside[~_repeated(texts)[inside]]
        inside = unique if len(unique) else inside
    cut = scores[inside].max() * _UNSURE_SHARE
    rows = inside[scores[inside] >= cut].tolist()
    return rows


def _repeated(texts: Sequence[str]) -> np.ndarray:
    """Which blocks' text (case and spaces folded) occurs at least ``_REPEATS`` times."""
    keys = [" ".join(text.casefold().split()) for text in texts]
    counts = Counter(keys)
    return np.fromiter((counts[key] >= _REPEATS for key in keys), dtype=bool, count=len(keys))


def extract_blocks(
    tree: LexborHTMLParser, article: Article, settings: Settings, nodes: PageNodes | None = None
) -> list[Block]:
    """``nodes``: the tree's ``scan_page``, when the caller has it (hidden elements, JSON-LD)."""
    hidden = nodes.hidden if nodes is not None else None
    candidates = segment(tree, hidden=hidden) or segment(tree, lenient=True)
    declared = declared_body(tree, nodes.declared if nodes is not None else None)
    if not candidates:  # a script-rendered page may still declare its text in JSON-LD
        return [Block("paragraph", text) for text in declared_paragraphs(declared)]
    model = load_model()
    page = featurize_page(candidates, article.title, normalise(declared))
    scores = model.predict(page.features, settings.pure_python)
    texts = [c.text for c in candidates]
    sizes = np.fromiter(map(len, texts), dtype=float, count=len(texts))
    thresholds = (model.threshold, model.region_threshold)
    keep = select_rows(page.parent, page.own, sizes, scores, thresholds, texts)
    if keep:
        title_at = title_row(candidates, keep[0], article.title)
        keep = standfirst_rows(candidates, scores.tolist(), keep, model.threshold, title_at) + keep
    kept = drop_furniture([candidates[i] for i in keep], article.authors)
    return _blocks(kept, article.title)


def _blocks(kept: list[Candidate], title: str | None) -> list[Block]:
    """Blocks of the kept candidates, minus repeats of the title and of earlier blocks."""
    blocks: list[Block] = []
    seen: set[str] = set()
    title_key = _key(title) if title and len(kept) > 1 else None  # once, not per block
    for cand in kept:
        kind = block_kind(cand)
        if title_key is not None and kind in ("heading", "paragraph"):
            if _repeats(_key(cand.text), title_key):
                continue
        if len(cand.text) > 30 and cand.text in seen:
            continue
        seen.add(cand.text)
        blocks.append(Block(kind, cand.text))
    if not blocks and kept:  # everything repeated the title: better that than nothing
        blocks.append(Block(block_kind(kept[0]), kept[0].text))
    return blocks
