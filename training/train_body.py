"""Train the body block classifier on WCXB-dev; writes src/newsdesk/extract/models/body_trees.json.

Usage (from the repository root, with the bench/training extras installed)::

    .venv/bin/python training/train_body.py                 # train and write the model
    .venv/bin/python training/train_body.py --evaluate      # score it on ScrapingHub

Deterministic: pages are read in sorted order, the folds are by page index, the boosted
trees are seeded and fitted on one thread (a multi-threaded sum can round differently), and
every hyper-parameter is a constant below, recorded in the model file's ``training`` entry.
``--check`` rebuilds the model in memory and fails unless it equals the shipped file.
Labels: the words of all candidate blocks of a page are aligned in order with the words of
the page's ``main_content`` (``difflib``); a block is main text when at least half of its
words are aligned. The thresholds are chosen by the ScrapingHub page-averaged shingle F1
(``newsdesk.evaluation``) of out-of-fold scores (``FOLDS``-fold cross-validation by page);
the shipped trees are then fitted on all pages.

Sources (``--sources``, comma-separated; see training/README.md for what each adds):
``articles`` (WCXB article pages, always), ``other`` (WCXB pages of the six other types, the
same labels), ``traf`` (traf-eval-dev: only blocks holding a snippet are labelled, see
``snippet_labels``; the others stay out of the loss). Page k of each source is in fold
k % FOLDS, so the article folds do not move when sources are added; the thresholds are
always chosen on the article pages. ``--report FILE`` also measures the run through the
whole ``newsdesk.extract``: traf-eval-dev snippet F1 out-of-fold (case k extracted with the
fold-k model) and with the final model, ScrapingHub F1 and WCXB article F1.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gzip
import hashlib
import json
import pickle
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from selectolax.lexbor import LexborHTMLParser

from newsdesk.evaluation import aggregate, score_page
from newsdesk.extract._decode import decode
from newsdesk.extract.html import _body
from newsdesk.extract.html._body import ancestry, select
from newsdesk.extract.html._features import FEATURE_NAMES, featurize
from newsdesk.extract.html._hints import declared_body, normalise
from newsdesk.extract.html._model import BlockModel, Trees
from newsdesk.extract.html._segment import Candidate, segment
from newsdesk.record import Page
from newsdesk.settings import Settings

if TYPE_CHECKING:  # scikit-learn is imported where a model is fitted: the labels need numpy only
    from sklearn.ensemble import HistGradientBoostingClassifier

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
WCXB = DATA / "wcxb-dev"
TRAF_EVAL = DATA / "traf-eval-dev"
SCRAPINGHUB = DATA / "scrapinghub"
MODEL_PATH = REPO / "src" / "newsdesk" / "extract" / "models" / "body_trees.json"
TREES = 200
DEPTH = 6
LEARNING_RATE = 0.1
SEED = 0
FOLDS = 5  # cross-validation folds by page index (page k is in fold k % FOLDS)
LABEL_SHARE = 0.5  # a block is main text when this share of its words is aligned
KEEP_GRID = (0.2, 0.51, 0.05)  # threshold search ranges (start, stop, step)
REGION_GRID = (0.3, 0.61, 0.1)
PAGE_TYPES = ("article",)
OTHER_TYPES = ("collection", "documentation", "forum", "listing", "product", "service")
# Training sources: "articles" (WCXB article pages, always), "other" (WCXB pages of the other
# types, full labels), "traf" (traf-eval-dev pages, partial labels from their snippets).
DEFAULT_SOURCES = ("articles",)
TRAF_WEIGHT = 1.0  # multiplies the weights of traf-eval-dev's labelled blocks
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def label_blocks(candidates: list[Candidate], truth: str) -> np.ndarray:
    """1 for blocks whose words are mostly aligned with the ground truth.

    All block words of the page, in document order, are aligned with the truth words
    (``difflib`` matching blocks, no junk heuristic), so a short block such as a menu item
    "Travel" or "April" counts only where it sits in the text, not because the word occurs
    somewhere in the article; a repeated paragraph is main text once.
    """
    true_words = _words(truth)
    words: list[str] = []
    owner: list[int] = []
    for i, cand in enumerate(candidates):
        own = _words(cand.text)
        words += own
        owner += [i] * len(own)
    labels = np.zeros(len(candidates), dtype=np.int8)
    if not words or not true_words:
        return labels
    aligned = np.zeros(len(words), dtype=np.float64)
    matcher = difflib.SequenceMatcher(None, words, true_words, autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        aligned[start : start + size] = 1.0
    hits = np.bincount(owner, weights=aligned, minlength=len(candidates))
    sizes = np.bincount(owner, minlength=len(candidates))
    labels[(sizes > 0) & (hits >= LABEL_SHARE * sizes)] = 1
    return labels


def _flat(text: str) -> str:
    """Whitespace collapsed, as ``benchmarks/traf_eval.py`` compares snippets (case kept)."""
    return " ".join(text.split())


def snippet_labels(texts: list[str], with_: list[str], without: list[str]) -> np.ndarray:
    """Partial labels from trafilatura's snippets: 1 main text, 0 boilerplate, -1 unknown.

    The blocks' whitespace-collapsed texts are joined with one space (the extracted text,
    as the snippet scorer sees it), and each snippet is searched there, case-sensitive like
    the scorer. Every block a "with" snippet overlaps is main text (all of them must be kept
    for the snippet to be found), but only when the snippet occurs once: a heading repeated
    in a teaser list says nothing about which copy is the article's. Every block that holds
    an occurrence of a "without" snippet is boilerplate (any copy kept is a false
    positive). A block claimed by both is left unknown, as are all other blocks.
    """
    flat = [_flat(t) for t in texts]
    lengths = np.array([len(t) for t in flat], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if len(flat) else lengths
    ends = starts + lengths
    joined = " ".join(flat)

    def occurrences(snippet: str) -> list[np.ndarray]:
        needle = _flat(snippet)
        found: list[np.ndarray] = []
        at = joined.find(needle) if needle else -1
        while at >= 0:
            found.append(np.nonzero((starts < at + len(needle)) & (ends > at))[0])
            at = joined.find(needle, at + 1)
        return found

    positive = np.zeros(len(flat), dtype=bool)
    negative = np.zeros(len(flat), dtype=bool)
    for snippet in with_:
        spans = occurrences(snippet)
        if len(spans) == 1:
            positive[spans[0]] = True
    for snippet in without:
        for span in occurrences(snippet):
            negative[span] = True
    labels = np.full(len(flat), -1, dtype=np.int8)
    labels[positive & ~negative] = 1
    labels[negative & ~positive] = 0
    return labels


def _tree(path: Path, url: str | None) -> LexborHTMLParser:
    raw = gzip.decompress(path.read_bytes())
    text, _ = decode(Page(source=str(path), content=raw, url=url), Settings())
    return LexborHTMLParser(text)


def _page_type(data: dict, listed: dict) -> str:
    internal = data.get("_internal", {}).get("page_type", {})
    return internal.get("primary") or listed.get(data.get("file_id", ""), {}).get("page_type", "")


def _wcxb_pages(types: tuple[str, ...] = PAGE_TYPES) -> list[tuple[str, dict]]:
    """WCXB pages of the wanted types (news extraction: articles), sorted by id."""
    listed = json.loads((WCXB / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if _page_type(data, listed) in types:
            pages.append((path.stem, data))
    return pages


def _block_weights(candidates: list[Candidate]) -> np.ndarray:
    """Every page weighs about the same in total; within it, blocks weigh by their words."""
    sizes = np.array([len(c.text.split()) + 1 for c in candidates], dtype=np.float64)
    return sizes / sizes.sum() * 50.0 + 0.05


class _Blocks:
    """The candidate blocks of the pages read so far, as one source's dataset."""

    def __init__(self) -> None:
        self.xs: list[np.ndarray] = []
        self.ys: list[np.ndarray] = []
        self.ws: list[np.ndarray] = []
        self.page_of: list[np.ndarray] = []
        self.texts: list[list[str]] = []
        self.paths: list[list] = []

    def add(self, candidates: list[Candidate], tree: object, title: str | None, labels) -> None:
        declared = normalise(declared_body(tree))
        self.xs.append(featurize(candidates, title, declared))
        self.ys.append(labels)
        self.ws.append(_block_weights(candidates))
        self.page_of.append(np.full(len(candidates), len(self.texts), dtype=np.int32))
        self.texts.append([c.text for c in candidates])
        self.paths.append(_paths(candidates))

    def dataset(self, truths: list[str]) -> dict[str, np.ndarray | list]:
        return {
            "x": np.concatenate(self.xs),
            "y": np.concatenate(self.ys),
            "w": np.concatenate(self.ws),
            "page": np.concatenate(self.page_of),
            "texts": self.texts,
            "paths": self.paths,
            "truths": truths,
        }


