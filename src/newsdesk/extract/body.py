"""Main-text extraction: candidate blocks, a learned classifier, then a few safe rules.

1. ``body_segment.segment`` cuts the tree into candidate blocks (iterative walk).
2. ``body_features.featurize`` describes each block; ``body_model`` scores it.
3. Blocks above the model's threshold are kept, in document order; a heading that repeats
   the article's title is dropped.
   Only blocks inside the main region (the element that best agrees with the scores) count.
4. Never empty when the page has text: if nothing passes, the best-scored blocks of the
   main region are kept; a page whose text is all hidden or in <noscript> is read again
   with those included; a page with no text blocks at all falls back to its JSON-LD
   ``articleBody``.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_features import featurize
from newsdesk.extract.body_hints import declared_body, declared_paragraphs, normalise
from newsdesk.extract.body_model import load_model
from newsdesk.extract.body_segment import HEADINGS, Candidate, Element, segment
from newsdesk.record import Article, Block, BlockKind
from newsdesk.settings import Settings

_LIST_TAGS = frozenset({"li", "dd", "dt"})


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
    if not title:
        return False
    block, title = _key(text), _key(title)
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


def main_region(
    paths: list[list[int]], sizes: list[int], scores: list[float], threshold: float
) -> int:
    """The element whose blocks best agree with the classifier (max subtree sum).

    Each block votes ``size * (score - threshold)`` for every enclosing element (``paths``
    lists them per block), so the winner holds as much likely text and as little unlikely
    text as possible.
    """
    totals: dict[int, float] = {}
    for path, size, score in zip(paths, sizes, scores, strict=True):
        vote = size * (score - threshold)
        for key in path:
            totals[key] = totals.get(key, 0.0) + vote
    return max(totals, key=totals.__getitem__)


def select(
    paths: list[list[int]],
    sizes: list[int],
    scores: list[float],
    threshold: float,
    region_threshold: float,
) -> list[int]:
    """Indices of the blocks to keep, in document order: likely blocks of the main region.

    The region is found with the stricter ``region_threshold`` (so that a sidebar of
    half-likely teasers does not pull it wide open); inside it, blocks scoring at least
    ``threshold`` are kept.

    Never empty when there are blocks: if none in the region passes the threshold, its
    blocks scoring at least half its best score are kept.
    """
    if not paths:
        return []
    region = main_region(paths, sizes, scores, region_threshold)
    inside = [i for i, path in enumerate(paths) if region in path]
    if len(inside) == 1 and len(paths[inside[0]]) > 1:
        # One block alone is no region: widen to its parent, so that paragraphs that are
        # siblings (say, directly under <body>) are kept together.
        region = paths[inside[0]][1]
        inside = [i for i, path in enumerate(paths) if region in path]
    keep = [i for i in inside if scores[i] >= threshold]
    if keep:
        return keep
    cut = max(scores[i] for i in inside) * 0.5
    return [i for i in inside if scores[i] >= cut]


def extract_blocks(tree: LexborHTMLParser, article: Article, settings: Settings) -> list[Block]:
    candidates = segment(tree) or segment(tree, lenient=True)
    declared = declared_body(tree)
    if not candidates:  # a script-rendered page may still declare its text in JSON-LD
        return [Block("paragraph", text) for text in declared_paragraphs(declared)]
    model = load_model()
    paths = [ancestry(c.element) for c in candidates]
    sizes = [len(c.text) for c in candidates]
    features = featurize(candidates, article.title, normalise(declared))
    scores = model.predict(features)
    keep = select(paths, sizes, scores.tolist(), model.threshold, model.region_threshold)
    return _blocks([candidates[i] for i in keep], article.title)


def _blocks(kept: list[Candidate], title: str | None) -> list[Block]:
    """Blocks of the kept candidates, minus repeats of the title and of earlier blocks."""
    blocks: list[Block] = []
    seen: set[str] = set()
    for cand in kept:
        kind = block_kind(cand)
        if len(kept) > 1 and kind in ("heading", "paragraph") and is_title(cand.text, title):
            continue
        if len(cand.text) > 30 and cand.text in seen:
            continue
        seen.add(cand.text)
        blocks.append(Block(kind, cand.text))
    if not blocks and kept:  # everything repeated the title: better that than nothing
        blocks.append(Block(block_kind(kept[0]), kept[0].text))
    return blocks
