"""The fast paths of the extraction give the answers of the plain patterns they replace.

``_furniture._has_notice`` looks for its notice words in lower-cased text, ``_labels``
skips the label pattern when no label word is in the lower-cased text, ``_author_bios``
matches names without compiling a pattern per page, and ``_class_counts`` sums with
``np.add.reduceat``: each is checked here against the straightforward form, including the
letters that ``re.I`` folds and ``str.lower`` does not (İ, ı, ſ).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from newsdesk.extract.html import _features, _furniture, _labels
from newsdesk.extract.html._casefold import folds_beyond_lower
from newsdesk.extract.html._segment import Candidate, Element

NOTICE_TEXTS = [
    "All rights reserved.",
    "ALL RIGHTS RESERVED",
    "Please SUBSCRIBE now to read on",
    "Please ſubscribe now",  # long s: re.I reads it as "s"
    "Apps for İOS and Android",  # dotted capital I: re.I reads it as "i"
    "Apps for ıos and android",  # dotless i
    "We respect your privacy",
    "Wir respektieren Ihre Privatsphäre",
    "A sentence about the weather and nothing else.",
    "Kommentare werden moderiert",
    "",
]


@pytest.mark.parametrize("text", NOTICE_TEXTS)
def test_notice_words_match_the_re_i_pattern(text: str) -> None:
    patterns = _furniture._patterns()
    plain = re.compile("|".join(_furniture._NOTICE_WORDS), re.I)
    expected = plain.search(text) is not None and patterns["notice"].search(text) is not None
    assert _furniture._has_notice(text, patterns) is expected


def test_notice_word_fallback_letters_are_needed() -> None:
    # Without the re.I fallback the dotted and dotless i and the long s would be missed.
    lowered = _furniture._patterns()["notice_word"]
    for text in ("İOS", "ıos", "ſubscribe"):
        assert lowered.search(text.lower()) is None
        assert _furniture._NOTICE_WORD_I.search(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Originally published on 26 Sep 2019",
        "POSTED ON Nov 21, 2018",
        "Publıshed: 3 May 2021",  # dotless i
        "Poſted: 3 May 2021",  # long s
        "Nothing labelled here, 3 May 2021",
        "",
    ],
)
def test_label_precheck_never_hides_a_label(text: str) -> None:
    if _labels._LABEL.search(text):
        assert _labels._may_hold_label(text)


def _cand(text: str) -> Candidate:
    return Candidate(text, "p", Element("div", "", 0, None), 0)


@pytest.mark.parametrize(
    ("authors", "text", "dropped"),
    [
        (["Jane Doe"], "Jane Doe is a reporter covering courts.", True),
        (["Jane Doeson"], "Doeson covers the courts.", True),
        (["Jane Doe"], "Doever is a town.", False),
        (["Jane Doe"], "Jane Doe said the court would rule.", False),
        (["J.R. Smith (ed.)"], "J.R. Smith (ed.) writes about sport.", True),
        (["Ann"], "Ann is short.", False),  # names of 3 characters or fewer are no cue
    ],
)
def test_author_bios_as_the_compiled_pattern(authors: list[str], text: str, dropped: bool) -> None:
    kept = [_cand("An opening paragraph of the article, long enough."), _cand(text)]
    drop: set[int] = set()
    _furniture._author_bios(kept, authors, drop)
    names = [n for n in authors if len(n) > 3]
    reference = bool(names) and bool(
        re.match(
            "(?:"
            + "|".join(re.escape(n) for n in _furniture._name_forms(names))
            + ")"
            + _furniture._BIO_VERB,
            text,
        )
    )
    assert reference is dropped
    assert (1 in drop) is dropped


def test_class_counts_as_a_plain_count() -> None:
    texts = ["Hello, World. 42", "x", "ÀB “quoted”!", "no end", "1,2,3 ,"]
    sizes = np.array([len(t) for t in texts], dtype=np.int64)
    counts = _features._class_counts(texts, sizes)
    table = _features._CLASSES
    for bit in (_features._PUNCT, _features._DIGIT, _features._UPPER, _features._COMMA):
        expected = [sum(1 for c in t if table[min(ord(c), _features._BMP)] & bit) for t in texts]
        assert counts[bit].tolist() == expected
    expected_spaces = [t.count(" ") for t in texts]
    assert counts[_features._SPACE].tolist() == expected_spaces


def test_the_letters_re_i_folds_and_lower_leaves_are_the_ones_named() -> None:
    for letter, ascii_letter in (("İ", "i"), ("ı", "i"), ("ſ", "s")):
        assert re.fullmatch(ascii_letter, letter, re.I)  # re.I reads it as the ASCII letter
        assert ascii_letter + "x" not in (letter + "x").lower()  # str.lower does not
        assert folds_beyond_lower(f"a{letter}b")
    assert not folds_beyond_lower("Plain ASCII, Ünïcödé and ÀÉÎ")
