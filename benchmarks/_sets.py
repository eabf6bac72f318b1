"""The three main-text sets of ``benchmarks/extraction.py``: their pages and how each is scored.

- ``scrapinghub``: ScrapingHub's 181 article pages against ``articleBody``, scored the
  ScrapingHub way (``newsdesk.evaluation``: page-averaged 4-shingle precision, recall, F1 and
  exact-sequence accuracy, with a bootstrap standard deviation).
- ``traf-eval``: the development half of trafilatura's evaluation set (482 pages), scored with
  trafilatura's snippet method (``Counts``, ``score_case``): snippets the main text must and
  must not contain, counted over all pages.
- ``wcxb``: the article pages of WCXB's development split (793; the page type is the ground
  truth's ``_internal.page_type``, else ``metadata.json``'s, the pages
  ``training/train_body.py`` learns from), ``main_content`` scored the ScrapingHub way; plus,
  for a tool that gives metadata, title exact and published day with ``metadata.py``'s rules
  on the pages ``metadata.py`` scores (``metadata.json`` type "article": 711 of the 793).

A tool's output for one page is a dict: ``"text"`` and, for tools that give metadata,
``metadata.py``'s answer keys (``"title"``, ``"authors"``, ``"date"``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import metadata
from _common import DATA, SCRAPINGHUB, WCXB, read_json
from newsdesk.evaluation import aggregate, bootstrap_std, score_page, words

TRAF_EVAL = DATA / "traf-eval-dev"
Output = dict[str, Any]  # {"text": str, and maybe "title", "authors", "date", "modified"}


@dataclass(frozen=True, slots=True)
class SetPage:
    """One page of a set: its id, its gzipped HTML, its URL and the set's truth for it."""

    id: str
    file: Path
    url: str
    truth: Any


# --- traf-eval-dev: trafilatura's snippet method -------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One page: its URL, file and the snippets its main text must and must not hold."""

    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn
        )

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def normalise(text: str) -> str:
    return " ".join(text.split())


def score_case(text: str, case: Case) -> Counts:
    """The snippet counts of one page's extracted ``text``."""
    flat = normalise(text)
    found = [normalise(s) in flat for s in case.with_]
    unwanted = [normalise(s) in flat for s in case.without]
    return Counts(
        tp=sum(found),
        fn=len(found) - sum(found),
        fp=sum(unwanted),
        tn=len(unwanted) - sum(unwanted),
    )


def snippet_scores(texts: Sequence[str], cases: Sequence[Case]) -> dict[str, Any]:
    """Snippet precision, recall, F1 and accuracy over all pages, and the summed counts."""
    total = sum((score_case(t, c) for t, c in zip(texts, cases, strict=True)), Counts())
    scores: dict[str, Any] = {m: getattr(total, m) for m in ("f1", "precision", "recall")}
    scores["accuracy"] = total.accuracy
    scores["counts"] = {"tp": total.tp, "fn": total.fn, "fp": total.fp, "tn": total.tn}
    return scores


def load_cases(limit: int | None) -> list[Case]:
    """The pages of snippets.json, sorted by URL, the first ``limit``."""
    raw = read_json(TRAF_EVAL / "snippets.json")
    urls = sorted(raw)[:limit] if limit else sorted(raw)
    return [
        Case(url, raw[url]["file"], tuple(raw[url]["with"]), tuple(raw[url]["without"]))
        for url in urls
    ]


# --- ScrapingHub's shingle scores (ScrapingHub, WCXB bodies) -------------------------------


def shingle_scores(texts: Sequence[str], truths: Sequence[str], bootstrap: int) -> dict[str, Any]:
    """F1, precision, recall and accuracy the ScrapingHub way, each with its bootstrap std."""
    pages = [score_page(text, truth) for text, truth in zip(texts, truths, strict=True)]
    scores, std = aggregate(pages), bootstrap_std(pages, samples=bootstrap)
    result: dict[str, Any] = {}
    for metric in ("f1", "precision", "recall", "accuracy"):
        result[metric] = getattr(scores, metric)
        result[f"{metric}_std"] = getattr(std, metric)
    return result


def wcxb_metadata_scores(outputs: Sequence[Output], pages: Sequence[SetPage]) -> dict[str, Any]:
    """``metadata.score`` over the pages ``metadata.py`` scores; {} for a tool without metadata."""
    if not any("title" in output for output in outputs):
        return {}
    truths = dict(metadata.load_truth(None))
    pairs = [(o, truths[p.id]) for o, p in zip(outputs, pages, strict=True) if p.id in truths]
    answers = [{**metadata.EMPTY, **o} for o, _truth in pairs]
    return {"metadata_pages": len(pairs), **metadata.score(answers, [t for _o, t in pairs])}


