"""The partial labels that training/train_body.py takes from traf-eval-dev's snippets (the
script imports scikit-learn only to fit, so these run without the training extras)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "train_body.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_body", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_body", module)
    spec.loader.exec_module(module)
    return module


train_body = _script()


def labels(texts: list[str], with_: list[str], without: list[str]) -> list[int]:
    return [int(v) for v in train_body.snippet_labels(texts, with_, without)]


def test_with_snippet_marks_its_block_and_leaves_others_unknown() -> None:
    texts = ["Home", "The minister said on Monday that taxes rise.", "Share"]
    assert labels(texts, ["said on Monday"], []) == [-1, 1, -1]


def test_without_snippet_marks_every_copy() -> None:
    texts = ["Newsletter", "Body text here.", "Newsletter"]
    assert labels(texts, [], ["Newsletter"]) == [0, -1, 0]


def test_whitespace_is_collapsed_but_case_kept_as_the_scorer_does() -> None:
    texts = ["The  quick\n brown fox", "jumps"]
    assert labels(texts, ["quick brown"], []) == [1, -1]
    assert labels(texts, ["Quick brown"], []) == [-1, -1]


def test_snippet_across_blocks_marks_all_of_them() -> None:
    texts = ["first part of the", "sentence goes on", "elsewhere"]
    assert labels(texts, ["of the sentence goes"], []) == [1, 1, -1]


def test_repeated_with_snippet_is_ambiguous() -> None:
    texts = ["Big headline", "Teaser: Big headline", "Story"]
    assert labels(texts, ["Big headline", "Story"], []) == [-1, -1, 1]


def test_block_claimed_by_both_is_unknown() -> None:
    texts = ["Read more about the plan in the paper.", "Read more"]
    assert labels(texts, ["about the plan"], ["Read more"]) == [-1, 0]


def test_no_blocks() -> None:
    assert labels([], ["a"], ["b"]) == []
