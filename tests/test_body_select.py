"""Block selection when the classifier is unsure of every block (``body.select_rows``)."""

from __future__ import annotations

import numpy as np

from newsdesk.extract.html._body import select_rows

# Five blocks directly under one element (row 0): two paragraphs, then three menu items.
PARENT = np.array([-1])
OWN = np.zeros(5, dtype=int)
SIZES = np.array([120.0, 110.0, 9.0, 9.0, 9.0])
TEXTS = ["The council voted on Tuesday.", "Opponents said the plan cut too deep.", *["Menu"] * 3]


def test_unsure_page_keeps_unrepeated_text_over_a_menu() -> None:
    scores = np.array([0.04, 0.03, 0.14, 0.12, 0.13])  # nothing reaches either threshold
    assert select_rows(PARENT, OWN, SIZES, scores, (0.25, 0.4), TEXTS) == [0, 1]


def test_without_texts_the_best_scored_blocks_are_kept() -> None:
    scores = np.array([0.04, 0.03, 0.14, 0.12, 0.13])
    assert select_rows(PARENT, OWN, SIZES, scores, (0.25, 0.4)) == [2, 3, 4]


def test_a_page_of_nothing_but_repeats_still_gives_text() -> None:
    scores = np.array([0.1, 0.1, 0.1, 0.1, 0.1])
    texts = ["Menu"] * 5
    assert select_rows(PARENT, OWN, SIZES, scores, (0.25, 0.4), texts) == [0, 1, 2, 3, 4]


def test_confident_blocks_are_kept_whatever_repeats() -> None:
    scores = np.array([0.9, 0.8, 0.3, 0.3, 0.3])
    assert select_rows(PARENT, OWN, SIZES, scores, (0.25, 0.4), TEXTS) == [0, 1, 2, 3, 4]


def test_unsure_page_is_judged_by_its_own_best_block() -> None:
    # Nothing reaches the region threshold: every element's sum is negative and the least
    # negative is the one with the least text, a box of labels. The region comes from half
    # the page's best score instead, so the article's element wins over the labels'.
    parent = np.array([-1, 0, 0])  # the page, a box of labels, the article
    own = np.array([1, 1, 2, 2])
    sizes = np.array([4.0, 5.0, 509.0, 300.0])
    scores = np.array([0.05, 0.02, 0.15, 0.14])
    texts = ["Tags", "Share", "The team reported a break-in at the unit.", "Patients are rebooked."]
    assert select_rows(parent, own, sizes, scores, (0.25, 0.4), texts) == [2, 3]
