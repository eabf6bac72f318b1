"""Start-up cost: import time of ``newsdesk.cli``, ``newsdesk --help`` and ``newsdesk extract``
on one sample page, measured with ``python -X importtime`` in fresh interpreters.

Prints the median and the range over ``--runs`` runs of the summed top-level cumulative
import times (what the interpreter spends importing before the command does its work), the
wall time of each command, and how many modules each one imports. Run from the repository
root with the project's virtual environment::

    .venv/bin/python benchmarks/startup.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "src" / "newsdesk" / "samples" / "pages" / "156770d676ce.html"
CASES: dict[str, list[str]] = {
    "import newsdesk.cli": ["-c", "import newsdesk.cli"],
    "newsdesk --help": ["-m", "newsdesk", "--help"],
    "newsdesk extract one.html": ["-m", "newsdesk", "extract", str(PAGE)],
}


def one_run(args: list[str]) -> tuple[float, float, int]:
    """(import seconds, wall seconds, modules imported) of one fresh interpreter."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    wall = time.perf_counter() - start
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    total_us = 0
    for line in lines[1:]:  # the first line is the column header
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        if not name.startswith("  "):  # top level: one space before the name
            total_us += int(cumulative)
    return total_us / 1e6, wall, len(lines) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters per command")
    runs = parser.parse_args().runs
    print(f"load average {os.getloadavg()[0]:.2f}; {runs} runs each; seconds")
    print(f"{'command':28} {'import median':>13} {'range':>13} {'wall median':>11} {'modules':>7}")
    for label, args in CASES.items():
        samples = [one_run(args) for _ in range(runs)]
        imports = [s[0] for s in samples]
        walls = [s[1] for s in samples]
        span = f"{min(imports):.3f}-{max(imports):.3f}"
        print(
            f"{label:28} {statistics.median(imports):13.3f} {span:>13}"
            f" {statistics.median(walls):11.3f} {samples[0][2]:7d}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
