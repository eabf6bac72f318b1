"""Hostile texts through the analyze stage: time and peak memory of each, in its own process.

Issue 17 measured these before analysis was bounded (1 MB of ``"`` took 256 s and 16.1 GB);
each must now stay under 1 GB of peak resident memory and 60 s. Each case runs in a fresh
worker subprocess (``--worker NAME``) as a plain-text page through ``PLAIN_TEXT`` and
``ANALYZE`` (what ``newsdesk analyze --plain`` runs), so the peak is that of one case, spaCy
model included; ``loaded MB`` is the worker's peak once the model is loaded, before the case.

    .venv/bin/python benchmarks/hostile.py [--case NAME ...] [--json out.json]

Settings come from the environment (``NEWSDESK_MAX_ANALYZE_CHARS`` to try another cap).

Last run (2026-12-07, shared two-core machine, load 1.5-3.5, default budget: 100,000
characters, 20,000 words and marks, 2,000 quote marks; analysis in windows of two chunks):

    case                        KB      s  peak MB  quotes  (issue 17, before)
    1 MB of straight quotes    976    0.9      194       0  256 s, 16.1 GB
    100 K mixed quote marks    239    0.2      165       0  169 s, 1.8 GB
    10,000-sentence article    645    3.7      304    1510  33 s, 2.55 GB
    40,000 quotes              934    1.7      304    1000  64 s, 4.7 GB
    169 KB of emoji            165    3.8      193       0  12.8 s, 971 MB

The model alone (loaded, before the case) takes 155-160 MB. Without the budget, the
analysis' memory stays flat as the text grows (it streams its parse in windows of two
chunks): ``benchmarks/analyze_stream.py`` measures 100 KB to 5 MB of real news text.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LIMIT_MB = 1024
LIMIT_SECONDS = 60.0
_MARKS = "\"“”‘’«»„'‹›"
_EMOJI = "😀🎉🔥👍🏽🚀🌍❤️🤖🧠📰"


def _mixed_marks() -> str:
    return "".join(_MARKS[(i * 7 + i // 13) % len(_MARKS)] for i in range(100_000))


def _sentences() -> str:
    """10,000 sentences, 625 KB, in paragraphs of ten."""
    parts = []
    for i in range(10_000):
        sep = "\n\n" if i % 10 == 9 else " "
        parts.append(f"Officials in district {i:05d} said on Monday the road would reopen.{sep}")
    return "".join(parts)


def _many_quotes() -> str:
    """40,000 short quotes with a speaker each, about 900 KB."""
    names = ("he", "she", "Rossi", "Okafor")
    return "".join(
        f'"Yes {i}," {names[i % 4]} said.' + ("\n\n" if i % 5 == 4 else " ") for i in range(40_000)
    )


CASES: dict[str, Callable[[], str]] = {
    "1 MB of straight quotes": lambda: '"' * 1_000_000,
    "100 K mixed quote marks": _mixed_marks,
    "10,000-sentence article": _sentences,
    "40,000 quotes": _many_quotes,
    "169 KB of emoji": lambda: (_EMOJI * 20_000).encode()[:169_000].decode(errors="ignore"),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(name: str) -> dict[str, object]:
    """Run one case in this process; the figures as a dict (printed as JSON by main)."""
    from newsdesk.analyze import load_pipeline
    from newsdesk.pipeline import ANALYZE, PLAIN_TEXT, process_page
    from newsdesk.record import Page
    from newsdesk.settings import Settings

    settings = Settings.from_env()
    load_pipeline(settings.spacy_model)
    text = CASES[name]()
    content = text.encode("utf-8")
    loaded = _peak_mb()
    start = time.perf_counter()
    result = process_page(Page(name, content, kind="text"), settings, [ANALYZE], first=PLAIN_TEXT)
    seconds = time.perf_counter() - start
    article = result.article
    return {
        "case": name,
        "bytes": len(content),
        "chars": len(text),
        "seconds": round(seconds, 2),
        "peak_mb": round(_peak_mb()),
        "loaded_mb": round(loaded),
        "quotes": len(article.quotes) if article else None,
        "outcome": (
            type(result.error).__name__
            if result.error
            else "; ".join(s.reason for s in article.skipped)
            if article and article.skipped
            else "analysed whole"
        ),
    }


def run_case(name: str, timeout: float = 5 * LIMIT_SECONDS) -> dict[str, object]:
    try:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", name],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"case": name, "outcome": f"still running after {timeout:.0f} s: stopped"}
    if proc.returncode != 0:
        return {"case": name, "outcome": f"worker failed: {proc.stderr.strip()[-300:]}"}
    row: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def _table(rows: list[dict[str, object]]) -> str:
    head = f"{'case':<26} {'KB':>6} {'chars':>9} {'s':>7} {'peak MB':>8} {'loaded MB':>9}"
    lines = [head + "  quotes  within 1 GB/60 s  outcome"]
    for r in rows:
        ok = r.get("peak_mb", 1e9) < LIMIT_MB and r.get("seconds", 1e9) < LIMIT_SECONDS  # type: ignore[operator]
        lines.append(
            f"{r['case']:<26} {int(r.get('bytes', 0)) // 1024:>6} {r.get('chars', '-'):>9} "  # type: ignore[call-overload]
            f"{r.get('seconds', '-'):>7} {r.get('peak_mb', '-'):>8} {r.get('loaded_mb', '-'):>9}"
            f"  {r.get('quotes', '-')!s:>6}  {'yes' if ok else 'NO':<16} {r['outcome']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), default=None)
    parser.add_argument("--json", type=Path, default=None, help="Also write the rows here.")
    parser.add_argument("--worker", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    rows = []
    for name in args.case or list(CASES):
        rows.append(run_case(name))
        print(f"  {name}: done", file=sys.stderr)
    print(_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    failed = [
        r
        for r in rows
        if not (r.get("peak_mb", 1e9) < LIMIT_MB and r.get("seconds", 1e9) < LIMIT_SECONDS)
    ]  # type: ignore[operator]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
