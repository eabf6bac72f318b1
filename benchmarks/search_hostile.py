"""Hostile searches (issue 17, bug 4): time and peak memory of ``Store.search`` for the
queries that once grew with the square of their words (2,000 repeated words 3 s, 8,000
35 s, 100 KB past 300 s; a 30,000-word phrase 2.0 GB), and for the worst queries still
accepted at the limits of ``newsdesk.store._query_text``. Goal: every one answers or is
refused in under 1 s.

Each query runs in its own Python process (its peak resident memory is that query's,
start-up included) over the synthetic store of ``benchmarks/ingest.py``.

    .venv/bin/python benchmarks/search_hostile.py --articles 10000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parents[1]
COMMON = (
    "the said people year government police report health energy school water music court "
    "market bank club election china trade prices climate change president new york war "
    "apple festival ruling results company technology"
).split()  # 32 words common in news text


def queries() -> dict[str, str]:
    """The hostile queries by name (the first four from the issue, then the worst
    accepted at the limits: 32 common words, 32 prefixes, 128 words in phrases)."""
    return {
        "2,000 repeated words": " ".join(["the"] * 2_000),
        "8,000 repeated words": " ".join(["the"] * 8_000),
        "100 KB of repeated words": "oil " * 25_600,
        "30,000-word phrase": '"' + " ".join(["the"] * 30_000) + '"',
        "32 common words (limit)": " ".join(COMMON),
        "32 common prefixes (limit)": " ".join(w[:2] + "*" for w in COMMON),
        "2 phrases of 64 words (limit)": " ".join(
            '"' + " ".join([COMMON[i]] + ["the"] * 63) + '"' for i in range(2)
        ),
        "32 phrases of 4 words (limit)": " ".join(
            '"' + " ".join([COMMON[i]] + ["the"] * 3) + '"' for i in range(32)
        ),
    }


def worker(db: str, name: str) -> None:
    """Run one query; print its outcome, seconds and peak memory as JSON."""
    from newsdesk.errors import StoreError
    from newsdesk.store import Filters, open_store

    text = queries()[name]
    with open_store(db, create=False) as store:
        start = time.perf_counter()
        try:
            outcome = f"{len(store.search(Filters(text=text)))} hits"
        except StoreError as exc:
            message = str(exc)
            outcome = "refused: " + message[message.rfind(" has ") + 1 :]
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak}))


def run(db: str, timeout: float) -> list[tuple[str, str, float, float]]:
    found = []
    for name in queries():
        command = [sys.executable, __file__, "--worker", name, "--db", db]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            found.append((name, f"no answer in {timeout:.0f} s", timeout, float("nan")))
            continue
        if done.returncode != 0:
            found.append((name, "FAILED: " + done.stderr.strip()[-80:], 0.0, float("nan")))
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        found.append((name, row["outcome"], row["seconds"], row["peak_mb"]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic store size")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the store in")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per query")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.db, args.worker)
        return 0
    from ingest import fill_synthetic

    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsdesk-search-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"hostile-{args.articles}.db"
    if not db.exists():
        fill_synthetic(str(db), args.articles)
        from newsdesk.store import open_store

        open_store(db).close()  # migrate once, outside the timings
    print(f"store: {db} ({args.articles:,} synthetic articles)")
    rows = run(str(db), args.timeout)
    width = max(len(r[0]) for r in rows)
    print(f"{'query':<{width}}  {'seconds':>8}  {'peak MB':>8}  outcome")
    for name, outcome, seconds, peak in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {peak:>8.0f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