def build_dataset(types: tuple[str, ...] = PAGE_TYPES) -> dict[str, np.ndarray | list]:
    """Features, labels, weights and page index of every WCXB candidate block."""
    blocks, truths = _Blocks(), []
    for n, (page_id, data) in enumerate(_wcxb_pages(types)):
        truth = data["ground_truth"]
        html = WCXB / "html" / f"{page_id}.html.gz"
        tree = _tree(html, data.get("url"))
        candidates = segment(tree)
        if not candidates:
            continue
        labels = label_blocks(candidates, truth.get("main_content") or "")
        blocks.add(candidates, tree, truth.get("title"), labels)
        truths.append(truth.get("main_content") or "")
        if n % 200 == 0:
            print(f"  {n} pages", file=sys.stderr)
    return blocks.dataset(truths)


def traf_cases() -> list[dict]:
    """traf-eval-dev pages sorted by URL: url, file, with, without."""
    raw = json.loads((TRAF_EVAL / "snippets.json").read_text(encoding="utf-8"))
    return [{"url": url, **raw[url]} for url in sorted(raw)]


def build_traf_dataset() -> dict[str, np.ndarray | list]:
    """traf-eval-dev blocks with partial labels (``snippet_labels``; -1 for unknown).

    There is no true title, so the features use the title newsdesk extracts from the page
    (as at inference). ``pages`` keeps every case's index in ``traf_cases()`` (pages
    without candidate blocks are skipped), ``cases`` the case itself for scoring.
    """
    from newsdesk.extract import extract

    blocks, kept = _Blocks(), []
    for n, case in enumerate(traf_cases()):
        path = TRAF_EVAL / "html" / case["file"]
        title = extract(
            Page(source=case["file"], content=gzip.decompress(path.read_bytes()), url=case["url"])
        ).title
        tree = _tree(path, case["url"])
        candidates = segment(tree)
        if not candidates:
            continue
        labels = snippet_labels([c.text for c in candidates], case["with"], case["without"])
        blocks.add(candidates, tree, title, labels)
        kept.append(n)
        if n % 100 == 0:
            print(f"  {n} traf-eval pages", file=sys.stderr)
    return {**blocks.dataset([""] * len(kept)), "cases": kept}