# --- the sets -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchSet:
    """A set: how to list its pages and how to score a tool's outputs on them."""

    name: str  # the ``--sets`` name
    title: str  # the report's name for it
    load: Callable[[int | None], list[SetPage]]
    score: Callable[[Sequence[Output], Sequence[SetPage], int], dict[str, Any]]
    has_text: Callable[[SetPage], bool]  # the truth wants some main text on this page


def _scrapinghub_pages(limit: int | None) -> list[SetPage]:
    """The pages of ground-truth.json sorted by id, the first ``limit``; truth: articleBody."""
    truth = read_json(SCRAPINGHUB / "ground-truth.json")
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    return [
        SetPage(
            i,
            SCRAPINGHUB / "html" / f"{i}.html.gz",
            truth[i].get("url") or "",
            truth[i].get("articleBody") or "",
        )
        for i in ids
    ]


def _traf_eval_pages(limit: int | None) -> list[SetPage]:
    """The pages of snippets.json sorted by URL, the first ``limit``; truth: the ``Case``."""
    return [SetPage(c.file, TRAF_EVAL / "html" / c.file, c.url, c) for c in load_cases(limit)]


def wcxb_page_type(record: dict[str, Any], listed: dict[str, Any]) -> str:
    """The ground truth's own page type, else metadata.json's (as training/train_body.py)."""
    internal = record.get("_internal", {}).get("page_type", {})
    return str(
        internal.get("primary") or listed.get(record.get("file_id", ""), {}).get("page_type", "")
    )


def _wcxb_pages(limit: int | None) -> list[SetPage]:
    """The article pages sorted by id, the first ``limit``; truth: the ground-truth record."""
    listed = read_json(WCXB / "metadata.json").get("files", {})
    pages = []
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        record = read_json(path)
        if wcxb_page_type(record, listed) == "article":
            file = WCXB / "html" / f"{path.stem}.html.gz"
            pages.append(SetPage(path.stem, file, record.get("url") or "", record))
            if limit and len(pages) == limit:
                break
    return pages


def _texts(outputs: Sequence[Output]) -> list[str]:
    return [output.get("text") or "" for output in outputs]


def _score_scrapinghub(
    outputs: Sequence[Output], pages: Sequence[SetPage], bootstrap: int
) -> dict[str, Any]:
    return shingle_scores(_texts(outputs), [p.truth for p in pages], bootstrap)


def _score_traf_eval(
    outputs: Sequence[Output], pages: Sequence[SetPage], _bootstrap: int
) -> dict[str, Any]:
    return snippet_scores(_texts(outputs), [p.truth for p in pages])


def _wcxb_body(page: SetPage) -> str:
    return str(page.truth.get("ground_truth", {}).get("main_content") or "")


def _score_wcxb(
    outputs: Sequence[Output], pages: Sequence[SetPage], bootstrap: int
) -> dict[str, Any]:
    scores = shingle_scores(_texts(outputs), [_wcxb_body(p) for p in pages], bootstrap)
    return {**scores, "metadata": wcxb_metadata_scores(outputs, pages)}


SETS: dict[str, BenchSet] = {
    s.name: s
    for s in [
        BenchSet(
            "scrapinghub",
            "ScrapingHub article extraction",
            _scrapinghub_pages,
            _score_scrapinghub,
            lambda page: bool(words(page.truth)),
        ),
        BenchSet(
            "traf-eval",
            "traf-eval-dev snippets",
            _traf_eval_pages,
            _score_traf_eval,
            lambda page: bool(page.truth.with_),
        ),
        BenchSet(
            "wcxb",
            "WCXB article pages",
            _wcxb_pages,
            _score_wcxb,
            lambda page: bool(words(_wcxb_body(page))),
        ),
    ]
}


def score_run(
    bench_set: BenchSet, run: dict[str, Any], pages: Sequence[SetPage], bootstrap: int
) -> dict[str, Any]:
    """A worker's result with its outputs replaced by the set's scores and the empty counts:
    all pages without a word of output, and those of them whose truth has main text."""
    outputs = run.pop("outputs")
    empty = [not words(text) for text in _texts(outputs)]
    run["pages"] = len(pages)
    run["empty"] = sum(empty)
    wanted = [bench_set.has_text(page) for page in pages]
    run["empty_truth_has_text"] = sum(e and w for e, w in zip(empty, wanted, strict=True))
    return {**run, **bench_set.score(outputs, pages, bootstrap)}
