"""trafilatura's own evaluation pages (traf-eval-dev): snippet precision, recall and F1.

    .venv/bin/python benchmarks/traf_eval.py [--limit N] [--peers a,b,c] [--json OUT] [--misses]

The pages are the development half of the set that ships with trafilatura (482 pages, many
languages; ``../shared/data/traf-eval-dev``, Apache-2.0). Each page has snippets its main
text must contain ("with") and must not contain ("without"). Scored as trafilatura's own
evaluation scores them: a "with" snippet found in the extracted text is a true positive, one
missing a false negative; a "without" snippet found is a false positive, one missing a true
negative; precision, recall and F1 over all snippets of all pages, after collapsing runs of
whitespace in both. Every extractor runs in its own subprocess (network disabled) and gets
the page's URL. newsdesk and trafilatura get the page bytes and decode them themselves (as
trafilatura's evaluation passes them); the other peers get text decoded by newsdesk.
``--misses`` lists newsdesk's missed and unwanted snippets per page (for development).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import (
    DATA,
    BenchmarkError,
    forbid_network,
    format_table,
    parse_names,
    peak_rss_mb,
    problem_lines,
    ratio,
    read_gzip,
    read_json,
    run_main,
    run_workers,
    timed_passes,
    tool_arguments,
    worker_arguments,
    write_json,
)
from extraction import PEERS, Item

TRAF_EVAL = DATA / "traf-eval-dev"
_BYTES_PEERS = ("newsdesk", "trafilatura", "trafilatura-precision")


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


def load_cases(limit: int | None) -> list[Case]:
    """The pages of snippets.json, sorted by URL, the first ``limit``."""
    raw = read_json(TRAF_EVAL / "snippets.json")
    urls = sorted(raw)[:limit] if limit else sorted(raw)
    return [
        Case(url, raw[url]["file"], tuple(raw[url]["with"]), tuple(raw[url]["without"]))
        for url in urls
    ]


def _as_text(content: bytes, source: str) -> str:
    from newsdesk import Page
    from newsdesk.extract.decode import decode
    from newsdesk.settings import DEFAULT_SETTINGS

    return decode(Page(source=source, content=content), DEFAULT_SETTINGS)[0]


def worker(name: str, limit: int | None, passes: int, out: Path) -> None:
    """Inside the subprocess: load the pages, then the tool, time it, write the outputs."""
    forbid_network()
    peer = PEERS[name]
    items: list[Item] = []
    for case in load_cases(limit):
        raw = read_gzip(TRAF_EVAL / "html" / case.file)
        content = raw if name in _BYTES_PEERS else _as_text(raw, case.file)
        items.append((case.file, content, case.url))
    base_mb = peak_rss_mb()
    result = timed_passes(peer.load(), items, passes=passes)
    run = result.as_json(name, [case.file for case in load_cases(limit)])
    write_json(out, {**run, "base_rss_mb": base_mb, "peak_rss_mb": peak_rss_mb()})


def score(run: dict[str, Any], cases: Sequence[Case]) -> dict[str, Any]:
    """Add the snippet scores and the empty count to a worker result."""
    outputs = [text or "" for text in run.pop("outputs")]
    per_page = [score_case(text, case) for text, case in zip(outputs, cases, strict=True)]
    total = sum(per_page, Counts())
    run["pages"] = len(per_page)
    run["empty"] = sum(1 for text in outputs if not text.strip())
    for metric in ("f1", "precision", "recall", "accuracy"):
        run[metric] = getattr(total, metric)
    run["counts"] = {"tp": total.tp, "fn": total.fn, "fp": total.fp, "tn": total.tn}
    run["outputs"] = outputs  # kept for --misses; dropped before --json
    return run


def table(results: Sequence[dict[str, Any]]) -> str:
    speeds = {r["name"]: r["pages_per_second"] for r in results if r["crashes"] < r["pages"]}
    headers = ["extractor", "F1", "precision", "recall", "accuracy", "empty", "crashes"]
    headers += ["pages/s", "newsdesk speed", "peak MB"]
    rows = []
    for r in results:
        cells = [r["name"]] + [f"{r[m]:.3f}" for m in ("f1", "precision", "recall", "accuracy")]
        cells += [str(r["empty"]), str(r["crashes"]), f"{r['pages_per_second']:.1f}"]
        cells += [ratio(speeds.get("newsdesk"), r["pages_per_second"])]
        cells += [f"{r['peak_rss_mb']:.0f}"]
        rows.append(cells)
    return format_table(headers, rows)


def misses(run: dict[str, Any], cases: Sequence[Case]) -> list[str]:
    """One line per snippet ``run`` got wrong: "-" missed, "+" unwanted, with the page."""
    lines: list[str] = []
    for text, case in zip(run["outputs"], cases, strict=True):
        flat = normalise(text)
        lines += [f"- {case.file}: {s!r}" for s in case.with_ if normalise(s) not in flat]
        lines += [f"+ {case.file}: {s!r}" for s in case.without if normalise(s) in flat]
    return lines


def run_all(args: argparse.Namespace) -> int:
    names = parse_names(args.peers, list(PEERS))
    cases = load_cases(args.limit)
    if not cases:
        raise BenchmarkError(f"{TRAF_EVAL}: no pages in snippets.json")
    script = Path(__file__).resolve()
    extra = ["--passes", str(args.passes)] + (["--limit", str(args.limit)] if args.limit else [])
    runs, failed = run_workers(script, names, extra, timeout=args.timeout)
    results = [score(run, cases) for run in runs]
    if args.misses:
        for r in results:
            if r["name"] == "newsdesk":
                print("\n".join(misses(r, cases)), end="\n\n")
    for r in results:
        del r["outputs"]
    print(
        f"traf-eval-dev snippets: {len(cases)} pages, "
        f"{sum(len(c.with_) + len(c.without) for c in cases)} snippets; speed = median of "
        f"{args.passes} passes in one process\n\n"
        + (table(results) if results else "(no extractor ran)")
        + "\n".join(["", *problem_lines(results, failed)])
    )
    if args.json:
        write_json(args.json, {"benchmark": "traf-eval-dev", "results": results, "failed": failed})
    return 1 if failed else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tool_arguments(parser, list(PEERS), "only the first N pages (sorted by URL)")
    parser.add_argument("--passes", type=int, default=1, help="timed passes (default 1)")
    parser.add_argument("--misses", action="store_true", help="list newsdesk's wrong snippets")
    worker_arguments(parser, list(PEERS), "seconds per extractor")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(
        parse_args(argv),
        lambda args: worker(args.worker, args.limit, args.passes, args.out),
        run_all,
    )


if __name__ == "__main__":
    sys.exit(main())