def combine(parts: dict[str, dict], traf_weight: float = TRAF_WEIGHT) -> dict:
    """One dataset of the chosen sources, in the order of ``parts``.

    Adds ``fold`` (per page: page k of each source is in fold k % FOLDS, so the article
    folds are the same whatever else is added), ``source`` (per page), ``train`` (per
    block: labelled) and keeps ``y`` at 0/1 (unknown traf-eval blocks: 0, never trained on).
    """
    xs, ys, ws, pages, folds, sources, trains = [], [], [], [], [], [], []
    texts: list = []
    paths: list = []
    truths: list = []
    offset = 0
    for name, part in parts.items():
        count = len(part["truths"])
        xs.append(part["x"])
        ys.append(np.maximum(part["y"], 0).astype(np.int8))
        trains.append(part["y"] >= 0)
        ws.append(part["w"] * (traf_weight if name == "traf" else 1.0))
        pages.append(part["page"] + offset)
        index = np.asarray(part.get("cases", range(count)), dtype=np.int32)
        folds.append(index % FOLDS)  # traf-eval: by case index, as in ``traf_oof_counts``
        sources += [name] * count
        texts += part["texts"]
        paths += part["paths"]
        truths += part["truths"]
        offset += count
    return {
        "x": np.concatenate(xs),
        "y": np.concatenate(ys),
        "w": np.concatenate(ws),
        "page": np.concatenate(pages),
        "fold": np.concatenate(folds),
        "source": sources,
        "train": np.concatenate(trains),
        "texts": texts,
        "paths": paths,
        "truths": truths,
        "cases": parts["traf"]["cases"] if "traf" in parts else [],
        "traf_weight": traf_weight,
    }


def _paths(candidates: list[Candidate]) -> list[list[int]]:
    """Per candidate, its enclosing elements as small ints (picklable ``ancestry``)."""
    number: dict[int, int] = {}
    return [[number.setdefault(k, len(number)) for k in ancestry(c.element)] for c in candidates]


