"""Train the attribution-cue classifier on the PolNeAR training split.

Every candidate the analyze stage considers (a verb with a content clause or phrase, see
``_cues._reported.cue_candidates``) becomes one example: its sparse features
(``cues.cue_features``, and ``quotes_cue_context``: inside another candidate's content or
holding one) and its label: the content it would take covers more than 30% of some
annotated attribution Content (the benchmark's criterion) *and* its speaker (after
``_cues._repair``) overlaps that attribution's Source, or the attribution has no Source. A
candidate that finds the right content but credits the wrong person is a negative: the model
learns which cues keep their speaker. A logistic regression
(scikit-learn, training only; inference in the package is a dictionary sum) is fitted and
only its feature weights are written to ``src/newsdesk/analyze/models/cue_model.json.gz``.
PolNeAR states no data licence and its texts belong to their publishers: no text is shipped.

Articles are taken in file-name order; by default the first 672 (80%) train the model and
the last 168 stay unseen, for ``benchmarks/quotes.py --split train --start 672``.

    .venv/bin/python training/quotes/train_cue_model.py [--train 0:672] [--cache DIR]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from spacy.tokens import DocBin

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._repair import speaker_repair
from newsdesk.analyze._cues._reported import cue_candidates
from newsdesk.analyze._nlp import Chunk, load_pipeline, parse
from newsdesk.analyze._spans._direct import find_direct_quotes
from newsdesk.analyze._syntax import CueHit, QuoteIndex
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "newsdesk" / "analyze" / "models" / "cue_model.json.gz"
THRESHOLD = 0.35  # chosen end to end: fitted on train[0:600], scored on train[600:672]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quotes", ROOT / "benchmarks" / "quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_quotes"] = module
    spec.loader.exec_module(module)
    return module


def parsed(texts: list[str], cache: Path | None) -> list[list[Chunk]]:
    """Chunked parses of ``texts``, read from / written to ``cache`` (a DocBin) if given."""
    nlp = load_pipeline(Settings().spacy_model)
    if cache is not None and cache.exists():
        data = json.loads(cache.with_suffix(".json").read_text())
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        out, k = [], 0
        for starts in data:
            out.append([Chunk(s, docs[k + i]) for i, s in enumerate(starts)])
            k += len(starts)
        return out
    out = [parse(text, nlp) for text in texts]
    if cache is not None:
        bin_ = DocBin()
        for chunks in out:
            for chunk in chunks:
                bin_.add(chunk.doc)
        cache.write_bytes(bin_.to_bytes())
        cache.with_suffix(".json").write_text(json.dumps([[c.start for c in ch] for ch in out]))
    return out


def _speaker_span(hit: CueHit) -> tuple[int, int] | None:
    if hit.speaker is None:
        return None
    start = hit.offset + hit.speaker.idx
    return (start, start + len(hit.speaker.text))


def examples(bench: ModuleType, text: str, golds: list, chunks: list[Chunk]) -> list:
    """(features, label) for every candidate with content in one article: positive when its
    content is an annotated attribution's and its speaker is that attribution's Source."""
    quoted = QuoteIndex([p for q in find_direct_quotes(text) for p in q.parts])
    analysis = Analysis.of(text, chunks, quoted)
    out = []
    for hit, features in cue_candidates(analysis, speaker_repair(analysis)):
        if features is None or not hit.content:
            continue
        speaker = _speaker_span(hit)
        pred = bench.Pred(hit.content, speaker)
        label = any(
            not gold.source or bench._speaker_right(pred, gold)
            for gold in golds
            if bench._covers(text, pred, gold, 0.3)
        )
        out.append((features, int(label)))
    return out


def fit(rows: list, c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1.0) for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    model.fit(x, y)
    return {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 0.01
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", default="0:672", help="train articles START:END to fit on")
    parser.add_argument("--c", type=float, default=0.25, help="inverse L2 strength")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file for the parses")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lo, hi = (int(x) for x in args.train.split(":"))
    bench = _bench()
    docs = bench.load_split("train", None)
    all_chunks = parsed([text for _n, text, _g in docs], args.cache)
    rows = []
    for (_name, text, golds), chunks in list(zip(docs, all_chunks, strict=True))[lo:hi]:
        rows += examples(bench, text, golds, chunks)
    weights = fit(rows, args.c)
    meta = {
        "split": "PolNeAR train",
        "articles": f"{lo}:{hi} of {len(docs)} (file-name order)",
        "examples": len(rows),
        "positives": sum(label for _, label in rows),
        "model": f"logistic regression, L2, C={args.c}",
        "label": "content covers > 30% of an annotated Content and the speaker overlaps its Source"
        " (or it has none)",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as handle:
        payload = {"meta": meta, "threshold": args.threshold, "weights": weights}
        json.dump(payload, handle, indent=0, sort_keys=True)
    print(f"{len(weights)} weights from {len(rows)} examples -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
