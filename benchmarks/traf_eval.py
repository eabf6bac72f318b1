"""trafilatura's own evaluation pages (traf-eval-dev): snippet precision, recall and F1.

    .venv/bin/python benchmarks/traf_eval.py [--limit N] [--peers a,b,c] [--json OUT] [--misses]

The traf-eval set of ``benchmarks/extraction.py`` on its own, with one timed pass by default
and ``--misses``, which lists newsdesk's missed ("-") and unwanted ("+") snippets page by page
(for development). The pages, the snippet scoring (``Case``, ``Counts``, ``score_case``) and
the extractors' workers are those of ``_sets.py`` and ``extraction.py``: the development half
of the set that ships with trafilatura (482 pages, many languages;
``../shared/data/traf-eval-dev``, Apache-2.0), scored as trafilatura's own evaluation scores
it (a "with" snippet found is a true positive, missing a false negative; a "without" snippet
found a false positive, missing a true negative; over all snippets of all pages, runs of
whitespace collapsed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import extraction
from _common import BenchmarkError, parse_names, run_workers, tool_arguments, write_json
from _sets import (
    SETS,
    TRAF_EVAL,
    Case,
    Counts,
    SetPage,
    load_cases,
    normalise,
    score_case,
    score_run,
)

__all__ = ["TRAF_EVAL", "Case", "Counts", "load_cases", "main", "misses", "score_case"]


def misses(outputs: Sequence[dict[str, Any]], pages: Sequence[SetPage]) -> list[str]:
    """One line per snippet got wrong: "-" missed, "+" unwanted, with the page."""
    lines: list[str] = []
    for output, page in zip(outputs, pages, strict=True):
        case: Case = page.truth
        flat = normalise(output.get("text") or "")
        lines += [f"- {case.file}: {s!r}" for s in case.with_ if normalise(s) not in flat]
        lines += [f"+ {case.file}: {s!r}" for s in case.without if normalise(s) in flat]
    return lines


def run_all(args: argparse.Namespace) -> int:
    names = parse_names(args.peers, list(extraction.PEERS))
    bench_set = SETS["traf-eval"]
    pages = bench_set.load(args.limit)
    extra = ["--set", bench_set.name, "--passes", str(args.passes)]
    extra += ["--limit", str(args.limit)] if args.limit else []
    script = Path(extraction.__file__).resolve()  # its workers run the extractors
    runs, failed = run_workers(script, names, extra, timeout=args.timeout)
    if args.misses:
        for run in runs:
            if run["name"] == "newsdesk":
                print("\n".join(misses(run["outputs"], pages)), end="\n\n")
    results = [score_run(bench_set, run, pages, 0) for run in runs]
    print(extraction.set_report(bench_set, pages, results, failed, args))
    if args.json:
        write_json(args.json, {"benchmark": "traf-eval-dev", "results": results, "failed": failed})
    return 1 if failed else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tool_arguments(parser, list(extraction.PEERS), "only the first N pages (sorted by URL)")
    parser.add_argument("--passes", type=int, default=1, help="timed passes (default 1)")
    parser.add_argument("--misses", action="store_true", help="list newsdesk's wrong snippets")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per extractor")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run_all(parse_args(argv))
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