def _page_f1(per_page: list[list[float]], data: dict, threshold: float, region: float) -> float:
    """Page-averaged F1 of the full selection (main region included), given each page's
    block scores."""
    scores = []
    for p, probs in enumerate(per_page):
        texts = data["texts"][p]
        keep = select(data["paths"][p], [len(t) for t in texts], probs, threshold, region)
        kept = [texts[i] for i in keep]
        scores.append(score_page("\n".join(kept), data["truths"][p]))
    return aggregate(scores).f1


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> HistGradientBoostingClassifier:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, early_stopping=False,
        random_state=SEED,
    )  # fmt: skip
    with threadpool_limits(limits=1):  # the same sums in the same order on any machine
        return model.fit(x, y, sample_weight=w)


def training_record(data: dict) -> dict:
    """What the model was built from and with (stored in the model file)."""
    record = {
        "script": "training/train_body.py",
        "pages": len(data["truths"]),
        "blocks": len(data["y"]),
        # Changes when segmentation, decoding or a feature formula changes the training data.
        "data_sha256": hashlib.sha256(
            np.ascontiguousarray(data["x"]).tobytes() + np.ascontiguousarray(data["y"]).tobytes()
        ).hexdigest()[:16],
        "trees": TREES,
        "depth": DEPTH,
        "learning_rate": LEARNING_RATE,
        "seed": SEED,
        "folds": FOLDS,
        "label_share": LABEL_SHARE,
        "scikit_learn": _sklearn_version(),
    }
    sources = sorted(set(data["source"]))
    if sources != ["articles"]:  # the articles-only record keeps its earlier form
        record["sources"] = sources
        record["trained_blocks"] = int(data["train"].sum())
        if "traf" in sources:
            record["traf_weight"] = data["traf_weight"]
    return record


TRAINED_ON = {
    "articles": "WCXB dev split (CC-BY-4.0), article pages",
    "other": "WCXB dev split (CC-BY-4.0), pages of the other six types",
    "traf": "traf-eval-dev, half of trafilatura's evaluation set by Adrien Barbaresi "
    "(Apache-2.0), snippets as partial labels",
}


def trained_on(data: dict) -> str:
    present = set(data["source"])
    return "; ".join(text for name, text in TRAINED_ON.items() if name in present)


def train(data: dict) -> tuple[dict, list[dict]]:
    """Pick the thresholds on out-of-fold scores, fit on all pages, return the model JSON
    (and the fold models with the same thresholds, for out-of-fold evaluation)."""
    x, y, w, ok = data["x"], data["y"], data["w"], data["train"]
    prob, fold_models = out_of_fold(data)
    thresholds = choose_thresholds(data, prob)
    model = _fit(x[ok], y[ok], w[ok])
    exported = {"features": list(FEATURE_NAMES), **export_trees(model)}
    exported["trained_on"] = trained_on(data)
    exported["training"] = training_record(data)
    check = Trees.from_dict(exported).predict(x[:2000])
    assert np.allclose(check, model.predict_proba(x[:2000])[:, 1], atol=1e-6)
    folds = [
        {"features": list(FEATURE_NAMES), **export_trees(m), **thresholds} for m in fold_models
    ]
    return {**exported, **thresholds}, folds


def _sklearn_version() -> str:
    import sklearn

    return str(sklearn.__version__)


def out_of_fold(data: dict) -> tuple[np.ndarray, list[HistGradientBoostingClassifier]]:
    """Every block's score from the model fitted on the other folds' pages (labelled
    blocks only), and the fold models."""
    x, y, w, ok = data["x"], data["y"], data["w"], data["train"]
    block_fold = data["fold"][data["page"]]
    prob = np.zeros(len(y), dtype=np.float64)
    models = []
    for fold in range(FOLDS):
        held = block_fold == fold
        fit = ~held & ok
        models.append(_fit(x[fit], y[fit], w[fit]))
        prob[held] = models[-1].predict_proba(x[held])[:, 1]
        print(f"  fold {fold + 1}/{FOLDS} fitted", file=sys.stderr)
    return prob, models


def _article_pages(data: dict) -> list[int]:
    return [p for p, name in enumerate(data["source"]) if name == "articles"]


