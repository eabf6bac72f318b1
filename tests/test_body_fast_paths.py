"""The vectorised body steps: hint groups for a whole page at once, character-class
features over all blocks at once, element facts by pointer doubling, region selection."""

from __future__ import annotations

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import region_row, select, select_rows
from newsdesk.extract.body_attr_hints import GROUP_NAMES, hint_bits, hint_bits_many
from newsdesk.extract.body_features import FEATURE_NAMES, featurize, featurize_page
from newsdesk.extract.body_segment import segment


def _groups(hints: str) -> set[str]:
    bits = hint_bits(hints)
    return {name for k, name in enumerate(GROUP_NAMES) if bits >> k & 1}


@pytest.mark.parametrize(
    ("hints", "groups"),
    [
        ("", set()),
        ("row col-md-9", set()),
        ("article-body main", {"content", "articlebody"}),
        ("ad-slot", {"ad"}),
        ("ads", {"ad"}),
        ("head loading", set()),  # "ad" only as a whole word between separators
        ("post-tags", {"content", "meta"}),
        ("tagline", set()),  # "tag" only at the end of a word
        ("share-bar social", {"share"}),
        ("sidebar widget", {"side"}),
    ],
)
def test_hint_groups(hints: str, groups: set[str]) -> None:
    assert _groups(hints) == groups


def test_a_page_of_hints_at_once_matches_one_by_one() -> None:
    hints = ["nav menu", "", "story-body", "ad", "x ads y", "comments", "figure caption"]
    assert hint_bits_many(hints).tolist() == [hint_bits(h) for h in hints]


def _column(features: np.ndarray, name: str) -> list[float]:
    return features[:, FEATURE_NAMES.index(name)].tolist()


def test_character_class_features_are_counted_per_block() -> None:
    tree = LexborHTMLParser("<html><body><p>Hello, world. 12</p><p>ÀB c</p><p>§</p></body></html>")
    features = featurize(segment(tree), None)
    assert _column(features, "text.commas") == pytest.approx([np.log1p(1), 0.0, 0.0])
    assert _column(features, "text.digit_ratio") == pytest.approx([2 / 16, 0.0, 0.0])
    assert _column(features, "text.upper_ratio") == pytest.approx([1 / 16, 2 / 4, 0.0])
    assert _column(features, "text.log_words") == pytest.approx(np.log1p([3, 2, 1]))
    assert _column(features, "text.ends_sentence") == [0.0, 0.0, 0.0]


def test_nearest_hint_and_ancestor_tags_look_up_the_tree() -> None:
    tree = LexborHTMLParser(
        "<html><body><article><div class='comments'><section><div><p>Nice piece.</p>"
        "</div></section></div></article></body></html>"
    )
    page = featurize_page(segment(tree), None)
    # p -> div -> section -> div.comments: the comment hint is three levels up.
    assert _column(page.features, "hint.near.comment") == pytest.approx([1 / 4])
    assert _column(page.features, "hint.near.nav") == pytest.approx([1 / (1 + 1e9)])
    assert _column(page.features, "anc.article") == [1.0]
    assert _column(page.features, "anc.nav") == [0.0]
    assert page.parent[0] == -1
    assert len(page.own) == 1


def test_a_tie_goes_to_the_innermost_element_of_the_earliest_block() -> None:
    # Rows: 0 body, 1 wrapper, 2 inner wrapper (same blocks as 1), 3 an aside.
    parent = np.array([-1, 0, 1, 0])
    own = np.array([2, 2, 3])
    sizes = np.array([100.0, 100.0, 10.0])
    scores = np.array([0.9, 0.9, 0.1])
    assert region_row(parent, own, sizes, scores, 0.5) == 2
    assert select_rows(parent, own, sizes, scores, (0.5, 0.5)) == [0, 1]


def test_select_by_paths_and_by_rows_agree() -> None:
    paths = [[10, 1], [11, 1], [12, 5, 1], [13, 5, 1]]
    sizes = [100, 120, 300, 20]
    scores = [0.9, 0.8, 0.2, 0.6]
    assert select(paths, sizes, scores, 0.5, 0.5) == [0, 1, 3]


def test_a_lone_surrogate_in_a_block_does_not_break_the_features() -> None:
    tree = LexborHTMLParser("<html><body><p>plain text here</p></body></html>")
    (cand,) = segment(tree)
    cand.text = "broken \udcff text"
    features = featurize([cand], None)
    assert _column(features, "text.log_words") == pytest.approx([np.log1p(3)])
