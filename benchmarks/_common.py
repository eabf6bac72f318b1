"""Helpers shared by the benchmark scripts: data paths, worker subprocesses, timing, tables.

The benchmark scripts run each tool in its own subprocess (``--worker NAME``) so that a
tool's imports and caches never leak into another tool's memory figure, and so that the
peak resident memory of one process is the peak of one tool.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SCRAPINGHUB = DATA / "scrapinghub"
WCXB = DATA / "wcxb-dev"


class BenchmarkError(Exception):
    """A benchmark could not run (missing data, a peer not installed, a worker failed)."""


def read_gzip(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise BenchmarkError(f"{path}: cannot read ({exc}); is ../shared/data in place?") from exc


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchmarkError(f"{path}: cannot read JSON ({exc})") from exc


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB: ``VmHWM`` of /proc/self/status.

    Not ``ru_maxrss`` where /proc is there: on Linux a child started with fork (or vfork) and
    exec begins with its parent's peak as its own ``ru_maxrss``, so a small worker of a big
    parent would report the parent's memory (measured: 310 MB for an 9 MB child)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _refuse_network(*_args: object, **_kwargs: object) -> None:
    raise OSError("network access is disabled inside benchmark workers")


def forbid_network() -> None:
    """Make any attempt to open a connection or resolve a name fail loudly in this process."""
    socket.socket.connect = _refuse_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse_network  # type: ignore[method-assign,assignment]
    socket.create_connection = _refuse_network  # type: ignore[assignment]
    socket.getaddrinfo = _refuse_network  # type: ignore[assignment]


@dataclass(slots=True)
class Passes:
    """Outputs of the first pass, which inputs crashed and the wall time of every pass."""

    outputs: list[Any]
    crashed: list[int]  # positions of the inputs that raised (first pass)
    first_error: str | None
    seconds: list[float]
    cpu_seconds: list[float]  # process CPU time of every pass: less sensitive to a busy machine

    @property
    def crashes(self) -> int:
        return len(self.crashed)

    @property
    def pages_per_second(self) -> float:
        median = statistics.median(self.seconds)
        return len(self.outputs) / median if median > 0 else 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        median = statistics.median(self.cpu_seconds)
        return len(self.outputs) / median if median > 0 else 0.0

    def as_json(self, name: str, ids: Sequence[str]) -> dict[str, Any]:
        """What a worker writes for its tool (``ids``: the inputs' ids, in order)."""
        return {
            "name": name,
            "outputs": self.outputs,
            "crashes": self.crashes,
            "crashed_pages": [ids[i] for i in self.crashed],
            "first_error": self.first_error,
            "seconds": self.seconds,
            "pages_per_second": self.pages_per_second,
            "cpu_seconds": self.cpu_seconds,
            "pages_per_cpu_second": self.pages_per_cpu_second,
        }


def timed_passes(
    func: Callable[[Any], Any], inputs: Sequence[Any], passes: int = 3, empty: Any = ""
) -> Passes:
    """Run ``func`` over every input ``passes`` times; keep the outputs of the first pass.

    An exception on an input counts as a crash and as the ``empty`` output for that input.
    """
    outputs: list[Any] = []
    crashed: list[int] = []
    first_error: str | None = None
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    for number in range(passes):
        start, cpu_start = time.perf_counter(), time.process_time()
        for position, item in enumerate(inputs):
            try:
                result = func(item)
            except Exception as exc:  # a peer's crash is a measured outcome
                result = empty
                if number == 0:
                    crashed.append(position)
                    message = " ".join(f"{type(exc).__name__}: {exc}".split())
                    first_error = first_error or message[:300]
            if number == 0:
                outputs.append(result)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    return Passes(outputs, crashed, first_error, seconds, cpu_seconds)


def run_worker(script: Path, name: str, extra_args: Sequence[str], timeout: float) -> Any:
    """Run ``script --worker name --out FILE extra_args`` in a fresh Python; return FILE's JSON."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(script), "--worker", name, "--out", str(out), *extra_args]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchmarkError(f"worker {name}: no result after {timeout:.0f} s") from exc
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
            raise BenchmarkError(f"worker {name} exited {done.returncode}: " + " | ".join(tail))
        return read_json(out)


def run_workers(
    script: Path, names: Sequence[str], extra_args: Sequence[str], timeout: float
) -> tuple[list[Any], list[str]]:
    """Each named tool's worker in turn: the JSON of those that ran, and one line for each
    that did not ("name: why")."""
    runs: list[Any] = []
    failed: list[str] = []
    for name in names:
        try:
            runs.append(run_worker(script, name, extra_args, timeout=timeout))
        except BenchmarkError as exc:
            failed.append(f"{name}: {exc}")
    return runs, failed


def problem_lines(results: Sequence[dict[str, Any]], failed: Sequence[str]) -> list[str]:
    """The report's last lines: tools that crashed on some pages, then tools that failed."""
    lines = [
        f"{r['name']}: {r['crashes']} crash(es), first: {r['first_error']}"
        for r in results
        if r["first_error"]
    ]
    return lines + [f"FAILED {line}" for line in failed]


def tool_arguments(
    parser: argparse.ArgumentParser, names: Sequence[str], limit_help: str, default: str = "all"
) -> None:
    """The options every benchmark script takes (and the hidden worker ones)."""
    parser.add_argument("--limit", type=int, help=limit_help)
    parser.add_argument(
        "--peers", help=f"comma-separated, from: {','.join(names)} (default {default})"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")


def worker_arguments(
    parser: argparse.ArgumentParser, names: Sequence[str], timeout_help: str
) -> None:
    """``--timeout`` and the hidden options of the worker subprocess."""
    parser.add_argument("--timeout", type=float, default=1800, help=timeout_help)
    parser.add_argument("--worker", choices=list(names), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)


def run_main(
    args: argparse.Namespace,
    worker: Callable[[argparse.Namespace], None],
    run_all: Callable[[argparse.Namespace], int],
) -> int:
    """A benchmark script's exit code: 0 for a worker that wrote its result, else
    ``run_all``'s; 2 when the benchmark could not run (the error printed on stderr)."""
    try:
        if args.worker:
            worker(args)
            return 0
        return run_all(args)
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def parse_names(value: str | None, known: Sequence[str]) -> list[str]:
    """``a,b,c`` -> the names in that order; unknown names are a BenchmarkError."""
    if not value:
        return list(known)
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BenchmarkError(
            f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(known)}"
        )
    return names


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return "-"
    return f"{numerator / denominator:.2f}x"


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