def choose_thresholds(data: dict, prob: np.ndarray) -> dict:
    """Grid-search the keep and region thresholds on the out-of-fold scores of the WCXB
    article pages (whatever else was trained on)."""
    starts = np.searchsorted(data["page"], np.arange(len(data["truths"]) + 1))
    articles = _article_pages(data)
    per_page = [prob[starts[p] : starts[p + 1]].tolist() for p in articles]
    sub = {k: [data[k][p] for p in articles] for k in ("texts", "paths", "truths")}
    f1s = {}
    for keep in np.arange(*KEEP_GRID):
        for region in np.arange(*REGION_GRID):
            pair = (round(float(keep), 2), round(float(region), 2))
            f1s[pair] = _page_f1(per_page, sub, *pair)
    best = max(f1s, key=f1s.__getitem__)
    top = sorted(f1s.items(), key=lambda kv: -kv[1])[:8]
    print(f"cross-validated F1, best (keep, region) pairs: {top}", file=sys.stderr)
    return {"threshold": best[0], "region_threshold": best[1], "validation_f1": round(f1s[best], 4)}


def export_trees(model: HistGradientBoostingClassifier) -> dict:
    """Pack the fitted trees into flat node arrays (leaves point to themselves)."""
    feature, split, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        base = len(feature)
        roots.append(base)
        depth = max(depth, int(nodes["depth"].max()))
        for k, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            feature.append(0 if leaf else int(node["feature_idx"]))
            split.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(base + k if leaf else base + int(node["left"]))
            right.append(base + k if leaf else base + int(node["right"]))
            value.append(round(float(node["value"]), 7) if leaf else 0.0)
    return {
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "depth": depth,
        "roots": roots,
        "nodes": {"feature": feature, "split": split, "left": left, "right": right,
                  "value": value},
    }  # fmt: skip


@contextlib.contextmanager
def _using(model: dict | None) -> Iterator[None]:
    """Run ``newsdesk.extract`` with ``model`` (a model file's dict) instead of the bundled
    one; ``None`` keeps the bundled model."""
    if model is None:
        yield
        return
    swapped = BlockModel.from_dict(model)
    saved = _body.load_model
    _body.load_model = lambda: swapped  # type: ignore[assignment]
    try:
        yield
    finally:
        _body.load_model = saved  # type: ignore[assignment]


def _extract_text(path: Path, source: str, url: str | None) -> str:
    from newsdesk.extract import extract

    return extract(Page(source=source, content=gzip.decompress(path.read_bytes()), url=url)).text


def scrapinghub_f1(model: dict | None = None) -> float:
    """Whole ``extract()`` over ScrapingHub (never trained on), page-averaged shingle F1."""
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    with _using(model):
        texts = {i: _extract_text(SCRAPINGHUB / "html" / f"{i}.html.gz", i, truth[i]["url"])
                 for i in sorted(truth)}  # fmt: skip
    return aggregate([score_page(texts[i], truth[i]["articleBody"]) for i in sorted(truth)]).f1


def wcxb_article_f1(model: dict | None = None) -> float:
    """Whole ``extract()`` over the WCXB article pages (793), page-averaged shingle F1 of
    the body against ``main_content`` (in-sample for a model trained on them)."""
    scores = []
    with _using(model):
        for page_id, data in _wcxb_pages():
            text = _extract_text(WCXB / "html" / f"{page_id}.html.gz", page_id, data.get("url"))
            scores.append(score_page(text, data["ground_truth"].get("main_content") or ""))
    return aggregate(scores).f1


