"""Peak memory of the analysis against text length, with no analysis budget (issue 17).

The analysis reads its parse as a stream of windows of two 20,000-character chunks
(``analyze._stream``), so its peak memory should stay flat as the text grows. Each case is
a long article of real news text: the clean texts of quotes-news-dev and PolNeAR dev
(../shared/data), joined with paragraph breaks and repeated up to the size, analysed
whole as ``analyze_text`` does (no budget: the stage's ``max_analyze_chars`` and
quote-mark caps do not apply), in a fresh worker subprocess; ``peak MB`` is that worker's
peak resident memory, ``loaded MB`` its peak once the spaCy model is loaded.
``--src DIR`` runs the workers on another checkout's ``src`` (say, the commit before the
streaming analysis) for the same figures, side by side.

    .venv/bin/python benchmarks/analyze_stream.py [--size KB ...] [--src DIR] [--json FILE]

Sizes are in KB of text (default 100, 1000, 5000).

Last run (2026-12-07, shared two-core machine, load 1.5-7; the 20 MB case alone):

    this checkout (windows of two chunks)        the commit before (a list of every parse)
    KB        s  peak MB  quotes  speakers         s  peak MB  quotes  speakers
    100     6.6      307     368       175       5.9      504     368       167
    1000  100.6      327    3284      1015     116.5    3,243    3286       754
    5000  563.8      369   16569      3527         -        -       -         -
    20000 1118.6     501   66147     12854         -        -       -         -

The model alone takes 160-197 MB. What still grows with the text: the text itself, the
plain results (quotes, speakers, entity mentions) and spaCy's string store.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.record import Quote, Speaker
    from newsdesk.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = (DATA / "quotes-news-dev" / "texts", DATA / "polnear" / "dev" / "text")
LIMIT_MB = 1024
SIZES_KB = (100, 1000, 5000)


def real_text(size: int) -> str:
    """``size`` characters of real news text: every source text in name order, joined by
    paragraph breaks and repeated, cut at the last paragraph break before ``size``."""
    texts = [p.read_text("utf-8").strip() for d in SOURCES for p in sorted(d.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no texts under {SOURCES[0]} or {SOURCES[1]}")
    one = "\n\n".join(texts)
    text = "\n\n".join([one] * (size // len(one) + 1))[:size]
    cut = text.rfind("\n\n")
    return text[:cut] if cut > 0 else text


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(size: int) -> dict[str, object]:
    """Analyse ``size`` characters of real text in this process, the whole of it (what
    ``analyze_text`` does, no budget: neither the character nor the quote-mark cap); the
    figures as a dict. Every 20 s a line on stderr gives the windows done so far and the
    memory, so a case stopped by ``--timeout`` still says how far it got."""
    from newsdesk.analyze import analyze_text, load_pipeline
    from newsdesk.settings import Settings

    text = real_text(size)
    settings = Settings()
    load_pipeline(settings.spacy_model)
    loaded = _peak_mb()
    start = time.perf_counter()
    try:
        quotes, speakers, chunks = _streamed(text, settings, start)
    except ImportError:  # a checkout before the streaming analysis: its analyze_text
        quotes, speakers, _entities = analyze_text(text, settings)
        chunks = -1
    seconds = time.perf_counter() - start
    return {
        "kb": size // 1000,
        "chars": len(text),
        "seconds": round(seconds, 1),
        "peak_mb": round(_peak_mb()),
        "loaded_mb": round(loaded),
        "quotes": len(quotes),
        "speakers": len(speakers),
        "outcome": f"analysed whole ({chunks} chunks)" if chunks > 0 else "analysed whole",
    }


def _streamed(
    text: str, settings: Settings, start: float
) -> tuple[list[Quote], list[Speaker], int]:
    """``analyze_text``'s loop, counting the windows done (reported every 20 s)."""
    from newsdesk.analyze import load_pipeline
    from newsdesk.analyze._nlp import chunk_plan, parse_stream
    from newsdesk.analyze._stage import _analyze_window
    from newsdesk.analyze._stream import Findings, windows

    nlp = load_pipeline(settings.spacy_model)
    plan = chunk_plan(text)
    done = [0]
    stop = threading.Event()
    threading.Thread(target=_report, args=(stop, done, len(plan), start), daemon=True).start()
    findings = Findings()
    for window in windows(text, plan, parse_stream(text, nlp, plan)):
        findings.add(window, _analyze_window(text[window.base : window.end], window, settings))
        done[0] += 1
    stop.set()
    quotes, speakers, _entities = findings.results()
    return quotes, speakers, len(plan)


def _report(stop: threading.Event, done: list[int], total: int, start: float) -> None:
    while not stop.wait(20.0):
        seconds = time.perf_counter() - start
        line = {"s": round(seconds), "windows": done[0], "of": max(total - 1, 1)}
        print(json.dumps({**line, "peak_mb": round(_peak_mb())}), file=sys.stderr, flush=True)


def run_case(size: int, src: Path | None, timeout: float) -> dict[str, object]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(size)]
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        samples = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
        outcome = f"stopped after {timeout:.0f} s"
        if not samples:
            return {"kb": size // 1000, "outcome": outcome}
        got = samples[-1]
        outcome += f": {got['windows']} of {got['of']} windows done at {got['s']} s"
        return {"kb": size // 1000, "peak_mb": got["peak_mb"], "outcome": outcome}
    if proc.returncode != 0:
        return {"kb": size // 1000, "outcome": f"worker failed: {proc.stderr.strip()[-300:]}"}
    row: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def _table(rows: list[dict[str, object]], label: str) -> str:
    lines = [f"{label}", f"{'KB':>6} {'chars':>10} {'s':>8} {'peak MB':>8} {'loaded MB':>9}"
             "  quotes  speakers  under 1 GB  outcome"]  # fmt: skip
    for r in rows:
        peak = r.get("peak_mb")
        ok = isinstance(peak, int) and peak < LIMIT_MB
        lines.append(
            f"{r['kb']!s:>6} {r.get('chars', '-')!s:>10} {r.get('seconds', '-')!s:>8} "
            f"{peak if peak is not None else '-'!s:>8} {r.get('loaded_mb', '-')!s:>9}  "
            f"{r.get('quotes', '-')!s:>6}  {r.get('speakers', '-')!s:>8}  "
            f"{'yes' if ok else 'NO':<10}  {r['outcome']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, action="append", default=None, help="KB of text")
    parser.add_argument("--src", type=Path, default=None, help="run the workers on this src")
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds per case")
    parser.add_argument("--json", type=Path, default=None, help="Also write the rows here.")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    rows = []
    for kb in args.size or SIZES_KB:
        rows.append(run_case(kb * 1000, args.src, args.timeout))
        print(f"  {kb} KB: done", file=sys.stderr, flush=True)
    print(_table(rows, f"analysis without a budget, on {args.src or 'this checkout'}"))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    over = [r for r in rows if not (isinstance(r.get("peak_mb"), int) and r["peak_mb"] < LIMIT_MB)]  # type: ignore[operator]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
