"""Learn attribution-cue weights from the PolNeAR training split.

For every verb, the weight of its (lemma, complement frame) pair is the smoothed share of
its occurrences in training that annotators marked as an attribution Cue. Only these numbers
are shipped (``src/newsdesk/analyze/models/cues.json.gz``), never PolNeAR text: the corpus
states no data licence and its texts belong to their publishers.

    .venv/bin/python training/quotes/train_cues.py [--limit 672] [--min-count 3]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from newsdesk.analyze._nlp import load_pipeline
from newsdesk.analyze._spans._content import frame_of
from newsdesk.analyze._syntax import speaker_of
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
OUT = ROOT / "src" / "newsdesk" / "analyze" / "models" / "cues.json.gz"


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2 and cols[1].startswith("Cue "):
            for piece in cols[1][4:].split(";"):
                start, end = piece.split()
                spans.append((int(start), int(end)))
    return spans


def articles(
    split: str, limit: int | None, holdout: tuple[int, int] = (0, 0)
) -> list[tuple[str, list[tuple[int, int]]]]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as handle:
        rows = {
            r["filename"]: r["annotators"].split("|")
            for r in csv.DictReader(handle, delimiter="\t")
        }
    out = []
    folder = POLNEAR / split
    paths = sorted((folder / "text").glob("*.txt"))[:limit]
    for index, path in enumerate(paths):
        if holdout[0] <= index < holdout[1]:
            continue  # kept for tuning the cue threshold
        names = [folder / "attributions" / f"{path.stem}_{a}.ann" for a in rows.get(path.stem, [])]
        ann = next((n for n in names if n.exists()), None)
        if ann is not None:
            out.append((path.read_text(encoding="utf-8"), cue_spans(ann)))
    return out


def count(docs: list[tuple[str, list[tuple[int, int]]]]) -> tuple[Counter[str], Counter[str]]:
    nlp = load_pipeline(Settings().spacy_model)
    seen: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    texts = [text for text, _ in docs]
    for doc, (_text, spans) in zip(nlp.pipe(texts, batch_size=16), docs, strict=True):
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            frame = frame_of(tok)
            if frame == "none" and speaker_of(tok) is None:
                continue
            start = tok.idx
            hit = any(s <= start < e for s, e in spans)
            lemma = tok.lemma_.lower()
            for key in (f"{lemma}|{frame}", f"{lemma}|*"):
                seen[key] += 1
                cues[key] += hit
    return seen, cues


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=int, default=672, help="first N train articles (672: 672-839 stay unseen)"
    )
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument(
        "--holdout", default="400:450", help="train articles START:END kept out for tuning"
    )
    args = parser.parse_args(argv)
    lo, hi = (int(x) for x in args.holdout.split(":"))
    docs = articles("train", args.limit, (lo, hi))
    seen, cues = count(docs)
    weights = {
        key: round((cues[key] + 0.1) / (n + 1.0), 3)
        for key, n in sorted(seen.items())
        if n >= args.min_count and cues[key] > 0
    }
    meta = {
        "articles": len(docs),
        "holdout": args.holdout,
        "split": "PolNeAR train",
        "min_count": args.min_count,
        "smoothing": "(cue + 0.1) / (seen + 1)",
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        json.dump({"meta": meta, "weights": weights}, handle, indent=0, sort_keys=True)
    print(f"{len(weights)} weights from {len(docs)} articles -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
