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
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import itertools
import json
import pickle
import re
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from selectolax.lexbor import LexborHTMLParser
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

from newsdesk.evaluation import aggregate, score_page
from newsdesk.extract._decode import decode
from newsdesk.extract.html._body import ancestry, select
from newsdesk.extract.html._features import FEATURE_NAMES, featurize
from newsdesk.extract.html._hints import declared_body, normalise
from newsdesk.extract.html._model import Trees
from newsdesk.extract.html._segment import Candidate, segment
from newsdesk.record import Page
from newsdesk.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
WCXB = DATA / "wcxb-dev"
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


def build_dataset(types: tuple[str, ...] = PAGE_TYPES) -> dict[str, np.ndarray | list]:
    """Features, labels, weights and page index of every WCXB candidate block."""
    xs, ys, ws, page_of, texts, paths = [], [], [], [], [], []
    truths = []
    for n, (page_id, data) in enumerate(_wcxb_pages(types)):
        truth = data["ground_truth"]
        html = WCXB / "html" / f"{page_id}.html.gz"
        tree = _tree(html, data.get("url"))
        candidates = segment(tree)
        if not candidates:
            continue
        declared = normalise(declared_body(tree))
        xs.append(featurize(candidates, truth.get("title"), declared))
        ys.append(label_blocks(candidates, truth.get("main_content") or ""))
        sizes = np.array([len(c.text.split()) + 1 for c in candidates], dtype=np.float64)
        ws.append(sizes / sizes.sum() * 50.0 + 0.05)
        page_of.append(np.full(len(candidates), len(truths), dtype=np.int32))
        texts.append([c.text for c in candidates])
        paths.append(_paths(candidates))
        truths.append(truth.get("main_content") or "")
        if n % 200 == 0:
            print(f"  {n} pages", file=sys.stderr)
    return {
        "x": np.concatenate(xs),
        "y": np.concatenate(ys),
        "w": np.concatenate(ws),
        "page": np.concatenate(page_of),
        "texts": texts,
        "paths": paths,
        "truths": truths,
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
    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, early_stopping=False,
        random_state=SEED,
    )  # fmt: skip
    with threadpool_limits(limits=1):  # the same sums in the same order on any machine
        return model.fit(x, y, sample_weight=w)


def training_record(data: dict) -> dict:
    """What the model was built from and with (stored in the model file)."""
    return {
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
        "scikit_learn": sklearn.__version__,
    }


def train(data: dict) -> dict:
    """Pick the thresholds on out-of-fold scores, fit on all pages, return the model JSON."""
    x, y, w = data["x"], data["y"], data["w"]
    thresholds = choose_thresholds(data, out_of_fold(data))
    model = _fit(x, y, w)
    exported = {"features": list(FEATURE_NAMES), **export_trees(model)}
    exported["trained_on"] = "WCXB dev split (CC-BY-4.0), article pages"
    exported["training"] = training_record(data)
    check = Trees.from_dict(exported).predict(x[:2000])
    assert np.allclose(check, model.predict_proba(x[:2000])[:, 1], atol=1e-6)
    return {**exported, **thresholds}


def out_of_fold(data: dict) -> np.ndarray:
    """Every block's score from the model fitted on the other folds' pages."""
    x, y, w, page = data["x"], data["y"], data["w"], data["page"]
    prob = np.zeros(len(y), dtype=np.float64)
    for fold in range(FOLDS):
        held = page % FOLDS == fold
        prob[held] = _fit(x[~held], y[~held], w[~held]).predict_proba(x[held])[:, 1]
        print(f"  fold {fold + 1}/{FOLDS} fitted", file=sys.stderr)
    return prob


def choose_thresholds(data: dict, prob: np.ndarray) -> dict:
    """Grid-search the keep and region thresholds on the out-of-fold scores of all pages."""
    starts = np.searchsorted(data["page"], np.arange(len(data["truths"]) + 1))
    per_page = [prob[a:b].tolist() for a, b in itertools.pairwise(starts)]
    f1s = {}
    for keep in np.arange(*KEEP_GRID):
        for region in np.arange(*REGION_GRID):
            pair = (round(float(keep), 2), round(float(region), 2))
            f1s[pair] = _page_f1(per_page, data, *pair)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true", help="score on ScrapingHub")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--worst", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="pickle cache of the dataset")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="model file to write")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in memory; fail unless it equals --output"
    )
    args = parser.parse_args()
    if args.evaluate:
        evaluate_scrapinghub(args.limit, args.worst)
        return
    if args.cache is not None and args.cache.exists():
        with args.cache.open("rb") as handle:
            data = pickle.load(handle)
    else:
        data = build_dataset()
        if args.cache is not None:
            with args.cache.open("wb") as handle:
                pickle.dump(data, handle)
    text = json.dumps(train(data), separators=(",", ":")) + "\n"
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'reproduced' if same else 'DIFFERS from the rebuilt model'}")
        sys.exit(0 if same else 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