def _snippet_f1(counts: np.ndarray) -> tuple[float, float, float]:
    """(precision, recall, F1) of summed (tp, fn, fp, tn), as ``benchmarks/traf_eval.py``."""
    tp, fn, fp, _ = (int(c) for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def traf_counts(models: list[dict | None]) -> np.ndarray:
    """Snippet counts (tp, fn, fp, tn) over traf-eval-dev with the whole ``extract()``;
    case k is extracted with ``models[k % len(models)]`` (its out-of-fold model when
    ``models`` are the fold models: case k is in fold k % FOLDS when trained on)."""
    total = np.zeros(4, dtype=np.int64)
    for k, case in enumerate(traf_cases()):
        with _using(models[k % len(models)]):
            flat = _flat(
                _extract_text(TRAF_EVAL / "html" / case["file"], case["file"], case["url"])
            )
        found = [_flat(x) in flat for x in case["with"]]
        unwanted = [_flat(x) in flat for x in case["without"]]
        total += [sum(found), len(found) - sum(found), sum(unwanted), len(unwanted) - sum(unwanted)]
    return total


def report(model: dict, folds: list[dict]) -> dict:
    """The measured figures of a training run (see the README's table)."""
    start = time.perf_counter()
    oof = _snippet_f1(traf_counts(list(folds)))
    final = _snippet_f1(traf_counts([model]))
    result = {
        "wcxb_cv_f1": model["validation_f1"],
        "thresholds": [model["threshold"], model["region_threshold"]],
        "traf_oof": [round(v, 4) for v in oof],
        "traf_in_sample": [round(v, 4) for v in final],
        "scrapinghub_f1": round(scrapinghub_f1(model), 4),
        "wcxb_article_pipeline_f1": round(wcxb_article_f1(model), 5),
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(result), file=sys.stderr)
    return result


def evaluate_scrapinghub(limit: int | None = None, worst: int = 0) -> None:
    """Whole extract() over ScrapingHub: F1, speed, worst pages."""
    from newsdesk.extract import extract

    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pages = [
        Page(
            source=i,
            content=gzip.decompress((SCRAPINGHUB / "html" / f"{i}.html.gz").read_bytes()),
            url=truth[i]["url"],
        )
        for i in ids
    ]
    start = time.perf_counter()
    articles = [extract(p) for p in pages]
    elapsed = time.perf_counter() - start
    scores = [
        score_page(a.text, truth[i]["articleBody"]) for a, i in zip(articles, ids, strict=True)
    ]
    result = aggregate(scores)
    empty = sum(not a.text.strip() for a in articles)
    print(
        f"F1 {result.f1:.4f} P {result.precision:.4f} R {result.recall:.4f} "
        f"acc {result.accuracy:.3f} empty {empty} pages/s {len(pages) / elapsed:.1f}"
    )
    ranked = sorted(zip(scores, ids, strict=True), key=lambda s: s[0].tp)[:worst]
    for s, i in ranked:
        print(f"  {i[:12]} tp {s.tp:.2f} fp {s.fp:.2f} fn {s.fn:.2f} {truth[i]['url'][:70]}")


def load_sources(
    sources: tuple[str, ...], cache: Path | None, traf_weight: float = TRAF_WEIGHT
) -> dict:
    """The combined dataset of ``sources``; each source's blocks pickled in ``cache``."""
    builders = {
        "articles": build_dataset,
        "other": lambda: build_dataset(OTHER_TYPES),
        "traf": build_traf_dataset,
    }
    parts = {}
    for name in ("articles", "other", "traf"):
        if name not in sources:
            continue
        path = cache / f"{name}.pkl" if cache is not None else None
        if path is not None and path.exists():
            with path.open("rb") as handle:
                parts[name] = pickle.load(handle)
            continue
        parts[name] = builders[name]()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                pickle.dump(parts[name], handle)
    return combine(parts, traf_weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true", help="score on ScrapingHub")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--worst", type=int, default=0)
    parser.add_argument(
        "--sources",
        default=",".join(DEFAULT_SOURCES),
        help="training sources, comma-separated: articles (always), other, traf",
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="directory of pickled block datasets"
    )
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="model file to write")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in memory; fail unless it equals --output"
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        help="also measure (traf-eval out-of-fold and in-sample, ScrapingHub, WCXB "
        "articles through extract()) and write the figures here as JSON",
    )
    parser.add_argument(
        "--traf-weight",
        type=float,
        default=TRAF_WEIGHT,
        help="weight of traf-eval-dev's labelled blocks against WCXB's",
    )
    args = parser.parse_args()
    if args.evaluate:
        evaluate_scrapinghub(args.limit, args.worst)
        return
    sources = tuple(sorted({"articles", *filter(None, args.sources.split(","))}))
    unknown = set(sources) - {"articles", "other", "traf"}
    if unknown:
        parser.error(f"unknown sources: {sorted(unknown)}")
    start = time.perf_counter()
    data = load_sources(sources, args.cache, args.traf_weight)
    model, folds = train(data)
    print(f"trained in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    text = json.dumps(model, separators=(",", ":")) + "\n"
    if args.report is not None:
        figures = {"sources": list(sources), "train_seconds": round(time.perf_counter() - start)}
        args.report.write_text(json.dumps({**figures, **report(model, folds)}) + "\n")
        folds_path = args.report.with_suffix(".folds.json")  # to re-score other thresholds
        folds_path.write_text(json.dumps(folds, separators=(",", ":")) + "\n")
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'reproduced' if same else 'DIFFERS from the rebuilt model'}")
        sys.exit(0 if same else 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
