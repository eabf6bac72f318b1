"""Start-up cost: import time of ``newsdesk.cli``, ``newsdesk --help`` and ``newsdesk extract``
on one sample page, measured with ``python -X importtime`` in fresh interpreters.

Prints the median and the range over ``--runs`` runs of the summed top-level cumulative
import times (what the interpreter spends importing before the command does its work), the
wall and CPU time of each command, and how many modules each one imports. Bytecode is cached as in
an installed package (``pip`` compiles ``.pyc`` files at install): the children write and read
it under a temporary ``PYTHONPYCACHEPREFIX`` (even when ``PYTHONDONTWRITEBYTECODE`` is set),
after one warm-up run of each command that is not counted. Run from the repository root with
the project's virtual environment::

    .venv/bin/python benchmarks/startup.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "src" / "newsdesk" / "samples" / "pages" / "156770d676ce.html"
CASES: dict[str, list[str]] = {
    "import newsdesk.cli": ["-c", "import newsdesk.cli"],
    "newsdesk --help": ["-m", "newsdesk", "--help"],
    "newsdesk extract one.html": ["-m", "newsdesk", "extract", str(PAGE)],
}


def child_env(cache: str) -> dict[str, str]:
    """The environment of a measured interpreter: our tree first, bytecode cached in ``cache``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(REPO / "src"), "PYTHONPYCACHEPREFIX": cache}


def one_run(args: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """(import seconds, wall seconds, CPU seconds, modules imported) of one fresh interpreter.
    CPU time (user + system) is the steadier figure on a shared machine: waiting for a core
    counts in the wall time, not in it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    total_us = 0
    for line in lines[1:]:  # the first line is the column header
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        if not name.startswith("  "):  # top level: one space before the name
            total_us += int(cumulative)
    return total_us / 1e6, wall, cpu, len(lines) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters per command")
    runs = parser.parse_args().runs
    print(f"load average {os.getloadavg()[0]:.2f}; {runs} runs each; seconds")
    print(
        f"{'command':28} {'import median':>13} {'range':>13} {'wall median':>11}"
        f" {'cpu median':>10} {'modules':>7}"
    )
    with tempfile.TemporaryDirectory(prefix="newsdesk-pyc-") as cache:
        for label, args in CASES.items():
            report(label, args, runs, child_env(cache))
    return 0


def report(label: str, args: list[str], runs: int, env: dict[str, str]) -> None:
    """Print one command's line: one warm-up run (fills the bytecode cache), then ``runs``."""
    one_run(args, env)
    samples = [one_run(args, env) for _ in range(runs)]
    imports = [s[0] for s in samples]
    walls = [s[1] for s in samples]
    cpus = [s[2] for s in samples]
    span = f"{min(imports):.3f}-{max(imports):.3f}"
    print(
        f"{label:28} {statistics.median(imports):13.3f} {span:>13}"
        f" {statistics.median(walls):11.3f} {statistics.median(cpus):10.3f} {samples[0][3]:7d}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
