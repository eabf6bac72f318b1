"""Scoring main-text extraction the ScrapingHub way (see ../shared/data/README.md).

Per page both texts become the multiset of 4-word shingles over ``\\w+`` words; tp, fp and fn
are normalised to sum to 1 for the page. Precision is averaged over pages with a non-empty
prediction, recall over pages with a non-empty truth; F1 is the harmonic mean of the two
averages. Accuracy is the share of pages whose word sequence equals the truth exactly.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool
    empty_prediction: bool
    empty_truth: bool


@dataclass(frozen=True, slots=True)
class Scores:
    f1: float
    precision: float
    recall: float
    accuracy: float


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def shingles(tokens: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_page(prediction: str, truth: str) -> PageScore:
    pred_words, true_words = words(prediction), words(truth)
    pred, true = shingles(pred_words), shingles(true_words)
    counts = (
        sum((pred & true).values()),
        sum((pred - true).values()),
        sum((true - pred).values()),
    )
    total = sum(counts)
    tp, fp, fn = (n / total if total else float(n) for n in counts)
    return PageScore(tp, fp, fn, pred_words == true_words, not pred_words, not true_words)


def aggregate(pages: Sequence[PageScore]) -> Scores:
    precisions = [p.tp / (p.tp + p.fp) for p in pages if not p.empty_prediction and p.tp + p.fp]
    recalls = [p.tp / (p.tp + p.fn) for p in pages if not p.empty_truth and p.tp + p.fn]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages) if pages else 0.0
    return Scores(f1, precision, recall, accuracy)


def bootstrap_std(pages: Sequence[PageScore], samples: int = 1000, seed: int = 0) -> Scores:
    """Standard deviation of each score over page resamples."""
    rng = random.Random(seed)
    runs = [aggregate([rng.choice(pages) for _ in pages]) for _ in range(samples)]

    def std(values: list[float]) -> float:
        mean = sum(values) / len(values)
        return float((sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5)

    return Scores(
        std([r.f1 for r in runs]),
        std([r.precision for r in runs]),
        std([r.recall for r in runs]),
        std([r.accuracy for r in runs]),
    )
