"""Fuzz ``newsdesk.extract.extract`` for a given time: any bytes, HTML-like markup in any
encoding, text dumps and dated meta tags in; an ``Article`` or a named ``InputError`` out.

The property and the generators are those of ``tests/test_properties_extract.py``
(``tests/extract_strategies.py``), here with fresh randomness and no example bound:

    PYTHONPATH=src nice -n 10 .venv/bin/python fuzz/extract_target.py --minutes 10

Prints the number of inputs tried and every failure Hypothesis found (shrunk), and exits 1
when there was one. Results of the last run: fuzz/README-extract.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from extract_strategies import check_extract, pages  # needs the path above
from newsdesk.record import Page

BATCH = 500  # examples per Hypothesis run; runs repeat until the time is up


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args(argv)
    count = 0
    failures: list[str] = []

    @settings(
        max_examples=BATCH,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(pages)
    def target(page: Page) -> None:
        nonlocal count
        count += 1
        check_extract(page)

    start = time.monotonic()
    end = start + args.minutes * 60
    while time.monotonic() < end:
        try:
            target()
        except Exception:  # a failure found (and shrunk): keep it, keep fuzzing
            failures.append(traceback.format_exc(limit=4))
            print(failures[-1], file=sys.stderr, flush=True)
    minutes = (time.monotonic() - start) / 60
    print(f"extract fuzz: {count:,} inputs in {minutes:.1f} min, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
