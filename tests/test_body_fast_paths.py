"""The vectorised body steps: hint groups for a whole page at once, character-class
features over all blocks at once, element facts by pointer doubling, region selection."""

from __future__ import annotations

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._attr_hints import GROUP_NAMES, hint_bits, hint_bits_many
from newsdesk.extract.html._body import region_row, select, select_rows
from newsdesk.extract.html._features import FEATURE_NAMES, featurize, featurize_page
from newsdesk.extract.html._segment import segment


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


def test_a_hint_has_the_groups_of_its_tokens() -> None:
    hints = ["post-tags\tnav  x", "ad", "head ads", "x", "tagline  figure"]
    expected = [hint_bits("post-tags nav x"), hint_bits("ad"), 0, 0, 0]
    expected[2] = hint_bits("ads")
    expected[4] = hint_bits("figure")
    assert hint_bits_many(hints).tolist() == expected
    assert hint_bits_many([]).tolist() == []


def test_the_depth_bound_keeps_shallow_pages_on_the_fast_path() -> None:
    from newsdesk.extract.html._nesting import _surely_shallow, flatten_deep_markup

    # Void, self-closing and closing tags inside attribute values do not add levels.
    shallow = "<div><br><IMG src=x><input/><hr/><p title='</b>'>x</p></div>\n" * 1_000
    assert _surely_shallow(shallow.encode(), 1_000)
    assert flatten_deep_markup(shallow) is shallow
    assert flatten_deep_markup(shallow, utf8=shallow.encode()) is shallow


def test_the_depth_bound_never_hides_a_deep_page() -> None:
    from newsdesk.extract.html._nesting import _surely_shallow, flatten_deep_markup

    # "</p>" inside the attribute is no closing tag: 1,001 levels open.
    deep = "<br>" * 3_000 + "<p title='</p>'>" * 1_001 + "text"
    assert not _surely_shallow(deep.encode(), 1_000)
    assert flatten_deep_markup(deep).count("<p ") == 1_000
    # A "<" with no ">" after it is no tag at all: unchanged, by the exact walk.
    loose = "a<b " * 4_000
    assert flatten_deep_markup(loose) is loose


def test_the_tree_walk_scores_a_hand_made_tree() -> None:
    from newsdesk.errors import ConfigError
    from newsdesk.extract.html._model import Trees

    # Node 0 tests column 1 <= 0.5: left leaf 1 (value 2.0), right leaf 2 (value -1.0).
    trees = Trees(
        roots=np.array([0]),
        feature=np.array([1, 0, 0]),
        split=np.array([0.5, 0.0, 0.0]),
        children=np.array([2, 1, 1, 1, 2, 2]),  # right, left per node; leaves to themselves
        value=np.array([0.0, 2.0, -1.0]),
        baseline=0.5,
        depth=1,
    )
    scores = trees.predict(np.array([[9.0, 0.2], [9.0, 0.9]]))
    assert scores.tolist() == pytest.approx([1 / (1 + np.exp(-2.5)), 1 / (1 + np.exp(0.5))])
    with pytest.raises(ConfigError):
        trees.predict(np.zeros((1, 1)))  # the tree needs column 1
    with pytest.raises(ConfigError):
        Trees(np.array([0]), np.array([0]), np.array([0.0]), np.array([5, 5]), np.zeros(1), 0, 1)


def test_the_digit_runs_are_every_decimal_digit_below_u10000() -> None:
    """The constant behind the digit feature is exactly Unicode's category Nd in the BMP."""
    import unicodedata

    from newsdesk.extract.html._features import DIGIT_RUNS

    from_runs = {first + k for first in DIGIT_RUNS for k in range(10)}
    nd = {code for code in range(0x10000) if unicodedata.category(chr(code)) == "Nd"}
    assert from_runs == nd
